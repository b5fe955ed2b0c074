package aio

// Gather and its results form: asyncio.gather, with CPython 3.11's
// _GatheringFuture semantics and callback structure, so programs ported from
// Python see the same event order.
//
// Heterogeneous children. Go's generics make Gather homogeneous: every child
// produces the same T. Children of different types have three options:
//
//   - Gather2 and Gather3 take two or three typed awaitables and produce a
//     Tuple2 or Tuple3: the common case, fully typed.
//   - Any erases an awaitable's type, so Gather(Any(a), Any(b), Any(c), ...)
//     takes any number of children and yields []any in argument order. Any
//     keeps the identity of the wrapped task, future or coroutine, so a
//     repeated argument still runs once, and a wrapped task or future is
//     gathered directly (no extra task, no extra loop iteration).
//   - Spawn each child as a typed task, Gather over Any(task)s or Wait on
//     them, and read each task's typed Result afterwards.

// Result is one child's outcome in GatherResults: its value, or the error it
// failed with (a cancelled child has a *CancelledError).
type Result[T any] struct {
	Value T
	Err   error
}

// Gather runs the awaitables concurrently and returns a future of their
// values, in argument order: asyncio.gather(*aws).
//
// As in asyncio, each coroutine (or other awaitable) is wrapped in a task and
// the tasks are started in argument order; tasks and futures are used as
// they are. A repeated argument (the same task, future or coroutine) runs
// once and its value appears at each of its positions. With no arguments the
// future is already done with an empty slice.
//
// The first child to fail completes the future with its error; the other
// children keep running. A cancelled child completes it with that child's
// *CancelledError as an ordinary error: the gather future itself is not
// cancelled (Cancelled reports false) and awaiting it yields the
// cancellation. Cancelling the gather future, or a task awaiting it, cancels
// every unfinished child; the future then reports cancellation once the
// children finish (or at the first child that ends cancelled). Errors of
// children that finish after the future is done count as retrieved.
//
// Called inside a running loop, Gather starts its children at once, as
// asyncio does. Called outside one (aio.Run(aio.Gather(a, b))), it starts
// them when the future is first awaited on a loop.
func Gather[T any](aws ...Awaitable[T]) *Future[[]T] {
	out := newExtFuture[[]T]()
	g := &gatherer[T]{outV: out, outer: &out.fc}
	g.init(aws)
	return out
}

// GatherResults is Gather with return_exceptions=True: the future always
// completes with one Result per argument, in argument order, once every
// child has finished; a failed child's error sits at its position instead of
// failing the whole. Like CPython 3.11, a cancelled task shows up as a
// *CancelledError without its message (a cancelled plain future keeps its
// message). Cancelling the gather future still cancels the children and
// reports cancellation.
func GatherResults[T any](aws ...Awaitable[T]) *Future[[]Result[T]] {
	out := newExtFuture[[]Result[T]]()
	g := &gatherer[T]{outR: out, outer: &out.fc, returnErrs: true}
	g.init(aws)
	return out
}

// gatherer is the state of one gather: the _GatheringFuture's children and
// _cancel_requested, and the closure state of gather's _done_callback. It is
// the ext of the outer future (cancel cancels the children) and the starter
// that spawns the children; its cnt is the done callback registered on
// every distinct child.
type gatherer[T any] struct {
	outer      *futureCore
	outV       *Future[[]T]
	outR       *Future[[]Result[T]]
	returnErrs bool

	args            []Awaitable[T] // until started
	children        []resultFuture[T]
	cnt             gatherCount
	cancelRequested bool
	started         bool
}

func (g *gatherer[T]) init(aws []Awaitable[T]) {
	if len(aws) == 0 {
		// asyncio: an already-done future with [].
		g.started = true
		g.outer.loop = runningLoop()
		if g.outV != nil {
			g.outV.value = []T{}
		} else {
			g.outR.value = []Result[T]{}
		}
		g.outer.state = stateDone
		return
	}
	g.outer.setExt(g)
	if l := runningLoop(); l != nil {
		g.outer.loop = l
		g.args = aws
		g.start(l)
		return
	}
	// Outside a loop: copy the arguments (the caller may reuse its slice)
	// and start on first bind.
	g.args = append([]Awaitable[T](nil), aws...)
}

