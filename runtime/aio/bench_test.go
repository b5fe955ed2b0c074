package aio_test

// Performance contract of the runtime core (SPEC section 5), as tests that
// count allocations and as micro-benchmarks beside their goroutine
// equivalents. The comparative suite, with the peers (asyncio, uvloop,
// Node.js), is in bench/.

import (
	"testing"
	"unsafe"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// benchProbeFrame // generated-shape
//
// A coroutine with no await that hands its *Runner to probe: tests use it
// to drive the await protocol by hand, exactly as generated code does,
// inside a running task.
type benchProbeFrame struct {
	aio.CoroFrame[struct{}]
	probe func(r *aio.Runner)
}

func benchProbe(probe func(r *aio.Runner)) aio.Coro[struct{}] {
	f := &benchProbeFrame{probe: probe}
	return f.Init(f)
}

func (f *benchProbeFrame) Resume(r *aio.Runner) {
	f.probe(r)
	f.Return(r, struct{}{}, nil)
}

// awaitNow performs `v, err := aio.Await(aw)` the way generated code does
// and reports whether it completed without suspending.
func awaitNow[T any](r *aio.Runner, aw aio.Awaitable[T]) (T, error, bool) {
	if !aw.AwaitBegin(r) {
		var zero T
		return zero, nil, false
	}
	v, err := aw.AwaitEnd(r)
	return v, err, true
}

// TestAwaitDoneAllocatesNothing: awaiting a future or task that is already
// done costs no allocation and no trip through the loop.
func TestAwaitDoneAllocatesNothing(t *testing.T) {
	fut := aio.NewFuture[int]()
	fut.SetResult(7)
	_, err := aio.Run(aio.Async(func() (struct{}, error) {
		task := aio.Spawn(aio.Async(func() (int, error) { return 8, nil }))
		aio.Await(task) // now done
		_, err := aio.Await(benchProbe(func(r *aio.Runner) {
			// Sink results into locals the closure owns, so that nothing
			// but the await itself could allocate.
			var v int
			var err error
			var ok bool
			allocs := testing.AllocsPerRun(1000, func() {
				var x aio.Awaitable[int] = fut
				v, err, ok = awaitNow(r, x)
			})
			if allocs != 0 || !ok || v != 7 || err != nil {
				t.Errorf("await done future: %v allocs (v=%d err=%v inline=%v), want 0", allocs, v, err, ok)
			}
			allocs = testing.AllocsPerRun(1000, func() {
				var x aio.Awaitable[int] = task
				v, err, ok = awaitNow(r, x)
			})
			if allocs != 0 || !ok || v != 8 || err != nil {
				t.Errorf("await done task: %v allocs (v=%d err=%v inline=%v), want 0", allocs, v, err, ok)
			}
		}))
		return struct{}{}, err
	}))
	if err != nil {
		t.Fatal(err)
	}
}

// benchLeafFrame // generated-shape
//
//	func benchLeaf(x int) aio.Coro[int] {
//		return aio.Async(func() (int, error) { return x + 1, nil })
//	}
type benchLeafFrame struct {
	aio.CoroFrame[int]
	x int
}

func benchLeaf(x int) aio.Coro[int] {
	f := &benchLeafFrame{x: x}
	return f.Init(f)
}

func (f *benchLeafFrame) Resume(r *aio.Runner) { f.Return(r, f.x+1, nil) }

// benchCallerFrame // generated-shape
//
//	func benchCaller(n int) aio.Coro[int] {
//		return aio.Async(func() (int, error) {
//			x := 0
//			for i := 0; i < n; i++ {
//				x, _ = aio.Await(benchLeaf(x))
//			}
//			return x, nil
//		})
//	}
type benchCallerFrame struct {
	aio.CoroFrame[int]
	pc  int
	n   int
	x   int
	i   int
	aw1 aio.Coro[int]
}

func benchCaller(n int) aio.Coro[int] {
	f := &benchCallerFrame{n: n}
	return f.Init(f)
}

func (f *benchCallerFrame) Resume(r *aio.Runner) {
	switch f.pc {
	case 1:
		goto resume1
	}
	f.x = 0
	f.i = 0
loop:
	if f.i >= f.n {
		f.Return(r, f.x, nil)
		return
	}
	f.aw1 = benchLeaf(f.x)
	if !f.aw1.AwaitBegin(r) {
		f.pc = 1
		return
	}
resume1:
	{
		v, err := f.aw1.AwaitEnd(r)
		f.aw1 = aio.Coro[int]{}
		if err != nil {
			f.Return(r, f.x, err)
			return
		}
		f.x = v
	}
	f.i++
	goto loop
}

// TestCoroutineCallAllocatesOneFrame: a coroutine call awaited inline costs
// exactly one allocation, its frame. Measured as the difference between a
// task that makes 1+calls nested calls and one that makes 1, so the fixed
// cost of Run (loop, task, main frame) cancels out.
func TestCoroutineCallAllocatesOneFrame(t *testing.T) {
	const calls = 1000
	run := func(n int) float64 {
		return testing.AllocsPerRun(20, func() {
			if x, err := aio.Run(benchCaller(n)); x != n || err != nil {
				t.Fatalf("benchCaller(%d) = %d, %v", n, x, err)
			}
		})
	}
	perCall := (run(1+calls) - run(1)) / calls
	// MemStats count every goroutine's allocations; allow a stray one.
	if perCall < 0.995 || perCall > 1.005 {
		t.Errorf("%.3f allocations per coroutine call, want 1 (the frame)", perCall)
	}
	t.Logf("%.3f allocs per call; frame %d bytes, task %d bytes", perCall,
		unsafe.Sizeof(benchLeafFrame{}), unsafe.Sizeof(aio.Task[int]{}))
}

// BenchmarkCoreAwaitDoneFuture: one op is one await of a done future.
func BenchmarkCoreAwaitDoneFuture(b *testing.B) {
	fut := aio.NewFuture[int]()
	fut.SetResult(1)
	b.ReportAllocs()
	aio.Run(benchProbe(func(r *aio.Runner) {
		b.ResetTimer()
		for range b.N {
			var x aio.Awaitable[int] = fut
			if _, _, ok := awaitNow(r, x); !ok {
				b.Fatal("suspended")
			}
		}
	}))
}

// BenchmarkCoreNestedCall: one op is one `await benchLeaf(x)`, run inline.
// The goroutine equivalent starts a goroutine and receives its result.
func BenchmarkCoreNestedCall(b *testing.B) {
	b.Run("aio-gen", func(b *testing.B) {
		b.ReportAllocs()
		if x, err := aio.Run(benchCaller(b.N)); x != b.N || err != nil {
			b.Fatal(x, err)
		}
	})
	b.Run("goroutine", func(b *testing.B) {
		b.ReportAllocs()
		c := make(chan int)
		x := 0
		for range b.N {
			go func(x int) { c <- x + 1 }(x)
			x = <-c
		}
	})
}

// benchYielderFrame // generated-shape
//
//	func benchYielder(n int) aio.Coro[struct{}] {
//		return aio.Async(func() (struct{}, error) {
//			for i := 0; i < n; i++ {
//				aio.Await(aio.Yield())
//			}
//			return struct{}{}, nil
//		})
//	}
type benchYielderFrame struct {
	aio.CoroFrame[struct{}]
	pc  int
	n   int
	i   int
	aw1 aio.YieldOp
}

func benchYielder(n int) aio.Coro[struct{}] {
	f := &benchYielderFrame{n: n}
	return f.Init(f)
}

func (f *benchYielderFrame) Resume(r *aio.Runner) {
	switch f.pc {
	case 1:
		goto resume1
	}
loop:
	if f.i >= f.n {
		f.Return(r, struct{}{}, nil)
		return
	}
	f.aw1 = aio.Yield()
	if !f.aw1.AwaitBegin(r) {
		f.pc = 1
		return
	}
resume1:
	f.aw1.AwaitEnd(r)
	f.i++
	goto loop
}

// BenchmarkCoreYield: one op is one `await aio.Yield()` of a lone task, that
// is one full loop iteration plus one task step; it is the loop's fixed
// per-iteration cost. The goroutine equivalent is runtime.Gosched.
func BenchmarkCoreYield(b *testing.B) {
	b.ReportAllocs()
	if _, err := aio.Run(benchYielder(b.N)); err != nil {
		b.Fatal(err)
	}
}
