package aio

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
)

// Several loops, one per core.
//
// A loop runs on one goroutine, so one loop uses one core, as an asyncio
// program uses one thread. When a program outgrows that (CPU work between
// awaits dominates, or one loop's ready queue is the bottleneck), the
// pattern is the one asyncio programs use with several processes, without
// the processes:
//
//   - Shard: run N loops (RunLoops, or a LoopGroup sized runtime.NumCPU()),
//     and give each loop its own share of the work (its own listener with
//     SO_REUSEPORT, its own connections, its own key range). Tasks,
//     futures, Locks and Queues belong to one loop and are never shared.
//   - Hand off: when a task needs something owned by another loop, it
//     awaits Submit(other, fn): fn's coroutine runs as a task on the other
//     loop, and the result comes back as a future on the caller's loop.
//     Cancelling that future cancels the remote task.
//   - From plain goroutines, Call runs a coroutine on a loop and blocks for
//     its result; Loop.CallSoonThreadsafe hands in plain callbacks.
//   - Blocking or CPU-heavy leaf work that is not worth a loop goes to
//     ToThread instead.
//
// Values cross loops only through Submit/Call results and channels, never
// by touching another loop's objects directly (debug mode panics when a
// loop-bound API is called from the wrong goroutine).

// RunLoops runs n event loops in parallel, each on its own goroutine, with
// main(i) as the main coroutine of loop i (as Run does for one), and waits
// for all of them. It returns the results in loop order and the errors of
// the loops that failed, joined. A panic in a main coroutine is returned as
// its *PanicError instead of crashing the other loops.
func RunLoops[T any](n int, main func(i int) Coro[T], opts ...Option) ([]T, error) {
	switch {
	case n < 0:
		return nil, fmt.Errorf("aio: RunLoops: negative number of loops %d: %w", n, ErrInvalidArgument)
	case main == nil:
		return nil, fmt.Errorf("aio: RunLoops: nil main: %w", ErrInvalidArgument)
	}
	results := make([]T, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				if v := recover(); v != nil {
					errs[i] = fmt.Errorf("aio: loop %d: %w", i, NewPanicError(v))
				}
			}()
			results[i], errs[i] = Run(main(i), opts...)
			if errs[i] != nil {
				errs[i] = fmt.Errorf("aio: loop %d: %w", i, errs[i])
			}
		}()
	}
	wg.Wait()
	return results, errors.Join(errs...)
}

// LoopGroup is a set of event loops, each running on its own goroutine until
// Close, for programs that hand work between loops (see Submit and Call).
type LoopGroup struct {
	loops  []*Loop
	done   []chan struct{}
	next   atomic.Uint64
	closed sync.Once
}

// NewLoopGroup starts n loops (n < 1 means 1), each configured by opts, each
// on its own goroutine. The loops idle until work is handed to them.
func NewLoopGroup(n int, opts ...Option) *LoopGroup {
	n = max(n, 1)
	g := &LoopGroup{loops: make([]*Loop, n), done: make([]chan struct{}, n)}
	for i := range n {
		l := NewLoop(opts...)
		g.loops[i] = l
		g.done[i] = make(chan struct{})
		started := make(chan struct{})
		go func() {
			defer close(g.done[i])
			l.CallSoon(func() { close(started) })
			l.RunForever()
			l.cancelAll() // like Run: leftover tasks get to clean up
			l.Close()
		}()
		<-started // the loop is running: CallSoonThreadsafe reaches it
	}
	return g
}

// Len returns the number of loops.
func (g *LoopGroup) Len() int { return len(g.loops) }

// Loop returns loop i. An i out of [0, Len()) panics with an error wrapping
// ErrInvalidArgument.
func (g *LoopGroup) Loop(i int) *Loop {
	if i < 0 || i >= len(g.loops) {
		panic(fmt.Errorf("aio: LoopGroup.Loop: index %d out of range [0, %d): %w", i, len(g.loops), ErrInvalidArgument))
	}
	return g.loops[i]
}

// Next returns the loops in round-robin order, for spreading work.
func (g *LoopGroup) Next() *Loop {
	return g.loops[int((g.next.Add(1)-1)%uint64(len(g.loops)))]
}

// Close stops every loop, cancels the tasks still running on them, waits
// until they have finished their cleanup, and closes the loops. It must not
// be called from one of the group's loops.
func (g *LoopGroup) Close() error {
	if l := runningLoop(); l != nil {
		for _, gl := range g.loops {
			if gl == l {
				return errors.New("aio: LoopGroup.Close called from one of its loops")
			}
		}
	}
	g.closed.Do(func() {
		for _, l := range g.loops {
			l.CallSoonThreadsafe(l.Stop)
		}
		for _, d := range g.done {
			<-d
		}
	})
	return nil
}