// start ensures the children and registers the done callback on each
// distinct one, in argument order, exactly as gather's argument loop does.
func (g *gatherer[T]) start(l *Loop) {
	if g.started {
		return
	}
	g.started = true
	args := g.args
	g.args = nil
	g.children = make([]resultFuture[T], len(args))
	g.cnt.done = g.childDone
	slab := taskSlab[T](args)
	var byKey map[any]int // only for many arguments; small gathers scan
	for i, aw := range args {
		// The commonest child by far, a pending task of this loop with no
		// done callbacks yet, is registered inline: having no callbacks, it
		// cannot repeat an earlier argument, which would have registered the
		// gather's.
		if t, ok := aw.(*Task[T]); ok && t != nil && t.fc.cbs == nil && t.fc.loop == l && !t.fc.done() {
			t.fc.cbs = &g.cnt
			t.fc.set(tGathered)
			g.cnt.nfuts++
			g.children[i] = t
			continue
		}
		if fut := g.fastChild(l, aw, len(args), &slab); fut != nil {
			g.register(fut)
			g.children[i] = fut
			continue
		}
		key := awaitableKey(aw)
		if key != nil {
			dup := -1
			if len(args) > 16 && !isCoro(aw) && !g.registered(aw) {
				if byKey == nil {
					byKey = make(map[any]int, len(args))
				}
				if j, ok := byKey[key]; ok {
					dup = j
				} else {
					byKey[key] = i
				}
			} else {
				// Coroutines and pending tasks and futures never enter
				// byKey (see fastChild).
				dup = scanFor(args[:i], key)
			}
			if dup >= 0 {
				g.children[i] = g.children[dup]
				continue
			}
		}
		fut := ensureAny(l, aw, "Gather", i)
		g.register(fut)
		g.children[i] = fut
	}
}

// taskSlab allocates, in one piece, the tasks a gather's coroutine
// arguments will run as: a gather of many coroutines makes one allocation
// for all of them rather than one each. The tasks live as long as the
// slab, which is the gather's lifetime unless a child outlives it.
func taskSlab[T any](args []Awaitable[T]) []Task[T] {
	n := 0
	for _, aw := range args {
		if c, ok := aw.(Coro[T]); ok && c.f != nil && c.f.state == frameNew {
			n++
		}
	}
	if n < 2 {
		return nil
	}
	return make([]Task[T], n)
}

// register adds the gather's done callback to a distinct child.
func (g *gatherer[T]) register(fut resultFuture[T]) {
	fc := fut.core()
	g.cnt.nfuts++
	if fc.done() {
		g.cnt.pending++ // addCallback queues it at once
	}
	fc.addCallback(&g.cnt, 0)
	fc.set(tGathered)
}

// gatherCount is the done callback a gather registers on each distinct
// child, and the count it keeps. It is not generic, so that completing a
// child can recognise it by its type alone (see countNow).
type gatherCount struct {
	nfuts     int
	nfinished int
	pending   int               // callbacks queued and not run yet
	done      func(*futureCore) // the gather's _done_callback
}

func (c *gatherCount) invoke(fc *futureCore) {
	c.pending--
	c.nfinished++
	c.done(fc)
}

// countNow runs the done callback for a child that just completed right
// away, when running it through call-soon could make no difference: the
// child succeeded (the callback would only count it), it is not the last
// one (the last completes the gather), and no callback of the gather is
// queued (so none can see the count before it would have been taken). It
// saves a trip through the ready queue per child of a large gather.
func (c *gatherCount) countNow(fc *futureCore) bool {
	if c.pending > 0 || fc.state != stateDone || fc.error() != nil || c.nfinished+1 >= c.nfuts {
		c.pending++
		return false
	}
	c.nfinished++
	return true
}

// fastChild returns the child future for aw when aw is one of the common
// arguments that need no lookup to rule out a repeat (nil otherwise):
//   - a coroutine not yet claimed cannot repeat an earlier argument, which
//     would have claimed it; it is spawned, as a task taken from slab;
//   - in a long gather, a pending task or future that does not have the
//     gather among its callbacks was not an earlier argument.
func (g *gatherer[T]) fastChild(l *Loop, aw Awaitable[T], nargs int, slab *[]Task[T]) resultFuture[T] {
	switch x := aw.(type) {
	case Coro[T]:
		if x.f != nil && x.f.state == frameNew {
			if len(*slab) > 0 {
				t := &(*slab)[0]
				*slab = (*slab)[1:]
				return startTask(t, l, x, nil)
			}
			return spawnOn(l, x)
		}
	case *Task[T], *Future[T]:
		if fut, fc := pendingChild(aw); nargs > 16 && fc != nil && !fc.hasCallback(&g.cnt) {
			fc.bind(l)
			return fut
		}
	}
	return nil
}

