//go:build !aiosrc

package gen_test

// sourceMode: this test binary runs the corpus with the generated state
// machines (the default build).
const sourceMode = false
