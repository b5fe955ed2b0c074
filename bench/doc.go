// Package bench holds asyncgo's comparative benchmarks: the same workloads
// written as asyncgo coroutines and as plain goroutines, side by side, so
// that one `go test -bench . ./bench` run measures both. The same workloads
// for Python asyncio, uvloop and Node.js live in bench/peers, and
// `go run ./bench/cmd/compare` runs everything in one go and writes
// bench/RESULTS.md.
//
// The `asyncgo gen` generator is not finished, so every async body exists
// twice here:
//
//   - as a hand-written state machine in exactly the shape the generator
//     emits (the *Frame types in frames.go, marked "generated-shape"): this is
//     what compiled asyncgo programs run, and what the targets are about;
//   - as the same body in source mode (aio.Async / aio.Await, the
//     goroutine-based reference implementation), in source.go, as a
//     secondary comparison.
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