// registered reports whether aw is a pending task or future that has the
// gather among its callbacks: an earlier argument repeated.
func (g *gatherer[T]) registered(aw Awaitable[T]) bool {
	_, fc := pendingChild(aw)
	return fc != nil && fc.hasCallback(&g.cnt)
}

// pendingChild returns aw and its core when aw is a pending task or future.
func pendingChild[T any](aw Awaitable[T]) (resultFuture[T], *futureCore) {
	switch x := aw.(type) {
	case *Task[T]:
		if x != nil && !x.fc.done() {
			return x, &x.fc
		}
	case *Future[T]:
		if x != nil && !x.fc.done() {
			return x, &x.fc
		}
	}
	return nil, nil
}

func isCoro[T any](aw Awaitable[T]) bool {
	_, ok := aw.(Coro[T])
	return ok
}

// scanFor returns the index of the first of args whose key is key, or -1.
func scanFor[T any](args []Awaitable[T], key any) int {
	for j, a := range args {
		if awaitableKey(a) == key {
			return j
		}
	}
	return -1
}

// cancelFuture is _GatheringFuture.cancel: cancel every child (duplicates
// included, as CPython does) and remember that cancellation was requested.
func (g *gatherer[T]) cancelFuture(msg string) bool {
	if !g.started {
		// Never bound to a loop: no child was created, so the children
		// will never run; the gather is simply cancelled.
		g.started = true
		g.args = nil
		g.outer.complete(stateCancelled, newCancelled(msg))
		return true
	}
	ret := false
	for _, c := range g.children {
		if c.core().cancel(msg) {
			ret = true
		}
	}
	if ret {
		g.cancelRequested = true
	}
	return ret
}

// childDone is gather's _done_callback, run through call-soon (see
// gatherCount) when the child fc finishes.
func (g *gatherer[T]) childDone(fc *futureCore) {
	outer := g.outer
	if outer.done() {
		if fc.state != stateCancelled {
			fc.retrieved = true // the error can no longer reach anyone
		}
		return
	}
	if !g.returnErrs {
		if fc.state == stateCancelled {
			outer.complete(stateDone, fc.error()) // an exception, not a cancelled gather
			return
		}
		if err := fc.error(); err != nil {
			fc.retrieved = true
			outer.complete(stateDone, err)
			return
		}
	}
	if g.cnt.nfinished != g.cnt.nfuts {
		return
	}
	var last *futureCore
	if g.outV != nil {
		vals := make([]T, len(g.children))
		for i, c := range g.children {
			if t, ok := c.(*Task[T]); ok {
				vals[i], _ = t.Result() // inlined: most children are tasks
			} else {
				vals[i], _ = c.Result()
			}
		}
		g.outV.value = vals
	} else {
		res := make([]Result[T], len(g.children))
		for i, c := range g.children {
			cf := c.core()
			if cf.state == stateCancelled {
				res[i].Err = gatheredCancel(cf)
				continue
			}
			res[i].Value, res[i].Err = c.Result()
		}
		g.outR.value = res
	}
	if n := len(g.children); n > 0 {
		last = g.children[n-1].core()
	}
	if g.cancelRequested {
		// CPython raises the last child's cancellation (its loop variable
		// has run off the end of children), or a fresh one.
		var err error = ErrCancelled
		if last != nil && last.state == stateCancelled {
			err = last.error()
		}
		if g.outV != nil {
			g.outV.value = nil
		} else {
			g.outR.value = nil
		}
		outer.complete(stateDone, err)
		return
	}
	outer.complete(stateDone, nil)
}

// gatheredCancel is the error GatherResults reports for a cancelled child:
// CPython builds CancelledError(fut._cancel_message), and a task that ended
// by raising CancelledError has no stored message, so tasks lose theirs.
func gatheredCancel(fc *futureCore) error {
	if fc.runner() != nil {
		return newCancelled("")
	}
	return newCancelled(cancelMessage(fc.error()))
}

// failedFuture returns a future bound to l that has already failed with err.
func failedFuture[T any](l *Loop, err error) *Future[T] {
	f := &Future[T]{}
	f.fc.loop = l
	f.fc.complete(stateDone, err)
	return f
}

// --- type erasure for heterogeneous gathers ---

// Any erases the result type of an awaitable: awaiting Any(aw) yields aw's
// value as an any. It lets Gather take children of different types:
//
//	res, err := aio.Await(aio.Gather(aio.Any(fetchUser(id)), aio.Any(fetchCount())))
//	user, count := res[0].(User), res[1].(int)
//
// Combinators see through it: the wrapped task, future or coroutine keeps
// its identity and is used directly, so Any adds no task and no loop
// iteration.
func Any[T any](aw Awaitable[T]) Awaitable[any] {
	if a, ok := aw.(Awaitable[any]); ok {
		return a // already erased (T is any)
	}
	return anyAwaitable[T]{aw}
}

