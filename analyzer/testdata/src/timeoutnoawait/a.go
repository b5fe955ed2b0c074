package timeoutnoawait

import (
	"context"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func crunch(n int) int { return n * 2 }

func fetch(n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		if _, err := aio.Await(aio.Sleep(time.Millisecond)); err != nil {
			return 0, err
		}
		return n, nil
	})
}

func Timeout(n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Await(aio.Timeout(time.Second, aio.Async(func() (int, error) { // want `AIO100: the coroutine under aio.Timeout never awaits, so the deadline can never interrupt it`
			return crunch(n), nil
		})))
	})
}

func TimeoutAt(when time.Duration) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Await(aio.TimeoutAt(when, aio.Async(func() (int, error) { // want `AIO100: the coroutine under aio.TimeoutAt`
			return 1, nil
		})))
	})
}

func ScopeAt(when time.Duration) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Await(aio.TimeoutScopeAt(when, func(s *aio.TimeoutScope) aio.Coro[int] { // want `AIO100: the coroutine under aio.TimeoutScopeAt`
			return aio.Async(func() (int, error) {
				s.Reschedule(when + time.Second)
				return crunch(2), nil
			})
		}))
	})
}

func WaitFor(d time.Duration) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Await(aio.WaitFor(aio.Async(func() (int, error) { // want `AIO100: the coroutine under aio.WaitFor`
			return crunch(3), nil
		}), d))
	})
}

// In main, outside async code, too.
func Main() {
	aio.Run(aio.Timeout(time.Second, aio.Async(func() (int, error) { // want `AIO100`
		return 1, nil
	})))
}

// A variable bound once to the literal.
func Bound() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		work := aio.Async(func() (int, error) { return crunch(4), nil })
		return aio.Await(aio.Timeout(time.Second, work)) // want `AIO100`
	})
}

// An await only in a nested func literal that is stored, not run here.
func NestedLit() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Await(aio.Timeout(time.Second, aio.Async(func() (int, error) { // want `AIO100`
			later := func() aio.Coro[int] {
				return aio.Async(func() (int, error) { return aio.Await(fetch(1)) })
			}
			_ = later
			return 0, nil
		})))
	})
}

// Awaiting an inline coroutine literal that never awaits does not suspend.
func InlineNoAwait() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Await(aio.Timeout(time.Second, aio.Async(func() (int, error) { // want `AIO100`
			return aio.Await(aio.Async(func() (int, error) { return 5, nil }))
		})))
	})
}

// Nested timeouts: both report, as neither can fire.
func Nested() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Await(aio.Timeout(time.Second, aio.Timeout(time.Minute, aio.Async(func() (int, error) { // want `AIO100: the coroutine under aio.Timeout` `AIO100: the coroutine under aio.Timeout`
			return 6, nil
		}))))
	})
}

// Negatives.

func AwaitsSleep() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Await(aio.Timeout(time.Second, aio.Async(func() (int, error) {
			if _, err := aio.Await(aio.Sleep(time.Millisecond)); err != nil {
				return 0, err
			}
			return 1, nil
		})))
	})
}

// Awaiting another async function counts as a checkpoint.
func AwaitsCall() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Await(aio.Timeout(time.Second, aio.Async(func() (int, error) {
			return aio.Await(fetch(1))
		})))
	})
}

// The coroutine comes from an async function: what it does is not visible.
func CallArg() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Await(aio.Timeout(time.Second, fetch(2)))
	})
}

// An await in deferred cleanup, or in a closure called in place, counts.
func DeferredAwait() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Await(aio.Timeout(time.Second, aio.Async(func() (int, error) {
			defer func() {
				aio.Await(aio.Sleep(time.Millisecond))
			}()
			return 1, nil
		})))
	})
}

func ScopeAwaits(when time.Duration) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Await(aio.TimeoutScopeAt(when, func(s *aio.TimeoutScope) aio.Coro[int] {
			return aio.Async(func() (int, error) {
				return aio.Await(fetch(3))
			})
		}))
	})
}

// One of the body's returns awaits.
func ScopeMixed(when time.Duration, fast bool) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Await(aio.TimeoutScopeAt(when, func(s *aio.TimeoutScope) aio.Coro[int] {
			if fast {
				return aio.Async(func() (int, error) { return 0, nil })
			}
			return fetch(4)
		}))
	})
}

// WaitFor with a limit of zero cancels the task before it starts.
func WaitForZero() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Await(aio.WaitFor(aio.Async(func() (int, error) {
			return crunch(3), nil
		}), 0))
	})
}

// Offloaded work: its await can be interrupted.
func Offloaded() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Await(aio.WaitFor(aio.ToThread(func(context.Context) (int, error) {
			return crunch(3), nil
		}), time.Second))
	})
}

// Suppressed.
func Suppressed() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		//aio:ignore AIO100 the limit is there for the next version of the body
		return aio.Await(aio.Timeout(time.Second, aio.Async(func() (int, error) {
			return 1, nil
		})))
	})
}