// Submit runs fn's coroutine as a new task on loop target and returns a
// future of its result on the calling loop: the hand-off between loops.
// fn is called on target, so the coroutine is created where it runs.
// Cancelling the returned future cancels the remote task; a panic in it
// reaches the awaiter as a *PanicError. Submit must be called on a running
// loop (use Call from plain goroutines); target may be the caller's own loop.
// While the call is in flight the caller's virtual clock does not jump.
func Submit[T any](target *Loop, fn func() Coro[T]) *Future[T] {
	f := newExtFuture[T]()
	src := runningLoop()
	if src == nil {
		f.fc.complete(stateDone, fmt.Errorf("aio: Submit: %w", ErrNoRunningLoop))
		return f
	}
	f.fc.loop = src
	if err := handoffErr(target, fn); err != nil {
		f.fc.complete(stateDone, fmt.Errorf("aio: Submit: %w", err))
		return f
	}
	h := &handoff[T]{f: f, src: src, target: target, fn: fn}
	if _, err := target.CallSoonThreadsafe(h.start); err != nil {
		f.fc.complete(stateDone, fmt.Errorf("aio: Submit: %w", ErrLoopClosed))
		return f
	}
	f.fc.setExt(h)
	src.external++
	return f
}

// handoff is one Submit. f, settled: caller's loop only. task, fn,
// cancelled: target loop only. The result crosses by CallSoonThreadsafe.
type handoff[T any] struct {
	f       *Future[T]
	src     *Loop
	target  *Loop
	settled bool

	fn        func() Coro[T]
	task      *Task[T]
	cancelled bool
	cancelMsg string
}

// start runs on the target loop.
func (h *handoff[T]) start() {
	if h.cancelled {
		return
	}
	h.task = spawnOn(h.target, callCoroFn("Submit", h.fn))
	h.fn = nil
	h.task.fc.addCallback(h, 0)
}

// invoke runs on the target loop when the task is done.
func (h *handoff[T]) invoke(*futureCore) {
	v, err := h.task.Result()
	h.src.CallSoonThreadsafe(func() {
		if h.settled {
			return
		}
		h.settled = true
		h.src.external--
		switch {
		case IsCancelled(err):
			h.f.fc.complete(stateCancelled, err)
		case err != nil:
			h.f.SetError(err)
		default:
			h.f.SetResult(v)
		}
	})
}

// cancelFuture runs on the caller's loop.
func (h *handoff[T]) cancelFuture(msg string) bool {
	if h.f.fc.done() {
		return false
	}
	if !h.settled {
		h.settled = true
		h.src.external--
	}
	h.f.fc.complete(stateCancelled, newCancelled(msg))
	h.target.CallSoonThreadsafe(func() {
		if h.task == nil {
			h.cancelled, h.cancelMsg = true, msg
			return
		}
		h.task.Cancel(msg)
	})
	return true
}

// handoffErr reports a nil target loop or fn, for Submit and Call.
func handoffErr[T any](l *Loop, fn func() Coro[T]) error {
	switch {
	case l == nil:
		return fmt.Errorf("nil loop: %w", ErrInvalidArgument)
	case fn == nil:
		return fmt.Errorf("nil fn: %w", ErrInvalidArgument)
	}
	return nil
}

// callCoroFn calls the fn of Submit or Call on the target loop. A panic in
// fn, or the zero Coro, becomes the coroutine's outcome, so that it reaches
// the waiting caller instead of leaving it waiting forever.
func callCoroFn[T any](op string, fn func() Coro[T]) (c Coro[T]) {
	defer func() {
		if v := recover(); v != nil {
			c = errCoro[T](NewPanicError(v))
		}
	}()
	c = fn()
	if c.f == nil {
		c = errCoro[T](fmt.Errorf("aio: %s: fn returned a zero Coro: %w", op, ErrNilCoro))
	}
	return c
}

// Call runs fn's coroutine as a task on loop l and blocks the calling
// goroutine until it finishes, returning its result; if ctx is done first,
// the task is cancelled and Call returns context.Cause(ctx). It is the entry
// point from plain goroutines; calling it on a running loop would block the
// loop, so there it returns an error (await Submit instead).
func Call[T any](ctx context.Context, l *Loop, fn func() Coro[T]) (T, error) {
	var zero T
	if runningLoop() != nil && (currentSource() != nil || runningLoop().gid == goid()) {
		return zero, fmt.Errorf("aio: Call would block a running loop; await Submit instead: %w", ErrLoopRunning)
	}
	if err := handoffErr(l, fn); err != nil {
		return zero, fmt.Errorf("aio: Call: %w", err)
	}
	ch := make(chan Result[T], 1)
	var task atomic.Pointer[Task[T]]
	if _, err := l.CallSoonThreadsafe(func() {
		t := spawnOn(l, callCoroFn("Call", fn))
		task.Store(t)
		t.fc.addCallback(&chanNotify[T]{ch: ch, res: t.Result}, 0)
	}); err != nil {
		return zero, fmt.Errorf("aio: Call: %w", ErrLoopClosed)
	}
	select {
	case r := <-ch:
		return r.Value, r.Err
	case <-ctx.Done():
		l.CallSoonThreadsafe(func() {
			if t := task.Load(); t != nil {
				t.Cancel()
			}
		})
		return zero, context.Cause(ctx)
	}
}
