package aio

import (
	"fmt"
	"strings"
	"sync/atomic"
	"unsafe"
)

const (
	statePending uint8 = iota
	stateDone
	stateCancelled
)

// canceller customises what cancelling a future means: a task cancels its
// coroutine, a gathering future cancels its children.
type canceller interface {
	cancelFuture(msg string) bool
}

// waitTarget is what a suspended task waits on; cancelling the task cancels
// it (asyncio's Task._fut_waiter).
type waitTarget interface {
	cancelWait(msg string) bool
}

type cbEntry struct {
	c  callback
	id CallbackID
}

// futureCore is the non-generic part of futures and tasks: state, error and
// done callbacks. The typed value lives in the generic wrapper.
//
// Every task embeds one, so its size is part of every task's: the common
// case, one internal awaiter with no id, is stored in cbs as is; anything
// more moves to a *cbList there.
//
// A futureCore is always the first field of either a Runner (tIsTask) or a
// Future[T]; runner, ext and error reach the enclosing object from it. The
// error itself is not in the core, so that a task need not pay for it.
type futureCore struct {
	loop      *Loop
	cbs       callback // nil, the one callback without id, or a *cbList
	state     uint8
	retrieved bool  // the error was handed to someone; no "never retrieved" report
	tflags    uint8 // tIsTask, and the task state flags below

	// Task state, kept here in what would otherwise be padding: every byte
	// of a Runner is paid for by each suspended task.
	sleepState uint8 // see sleep.go
	numCancels int32 // Cancel calls not matched by Uncancel
}

// futureCore.tflags bits.
const (
	tIsTask      uint8 = 1 << iota // the core is the fc of a Runner
	tMustCancel                    // a cancel request waits for the task's next step
	tThrowing                      // x.throw is to be delivered at the next AwaitEnd
	tSleepInHeap                   // the sleep timer's entry is still in the heap
	tHasExt                        // a canceller precedes the future (see extFuture)
	tGathered                      // a gather's callback may run at once (see countNow)
)

func (fc *futureCore) has(flag uint8) bool { return fc.tflags&flag != 0 }
func (fc *futureCore) set(flag uint8)      { fc.tflags |= flag }
func (fc *futureCore) clear(flag uint8)    { fc.tflags &^= flag }

// cbList holds the done callbacks of a future with more than one, or with
// any registered by id, in registration order. scheduleCallbacks unpacks it;
// it is a callback only so that it fits in futureCore.cbs.
type cbList struct{ e []cbEntry }

func (*cbList) invoke(*futureCore) {}

// extFuture is a combinator's future (gather, shield, executor jobs...)
// with its canceller, which customises what cancelling it means, stored
// right before it in the same allocation: plain futures, the common kind,
// do not pay for the field. The future's core has tHasExt set.
type extFuture[T any] struct {
	ext canceller
	f   Future[T]
}

// newExtFuture returns a future whose canceller setExt installs.
func newExtFuture[T any]() *Future[T] {
	w := &extFuture[T]{}
	w.f.fc.set(tHasExt)
	return &w.f
}

// extOffset is how far an extFuture's canceller lies before its future: a
// Future is word-aligned and the canceller is two words, so it is the same
// for every T (TestExtFutureLayout checks a few).
const extOffset = 2 * unsafe.Sizeof(uintptr(0))

func (fc *futureCore) extSlot() *canceller {
	return (*canceller)(unsafe.Add(unsafe.Pointer(fc), -int(extOffset)))
}

// error returns the future's error. A Future keeps it right after its core;
// a task keeps it in its extra, which a task that neither fails nor is
// cancelled never allocates.
func (fc *futureCore) error() error {
	if fc.has(tIsTask) {
		return fc.runner().err()
	}
	return *fc.futureErr()
}

// setError records the future's error (see error).
func (fc *futureCore) setError(err error) {
	if fc.has(tIsTask) {
		fc.runner().setErr(err)
		return
	}
	*fc.futureErr() = err
}

// futureErr is the err field of the Future[T] that fc starts.
func (fc *futureCore) futureErr() *error {
	return (*error)(unsafe.Add(unsafe.Pointer(fc), unsafe.Offsetof(Future[struct{}]{}.err)))
}

// runner returns the task whose future this is, or nil.
func (fc *futureCore) runner() *Runner {
	if !fc.has(tIsTask) {
		return nil
	}
	return (*Runner)(unsafe.Pointer(fc)) // fc is the Runner's first field
}

// ext returns the canceller of a combinator's future, or nil.
func (fc *futureCore) ext() canceller {
	if !fc.has(tHasExt) {
		return nil
	}
	return *fc.extSlot()
}

// setExt installs the canceller of a future made by newExtFuture.
func (fc *futureCore) setExt(c canceller) {
	if !fc.has(tHasExt) {
		panic("aio: internal error: setExt on a future without a canceller slot")
	}
	*fc.extSlot() = c
}

