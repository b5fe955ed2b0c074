package aio

import (
	"context"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"time"
)

// Loop is a single-threaded event loop: it runs ready callbacks in FIFO order,
// fires timers in deadline order, and steps tasks. All of its methods except
// CallSoonThreadsafe must be called from the loop itself (from callbacks and
// async code it runs); other goroutines hand work in with
// CallSoonThreadsafe. Most programs never see a Loop: aio.Run makes one.
type Loop struct {
	ready  ring
	timers timerHeap

	virtual bool
	vnow    time.Duration // the virtual clock's time
	origin  time.Time     // the real clock's zero

	running   bool
	executing atomic.Bool // between waits: running callbacks and steps
	stopping  bool
	closed    bool
	gid       int64 // goroutine running the loop, while running

	// Thread-safe entry: the only state other goroutines touch.
	tsMu    sync.Mutex
	tsQueue []*Handle
	tsCount atomic.Int32 // len(tsQueue), readable without the lock
	tsWake  chan struct{}
	// external counts operations in flight outside the loop (executor jobs)
	// whose completion will arrive through CallSoonThreadsafe; the virtual
	// clock does not jump while any is pending.
	external int

	waitTimer *time.Timer

	current   *Runner // task being stepped, nil between steps
	panicked  *Runner // task whose frame panicked; runReady goes on with its step
	readyLeft int     // callbacks of this iteration not run yet
	tasks     taskList
	asyncgens genList // started, unfinished async generators
	taskSeq   uint64

	debug          bool
	slowStep       time.Duration
	handler        ExceptionHandler
	unobserved     []error       // panics nobody observed, for Run
	unretrieved    []*futureCore // failed futures whose error nobody read yet
	unretrievedCap int
	shutdownHooks  []func()
	baseCtx        context.Context
	baseDone       <-chan struct{} // baseCtx.Done(), until handled
	onBaseDone     func()
}

// ExceptionContext describes an error nobody observed, as passed to the loop's
// exception handler.
type ExceptionContext struct {
	// Message says what happened, e.g. "Task exception was never retrieved".
	Message string
	// Err is the error or *PanicError concerned, if any.
	Err error
	// Task is the task concerned, if any.
	Task AnyTask
}

// ExceptionHandler receives errors nobody observed. It runs on the loop.
type ExceptionHandler func(l *Loop, c ExceptionContext)

// NewLoop returns a loop configured by opts. Run it with RunForever, or use
// aio.Run, which manages a loop for one main coroutine.
func NewLoop(opts ...Option) *Loop {
	var cfg config
	for _, o := range opts {
		o(&cfg)
	}
	l := &Loop{
		virtual:  cfg.virtual,
		origin:   time.Now(),
		tsWake:   make(chan struct{}, 1),
		debug:    cfg.debug,
		slowStep: cfg.slowStep,
		handler:  cfg.handler,
	}
	if l.debug && l.slowStep == 0 {
		l.slowStep = 100 * time.Millisecond
	}
	if l.debug {
		debugLoops.Add(1)
	}
	return l
}

// Time returns the loop's clock: the time elapsed since the loop was created,
// on a monotonic clock, or on the virtual clock when the loop has one.
// Deadlines for CallAt are on this clock.
func (l *Loop) Time() time.Duration {
	if l.virtual {
		return l.vnow
	}
	return time.Since(l.origin)
}

// Virtual reports whether the loop runs on a virtual clock.
func (l *Loop) Virtual() bool { return l.virtual }

// Debug reports whether the loop runs in debug mode.
func (l *Loop) Debug() bool { return l.debug }

// Handle is a scheduled callback; Cancel stops it from running.
type Handle struct {
	fn        func()
	loop      *Loop
	when      time.Duration
	cancelled bool
	inHeap    bool
}

// Cancel prevents the callback from running, if it has not run yet.
func (h *Handle) Cancel() {
	if h.cancelled {
		return
	}
	h.cancelled = true
	if h.inHeap {
		h.loop.timers.cancelled++
	}
	h.fn = nil
}

// Cancelled reports whether Cancel was called.
func (h *Handle) Cancelled() bool { return h.cancelled }

// When returns the loop time at which a timer handle is due.
func (h *Handle) When() time.Duration { return h.when }

func (h *Handle) invoke(*futureCore) {
	if h.cancelled {
		return
	}
	fn := h.fn
	h.fn = nil
	h.loop.runCallback(fn)
}

func (h *Handle) due(uint32) (callback, bool) { return h, !h.cancelled }
func (h *Handle) dropped(uint32)              { h.inHeap = false }

