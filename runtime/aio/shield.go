package aio

// Shield protects aw from cancellation: asyncio.shield. It returns a future
// that follows aw (coroutines are wrapped in a task): awaiting the future
// yields aw's outcome. Cancelling the future, or the task awaiting it,
// cancels only the future: the awaiter gets the cancellation at once while
// aw keeps running, and its result stays available from aw itself.
// Cancelling aw directly cancels the future too.
//
// As in asyncio, Shield of an already-done *Future returns that same future.
// A done *Task cannot be returned as a *Future, so it is copied into a new
// done future. Called outside a running loop, Shield starts aw when the
// returned future is first awaited on a loop.
func Shield[T any](aw Awaitable[T]) *Future[T] {
	if f, ok := aw.(*Future[T]); ok && f != nil && f.fc.done() {
		return f
	}
	outer := newExtFuture[T]()
	s := &shielder[T]{outer: outer, aw: aw}
	outer.fc.setExt(s)
	if l := runningLoop(); l != nil {
		outer.fc.loop = l
		s.start(l)
	}
	return outer
}

// shielder links the inner future and the outer one. It is the outer's ext
// only so that an outer created outside a loop can start the inner on bind;
// cancelling the outer is a plain future cancel.
type shielder[T any] struct {
	outer   *Future[T]
	aw      Awaitable[T]
	inner   resultFuture[T]
	started bool
}

type (
	shieldInnerDone[T any] shielder[T] // _inner_done_callback
	shieldOuterDone[T any] shielder[T] // _outer_done_callback
)

func (s *shielder[T]) start(l *Loop) {
	if s.started {
		return
	}
	s.started = true
	aw := s.aw
	s.aw = nil
	s.inner = ensureAny(l, aw, "Shield", -1)
	ic := s.inner.core()
	if ic.done() {
		// asyncio returns inner itself; copy its outcome instead.
		s.copyInner()
		return
	}
	ic.addCallback((*shieldInnerDone[T])(s), 0)
	s.outer.fc.addCallback((*shieldOuterDone[T])(s), 0)
}

// copyInner completes the outer future with the inner's outcome.
func (s *shielder[T]) copyInner() {
	ic := s.inner.core()
	if ic.state == stateCancelled {
		s.outer.fc.complete(stateCancelled, ic.error())
		return
	}
	v, err := s.inner.Result()
	s.outer.value = v
	s.outer.fc.complete(stateDone, err)
}

func (s *shielder[T]) cancelFuture(msg string) bool {
	if !s.started {
		s.started = true // never bound: the inner was never created
		s.aw = nil
	}
	s.outer.fc.complete(stateCancelled, newCancelled(msg))
	return true
}

func (c *shieldInnerDone[T]) invoke(*futureCore) {
	s := (*shielder[T])(c)
	ic, oc := s.inner.core(), &s.outer.fc
	if oc.state == stateCancelled {
		if ic.state != stateCancelled {
			ic.retrieved = true // inner.exception(): nobody else will see it
		}
		return
	}
	if oc.done() {
		return
	}
	if ic.state == stateCancelled {
		oc.complete(stateCancelled, newCancelled("")) // outer.cancel()
		return
	}
	s.copyInner()
}

func (c *shieldOuterDone[T]) invoke(*futureCore) {
	s := (*shielder[T])(c)
	if ic := s.inner.core(); !ic.done() {
		ic.removeWaker((*shieldInnerDone[T])(s))
	}
}
