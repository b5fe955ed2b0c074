// Package doccheck holds tests that keep the user documentation honest: the
// shell commands in README.md run, the README's walkthrough program builds
// and prints what the README says, its generated-code listing matches the
// real generator output, and every example's generated twin is fresh.
//
// The package has no code of its own; run it with
//
//	go test ./internal/doccheck
package doccheck
