package aio_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func TestWaitForReturnsResultInTime(t *testing.T) {
	runMain(t, func() (struct{}, error) {
		v, err := aio.Await(aio.WaitFor(aio.Async(func() (int, error) {
			await0(aio.Sleep(ms(10)))
			return 3, nil
		}), time.Second))
		if v != 3 || err != nil {
			t.Errorf("WaitFor = %v, %v", v, err)
		}
		boom := errors.New("boom")
		_, err = aio.Await(aio.WaitFor(aio.Async(func() (int, error) { return 0, boom }), time.Second))
		if err != boom {
			t.Errorf("error not passed through: %v", err)
		}
		return struct{}{}, nil
	})
}

func TestWaitForTimeoutCancelsInnerAndReturnsErrTimeout(t *testing.T) {
	var tr tracer
	runMain(t, func() (struct{}, error) {
		inner := aio.Spawn(aio.Async(func() (int, error) {
			_, err := aio.Await(aio.Sleep(time.Second))
			tr.p("inner: %s", errRepr(err))
			return 1, err
		}))
		start := aio.CurrentLoop().Time()
		_, err := aio.Await(aio.WaitFor[int](inner, ms(20)))
		if !errors.Is(err, aio.ErrTimeout) || !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("err = %v, want ErrTimeout", err)
		}
		if d := aio.CurrentLoop().Time() - start; d != ms(20) {
			t.Errorf("returned after %v", d)
		}
		if !inner.Cancelled() {
			t.Error("inner not cancelled")
		}
		return struct{}{}, nil
	})
	tr.check(t, `inner: CancelledError ("",)`)
}

// WaitFor does not return before the timed-out inner task has finished,
// even when its cleanup awaits.
func TestWaitForWaitsForInnerCleanup(t *testing.T) {
	var tr tracer
	runMain(t, func() (struct{}, error) {
		inner := aio.Async(func() (int, error) {
			_, err := aio.Await(aio.Sleep(time.Second))
			tr.p("inner: cancelled, cleaning up")
			await0(aio.Sleep(ms(30)))
			tr.p("inner: cleanup done")
			return 0, err
		})
		_, err := aio.Await(aio.WaitFor(inner, ms(10)))
		tr.p("main: %s at %v", errRepr(err), aio.CurrentLoop().Time())
		return struct{}{}, nil
	})
	tr.check(t, `
inner: cancelled, cleaning up
inner: cleanup done
main: TimeoutError at 40ms`)
}

// The exact hop structure: wait_for's waiter, released by the task's done
// callback, then the awaiter's wake-up.
func TestWaitForHopCountsMatchAsyncio(t *testing.T) {
	var tr tracer
	runMain(t, func() (struct{}, error) {
		tk := aio.Spawn(tickerCoro(&tr, 12))
		await0(aio.Sleep(0))
		v := await0(aio.WaitFor(aio.Async(func() (int, error) {
			tr.p("quick runs")
			return 1, nil
		}), time.Second))
		tr.p("wait_for -> %d", v)
		// Cancelled before its first step: "slow starts" never prints.
		_, err := aio.Await(aio.WaitFor(aio.Async(func() (int, error) {
			tr.p("slow starts")
			_, err := aio.Await(aio.Sleep(time.Second))
			tr.p("slow: cancelled")
			return 0, err
		}), 0))
		tr.p("wait_for(0) -> %s", errRepr(err))
		await0(tk)
		return struct{}{}, nil
	})
	want := `
tick 0
tick 1
quick runs
tick 2
tick 3
wait_for -> 1
tick 4
tick 5
tick 6
wait_for(0) -> TimeoutError
tick 7
tick 8
tick 9
tick 10
tick 11`
	tr.check(t, want)
	checkPython(t, pyTicker+`
async def quick():
    print("quick runs")
    return 1

async def slow():
    print("slow starts")
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print("slow: cancelled")
        raise

async def main():
    tk = asyncio.create_task(ticker(12))
    await asyncio.sleep(0)
    v = await asyncio.wait_for(quick(), 1)
    print(f"wait_for -> {v}")
    try:
        await asyncio.wait_for(slow(), 0)
    except TimeoutError:
        print("wait_for(0) -> TimeoutError")
    await tk

asyncio.run(main())
`, want)
}

func TestWaitForZeroTimeoutOnDoneFutureReturnsItsResult(t *testing.T) {
	runMain(t, func() (struct{}, error) {
		f := aio.NewFuture[string]()
		f.SetResult("ready")
		v, err := aio.Await(aio.WaitFor[string](f, 0))
		if v != "ready" || err != nil {
			t.Errorf("WaitFor(done, 0) = %q, %v", v, err)
		}
		pending := aio.NewFuture[string]()
		_, err = aio.Await(aio.WaitFor[string](pending, -time.Second))
		if !errors.Is(err, aio.ErrTimeout) || !pending.Cancelled() {
			t.Errorf("WaitFor(pending, <0) = %v; cancelled=%v", err, pending.Cancelled())
		}
		return struct{}{}, nil
	})
}

// Cancelling the task running WaitFor cancels the inner task, waits for it,
// and propagates the cancellation.
func TestWaitForCancelledAwaiterCancelsInner(t *testing.T) {
	var tr tracer
	runMain(t, func() (struct{}, error) {
		inner := aio.Spawn(aio.Async(func() (int, error) {
			_, err := aio.Await(aio.Sleep(time.Second))
			tr.p("inner: %s", errRepr(err))
			return 0, err
		}))
		w := aio.Spawn(aio.Async(func() (int, error) {
			return aio.Await(aio.WaitFor[int](inner, time.Minute))
		}))
		await0(aio.Sleep(ms(10)))
		w.Cancel("stop")
		_, err := aio.Await(w)
		tr.p("waiter: %s cancelled=%v inner cancelled=%v", errRepr(err), w.Cancelled(), inner.Cancelled())
		return struct{}{}, nil
	})
	// asyncio: the waiter's own cancellation (with its message) is
	// re-raised; the inner gets a plain cancel from _cancel_and_wait.
	tr.check(t, `
inner: CancelledError ("",)
waiter: CancelledError ("stop",) cancelled=true inner cancelled=true`)
}

// finishingFrame is a generated-style coroutine that returns at once.
type finishingFrame struct{ aio.CoroFrame[int] }

func (f *finishingFrame) Resume(r *aio.Runner) { f.Return(r, 1, nil) }

// waitForMainFrame awaits WaitFor(finishing coroutine) b.N times in one
// task: the cost of a WaitFor whose coroutine finishes at once.
type waitForMainFrame struct {
	aio.CoroFrame[int]
	n, i int
	aw   aio.Coro[int]
}

func (f *waitForMainFrame) Resume(r *aio.Runner) {
	for {
		if !f.aw.Valid() {
			if f.i == f.n {
				f.Return(r, f.n, nil)
				return
			}
			c := &finishingFrame{}
			f.aw = aio.WaitFor[int](c.Init(c), time.Second)
			if !f.aw.AwaitBegin(r) {
				return
			}
		}
		if _, err := f.aw.AwaitEnd(r); err != nil {
			f.Return(r, 0, err)
			return
		}
		f.aw = aio.Coro[int]{}
		f.i++
	}
}

func BenchmarkWaitForFinishingCoroutine(b *testing.B) {
	b.ReportAllocs()
	f := &waitForMainFrame{n: b.N}
	if _, err := aio.Run(f.Init(f)); err != nil {
		b.Fatal(err)
	}
}
