package bench

// Each benchmark has the asyncgo variant and the goroutine equivalent
// ("goroutine...") as sub-benchmarks, so one `go test -bench` run measures
// them together. The asyncgo variant is named after the build (see mode):
// "aio-gen" in the default build, "aio-src" under -tags aiosrc. cmd/compare
// parses the sub-benchmark names; keep them
// stable.

import (
	"fmt"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// spawnBatch is how many tasks (or goroutines) are in flight at once in the
// spawn workload.
const spawnBatch = 1000

// reportPerOp adds the time per operation under the workload's own unit
// name (ns/task, ns/roundtrip, ...), for readers of the raw output.
func reportPerOp(b *testing.B, unit string) {
	if b.N > 0 {
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N), unit)
	}
}

// BenchmarkSpawn spawns tasks that each yield once and awaits them, in
// batches of spawnBatch; one op is one task. "gather" passes each batch's
// coroutines to aio.Gather, which spawns them (asyncio.gather(*coros));
// "spawn-gather" spawns them and gathers the tasks.
func BenchmarkSpawn(b *testing.B) {
	b.Run(mode, func(b *testing.B) {
		b.ReportAllocs()
		n, err := aio.Run(SpawnYielders(b.N, spawnBatch))
		if n != b.N || err != nil {
			b.Fatalf("SpawnYielders = %d, %v; want %d", n, err, b.N)
		}
		reportPerOp(b, "ns/task")
	})
	b.Run(mode+"-gather", func(b *testing.B) {
		b.ReportAllocs()
		mk := func(int) aio.Coro[struct{}] { return YieldOnce() }
		n, err := aio.Run(GatherBatches(b.N, spawnBatch, mk))
		if n != b.N || err != nil {
			b.Fatalf("GatherBatches = %d, %v; want %d", n, err, b.N)
		}
		reportPerOp(b, "ns/task")
	})
	b.Run(mode+"-spawn-gather", func(b *testing.B) {
		b.ReportAllocs()
		n, err := aio.Run(SpawnGather(b.N, spawnBatch))
		if n != b.N || err != nil {
			b.Fatalf("SpawnGather = %d, %v; want %d", n, err, b.N)
		}
		reportPerOp(b, "ns/task")
	})
	b.Run("goroutine", func(b *testing.B) {
		b.ReportAllocs()
		var wg sync.WaitGroup
		for done := 0; done < b.N; {
			n := min(spawnBatch, b.N-done)
			wg.Add(n)
			for range n {
				go func() {
					runtime.Gosched()
					wg.Done()
				}()
			}
			wg.Wait()
			done += n
		}
		reportPerOp(b, "ns/task")
	})
}

// BenchmarkPingPong measures a round trip between two tasks; one op is one
// round trip. "future" sends every message through a fresh aio.Future (the
// asyncio way); "queue" goes through two unbounded aio.Queues (asyncio.Queue);
// "yield" hands a shared counter back and forth with aio.Yield, which
// allocates nothing.
func BenchmarkPingPong(b *testing.B) {
	want := func(n int) int { return n * (n - 1) / 2 }
	b.Run(mode+"-future", func(b *testing.B) {
		b.ReportAllocs()
		sum, err := aio.Run(PingPong(b.N))
		if sum != want(b.N) || err != nil {
			b.Fatalf("PingPong = %d, %v", sum, err)
		}
		reportPerOp(b, "ns/roundtrip")
	})
	b.Run(mode+"-yield", func(b *testing.B) {
		b.ReportAllocs()
		seq, err := aio.Run(YieldPingPong(b.N))
		if seq != 2*b.N || err != nil {
			b.Fatalf("YieldPingPong = %d, %v", seq, err)
		}
		reportPerOp(b, "ns/roundtrip")
	})
	b.Run(mode+"-queue", func(b *testing.B) {
		b.ReportAllocs()
		sum, err := aio.Run(QueuePingPong(b.N))
		if sum != want(b.N) || err != nil {
			b.Fatalf("QueuePingPong = %d, %v", sum, err)
		}
		reportPerOp(b, "ns/roundtrip")
	})
	b.Run("goroutine-chan", func(b *testing.B) {
		b.ReportAllocs()
		ping, pong := make(chan int), make(chan int)
		go func() {
			for v := range ping {
				pong <- v
			}
		}()
		sum := 0
		for i := range b.N {
			ping <- i
			sum += <-pong
		}
		close(ping)
		if sum != want(b.N) {
			b.Fatalf("sum = %d", sum)
		}
		reportPerOp(b, "ns/roundtrip")
	})
}

