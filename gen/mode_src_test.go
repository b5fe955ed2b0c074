//go:build aiosrc

package gen_test

// sourceMode: this test binary runs the corpus with the reference
// Async/Await implementation (the aiosrc build).
const sourceMode = true
