package aio

import (
	"fmt"
	"math"
	"time"
)

// NoDeadline disables a timeout scope's deadline: asyncio's
// timeout(None) / reschedule(None).
const NoDeadline time.Duration = math.MaxInt64

// Timeout runs c inline in the current task with a time limit of d:
//
//	async with asyncio.timeout(d):
//	    return await c
//
// The deadline (loop time now + d) is fixed when the coroutine starts. When
// it passes, the task is cancelled (Task.cancel), which delivers a
// cancellation at c's current await. When c then ends with that
// cancellation, Timeout returns ErrTimeout (errors.Is(err,
// context.DeadlineExceeded) holds). The cancellation is turned into a
// timeout only if it was the scope's own: when the task was also cancelled
// by someone else (its Cancelling count stays above what it was on entry
// after the scope's Uncancel), the cancellation propagates. If c swallows
// the cancellation and returns normally, its result is returned as it is.
// Unlike WaitFor, no new task is created: c runs in the caller's task.
func Timeout[T any](d time.Duration, c Coro[T]) Coro[T] {
	f := &timeoutFrame[T]{relative: true, delay: d, c: c}
	return f.Init(f)
}

// TimeoutAt is Timeout with an absolute deadline on the loop's clock
// (Loop.Time): asyncio.timeout_at(when). NoDeadline means no limit.
func TimeoutAt[T any](when time.Duration, c Coro[T]) Coro[T] {
	f := &timeoutFrame[T]{delay: when, c: c}
	return f.Init(f)
}

// TimeoutScopeAt runs the coroutine that body returns inside a timeout scope
// with deadline when (loop time; NoDeadline for none), passing the scope so
// the body can inspect or move its deadline, as with
// `async with asyncio.timeout_at(when) as scope:`. body is called when the
// coroutine starts, on the loop, once.
func TimeoutScopeAt[T any](when time.Duration, body func(s *TimeoutScope) Coro[T]) Coro[T] {
	if body == nil {
		body = func(*TimeoutScope) Coro[T] { return errCoro[T](errScopeNilBody) }
	}
	f := &timeoutFrame[T]{delay: when, body: body}
	return f.Init(f)
}

// Timeout scope states, as asyncio.timeouts._State.
const (
	scopeCreated uint8 = iota
	scopeEntered
	scopeExpiring
	scopeExpired
	scopeExited
)

// TimeoutScope is the state of a running timeout scope: asyncio.Timeout.
// Its methods must be called on the loop, from the task running the scope.
type TimeoutScope struct {
	state      uint8
	when       time.Duration
	handle     *Handle
	task       *Runner
	cancelling int
}

// When returns the current deadline on the loop's clock (NoDeadline if
// none).
func (s *TimeoutScope) When() time.Duration { return s.when }

// Expired reports whether the deadline passed while the scope was active.
func (s *TimeoutScope) Expired() bool {
	return s.state == scopeExpiring || s.state == scopeExpired
}

// Reschedule moves the deadline to when (loop time; NoDeadline disables
// it). A deadline already past fires on the next loop iteration. It is an
// error once the scope has expired or exited.
func (s *TimeoutScope) Reschedule(when time.Duration) error {
	if s.state != scopeEntered {
		if s.state == scopeCreated {
			return fmt.Errorf("aio: TimeoutScope.Reschedule: timeout has not been entered: %w", ErrInvalidState)
		}
		return fmt.Errorf("aio: TimeoutScope.Reschedule: cannot change state of %s timeout: %w", scopeStateName(s.state), ErrInvalidState)
	}
	s.when = when
	if s.handle != nil {
		s.handle.Cancel()
	}
	if when == NoDeadline {
		s.handle = nil
		return nil
	}
	l := s.task.fc.loop
	if when <= l.Time() {
		s.handle = l.CallSoon(s.onTimeout)
	} else {
		s.handle = l.CallAt(when, s.onTimeout)
	}
	return nil
}

func scopeStateName(st uint8) string {
	switch st {
	case scopeExpiring:
		return "expiring"
	case scopeExpired:
		return "expired"
	case scopeExited:
		return "finished"
	}
	return "active"
}

// onTimeout is Timeout._on_timeout: cancel the task and remember that the
// cancellation is ours.
func (s *TimeoutScope) onTimeout() {
	s.task.Cancel()
	s.state = scopeExpiring
	s.handle = nil
}

// exit is Timeout.__aexit__; err is the scope body's outcome. It returns
// the error to report.
func (s *TimeoutScope) exit(err error) error {
	if s.handle != nil {
		s.handle.Cancel()
		s.handle = nil
	}
	switch s.state {
	case scopeExpiring:
		s.state = scopeExpired
		if s.task.Uncancel() <= s.cancelling && IsCancelled(err) {
			// No cancellation requests but ours: this one is handled here.
			if _, panicked := err.(*PanicError); !panicked {
				return ErrTimeout
			}
		}
	case scopeEntered:
		s.state = scopeExited
	}
	return err
}

type timeoutFrame[T any] struct {
	CoroFrame[T]
	scope    TimeoutScope
	relative bool
	delay    time.Duration
	body     func(*TimeoutScope) Coro[T]
	c        Coro[T]
	started  bool
}

func (f *timeoutFrame[T]) Resume(r *Runner) {
	if !f.started {
		f.started = true
		// __aenter__
		s := &f.scope
		s.task = r
		s.state = scopeEntered
		s.cancelling = r.Cancelling()
		when := f.delay
		if f.relative {
			when = r.fc.loop.Time() + f.delay
			if f.delay == NoDeadline {
				when = NoDeadline
			}
		}
		s.Reschedule(when)
		if f.body != nil {
			c, perr := callBody(f.body, s)
			f.body = nil
			if perr != nil {
				rethrow(s.exit(perr)) // the body func itself panicked
			}
			if c.f == nil {
				c = errCoro[T](errScopeZeroCoro)
			}
			f.c = c
		} else if f.c.f == nil {
			f.c = errCoro[T](errTimeoutZeroCoro)
		}
		if !f.c.AwaitBegin(r) {
			return // c runs now, inline
		}
	}
	v, err := awaitEndRecover(f.c, r)
	err = f.scope.exit(err)
	f.c = Coro[T]{}
	rethrow(err)
	f.Return(r, v, err)
}

var (
	errTimeoutZeroCoro = fmt.Errorf("aio: Timeout: %w", errZeroCoro)
	errScopeNilBody    = fmt.Errorf("aio: TimeoutScopeAt: nil body: %w", ErrNilCoro)
	errScopeZeroCoro   = fmt.Errorf("aio: TimeoutScopeAt: the body returned a zero Coro: %w", ErrNilCoro)
)

// awaitEndRecover is aw.AwaitEnd that returns a panic as its *PanicError
// instead of re-panicking, so a scope can do its exit bookkeeping first.
func awaitEndRecover[T any](aw Awaitable[T], r *Runner) (v T, err error) {
	defer func() {
		if x := recover(); x != nil {
			err = NewPanicError(x)
		}
	}()
	return aw.AwaitEnd(r)
}

// callBody calls a scope's body func, returning a panic as a *PanicError so
// the scope can clean up before it propagates.
func callBody[S, R any](body func(S) R, s S) (r R, perr error) {
	defer func() {
		if x := recover(); x != nil {
			perr = NewPanicError(x)
		}
	}()
	return body(s), nil
}