// CallbackID identifies a registered done callback, for RemoveDoneCallback.
// (Go funcs are not comparable, so callbacks are removed by registration.)
type CallbackID uint64

var callbackSeq atomic.Uint64

func (fc *futureCore) done() bool { return fc.state != statePending }

// bind attaches a future created outside any loop to the loop that first
// uses it, scheduling callbacks that were waiting for one.
func (fc *futureCore) bind(l *Loop) {
	if fc.loop != nil || l == nil {
		return
	}
	fc.loop = l
	if s, ok := fc.ext().(starter); ok {
		s.start(l) // a combinator created outside a loop starts its children now
	}
	if fc.done() {
		fc.scheduleCallbacks()
	}
}

// starter is implemented by the ext of a combinator future (Gather, Shield)
// created outside a running loop: it starts its children when the future is
// first bound to a loop.
type starter interface {
	start(l *Loop)
}

func (fc *futureCore) addCallback(c callback, id CallbackID) {
	if fc.done() && fc.loop != nil {
		fc.loop.ready.push(entry{c: c, arg: fc})
		return
	}
	if id == 0 && fc.cbs == nil {
		fc.cbs = c
		return
	}
	list, ok := fc.cbs.(*cbList)
	if !ok {
		list = &cbList{}
		if fc.cbs != nil {
			list.e = append(list.e, cbEntry{c: fc.cbs})
		}
		fc.cbs = list
	}
	list.e = append(list.e, cbEntry{c, id})
}

// hasCallback reports whether c is registered (by identity; c must be of a
// pointer type, see removeWaker).
func (fc *futureCore) hasCallback(c callback) bool {
	if fc.cbs == nil {
		return false
	}
	if fc.cbs == c {
		return true
	}
	if list, ok := fc.cbs.(*cbList); ok {
		for _, e := range list.e {
			if e.c == c {
				return true
			}
		}
	}
	return false
}

// removeCallback unregisters the callback with id and reports how many
// registrations it removed.
func (fc *futureCore) removeCallback(id CallbackID) int {
	list, ok := fc.cbs.(*cbList)
	if !ok || id == 0 {
		return 0
	}
	n := 0
	kept := list.e[:0]
	for _, e := range list.e {
		if e.id == id {
			n++
			continue
		}
		kept = append(kept, e)
	}
	clear(list.e[len(kept):])
	list.e = kept
	return n
}

// removeWaker unregisters an internal callback by identity. c must be of a
// pointer type: comparing interfaces that hold funcs would panic.
func (fc *futureCore) removeWaker(c callback) {
	if fc.cbs == c {
		fc.cbs = nil
		return
	}
	list, ok := fc.cbs.(*cbList)
	if !ok {
		return
	}
	for i, e := range list.e {
		if e.c == c {
			list.e = append(list.e[:i], list.e[i+1:]...)
			return
		}
	}
}

// scheduleCallbacks queues every done callback with call-soon, in
// registration order: wake-ups are never synchronous.
func (fc *futureCore) scheduleCallbacks() {
	l := fc.loop
	if l == nil || fc.cbs == nil {
		return
	}
	gathered := fc.has(tGathered)
	if list, ok := fc.cbs.(*cbList); ok {
		for _, e := range list.e {
			if !gathered || !countedNow(e.c, fc) {
				l.ready.push(entry{c: e.c, arg: fc})
			}
		}
	} else if !gathered || !countedNow(fc.cbs, fc) {
		l.ready.push(entry{c: fc.cbs, arg: fc})
	}
	fc.cbs = nil
}

// countedNow reports whether c is a gather's callback that counted fc at
// once instead of being queued (see gatherCount.countNow).
func countedNow(c callback, fc *futureCore) bool {
	gc, ok := c.(*gatherCount)
	return ok && gc.countNow(fc)
}

// complete moves a pending future to its final state.
func (fc *futureCore) complete(state uint8, err error) {
	if fc.loop != nil && fc.loop.debug {
		// Resolving from another goroutine must go through CallSoonThreadsafe.
		fc.loop.checkThread("Future resolution (SetResult/SetError/Cancel)")
	}
	fc.state = state
	fc.setError(err)
	if state == stateDone && err != nil && fc.loop != nil {
		fc.loop.noteFailure(fc)
	}
	fc.scheduleCallbacks()
}

// cancelWait makes a future a waitTarget: a task waiting on it cancels it.
func (fc *futureCore) cancelWait(msg string) bool { return fc.cancel(msg) }

func (fc *futureCore) cancel(msg string) bool {
	if fc.done() {
		return false
	}
	if fc.has(tIsTask) {
		return fc.runner().cancelFuture(msg)
	}
	if ext := fc.ext(); ext != nil {
		return ext.cancelFuture(msg)
	}
	fc.complete(stateCancelled, newCancelled(msg))
	return true
}