// runCallback runs a plain callback; a panic in it is reported to the
// exception handler, as asyncio reports exceptions raised by callbacks,
// instead of tearing down the loop.
func (l *Loop) runCallback(fn func()) {
	defer func() {
		if l.current != nil {
			return // a task step inside fn panicked: runIterations handles it
		}
		if v := recover(); v != nil {
			pe := NewPanicError(v)
			l.unobserved = append(l.unobserved, pe)
			l.report(ExceptionContext{Message: "Exception in callback", Err: pe})
		}
	}()
	fn()
}

// Errors of the Loop's own methods.
var (
	errRunForeverClosed  = fmt.Errorf("aio: RunForever: %w", ErrLoopClosed)
	errThreadsafeClosed  = fmt.Errorf("aio: CallSoonThreadsafe: %w", ErrLoopClosed)
	errThreadsafeNilFunc = fmt.Errorf("aio: CallSoonThreadsafe: nil func: %w", ErrInvalidArgument)
)

// checkSchedule panics, with an error naming op, when fn cannot be
// scheduled: a nil fn, or a closed loop that would never run it (asyncio
// raises RuntimeError and TypeError there; these methods return no error).
func (l *Loop) checkSchedule(op string, fn func()) {
	if fn == nil {
		panic(fmt.Errorf("aio: Loop.%s: nil func: %w", op, ErrInvalidArgument))
	}
	if l.closed {
		panic(fmt.Errorf("aio: Loop.%s: %w", op, ErrLoopClosed))
	}
}

// CallSoon schedules fn to run on the next loop iteration, after the
// callbacks already scheduled. It panics with an error wrapping
// ErrLoopClosed after Close, and ErrInvalidArgument when fn is nil.
func (l *Loop) CallSoon(fn func()) *Handle {
	l.checkThread("CallSoon")
	l.checkSchedule("CallSoon", fn)
	h := &Handle{fn: fn, loop: l}
	l.ready.push(entry{c: h})
	return h
}

// CallLater schedules fn to run after delay d on the loop's clock. Timers run
// in deadline order; equal deadlines run in the order they were scheduled.
// It panics as CallSoon does.
func (l *Loop) CallLater(d time.Duration, fn func()) *Handle {
	l.checkSchedule("CallLater", fn)
	return l.CallAt(l.Time()+d, fn)
}

// CallAt schedules fn to run at loop time when (see Time). It panics as
// CallSoon does.
func (l *Loop) CallAt(when time.Duration, fn func()) *Handle {
	l.checkThread("CallAt")
	l.checkSchedule("CallAt", fn)
	h := &Handle{fn: fn, loop: l, when: when, inHeap: true}
	l.timers.push(when, h, 0)
	return h
}

// CallSoonThreadsafe schedules fn on the loop from any goroutine and wakes
// the loop if it is idle. It is the only Loop method other goroutines may
// call. After Close it returns an error wrapping ErrLoopClosed and fn never
// runs; a nil fn is an error wrapping ErrInvalidArgument.
func (l *Loop) CallSoonThreadsafe(fn func()) (*Handle, error) {
	if fn == nil {
		return nil, errThreadsafeNilFunc
	}
	h := &Handle{fn: fn, loop: l}
	l.tsMu.Lock()
	if l.closed {
		l.tsMu.Unlock()
		return nil, errThreadsafeClosed
	}
	l.tsQueue = append(l.tsQueue, h)
	l.tsCount.Store(int32(len(l.tsQueue)))
	l.tsMu.Unlock()
	select {
	case l.tsWake <- struct{}{}:
	default:
	}
	return h, nil
}

// pushStep queues a task step: the internal, allocation-free call-soon.
func (l *Loop) pushStep(r *Runner) { l.ready.push(entry{c: r}) }

// Stop makes RunForever return after the current iteration.
func (l *Loop) Stop() { l.stopping = true }

// Running reports whether RunForever is in progress.
func (l *Loop) Running() bool { return l.running }

// Closed reports whether Close was called.
func (l *Loop) Closed() bool { return l.closed }

// RunForever runs the loop until Stop is called. It returns an error if the
// loop is closed or already running.
func (l *Loop) RunForever() error {
	if l.closed {
		return errRunForeverClosed
	}
	if l.running {
		return fmt.Errorf("aio: RunForever: %w", ErrLoopRunning)
	}
	if insideLoop() {
		return fmt.Errorf("aio: RunForever: cannot run a loop from inside a running loop: %w", ErrLoopRunning)
	}
	l.running = true
	l.gid = goid()
	l.executing.Store(true)
	enterLoop(l)
	defer func() {
		leaveLoop(l)
		l.executing.Store(false)
		l.running = false
		l.stopping = false
	}()
	for !l.runIterations() {
		// A task's frame panicked; the panic is now that frame's outcome.
	}
	return nil
}

