package busywait

import (
	"sync/atomic"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

type state struct {
	done  bool
	ready atomic.Bool
	n     int
}

func ready() bool { return true }

func step() aio.Coro[int] {
	return aio.Async(func() (int, error) { return aio.Await(aio.Async(func() (int, error) { return 1, nil })) })
}

func Cond(s *state) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for !s.done { // want `AIO110: this loop in async function Cond only sleeps while it polls a condition \(busy-wait\)`
			aio.Await(aio.Sleep(10 * time.Millisecond))
		}
		return s.n, nil
	})
}

func CondErr(s *state) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for !s.ready.Load() { // want `AIO110`
			if _, err := aio.Await(aio.Sleep(time.Millisecond)); err != nil {
				return 0, err
			}
		}
		return s.n, nil
	})
}

func BreakCheck() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for { // want `AIO110`
			if ready() {
				break
			}
			aio.Await(aio.Sleep(time.Millisecond))
		}
		return 1, nil
	})
}

func ReturnCheck(s *state) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for { // want `AIO110`
			_, err := aio.Await(aio.Sleep(time.Millisecond))
			if err != nil {
				return 0, err
			}
			if s.done {
				return s.n, nil
			}
		}
	})
}

func YieldLoop(s *state) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for !s.done { // want `AIO110`
			aio.Await(aio.Yield())
		}
		return 0, nil
	})
}

// A loop that only sleeps, forever (until cancelled).
func Forever() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for { // want `AIO110`
			if _, err := aio.Await(aio.Sleep(time.Hour)); err != nil {
				return 0, err
			}
		}
	})
}

// Only the inner loop polls.
func Nested(s *state) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for s.n < 10 {
			for !s.done { // want `AIO110`
				aio.Await(aio.Sleep(time.Millisecond))
			}
			s.n++
		}
		return s.n, nil
	})
}

// Negatives.

// Real work besides the sleep.
func Work(s *state) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for !s.done {
			s.n++
			aio.Await(aio.Sleep(time.Millisecond))
		}
		return s.n, nil
	})
}

func AwaitsWork(s *state) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for !s.done {
			aio.Await(step())
			aio.Await(aio.Sleep(time.Millisecond))
		}
		return s.n, nil
	})
}

// Two sleeps (as flake8-async: the body is not just one sleep).
func TwoSleeps(s *state) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for !s.done {
			aio.Await(aio.Sleep(time.Millisecond))
			aio.Await(aio.Yield())
		}
		return s.n, nil
	})
}

// A counted loop: the post statement is work.
func Ticks(n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for i := 0; i < n; i++ {
			aio.Await(aio.Sleep(time.Second))
		}
		return n, nil
	})
}

// Range loops are not polling.
func Range(n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for range n {
			aio.Await(aio.Sleep(time.Second))
		}
		return n, nil
	})
}

// The condition awaits: polling a remote service an event cannot replace.
func RemotePoll() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for v, _ := aio.Await(step()); v == 0; v, _ = aio.Await(step()) {
			aio.Await(aio.Sleep(time.Second))
		}
		return 1, nil
	})
}

func RemotePollCheck() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for {
			if v, _ := aio.Await(step()); v > 0 {
				return v, nil
			}
			aio.Await(aio.Sleep(time.Second))
		}
	})
}

// The sleep is conditional.
func CondSleep(s *state) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for !s.done {
			if s.n > 0 {
				aio.Await(aio.Sleep(time.Millisecond))
			}
		}
		return 0, nil
	})
}

// A check that continues skips the sleep: that is AIO913's business.
func Continue(s *state) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for {
			if !s.done {
				continue
			}
			aio.Await(aio.Sleep(time.Millisecond))
		}
	})
}

// A check with an else branch does work.
func Else(s *state) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for {
			if s.done {
				break
			} else {
				s.n++
			}
			aio.Await(aio.Sleep(time.Millisecond))
		}
		return s.n, nil
	})
}

// Waiting on an event is the fix.
func Event(ev *aio.Event) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		if _, err := aio.Await(ev.Wait()); err != nil {
			return 0, err
		}
		return 1, nil
	})
}

// Awaiting something that is not a sleep.
func WaitLoop(ev *aio.Event, s *state) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for !s.done {
			aio.Await(ev.Wait())
		}
		return 1, nil
	})
}

// Outside async code an await is AIO180, not a busy-wait.
func plain(s *state) {
	for !s.done {
		aio.Await(aio.Sleep(time.Millisecond))
	}
}