// outcome returns the future's error for a reader, marking it retrieved.
func (fc *futureCore) outcome(op string) error {
	switch fc.state {
	case statePending:
		// asyncio's wording: "Result is not set." / "Exception is not set."
		what := "result"
		if strings.HasSuffix(op, ".Err") {
			what = "exception"
		}
		return fmt.Errorf("aio: %s: %s is not set: %w", op, what, ErrInvalidState)
	case stateCancelled:
		return fc.error()
	}
	fc.retrieved = true
	return fc.error()
}

func firstMsg(msg []string) string {
	if len(msg) > 0 {
		return msg[0]
	}
	return ""
}

// Future is a result that will be set later by someone else: a callback, a
// goroutine (through Loop.CallSoonThreadsafe), another task. Awaiting it
// suspends until it is done; done callbacks and awaiters are woken through
// call-soon, in registration order.
type Future[T any] struct {
	fc    futureCore
	err   error // at the same offset for every T: see futureErr
	value T
}

// NewFuture returns a pending future bound to the running loop, or, when
// called outside a loop, to the first loop that awaits it.
func NewFuture[T any]() *Future[T] {
	f := &Future[T]{}
	f.fc.loop = runningLoop()
	return f
}

// SetResult completes the future with v. It fails with ErrInvalidState if
// the future is already done.
func (f *Future[T]) SetResult(v T) error {
	if f.fc.done() {
		return fmt.Errorf("aio: Future.SetResult: future is already done: %w", ErrInvalidState)
	}
	f.value = v
	f.fc.complete(stateDone, nil)
	return nil
}

var errSetErrorNil = fmt.Errorf("aio: Future.SetError: nil error: %w", ErrInvalidArgument)

// SetError completes the future with err. A cancellation error cancels it.
// A nil err is refused with ErrInvalidArgument.
func (f *Future[T]) SetError(err error) error {
	if f.fc.done() {
		return fmt.Errorf("aio: Future.SetError: future is already done: %w", ErrInvalidState)
	}
	if err == nil {
		return errSetErrorNil
	}
	if IsCancelled(err) {
		f.fc.complete(stateCancelled, err)
		return nil
	}
	f.fc.complete(stateDone, err)
	return nil
}

// Cancel cancels a pending future, with an optional message, and reports
// whether it did. Awaiters get a *CancelledError carrying the message.
func (f *Future[T]) Cancel(msg ...string) bool { return f.fc.cancel(firstMsg(msg)) }

// Done reports whether the future has a result, an error, or was cancelled.
func (f *Future[T]) Done() bool { return f.fc.done() }

// Cancelled reports whether the future was cancelled.
func (f *Future[T]) Cancelled() bool { return f.fc.state == stateCancelled }

// Result returns the value and error. It never blocks: on a pending future it
// returns an error wrapping ErrInvalidState.
func (f *Future[T]) Result() (T, error) {
	if f.fc.state == stateDone { // the common case, inlined
		f.fc.retrieved = true
		return f.value, f.err
	}
	var zero T
	return zero, f.fc.outcome("Future.Result")
}

// Err returns the future's error: nil on success, the cancellation if
// cancelled, ErrInvalidState while pending.
func (f *Future[T]) Err() error { return f.fc.outcome("Future.Err") }

// AddDoneCallback registers fn to run, through call-soon, when the future is
// done (at once via call-soon if it already is).
func (f *Future[T]) AddDoneCallback(fn func(*Future[T])) CallbackID {
	id := CallbackID(callbackSeq.Add(1))
	f.fc.bind(runningLoop())
	f.fc.addCallback(&futureFunc[T]{fn: fn, f: f}, id)
	return id
}

// RemoveDoneCallback unregisters a done callback and returns how many
// registrations were removed (0 or 1).
func (f *Future[T]) RemoveDoneCallback(id CallbackID) int { return f.fc.removeCallback(id) }

type futureFunc[T any] struct {
	fn func(*Future[T])
	f  *Future[T]
}

func (c *futureFunc[T]) invoke(*futureCore) { c.f.fc.loop.runCallback(func() { c.fn(c.f) }) }

// AwaitBegin is part of the Awaitable protocol: a done future does not
// suspend; a pending one wakes r when it is done.
func (f *Future[T]) AwaitBegin(r *Runner) bool {
	if f == nil || f.fc.done() || foreign(&f.fc, r) {
		return true // AwaitEnd reports a nil or foreign future
	}
	f.fc.bind(r.fc.loop)
	f.fc.addCallback(r, 0)
	r.waitOn = &f.fc
	return false
}

// AwaitEnd is part of the Awaitable protocol.
func (f *Future[T]) AwaitEnd(r *Runner) (T, error) {
	var zero T
	if f == nil {
		return zero, errAwaitNilFuture
	}
	if foreign(&f.fc, r) {
		return zero, errAwaitOtherLoop
	}
	if err := r.resumeErr(f.err); err != nil {
		return zero, err
	}
	v, err := f.Result()
	rethrow(err)
	return v, err
}