// runIterations runs loop iterations until Stop, and returns true then. A
// panic out of a task step ends it early: the deferred recovery finishes
// the frame that panicked with the panic (see Runner.framePanicked), and
// the next call first completes the cut-short iteration, going on with that
// task's step, so the panic reaches the frame's awaiter exactly as an error
// returned at that point would. Any other panic (a bug in the toolkit) goes
// on up.
//
// Recovering here, around many iterations, rather than around each frame's
// Resume keeps a deferred call off the per-step path, the loop's hottest.
func (l *Loop) runIterations() (stopped bool) {
	defer func() {
		if r := l.current; r != nil {
			r.framePanicked(recover())
			l.panicked = r
		}
	}()
	if l.readyLeft > 0 || l.panicked != nil {
		l.runReady()
		if l.stopping {
			return true
		}
	}
	for {
		l.runOnce()
		if l.stopping {
			return true
		}
	}
}

// runOnce is one iteration, as asyncio's _run_once: wait for the earliest
// timer or a thread-safe wake-up (no wait if callbacks are ready), move due
// timers behind the callbacks already queued, then run exactly the entries
// queued at that point.
func (l *Loop) runOnce() {
	if l.timers.cancelled >= 100 { // guard inline: this runs every iteration
		l.timers.compact()
	}
	for l.timers.len() > 0 {
		top := &l.timers.h[0]
		if _, ok := top.due(); ok {
			break
		}
		e := l.timers.pop()
		e.dropped()
		l.timers.cancelled--
	}

	const forever = time.Duration(-1)
	timeout := forever
	if l.ready.len() > 0 || l.stopping {
		timeout = 0
	} else if l.timers.len() > 0 {
		timeout = max(l.timers.h[0].when-l.Time(), 0)
	}
	if timeout == 0 {
		// Busy iteration: no wait, so no clock read, no lock and no
		// atomic stores unless another goroutine handed work in; the
		// guards are inline because this runs every iteration.
		if l.baseDone != nil {
			l.checkBase()
		}
		if l.tsCount.Load() != 0 {
			l.takeThreadsafe()
		}
	} else {
		l.executing.Store(false)
		l.wait(timeout)
		l.executing.Store(true)
	}

	if l.timers.len() > 0 {
		now := l.Time()
		for l.timers.len() > 0 && l.timers.h[0].when <= now {
			e := l.timers.pop()
			c, ok := e.due()
			e.dropped()
			if ok {
				l.ready.push(entry{c: c})
			} else {
				l.timers.cancelled--
			}
		}
	}

	l.readyLeft = l.ready.len()
	l.runReady()
}

// runReady runs the callbacks that were ready when the iteration began
// (readyLeft of them are left), after going on with the step of a task
// whose frame panicked, if any (see runIterations).
func (l *Loop) runReady() {
	if r := l.panicked; r != nil {
		l.panicked = nil
		r.run()
	}
	for l.readyLeft > 0 {
		l.readyLeft--
		e := l.ready.pop()
		e.c.invoke(e.arg)
	}
	if len(l.ready.buf) > 1024 {
		l.ready.shrink()
	}
}

// wait blocks until timeout passes (forever if negative), a thread-safe
// callback arrives or the parent context ends, then moves thread-safe
// callbacks to the ready queue. On the virtual clock, time jumps instead of
// passing. The parent context is watched here, on the loop, rather than from
// another goroutine, so that its cancellation is seen before virtual time
// jumps past it.
func (l *Loop) wait(timeout time.Duration) {
	if l.checkBase() {
		timeout = 0
	}
	if timeout != 0 && !l.takeThreadsafe() {
		switch {
		case l.virtual && timeout > 0 && l.external == 0:
			l.vnow = l.timers.h[0].when
		case timeout < 0 || l.virtual:
			select {
			case <-l.tsWake:
			case <-l.baseDone:
			}
		default:
			if l.waitTimer == nil {
				l.waitTimer = time.NewTimer(timeout)
			} else {
				l.waitTimer.Reset(timeout)
			}
			select {
			case <-l.tsWake:
				l.waitTimer.Stop()
			case <-l.baseDone:
				l.waitTimer.Stop()
			case <-l.waitTimer.C:
			}
		}
	}
	l.checkBase()
	l.takeThreadsafe()
}

// checkBase runs the parent context's cancellation hook once the context is
// done, and reports whether it did.
func (l *Loop) checkBase() bool {
	if l.baseDone == nil {
		return false
	}
	select {
	case <-l.baseDone:
		l.baseDone = nil
		l.onBaseDone()
		return true
	default:
		return false
	}
}

