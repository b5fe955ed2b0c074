package aio

import "time"

// WaitFor awaits aw with a time limit: asyncio.wait_for, with CPython
// 3.11's structure (a waiter future released by a call_later timer or by
// aw's completion, then _cancel_and_wait), so the hop counts match.
//
// aw is wrapped in a task if it is a coroutine (tasks and futures are used
// as they are). If it finishes in time, WaitFor returns its value and error.
// When the time is up, WaitFor cancels it and waits for it to finish,
// including cleanup that awaits, before returning:
//   - if it ends cancelled, WaitFor returns ErrTimeout (errors.Is(err,
//     context.DeadlineExceeded) holds);
//   - if it swallows the cancellation and returns a value, WaitFor returns
//     that value and no error;
//   - if it turns the cancellation into another error, WaitFor returns that.
//
// A timeout <= 0 cancels aw at once unless it is already done. Cancelling
// the task running WaitFor cancels aw too, waits for it, and returns the
// cancellation (or aw's value, if aw had finished meanwhile). Wrap aw in
// Shield to keep it running past the timeout. Unlike asyncio there is no
// "no timeout" value: await aw directly for that.
func WaitFor[T any](aw Awaitable[T], timeout time.Duration) Coro[T] {
	f := &waitForFrame[T]{aw: aw, timeout: timeout}
	return f.Init(f)
}

type waitForFrame[T any] struct {
	CoroFrame[T]
	pc      int
	aw      Awaitable[T]
	timeout time.Duration
	fut     resultFuture[T]
	waiter  Future[struct{}] // released by the timer or by fut's completion
	timer   releaseTimer
	rel     releaser // fut's done callback releasing waiter
	cw      cancelWaiter
	caught  error // the cancellation being re-raised after _cancel_and_wait
}

const (
	wfStart = iota
	wfAwaitWaiter
	wfZeroCancelled     // timeout <= 0: after _cancel_and_wait
	wfCancelledCleanup  // our task was cancelled: after _cancel_and_wait
	wfTimedOutCancelled // timed out: after _cancel_and_wait
)

func (f *waitForFrame[T]) Resume(r *Runner) {
	l := r.fc.loop
	switch f.pc {
	case wfStart:
		if f.timeout <= 0 {
			f.fut = ensureAny(l, f.aw, "WaitFor", -1)
			f.aw = nil
			if f.fut.core().done() {
				v, err := f.fut.Result()
				f.Return(r, v, err)
				return
			}
			f.pc = wfZeroCancelled
			if !f.cw.begin(r, f.fut.core()) {
				return
			}
			f.resumeAfterCancel(r)
			return
		}
		f.waiter.fc.loop = l
		f.timer.arm(l, l.Time()+f.timeout, &f.waiter.fc)
		f.fut = ensureAny(l, f.aw, "WaitFor", -1)
		f.aw = nil
		f.rel.waiter = &f.waiter.fc
		f.fut.core().addCallback(&f.rel, 0)
		f.pc = wfAwaitWaiter
		if !f.waiter.AwaitBegin(r) {
			return
		}
		fallthrough
	case wfAwaitWaiter:
		_, err := f.waiter.AwaitEnd(r)
		fc := f.fut.core()
		if fc.done() {
			f.timer.cancel()
			v, err := f.fut.Result()
			f.Return(r, v, err)
			return
		}
		fc.removeWaker(&f.rel)
		if err != nil {
			// Our own task was cancelled: make sure fut is not running
			// after we return, then re-raise.
			f.caught = err
			f.pc = wfCancelledCleanup
		} else {
			f.pc = wfTimedOutCancelled
		}
		if !f.cw.begin(r, fc) {
			return
		}
		f.resumeAfterCancel(r)
	default:
		f.resumeAfterCancel(r)
	}
}

// resumeAfterCancel finishes WaitFor once _cancel_and_wait has returned.
func (f *waitForFrame[T]) resumeAfterCancel(r *Runner) {
	var zero T
	err := f.cw.end(r, f.fut.core())
	f.timer.cancel()
	if err != nil {
		f.Return(r, zero, err) // cancelled again while waiting for the cleanup
		return
	}
	if f.pc == wfCancelledCleanup {
		f.Return(r, zero, f.caught)
		return
	}
	v, err := f.fut.Result()
	if IsCancelled(err) {
		f.Return(r, zero, ErrTimeout)
		return
	}
	f.Return(r, v, err)
}

// cancelWaiter is asyncio's _cancel_and_wait, inlined into the frame that
// uses it: cancel fut and wait on a separate waiter future (not on fut, so
// that the wait itself stays cancellable) until fut is done.
type cancelWaiter struct {
	waiter Future[struct{}]
	rel    releaser
}

// begin cancels fut and starts waiting; it reports true if the wait did not
// suspend (it always does: the release comes through call-soon).
func (c *cancelWaiter) begin(r *Runner, fut *futureCore) bool {
	c.waiter = Future[struct{}]{}
	c.waiter.fc.loop = r.fc.loop
	c.rel.waiter = &c.waiter.fc
	fut.addCallback(&c.rel, 0)
	fut.cancel("")
	return c.waiter.AwaitBegin(r)
}

// end finishes the wait (the `finally` removing the callback) and returns
// the cancellation if the waiting task was cancelled meanwhile.
func (c *cancelWaiter) end(r *Runner, fut *futureCore) error {
	_, err := c.waiter.AwaitEnd(r)
	fut.removeWaker(&c.rel)
	return err
}

// releaseTimer is loop.call_later(d, _release_waiter, waiter) built into the
// combinator's frame, so arming it allocates nothing. It is armed at most
// once; cancel is idempotent.
type releaseTimer struct {
	l      *Loop
	waiter *futureCore
	armed  bool
	inHeap bool
}

func (t *releaseTimer) arm(l *Loop, when time.Duration, waiter *futureCore) {
	t.l, t.waiter = l, waiter
	t.armed, t.inHeap = true, true
	l.timers.push(when, t, 0)
}

// cancel is TimerHandle.cancel: the timer will not release the waiter.
func (t *releaseTimer) cancel() {
	if !t.armed {
		return
	}
	t.armed = false
	if t.inHeap {
		t.l.timers.cancelled++
	}
}

func (t *releaseTimer) due(uint32) (callback, bool) { return t, t.armed }
func (t *releaseTimer) dropped(uint32)              { t.inHeap = false }

func (t *releaseTimer) invoke(*futureCore) {
	if !t.armed {
		return
	}
	t.armed = false
	if !t.waiter.done() {
		t.waiter.complete(stateDone, nil)
	}
}
