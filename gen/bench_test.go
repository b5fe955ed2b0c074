package gen_test

import (
	"bytes"
	"testing"

	"github.com/asyncgo/asyncgo/gen"
	"github.com/asyncgo/asyncgo/runtime/aio"
	"github.com/asyncgo/asyncgo/testdata/genbench"
)

func readyFutures(n int) []*aio.Future[int] {
	fs := make([]*aio.Future[int], n)
	for i := range fs {
		fs[i] = aio.NewFuture[int]()
		fs[i].SetResult(1)
	}
	return fs
}

// runLoop runs c on a loop that is reused across iterations' measurements.
func runOnce[T any](tb testing.TB, c aio.Coro[T]) T {
	v, err := aio.Run(c, aio.WithVirtualClock())
	if err != nil {
		tb.Fatal(err)
	}
	return v
}

// TestAllocationContract checks the performance contract of generated code:
// awaiting a done future allocates nothing and a coroutine call allocates
// its frame only.
func TestAllocationContract(t *testing.T) {
	if sourceMode {
		t.Skip("the reference implementation runs coroutines on goroutines")
	}
	const n = 1000
	fs := readyFutures(n)
	base := testing.AllocsPerRun(20, func() { runOnce(t, genbench.AwaitReady(fs[:1])) })
	many := testing.AllocsPerRun(20, func() { runOnce(t, genbench.AwaitReady(fs)) })
	if perAwait := (many - base) / (n - 1); perAwait > 0.01 {
		t.Errorf("awaiting a done future: %.3f allocs per await, want 0", perAwait)
	}
	one := testing.AllocsPerRun(20, func() { runOnce(t, genbench.CallLeaves(1)) })
	calls := testing.AllocsPerRun(20, func() { runOnce(t, genbench.CallLeaves(n+1)) })
	if perCall := (calls - one) / n; perCall > 1.01 {
		t.Errorf("coroutine call: %.3f allocs per call, want 1", perCall)
	}
	d1 := testing.AllocsPerRun(20, func() { runOnce(t, genbench.Nested(1)) })
	d100 := testing.AllocsPerRun(20, func() { runOnce(t, genbench.Nested(101)) })
	if perLevel := (d100 - d1) / 100; perLevel > 1.01 {
		t.Errorf("nested call: %.3f allocs per level, want 1", perLevel)
	}
}

// BenchmarkAwaitReady: one op is one await of an already-done future.
func BenchmarkAwaitReady(b *testing.B) {
	fs := readyFutures(10000)
	b.ReportAllocs()
	for b.Loop() {
		runOnce(b, genbench.AwaitReady(fs))
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(fs)), "ns/await")
	b.ReportMetric(0, "ns/op")
}

// BenchmarkNestedCall: one op is a chain of 1000 nested coroutine calls
// (the frames stay on the task's chain until the innermost returns).
func BenchmarkNestedCall(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		runOnce(b, genbench.Nested(1000))
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*1000), "ns/call")
}

// BenchmarkSequentialCalls: one op is 1000 awaits of coroutines that
// return at once.
func BenchmarkSequentialCalls(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		runOnce(b, genbench.CallLeaves(1000))
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*1000), "ns/call")
}

// BenchmarkYieldLoop: a loop whose every iteration suspends and goes
// through the event loop (1000 iterations per op).
func BenchmarkYieldLoop(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		runOnce(b, genbench.YieldLoop(1000))
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*1000), "ns/iter")
}

// BenchmarkYieldLoopGoroutines is the same hand-off done with a goroutine
// and unbuffered channels (1000 round trips per op).
func BenchmarkYieldLoopGoroutines(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		req, resp := make(chan int), make(chan int)
		go func() {
			for v := range req {
				resp <- v
			}
			close(resp)
		}()
		for i := 0; i < 1000; i++ {
			req <- i
			<-resp
		}
		close(req)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*1000), "ns/iter")
}

// BenchmarkGenerate measures generation speed on the corpus (loading and
// type-checking excluded: go vet pays the same).
func BenchmarkGenerate(b *testing.B) {
	pkgs, err := gen.Load("", nil, "../testdata/corpus")
	if err != nil {
		b.Fatal(err)
	}
	lines := 0
	for b.Loop() {
		outs, err := gen.Generate(pkgs)
		if err != nil {
			b.Fatal(err)
		}
		lines = 0
		for _, o := range outs {
			lines += o.SourceSize
		}
	}
	b.ReportMetric(float64(b.Elapsed().Seconds())/float64(b.N)/float64(lines)*10000, "s/10kLines")
	_ = bytes.MinRead
}
