package aio

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
)

// The executor bridge: asyncio's loop.run_in_executor and asyncio.to_thread.
// Blocking Go code (file I/O, cgo, a database driver, any API without a
// context-aware non-blocking form) must not run on the loop, where it would
// stall every task. ToThread runs it on a bounded pool of goroutines that
// belongs to the loop, and the result comes back through
// Loop.CallSoonThreadsafe, so it resumes the awaiting task on the loop like
// any other wake-up.

// DefaultExecutorSize is the default bound of a loop's executor pool:
// asyncio's ThreadPoolExecutor default, min(32, NumCPU+4).
func DefaultExecutorSize() int { return min(32, runtime.NumCPU()+4) }

var executors sync.Map // *Loop -> *executor

// executor is a loop's bounded goroutine pool. Workers start lazily, up to
// max, and stay until the loop closes; jobs beyond max wait in FIFO order.
type executor struct {
	mu      sync.Mutex
	cond    sync.Cond
	jobs    []func()
	idle    int // workers parked in cond.Wait not yet signalled
	workers int
	max     int
	closed  bool

	base   context.Context // parent of every job's context; cancelled at Close
	cancel context.CancelCauseFunc
}

// errLoopClosedJob is the cause of a job context cancelled by Loop.Close.
var errLoopClosedJob = fmt.Errorf("aio: executor job abandoned: %w", ErrLoopClosed)

func (l *Loop) executor() *executor {
	if v, ok := executors.Load(l); ok {
		return v.(*executor)
	}
	parent := context.Background()
	if l.baseCtx != nil {
		parent = l.baseCtx
	}
	ex := &executor{max: DefaultExecutorSize()}
	ex.cond.L = &ex.mu
	ex.base, ex.cancel = context.WithCancelCause(parent)
	if v, loaded := executors.LoadOrStore(l, ex); loaded {
		ex.cancel(nil)
		return v.(*executor)
	}
	l.AddShutdownHook(func() {
		executors.Delete(l)
		ex.close()
	})
	return ex
}

// SetExecutorSize bounds the number of goroutines ToThread and
// RunInExecutor use on this loop (n < 1 means 1); the default is
// DefaultExecutorSize. Shrinking takes effect as running jobs finish. Call it
// before running the loop or from the loop.
func (l *Loop) SetExecutorSize(n int) {
	ex := l.executor()
	ex.mu.Lock()
	ex.max = max(n, 1)
	ex.mu.Unlock()
}

func (ex *executor) submit(job func()) bool {
	ex.mu.Lock()
	defer ex.mu.Unlock()
	if ex.closed {
		return false
	}
	ex.jobs = append(ex.jobs, job)
	switch {
	case ex.idle > 0:
		ex.idle--
		ex.cond.Signal()
	case ex.workers < ex.max:
		ex.workers++
		go ex.work()
	}
	return true
}

func (ex *executor) work() {
	ex.mu.Lock()
	for {
		for len(ex.jobs) == 0 && !ex.closed && ex.workers <= ex.max {
			ex.idle++
			ex.cond.Wait()
		}
		if len(ex.jobs) == 0 || ex.workers > ex.max {
			ex.workers--
			ex.mu.Unlock()
			return
		}
		job := ex.jobs[0]
		ex.jobs[0] = nil
		ex.jobs = ex.jobs[1:]
		ex.mu.Unlock()
		job()
		ex.mu.Lock()
	}
}

// close runs when the loop closes: jobs not started are dropped, running
// ones see their context cancelled (the goroutines cannot be killed; they
// finish on their own and their results are discarded), idle workers exit.
func (ex *executor) close() {
	ex.mu.Lock()
	ex.closed = true
	clear(ex.jobs)
	ex.jobs = nil
	ex.idle = 0
	ex.cond.Broadcast()
	ex.mu.Unlock()
	ex.cancel(errLoopClosedJob)
}

