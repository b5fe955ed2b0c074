package aio

import (
	"fmt"
	"strconv"
)

// Shared machinery for combinators (Gather, WaitFor, Shield, Wait, ...),
// which, like asyncio's, work on futures: every awaitable they are given is
// first turned into a task or future.

// resultFuture is the typed view of a *Task[T] or *Future[T].
type resultFuture[T any] interface {
	core() *futureCore
	Result() (T, error)
}

func (f *Future[T]) core() *futureCore { return &f.fc }
func (t *Task[T]) core() *futureCore   { return &t.fc }

// Errors of awaitables that can never complete: what awaitableErr reports.
var (
	errNilAwaitable = fmt.Errorf("nil awaitable: %w", ErrNilCoro)
	errZeroCoro     = fmt.Errorf("zero Coro: %w", ErrNilCoro)
	errNilFuture    = fmt.Errorf("nil *Future: %w", ErrNilCoro)
	errNilTask      = fmt.Errorf("nil *Task: %w", ErrNilCoro)
	errZeroTask     = fmt.Errorf("Task not created by Spawn: %w", ErrInvalidState)
)

// Errors of Await itself (Await, and the AwaitEnd of futures and tasks,
// which generated code calls directly).
var (
	errAwaitZeroCoro  = fmt.Errorf("aio: Await: %w", errZeroCoro)
	errAwaitNilFuture = fmt.Errorf("aio: Await: %w", errNilFuture)
	errAwaitNilTask   = fmt.Errorf("aio: Await: %w", errNilTask)
	errAwaitZeroTask  = fmt.Errorf("aio: Await: %w", errZeroTask)
	errAwaitOtherLoop = fmt.Errorf("aio: Await: the task or future belongs to another event loop: %w", ErrInvalidState)
)

// foreign reports whether fc, pending, is bound to another loop than r's:
// awaiting it would run r's wake-up on that loop's goroutine. asyncio
// refuses it too ("attached to a different loop").
func foreign(fc *futureCore, r *Runner) bool {
	return !fc.done() && fc.loop != nil && fc.loop != r.fc.loop
}

// awaitableErr reports why aw can never be awaited (a nil interface, *Future
// or *Task, the zero Coro, a zero Task that no Spawn started), or nil. The
// error names no operation: callers prefix theirs.
func awaitableErr[T any](aw Awaitable[T]) error {
	switch x := aw.(type) {
	case nil:
		return errNilAwaitable
	case Coro[T]:
		if x.f == nil {
			return errZeroCoro
		}
	case *Future[T]:
		return x.invalid()
	case *Task[T]:
		return x.invalid()
	case interface{ invalid() error }:
		return x.invalid() // Any(x): x's own type is not T
	}
	return nil
}

// invalid reports a nil *Future.
func (f *Future[T]) invalid() error {
	if f == nil {
		return errNilFuture
	}
	return nil
}

// invalid reports a nil *Task or a zero Task, which no Spawn started and
// nothing will ever complete.
func (t *Task[T]) invalid() error {
	if t == nil {
		return errNilTask
	}
	if !t.fc.has(tIsTask) {
		return errZeroTask
	}
	return nil
}

// ensureFuture is asyncio.ensure_future: a task or future is used as it is
// (a future is bound to l); a coroutine is spawned as a task on l; any other
// awaitable is wrapped in a coroutine that awaits it and spawned. An
// awaitable that can never complete (see awaitableErr) becomes a future
// failed with an error naming op, the combinator, and arg, the argument
// (-1: none).
func ensureFuture[T any](l *Loop, aw Awaitable[T], op string, arg int) resultFuture[T] {
	if err := awaitableErr(aw); err != nil {
		if arg >= 0 {
			op += ": argument " + strconv.Itoa(arg)
		}
		return failedFuture[T](l, fmt.Errorf("aio: %s: %w", op, err))
	}
	switch x := aw.(type) {
	case *Task[T]:
		return x
	case *Future[T]:
		x.fc.bind(l)
		return x
	case Coro[T]:
		return spawnOn(l, x)
	}
	return spawnOn(l, awaitCoro(aw))
}

// identity returns a comparable key for awaitables that have identity
// (coroutines, tasks, futures), so a combinator given the same one twice
// runs it once, as asyncio's gather does; nil for value awaitables such as
// SleepOp, which are distinct every time.
func identity[T any](aw Awaitable[T]) any {
	switch x := aw.(type) {
	case *Task[T], *Future[T]:
		return x
	case Coro[T]:
		return x.f
	}
	return nil
}

// awaitFrame is a coroutine whose body is `return await aw`.
type awaitFrame[T any] struct {
	CoroFrame[T]
	aw      Awaitable[T]
	started bool
}

func awaitCoro[T any](aw Awaitable[T]) Coro[T] {
	f := &awaitFrame[T]{aw: aw}
	return f.Init(f)
}

func (f *awaitFrame[T]) Resume(r *Runner) {
	if !f.started {
		f.started = true
		if !f.aw.AwaitBegin(r) {
			return
		}
	}
	v, err := f.aw.AwaitEnd(r)
	f.aw = nil
	f.Return(r, v, err)
}

// releaser is a done callback that resolves a waiter future (if still
// pending) when the future it is registered on completes: asyncio's
// _release_waiter. It allocates nothing beyond itself and can be removed by
// identity with removeWaker.
type releaser struct{ waiter *futureCore }

func (rl *releaser) invoke(*futureCore) {
	if !rl.waiter.done() {
		rl.waiter.complete(stateDone, nil)
	}
}

// newPending returns a pending untyped future bound to l: the waiter futures
// combinators park on.
func newPending(l *Loop) *Future[struct{}] {
	f := &Future[struct{}]{}
	f.fc.loop = l
	return f
}
