//go:build aiosrc

package bench

// mode names the asyncgo sub-benchmarks after the build that runs them:
// -tags aiosrc benchmarks workloads.go itself on the reference (goroutine)
// implementation.
const mode = "aio-src"