// ToThread runs fn on the running loop's executor pool and returns a future
// of its result: asyncio.to_thread. Await it from a task:
//
//	data, err := aio.Await(aio.ToThread(func(ctx context.Context) ([]byte, error) {
//		return os.ReadFile(name)
//	}))
//
// Cancelling the future (for instance by cancelling the task awaiting it)
// cancels ctx, with the cancellation as its cause, and the awaiter gets the
// cancellation at once. The goroutine itself cannot be stopped: as with
// asyncio's threads, fn keeps running until it returns (it should watch
// ctx), and its result is then discarded. A panic in fn reaches the awaiter
// as a *PanicError (awaiting re-panics with it). While fn runs, the loop's
// virtual clock (WithVirtualClock) does not jump, so timeouts around
// blocking work behave as they would in real time.
//
// Outside a running loop the returned future has failed with
// ErrNoRunningLoop; with a nil fn, with ErrInvalidArgument.
func ToThread[T any](fn func(ctx context.Context) (T, error)) *Future[T] {
	return runInExecutor("ToThread", runningLoop(), fn)
}

// RunInExecutor is ToThread on a given loop: loop.run_in_executor with the
// loop's default executor. It must be called from l (a task or callback on
// it); other goroutines hand work to a loop with Loop.CallSoonThreadsafe.
func RunInExecutor[T any](l *Loop, fn func(ctx context.Context) (T, error)) *Future[T] {
	return runInExecutor("RunInExecutor", l, fn)
}

func runInExecutor[T any](op string, l *Loop, fn func(ctx context.Context) (T, error)) *Future[T] {
	f := newExtFuture[T]()
	switch {
	case l == nil:
		f.fc.complete(stateDone, fmt.Errorf("aio: %s: %w", op, ErrNoRunningLoop))
		return f
	case l.closed:
		f.fc.complete(stateDone, fmt.Errorf("aio: %s: %w", op, ErrLoopClosed))
		return f
	case fn == nil:
		f.fc.loop = l
		f.fc.complete(stateDone, fmt.Errorf("aio: %s: nil func: %w", op, ErrInvalidArgument))
		return f
	}
	l.checkThread(op)
	f.fc.loop = l
	ex := l.executor()
	j := &execJob[T]{f: f, fn: fn, l: l}
	j.ctx, j.cancel = context.WithCancelCause(ex.base)
	f.fc.setExt(j)
	if !ex.submit(j.run) {
		j.cancel(nil)
		f.fc.complete(stateDone, fmt.Errorf("aio: %s: %w", op, ErrLoopClosed))
		return f
	}
	l.external++
	return f
}

// execJob is one ToThread call. fn, ctx and the result fields are handed
// to the worker before it starts and back to the loop through
// CallSoonThreadsafe (whose mutex orders the accesses); f is only touched on
// the loop.
type execJob[T any] struct {
	f      *Future[T]
	fn     func(context.Context) (T, error)
	l      *Loop
	ctx    context.Context
	cancel context.CancelCauseFunc
	v      T
	err    error
}

// run executes on a worker goroutine.
func (j *execJob[T]) run() {
	normal := false
	defer func() {
		if !normal {
			v := recover()
			if v == nil {
				v = errors.New("aio: ToThread function called runtime.Goexit")
			}
			j.err = NewPanicError(v)
		}
		j.cancel(nil) // release the context
		j.fn = nil
		if _, err := j.l.CallSoonThreadsafe(j.deliver); err != nil {
			return // loop closed: nobody is waiting any more
		}
	}()
	j.v, j.err = j.fn(j.ctx)
	normal = true
}

// deliver runs on the loop.
func (j *execJob[T]) deliver() {
	j.l.external--
	if j.f.fc.done() {
		return // cancelled meanwhile: the result is discarded
	}
	if j.err != nil {
		j.f.SetError(j.err)
		return
	}
	j.f.SetResult(j.v)
}

// cancelFuture makes cancelling the future cancel the job's context.
func (j *execJob[T]) cancelFuture(msg string) bool {
	if j.f.fc.done() {
		return false
	}
	err := newCancelled(msg)
	j.cancel(err)
	j.f.fc.complete(stateCancelled, err)
	return true
}
