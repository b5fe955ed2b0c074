package aio

import "time"

// Sleep states of a Runner. A task sleeps on a timer slot built into its
// runner rather than on a future plus a timer handle, so sleeping allocates
// nothing. The hop counts still match asyncio's sleep: the timer fires in one
// iteration and the task resumes in the next.
const (
	sleepIdle uint8 = iota
	sleepArmed
	sleepFired
	sleepCancelled
)

// SleepOp is the awaitable returned by Sleep and Yield.
type SleepOp struct {
	d time.Duration
}

// Sleep suspends the awaiting task for d on the loop's clock. Sleep(0), or a
// negative d, yields: the task goes to the back of the ready queue and
// resumes on the next iteration.
func Sleep(d time.Duration) SleepOp { return SleepOp{d} }

// Yield is Sleep(0): let every other ready task run once.
func Yield() YieldOp { return YieldOp{} }

// YieldOp is the awaitable returned by Yield. It has no fields, so a
// coroutine that yields keeps nothing for it in its frame.
type YieldOp struct{}

// AwaitBegin is part of the Awaitable protocol.
func (YieldOp) AwaitBegin(r *Runner) bool {
	r.fc.loop.pushStep(r) // cancellation arrives as mustCancel
	return false
}

// AwaitEnd is part of the Awaitable protocol.
func (YieldOp) AwaitEnd(r *Runner) (struct{}, error) { return struct{}{}, r.takeThrow() }

// AwaitBegin is part of the Awaitable protocol.
func (s SleepOp) AwaitBegin(r *Runner) bool {
	l := r.fc.loop
	if s.d <= 0 {
		l.pushStep(r) // a bare yield; cancellation arrives as mustCancel
		return false
	}
	r.sleepGen++
	r.fc.sleepState = sleepArmed
	r.fc.set(tSleepInHeap)
	l.timers.push(l.Time()+s.d, (*sleepTimer)(r), r.sleepGen)
	r.waitOn = (*sleepTimer)(r)
	return false
}

// AwaitEnd is part of the Awaitable protocol.
func (s SleepOp) AwaitEnd(r *Runner) (struct{}, error) {
	cancelled := r.fc.sleepState == sleepCancelled
	r.fc.sleepState = sleepIdle
	throw := r.takeThrow()
	if cancelled {
		// The sleep's own cancellation was already on its way; like
		// CPython's __step, keep it over a later cancel request.
		return struct{}{}, newCancelled(r.x.sleepMsg)
	}
	return struct{}{}, throw
}

// sleepTimer is the runner seen as the target of its sleep timer.
type sleepTimer Runner

func (t *sleepTimer) due(gen uint32) (callback, bool) {
	r := (*Runner)(t)
	return (*sleepWake)(r), r.sleepGen&timerGenMask == gen && r.fc.sleepState == sleepArmed
}

func (t *sleepTimer) dropped(gen uint32) {
	if r := (*Runner)(t); r.sleepGen&timerGenMask == gen {
		r.fc.clear(tSleepInHeap)
	}
}

// cancelWait cancels the sleep the way cancelling asyncio's sleep future
// does: the task wakes with the cancellation on the next iteration.
func (t *sleepTimer) cancelWait(msg string) bool {
	r := (*Runner)(t)
	if r.fc.sleepState != sleepArmed {
		return false
	}
	r.fc.sleepState = sleepCancelled
	r.extra().sleepMsg = msg
	if r.fc.has(tSleepInHeap) {
		r.fc.loop.timers.cancelled++
	}
	r.fc.loop.pushStep(r)
	return true
}

// sleepWake runs when the sleep timer fires: it resolves the sleep and
// schedules the task, as the timer's set_result and the future's callback do
// in asyncio.
type sleepWake Runner

func (w *sleepWake) invoke(*futureCore) {
	r := (*Runner)(w)
	if r.fc.sleepState != sleepArmed {
		return
	}
	r.fc.sleepState = sleepFired
	r.fc.loop.pushStep(r)
}
