package aio

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"
	"unsafe"
)

// Runner drives one task: it steps the chain of coroutine frames the task is
// running, innermost first, and parks the task while it waits. Generated
// code receives the current *Runner in Resume and passes it to the await
// protocol; programs see it only as the embedded core of *Task.
//
// A Runner is most of a suspended task's memory, so it holds only what every
// task uses; names, cancel messages, contexts and source-mode state live in
// a taskExtra allocated the first time a task needs one.
type Runner struct {
	fc       futureCore   // the task as a future; must stay the first field
	top      *FrameHeader // innermost frame, the one that runs next; the root once done
	waitOn   waitTarget   // what the suspended task waits on
	id       uint64
	x        *taskExtra
	sleepGen uint32
	index    int32 // place in the loop's taskList
}

// taskExtra is the part of a task most tasks never need.
type taskExtra struct {
	// err is the task's error once done. While the task runs, it carries
	// the error of the frame that just returned to its awaiter (see
	// CoroFrame.Return), so that frames need no error field of their own;
	// a task whose frames all return nil never allocates its extra for it.
	err       error
	name      string
	cancelMsg string // message of a pending cancel request (mustCancel)
	sleepMsg  string // message of the cancellation delivered to a sleep
	throw     error  // error to deliver at the next AwaitEnd
	srcGoid   int64  // source mode: goroutine of the coroutine now running
	ctx       *taskContext
}

// err returns the error kept in the task's extra (see taskExtra.err).
func (r *Runner) err() error {
	if r.x == nil {
		return nil
	}
	return r.x.err
}

func (r *Runner) setErr(err error) {
	if err != nil || r.x != nil {
		r.extra().err = err
	}
}

func (r *Runner) extra() *taskExtra {
	if r.x == nil {
		r.x = &taskExtra{}
	}
	return r.x
}

// cancelMessage returns the message of the pending cancel request.
func (r *Runner) cancelMessage() string {
	if r.x == nil {
		return ""
	}
	return r.x.cancelMsg
}

func (r *Runner) setCancelMessage(msg string) {
	if msg != "" || r.x != nil {
		r.extra().cancelMsg = msg
	}
}

// setThrow makes err the error the task's next AwaitEnd returns.
func (r *Runner) setThrow(err error) {
	r.extra().throw = err
	r.fc.set(tThrowing)
}

func (r *Runner) srcGoid() int64 {
	if r.x == nil {
		return 0
	}
	return r.x.srcGoid
}

// AnyTask is the type-erased view of a *Task[T], as returned by CurrentTask
// and AllTasks.
type AnyTask interface {
	Name() string
	SetName(name string)
	Cancel(msg ...string) bool
	Cancelled() bool
	Done() bool
	Err() error
	Cancelling() int
	Uncancel() int
	Stack() []StackFrame
	Context() context.Context
	String() string
}

// Task is a coroutine scheduled to run concurrently on the loop, created by
// Spawn: asyncio's Task. A task is also an awaitable future of its result.
//
// A Task is nothing but its Runner: its coroutine's root frame, reached
// through the runner, holds the typed result.
type Task[T any] struct {
	Runner
}

// TaskOption configures Spawn.
type TaskOption func(*Runner)

// WithName names a task (default "Task-N").
func WithName(name string) TaskOption { return func(r *Runner) { r.extra().name = name } }

// Spawn schedules c to run as a new task on the running loop and returns the
// task: asyncio.create_task. The task starts with call-soon, so it first runs
// after the caller's next suspension. Outside a running loop the returned
// task has already failed with ErrNoRunningLoop.
func Spawn[T any](c Coro[T], opts ...TaskOption) *Task[T] {
	return spawnOn(runningLoop(), c, opts...)
}

func spawnOn[T any](l *Loop, c Coro[T], opts ...TaskOption) *Task[T] {
	return startTask(&Task[T]{}, l, c, opts)
}

