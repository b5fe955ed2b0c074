package aio

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

// ensureFuture is asyncio.ensure_future: a task or future is used as it is
// (a future is bound to l); a coroutine is spawned as a task on l; any other
// awaitable is wrapped in a coroutine that awaits it and spawned.
func ensureFuture[T any](l *Loop, aw Awaitable[T]) resultFuture[T] {
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