// memBench runs one memory experiment per op: park n tasks or goroutines,
// measure, release them. run must call measure while all n are parked.
func memBench(b *testing.B, n int, run func(n int, measure func())) {
	var heapSum, totalSum float64
	for range b.N {
		before := SampleMem()
		var after MemSample
		run(n, func() { after = SampleMem() })
		heap, total := PerTask(before, after, n)
		heapSum += heap
		totalSum += total
	}
	b.ReportMetric(totalSum/float64(b.N), "bytes/task")
	b.ReportMetric(heapSum/float64(b.N), "heap-bytes/task")
}

// BenchmarkSleepMem measures the memory of a task suspended in
// aio.Sleep(time.Hour) on a virtual-clock loop, against a goroutine parked
// on a channel ("goroutine-park") and one sleeping on a stoppable timer
// ("goroutine-sleep"). The bytes/task metric is the growth of heap in-use
// plus stack in-use memory after a full GC, divided by N; heap-bytes/task
// leaves stacks out. One op is one whole experiment; run it with
// -benchtime=1x.
func BenchmarkSleepMem(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		if mode == "aio-gen" || n <= 100_000 { // source mode: a goroutine per coroutine; 1M would take minutes
			b.Run(fmt.Sprintf("N=%d/%s", n, mode), func(b *testing.B) {
				memBench(b, n, func(n int, measure func()) {
					if _, err := aio.Run(SleepMem(n, measure), aio.WithVirtualClock()); err != nil {
						b.Fatal(err)
					}
				})
			})
		}
		b.Run(fmt.Sprintf("N=%d/goroutine-park", n), func(b *testing.B) {
			memBench(b, n, func(n int, measure func()) {
				stop := make(chan struct{})
				var started, exited sync.WaitGroup
				started.Add(n)
				exited.Add(n)
				for range n {
					go func() {
						started.Done()
						<-stop
						exited.Done()
					}()
				}
				started.Wait()
				measure()
				close(stop)
				exited.Wait()
			})
		})
		b.Run(fmt.Sprintf("N=%d/goroutine-sleep", n), func(b *testing.B) {
			memBench(b, n, func(n int, measure func()) {
				stop := make(chan struct{})
				var started, exited sync.WaitGroup
				started.Add(n)
				exited.Add(n)
				for range n {
					go func() {
						t := time.NewTimer(time.Hour)
						started.Done()
						select {
						case <-t.C:
						case <-stop:
						}
						t.Stop()
						exited.Done()
					}()
				}
				started.Wait()
				measure()
				close(stop)
				exited.Wait()
			})
		})
	}
}

// BenchmarkAwaitDone awaits an already-done future; one op is one await. The
// goroutine equivalent receives from a closed channel.
func BenchmarkAwaitDone(b *testing.B) {
	fut := aio.NewFuture[int]()
	fut.SetResult(1)
	b.Run(mode, func(b *testing.B) {
		b.ReportAllocs()
		sum, err := aio.Run(AwaitDone(fut, b.N))
		if sum != b.N || err != nil {
			b.Fatalf("AwaitDone = %d, %v", sum, err)
		}
		reportPerOp(b, "ns/await")
	})
	b.Run("goroutine-closed-chan", func(b *testing.B) {
		b.ReportAllocs()
		done := make(chan struct{})
		close(done)
		n := 0
		for range b.N {
			if _, ok := <-done; !ok {
				n++
			}
		}
		if n != b.N {
			b.Fatal(n)
		}
		reportPerOp(b, "ns/await")
	})
}

