package corpus

import (
	"errors"
	"math"
	"sync/atomic"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// Snippets for the semantic rules translated from flake8-async (AIO100,
// AIO110, AIO116) and the coroutine reuse rule (AIO190).

var flagReady atomic.Bool

type poller struct{ ready bool }

// corpus: AIO100
func BadTimeoutNoAwait(xs []int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Await(aio.Timeout(time.Second, aio.Async(func() (int, error) {
			t := 0
			for _, x := range xs {
				t += compute(x)
			}
			return t, nil
		})))
	})
}

// corpus: AIO100
func BadWaitForNoAwait() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Await(aio.WaitFor(aio.Async(func() (int, error) {
			return compute(3), nil
		}), 50*time.Millisecond))
	})
}

// corpus: ok
func OkTimeoutAwaits() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Await(aio.Timeout(time.Second, aio.Async(func() (int, error) {
			v, err := aio.Await(child(1))
			return compute(v), err
		})))
	})
}

// corpus: ok
func OkTimeoutScopeAwaits(when time.Duration) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Await(aio.TimeoutScopeAt(when, func(s *aio.TimeoutScope) aio.Coro[int] {
			return aio.Async(func() (int, error) {
				if _, err := aio.Await(aio.Sleep(time.Millisecond)); err != nil {
					return 0, err
				}
				return 1, nil
			})
		}))
	})
}

// corpus: AIO110
func BadBusyWaitFlag() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for !flagReady.Load() {
			if _, err := aio.Await(aio.Sleep(10 * time.Millisecond)); err != nil {
				return 0, err
			}
		}
		return 1, nil
	})
}

// corpus: AIO110
func BadBusyWaitBreak(s *poller) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for {
			if s.ready {
				break
			}
			aio.Await(aio.Sleep(time.Millisecond))
		}
		return 1, nil
	})
}

// corpus: ok
func OkPollWithWork(s *poller) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		n := 0
		for !s.ready {
			n += compute(n)
			if _, err := aio.Await(aio.Sleep(time.Millisecond)); err != nil {
				return n, err
			}
		}
		return n, nil
	})
}

// corpus: ok
func OkEventWait(ev *aio.Event) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		if _, err := aio.Await(ev.Wait()); err != nil {
			return 0, err
		}
		return 1, nil
	})
}

// corpus: ok
func OkTicker(n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for i := 0; i < n; i++ {
			if _, err := aio.Await(aio.Sleep(time.Second)); err != nil {
				return i, err
			}
		}
		return n, nil
	})
}

// corpus: AIO116
func BadSleepForever() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		_, err := aio.Await(aio.Sleep(math.MaxInt64))
		return 0, err
	})
}

// corpus: ok
func OkDailySleep() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		_, err := aio.Await(aio.Sleep(24 * time.Hour))
		return 0, err
	})
}

// corpus: AIO190
func BadRetrySameCoro() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		c := child(1)
		var err error
		for attempt := 0; attempt < 3; attempt++ {
			var v int
			if v, err = aio.Await(c); err == nil {
				return v, nil
			}
		}
		return 0, err
	})
}

// corpus: AIO190
func BadAwaitTwice() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		c := child(2)
		if _, err := aio.Await(c); err != nil {
			return 0, err
		}
		return aio.Await(c)
	})
}

// corpus: ok
func OkRetryNewCoro() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		err := errors.New("no attempt")
		for attempt := 0; attempt < 3; attempt++ {
			var v int
			if v, err = aio.Await(child(attempt)); err == nil {
				return v, nil
			}
		}
		return 0, err
	})
}

// corpus: ok
func OkTaskAwaitedTwice() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		t := aio.Spawn(child(3))
		a, _ := aio.Await(t)
		b, err := aio.Await(t)
		return a + b, err
	})
}