// startTask makes t, a zero Task, the task running c on l.
func startTask[T any](t *Task[T], l *Loop, c Coro[T], opts []TaskOption) *Task[T] {
	r := &t.Runner
	r.fc.loop = l
	r.fc.set(tIsTask)
	for _, o := range opts {
		o(r)
	}
	if r.fc.done() {
		return refuse(t, nil) // an option refused the task (InGroup of a finished group)
	}
	switch {
	case l == nil:
		return refuse(t, fmt.Errorf("aio: Spawn: %w", ErrNoRunningLoop))
	case l.closed:
		return refuse(t, fmt.Errorf("aio: Spawn: %w", ErrLoopClosed))
	}
	l.checkThread("Spawn")
	l.taskSeq++
	r.id = l.taskSeq
	if !c.take() {
		err := ErrCoroReused
		if c.f == nil {
			err = ErrNilCoro
		}
		return refuse(t, fmt.Errorf("aio: Spawn: %w", err))
	}
	r.top = &c.f.FrameHeader
	l.tasks.add(r)
	l.pushStep(r)
	return t
}

// refuse finishes a task that Spawn could not start, with err (nil when an
// option already finished it). The task gets a root frame of its own type
// that never runs, so that it still converts to its *Task[T] (see task) and
// reads a zero result.
func refuse[T any](t *Task[T], err error) *Task[T] {
	f := &unstartedFrame[T]{}
	f.self = f
	f.state = frameConsumed
	t.top = &f.FrameHeader
	if err != nil {
		t.fc.complete(stateDone, err)
	}
	return t
}

// unstartedFrame is the root frame of a task that never ran.
type unstartedFrame[T any] struct{ CoroFrame[T] }

func (*unstartedFrame[T]) Resume(*Runner) {}

// invoke makes a Runner a callback: every wake-up of a task, from the ready
// queue or as a done callback of the future it awaits, is a step.
func (r *Runner) invoke(*futureCore) { r.step() }

// push makes h the innermost frame; the runner runs it as soon as the
// current frame returns from Resume.
func (r *Runner) push(h *FrameHeader) {
	h.parent = r.top
	r.top = h
}

// takeThrow returns the cancellation being delivered to the task, if any.
// Every AwaitEnd of a suspending awaitable calls it first. An awaitable whose
// own outcome is a cancellation returns that instead (see resumeErr).
func (r *Runner) takeThrow() error {
	if !r.fc.has(tThrowing) {
		return nil
	}
	r.fc.clear(tThrowing)
	err := r.x.throw
	r.x.throw = nil
	return err
}

// resumeErr is takeThrow for an await of a future that has completed with
// outcome err: when the future itself ended in a cancellation, that
// cancellation (with its message) is what the task sees, as CPython's
// __step keeps an incoming CancelledError rather than making a new one.
func (r *Runner) resumeErr(outcome error) error {
	throw := r.takeThrow()
	if throw != nil && IsCancelled(outcome) {
		return nil
	}
	return throw
}

// step runs the task until its innermost frame suspends or the task ends, as
// asyncio's Task.__step. Awaiting a coroutine runs it right here, inline;
// when a frame returns, its parent resumes at once.
func (r *Runner) step() {
	if r.fc.done() {
		return
	}
	l := r.fc.loop
	if r.fc.has(tMustCancel) {
		r.fc.clear(tMustCancel)
		r.setThrow(newCancelled(r.cancelMessage()))
	}
	r.waitOn = nil
	l.current = r
	if l.slowStep > 0 {
		start := time.Now()
		r.run()
		r.checkSlow(start)
		return
	}
	r.run()
}

// run runs the task's frames, innermost first, until one suspends or the
// root returns. A panic escaping a frame unwinds to Loop.runIterations, which
// finishes that frame with a *PanicError and calls run again to go on with
// its parent: no deferred call is paid per frame or per step.
func (r *Runner) run() {
	l := r.fc.loop
	for {
		h := r.top
		switch {
		case h.state == frameQueued && r.fc.has(tThrowing):
			// Cancelled before it ever ran: like a throw into an unstarted
			// Python coroutine, the body never starts.
			h.state = frameDone
			r.setErr(r.takeThrow())
		case h.state != frameDone: // done already: it panicked (see framePanicked)
			h.state = frameRunning
			h.self.Resume(r)
		}
		if h.state == frameDone {
			if h.parent == nil {
				// The root returned: the task is done, and its root frame,
				// which holds the result, stays as top.
				l.current = nil
				r.finish()
				return
			}
			r.top = h.parent
			h.parent = nil
			continue // the parent resumes inline with the child's result
		}
		if r.top != h {
			continue // h awaited a coroutine: run it now
		}
		break // suspended
	}
	if r.fc.has(tMustCancel) && r.waitOn != nil {
		// Cancel was called during this step; cancel what we now wait on.
		if r.waitOn.cancelWait(r.cancelMessage()) {
			r.fc.clear(tMustCancel)
		}
	}
	l.current = nil
}

