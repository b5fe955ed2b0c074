// Package bench holds asyncgo's comparative benchmarks: the same workloads
// written as asyncgo coroutines and as plain goroutines, side by side, so
// that one `go test -bench . ./bench` run measures both. The same workloads
// for Python asyncio, uvloop and Node.js live in bench/peers, and
// `go run ./bench/cmd/compare` runs everything in one go and writes
// bench/RESULTS.md.
//
// Every async body exists twice here:
//
//   - in workloads.go, as users write it; `asyncgo gen` compiles it into
//     workloads_aio.go, the state machines the default build benchmarks
//     ("aio-gen"): what compiled asyncgo programs run, and what the targets
//     are about;
//   - in source.go, the same body in source mode in every build (aio.Async /
//     aio.Await, the goroutine-based reference implementation), as a
//     secondary comparison ("aio-src").
//
// Workloads (issue 2, "Benchmarks"):
//
//   - spawn: spawn N tasks that each yield once and await them all
//     (vs goroutines + sync.WaitGroup, each calling runtime.Gosched once);
//   - pingpong: a round trip between two tasks, through futures and through
//     an allocation-free yield hand-off (vs two goroutines over unbuffered
//     channels);
//   - sleepmem: memory per task suspended in aio.Sleep(time.Hour) on a
//     virtual-clock loop (vs parked goroutines);
//   - awaitdone: awaiting an already-done future;
//   - timers: lateness of 100k real timers of 0-100 ms.
//
// Nothing here runs the peers: `go test ./bench/...` only runs the quick
// correctness tests; benchmarks run with -bench, peers with cmd/compare.
package bench
