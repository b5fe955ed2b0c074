//go:build !aiosrc

package bench

// mode names the asyncgo sub-benchmarks after the build that runs them: the
// default build benchmarks the generated state machines of workloads.go.
const mode = "aio-gen"