func (r *Runner) checkSlow(start time.Time) {
	if d := time.Since(start); d > r.fc.loop.slowStep {
		r.fc.loop.report(ExceptionContext{
			Message: fmt.Sprintf("Executing %s took %.3f seconds", r.Name(), d.Seconds()),
			Task:    r.task(),
		})
	}
}

// framePanicked finishes the frame of the current task whose Resume
// panicked with v: its awaiter, resumed by the next run, re-panics the
// *PanicError. Called from a deferred function while the panicking stack is
// still there, so the error records where the panic happened.
func (r *Runner) framePanicked(v any) {
	h := r.top
	if h.state == frameQueued && h.parent != nil {
		// h panicked right after awaiting a coroutine, which never ran.
		child := h
		h = h.parent
		child.parent = nil
		r.top = h
	}
	h.state = frameDone
	r.setErr(NewPanicError(v))
}

// finish completes the task's future from its root frame's outcome.
func (r *Runner) finish() {
	err := r.err() // the root frame's error, see CoroFrame.Return
	r.setErr(nil)
	// The task took the root's outcome: awaiting the coroutine itself now
	// reports ErrCoroReused, as it does while the task runs.
	r.top.state = frameConsumed
	if r.fc.has(tThrowing) { // a cancellation no await consumed
		r.takeThrow()
		r.fc.set(tMustCancel)
	}
	switch {
	case r.fc.has(tMustCancel):
		// Cancelled right before the coroutine returned: asyncio marks the
		// task cancelled even though its coroutine finished.
		r.fc.clear(tMustCancel)
		r.fc.complete(stateCancelled, newCancelled(r.cancelMessage()))
	case IsCancelled(err):
		r.fc.complete(stateCancelled, err)
	default:
		r.fc.complete(stateDone, err)
	}
	r.fc.loop.tasks.remove(r)
	r.closeContext()
}

// cancelFuture implements Cancel for the task's future (canceller).
func (r *Runner) cancelFuture(msg string) bool {
	if r.fc.done() {
		return false
	}
	r.fc.numCancels++
	r.cancelContext(msg)
	if r.waitOn != nil && r.waitOn.cancelWait(msg) {
		// Keep waitOn: a task that swallows the cancellation may have to
		// be cancelled again.
		return true
	}
	r.fc.set(tMustCancel)
	r.setCancelMessage(msg)
	return true
}

// Cancel requests cancellation: the task gets a *CancelledError (carrying
// msg, if given) at the await where it is suspended, and whatever it awaits
// (a task, a shared future) is cancelled too. A task that has not started
// never runs. Cancel reports false if the task is already done. The task may
// catch the error and carry on, as in asyncio.
func (r *Runner) Cancel(msg ...string) bool {
	if !r.fc.has(tIsTask) {
		return false // a zero Task: nothing to cancel
	}
	return r.fc.cancel(firstMsg(msg))
}

// Cancelled reports whether the task ended cancelled.
func (r *Runner) Cancelled() bool { return r.fc.state == stateCancelled }

// Done reports whether the task has ended.
func (r *Runner) Done() bool { return r.fc.done() }

// Err returns the task's error: nil on success, the cancellation if
// cancelled, ErrInvalidState while it runs. Reading it counts as retrieving.
func (r *Runner) Err() error { return r.fc.outcome("Task.Err") }

// Cancelling returns the number of pending cancellation requests (cancel
// calls not yet matched by Uncancel).
func (r *Runner) Cancelling() int { return int(r.fc.numCancels) }

// Uncancel decrements the count of cancellation requests and returns the new
// count. Timeout scopes use it to tell their own cancellation apart.
func (r *Runner) Uncancel() int {
	if r.fc.numCancels > 0 {
		r.fc.numCancels--
		if r.fc.numCancels == 0 {
			r.renewContext()
		}
	}
	return int(r.fc.numCancels)
}

// Name returns the task's name, "Task-N" unless set.
func (r *Runner) Name() string {
	if r.x == nil || r.x.name == "" {
		return "Task-" + strconv.FormatUint(r.id, 10)
	}
	return r.x.name
}

// SetName renames the task.
func (r *Runner) SetName(name string) { r.extra().name = name }

// Loop returns the loop the task runs on.
func (r *Runner) Loop() *Loop { return r.fc.loop }