type anyAwaitable[T any] struct{ aw Awaitable[T] }

// AwaitBegin is part of the Awaitable protocol.
func (a anyAwaitable[T]) AwaitBegin(r *Runner) bool {
	if a.aw == nil {
		return true
	}
	return a.aw.AwaitBegin(r)
}

// invalid is awaitableErr of the erased awaitable.
func (a anyAwaitable[T]) invalid() error { return awaitableErr(a.aw) }

// AwaitEnd is part of the Awaitable protocol.
func (a anyAwaitable[T]) AwaitEnd(r *Runner) (any, error) {
	if a.aw == nil {
		return nil, ErrNilCoro // as Await(nil)
	}
	v, err := a.aw.AwaitEnd(r)
	return v, err
}

// erased is the non-generic view of anyAwaitable used by combinators.
type erased interface {
	ensureErased(l *Loop, op string, arg int) resultFuture[any]
	key() any
}

func (a anyAwaitable[T]) ensureErased(l *Loop, op string, arg int) resultFuture[any] {
	return erasedFuture[T]{ensureFuture(l, a.aw, op, arg)}
}

func (a anyAwaitable[T]) key() any {
	if a.aw == nil {
		return nil
	}
	return identity(a.aw)
}

// erasedFuture presents a typed task or future as a resultFuture[any].
type erasedFuture[T any] struct{ f resultFuture[T] }

func (e erasedFuture[T]) core() *futureCore { return e.f.core() }

func (e erasedFuture[T]) Result() (any, error) {
	v, err := e.f.Result()
	return v, err
}

// awaitableKey is identity, seeing through Any.
func awaitableKey[T any](aw Awaitable[T]) any {
	if aw == nil {
		return nil
	}
	if e, ok := any(aw).(erased); ok {
		return e.key()
	}
	return identity(aw)
}

// ensureAny is ensureFuture, seeing through Any.
func ensureAny[T any](l *Loop, aw Awaitable[T], op string, arg int) resultFuture[T] {
	if e, ok := any(aw).(erased); ok {
		if f, ok := any(e.ensureErased(l, op, arg)).(resultFuture[T]); ok {
			return f
		}
	}
	return ensureFuture(l, aw, op, arg)
}

// Tuple2 is the result of Gather2.
type Tuple2[A, B any] struct {
	V1 A
	V2 B
}

// Tuple3 is the result of Gather3.
type Tuple3[A, B, C any] struct {
	V1 A
	V2 B
	V3 C
}

// Gather2 gathers two awaitables of different types: Gather(Any(a), Any(b))
// with typed results. The children start at once (inside a loop), as with
// Gather; the returned coroutine awaits them and converts the values, inline
// in the awaiting task, so it costs no extra loop iteration. Errors and
// cancellation behave as in Gather.
func Gather2[A, B any](a Awaitable[A], b Awaitable[B]) Coro[Tuple2[A, B]] {
	f := &tupleFrame[Tuple2[A, B]]{g: Gather(Any(a), Any(b))}
	f.conv = func(v []any) Tuple2[A, B] {
		var t Tuple2[A, B]
		t.V1, _ = v[0].(A)
		t.V2, _ = v[1].(B)
		return t
	}
	return f.Init(f)
}

// Gather3 gathers three awaitables of different types; see Gather2.
func Gather3[A, B, C any](a Awaitable[A], b Awaitable[B], c Awaitable[C]) Coro[Tuple3[A, B, C]] {
	f := &tupleFrame[Tuple3[A, B, C]]{g: Gather(Any(a), Any(b), Any(c))}
	f.conv = func(v []any) Tuple3[A, B, C] {
		var t Tuple3[A, B, C]
		t.V1, _ = v[0].(A)
		t.V2, _ = v[1].(B)
		t.V3, _ = v[2].(C)
		return t
	}
	return f.Init(f)
}

// tupleFrame is the coroutine `return conv(await g)`.
type tupleFrame[R any] struct {
	CoroFrame[R]
	g       *Future[[]any]
	conv    func([]any) R
	started bool
}

func (f *tupleFrame[R]) Resume(r *Runner) {
	if !f.started {
		f.started = true
		if !f.g.AwaitBegin(r) {
			return
		}
	}
	v, err := f.g.AwaitEnd(r)
	var out R
	if err == nil {
		out = f.conv(v)
	}
	f.Return(r, out, err)
}