// BenchmarkAsyncGen pulls values from an async generator; one op is one
// value. asyncgo resumes the generator's body inline in the consuming task
// and hands each value back without a loop iteration; the goroutine
// equivalent is a producer goroutine on an unbuffered channel.
func BenchmarkAsyncGen(b *testing.B) {
	want := func(n int) int { return n * (n - 1) / 2 }
	b.Run(mode, func(b *testing.B) {
		b.ReportAllocs()
		sum, err := aio.Run(SumNaturals(b.N))
		if sum != want(b.N) || err != nil {
			b.Fatalf("SumNaturals = %d, %v", sum, err)
		}
		reportPerOp(b, "ns/value")
	})
	b.Run("goroutine-chan", func(b *testing.B) {
		b.ReportAllocs()
		ch := make(chan int)
		go func() {
			for i := 0; i < b.N; i++ {
				ch <- i
			}
			close(ch)
		}()
		sum := 0
		for v := range ch {
			sum += v
		}
		if sum != want(b.N) {
			b.Fatalf("sum = %d", sum)
		}
		reportPerOp(b, "ns/value")
	})
}

// BenchmarkCoroCall awaits a nested coroutine that returns at once; one op
// is one call. asyncgo runs it inline in the task (one frame allocation);
// the goroutine equivalent starts a goroutine and receives its result.
func BenchmarkCoroCall(b *testing.B) {
	b.Run(mode, func(b *testing.B) {
		b.ReportAllocs()
		x, err := aio.Run(Caller(b.N))
		if x != b.N || err != nil {
			b.Fatalf("Caller = %d, %v", x, err)
		}
		reportPerOp(b, "ns/call")
	})
	b.Run("goroutine", func(b *testing.B) {
		b.ReportAllocs()
		x := 0
		c := make(chan int)
		for range b.N {
			go func(x int) { c <- x + 1 }(x)
			x = <-c
		}
		if x != b.N {
			b.Fatal(x)
		}
		reportPerOp(b, "ns/call")
	})
}

// timerCount and timerMax define the timers workload: 100k real timers of
// pseudo-random durations in [0, 100ms).
const (
	timerCount = 100_000
	timerMax   = 100 * time.Millisecond
)

// timerBench runs the timers workload once per op and reports the mean and
// 99th-percentile lateness in milliseconds, averaged over the ops. It is a
// measurement, never a pass/fail check.
func timerBench(b *testing.B, run func(ds, late []time.Duration)) {
	ds := TimerDurations(timerCount, timerMax)
	late := make([]time.Duration, timerCount)
	var mean, p99, worst float64
	for range b.N {
		clear(late)
		run(ds, late)
		s := Summarize(late)
		mean += float64(s.Mean) / 1e6
		p99 += float64(s.P99) / 1e6
		worst = max(worst, float64(s.Max)/1e6)
	}
	b.ReportMetric(mean/float64(b.N), "mean-late-ms")
	b.ReportMetric(p99/float64(b.N), "p99-late-ms")
	b.ReportMetric(worst, "max-late-ms")
}

// BenchmarkTimers starts 100k real (not virtual) sleeps of 0-100 ms and
// measures how late they wake. One op is the whole workload.
func BenchmarkTimers(b *testing.B) {
	b.Run(mode, func(b *testing.B) {
		b.ReportAllocs()
		timerBench(b, func(ds, late []time.Duration) {
			if _, err := aio.Run(Timers(ds, late)); err != nil {
				b.Fatal(err)
			}
		})
	})
	b.Run("goroutine", func(b *testing.B) {
		b.ReportAllocs()
		timerBench(b, func(ds, late []time.Duration) {
			var wg sync.WaitGroup
			wg.Add(len(ds))
			for i, d := range ds {
				go func() {
					start := time.Now()
					time.Sleep(d)
					late[i] = time.Since(start) - d
					wg.Done()
				}()
			}
			wg.Wait()
		})
	})
}