// takeThreadsafe moves callbacks handed in by other goroutines to the ready
// queue, in arrival order, and reports whether there were any.
func (l *Loop) takeThreadsafe() bool {
	if l.tsCount.Load() == 0 {
		return false // the common case costs one atomic load, not a lock
	}
	l.tsMu.Lock()
	q := l.tsQueue
	l.tsQueue = nil
	l.tsCount.Store(0)
	l.tsMu.Unlock()
	for _, h := range q {
		l.ready.push(entry{c: h})
	}
	return len(q) > 0
}

// Close releases the loop. Pending callbacks and timers are dropped; failed
// futures and tasks whose error nobody retrieved are reported to the
// exception handler. Closing a running loop is an error.
func (l *Loop) Close() error {
	if l.running {
		return fmt.Errorf("aio: Close: %w", ErrLoopRunning)
	}
	if l.closed {
		return nil
	}
	if l.debug {
		debugLoops.Add(-1)
	}
	for _, fn := range l.shutdownHooks {
		fn()
	}
	l.reportUnretrieved()
	l.tsMu.Lock()
	l.closed = true
	l.tsQueue = nil
	l.tsMu.Unlock()
	l.ready = ring{}
	l.timers = timerHeap{}
	return nil
}

// SetExceptionHandler replaces the handler for errors nobody observed; nil
// restores the default, which prints to standard error.
func (l *Loop) SetExceptionHandler(h ExceptionHandler) { l.handler = h }

// CallExceptionHandler reports c to the loop's exception handler, or to
// DefaultExceptionHandler when none is set: loop.call_exception_handler.
func (l *Loop) CallExceptionHandler(c ExceptionContext) { l.report(c) }

func (l *Loop) report(c ExceptionContext) {
	if l.handler != nil {
		l.handler(l, c)
		return
	}
	l.DefaultExceptionHandler(c)
}

// DefaultExceptionHandler is what reports go to when no handler is set,
// and what a handler calls to fall back on it:
// loop.default_exception_handler. It prints one line to standard error:
// "aio: <Message> (task <name>): <error>".
func (l *Loop) DefaultExceptionHandler(c ExceptionContext) {
	msg := c.Message
	if c.Task != nil {
		msg += fmt.Sprintf(" (task %s)", c.Task.Name())
	}
	if c.Err != nil {
		msg += ": " + c.Err.Error()
	}
	fmt.Fprintln(os.Stderr, "aio:", msg)
}

// noteFailure remembers a failed future until its error is retrieved or the
// loop closes. Entries already retrieved are swept out whenever the list has
// doubled, so a long-running loop whose failures are all handled keeps the
// list small.
func (l *Loop) noteFailure(fc *futureCore) {
	if len(l.unretrieved) >= l.unretrievedCap {
		kept := l.unretrieved[:0]
		for _, f := range l.unretrieved {
			if !f.retrieved {
				kept = append(kept, f)
			}
		}
		clear(l.unretrieved[len(kept):])
		l.unretrieved = kept
		l.unretrievedCap = max(64, 2*len(kept))
	}
	l.unretrieved = append(l.unretrieved, fc)
}

// reportUnretrieved reports every failed future or task whose error was never
// read, in the order they failed: asyncio does this when the object is
// garbage collected; asyncgo does it at a defined moment, when the loop closes.
func (l *Loop) reportUnretrieved() {
	for _, fc := range l.unretrieved {
		if fc.retrieved {
			continue
		}
		fc.retrieved = true
		err := fc.error()
		c := ExceptionContext{Message: "Future exception was never retrieved", Err: err}
		if t := fc.runner(); t != nil {
			c.Message = "Task exception was never retrieved"
			c.Task = t.task()
		}
		if _, ok := err.(*PanicError); ok {
			l.unobserved = append(l.unobserved, err)
		}
		l.report(c)
	}
	l.unretrieved = nil
}

// checkThread enforces, in debug mode, that a loop-only API is called from
// the loop (its own goroutine, or the source-mode coroutine it is running).
func (l *Loop) checkThread(op string) {
	if !l.debug || !l.running {
		return
	}
	g := goid()
	if g == l.gid || (l.current != nil && l.current.srcGoid() == g) {
		return
	}
	panic(fmt.Sprintf("aio: Loop.%s called from goroutine %d, not the loop's; other goroutines must use CallSoonThreadsafe", op, g))
}

// AddShutdownHook registers fn to run when the loop closes, before
// unretrieved errors are reported. Packages that attach resources to a loop
// (executors, pollers) use it.
func (l *Loop) AddShutdownHook(fn func()) { l.shutdownHooks = append(l.shutdownHooks, fn) }