// Result returns the task's value and error without blocking; while the task
// runs it returns an error wrapping ErrInvalidState.
func (t *Task[T]) Result() (T, error) {
	if t.fc.state == stateDone && t.top != nil { // the common case, inlined
		t.fc.retrieved = true
		return rootFrame[T](t.top).result, t.err()
	}
	var zero T
	return zero, t.fc.outcome("Task.Result")
}

// Coro returns the coroutine the task runs: asyncio's Task.get_coro. It
// compares equal to the Coro given to Spawn. (A task Spawn refused has a
// stand-in coroutine of its own that never runs.)
func (t *Task[T]) Coro() Coro[T] {
	h := t.top
	for h.parent != nil {
		h = h.parent
	}
	return Coro[T]{f: rootFrame[T](h)}
}

// rootFrame returns the CoroFrame[T] whose header h is: a task's root frame
// came from a Coro[T] of the task's own T.
func rootFrame[T any](h *FrameHeader) *CoroFrame[T] {
	var c CoroFrame[T]
	return (*CoroFrame[T])(unsafe.Add(unsafe.Pointer(h), -unsafe.Offsetof(c.FrameHeader)))
}

// task returns the *Task[T] embedding r. Its type is known only to the
// task's root frame, a CoroFrame[T] (a task refused at Spawn gets one too).
func (r *Runner) task() AnyTask {
	h := r.top
	if h == nil {
		return nil
	}
	for h.parent != nil {
		h = h.parent
	}
	return h.self.asTask(r)
}

// AddDoneCallback registers fn to run, through call-soon, when the task ends.
func (t *Task[T]) AddDoneCallback(fn func(*Task[T])) CallbackID {
	id := CallbackID(callbackSeq.Add(1))
	t.fc.addCallback(&taskFunc[T]{fn: fn, t: t}, id)
	return id
}

// RemoveDoneCallback unregisters a done callback and returns how many
// registrations were removed.
func (t *Task[T]) RemoveDoneCallback(id CallbackID) int { return t.fc.removeCallback(id) }

type taskFunc[T any] struct {
	fn func(*Task[T])
	t  *Task[T]
}

func (c *taskFunc[T]) invoke(*futureCore) { c.t.fc.loop.runCallback(func() { c.fn(c.t) }) }

// AwaitBegin is part of the Awaitable protocol.
func (t *Task[T]) AwaitBegin(r *Runner) bool {
	if t == nil || t.fc.done() || &t.Runner == r || !t.fc.has(tIsTask) || foreign(&t.fc, r) {
		return true // AwaitEnd reports the misuse, if any
	}
	t.fc.addCallback(r, 0)
	r.waitOn = &t.fc
	return false
}

// AwaitEnd is part of the Awaitable protocol.
func (t *Task[T]) AwaitEnd(r *Runner) (T, error) {
	var zero T
	if err := t.invalid(); err != nil {
		if t == nil {
			return zero, errAwaitNilTask
		}
		return zero, errAwaitZeroTask
	}
	if foreign(&t.fc, r) {
		return zero, errAwaitOtherLoop
	}
	if err := r.resumeErr(t.err()); err != nil {
		return zero, err
	}
	if &t.Runner == r {
		return zero, fmt.Errorf("aio: a task cannot await itself: %w", ErrInvalidState)
	}
	v, err := t.Result()
	rethrow(err)
	return v, err
}

// taskList is a loop's unfinished tasks. Each task knows its index, so
// adding and removing cost O(1) and no pointers in the task.
type taskList struct {
	rs []*Runner
}

func (tl *taskList) add(r *Runner) {
	r.index = int32(len(tl.rs))
	tl.rs = append(tl.rs, r)
}

func (tl *taskList) remove(r *Runner) {
	last := len(tl.rs) - 1
	moved := tl.rs[last]
	tl.rs[r.index] = moved
	moved.index = r.index
	tl.rs[last] = nil
	tl.rs = tl.rs[:last]
	if cap(tl.rs) > 1024 && len(tl.rs) < cap(tl.rs)/8 {
		// Release what a burst of tasks grew the list to.
		tl.rs = append(make([]*Runner, 0, 2*len(tl.rs)), tl.rs...)
	}
}

// all returns the tasks in creation order.
func (tl *taskList) all() []*Runner {
	out := slices.Clone(tl.rs)
	slices.SortFunc(out, func(a, b *Runner) int { return cmp.Compare(a.id, b.id) })
	return out
}
