package busyloop

import (
	"sync/atomic"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func Spin(ready *atomic.Bool) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for { // want `AIO913: unbounded loop in async function Spin has a path that never awaits`
			if ready.Load() {
				return 1, nil
			}
		}
	})
}

func SometimesAwaits(ready *atomic.Bool, n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for i := 0; ; i++ { // can break out: not indefinite, as in flake8-async
			if i%2 == 0 {
				aio.Await(aio.Yield())
				continue
			}
			if ready.Load() {
				break
			}
		}
		return 0, nil
	})
}

// Negatives.
func Polite(ready *atomic.Bool) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for {
			if ready.Load() {
				return 1, nil
			}
			if _, err := aio.Await(aio.Yield()); err != nil {
				return 0, err
			}
		}
	})
}

func Bounded(xs []int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		t := 0
		for i := 0; i < len(xs); i++ { // has a condition: bounded
			t += xs[i]
		}
		for { // exits on every path without looping back
			t++
			break
		}
		return t, nil
	})
}

// A loop that can break out is not indefinite (flake8-async's ASYNC913);
// a break out of a switch inside it does not count.
func Breaks(ready func() bool) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		n := 0
		for {
			if ready() {
				break
			}
			n++
		}
		for { // want `AIO913: unbounded loop`
			switch {
			case ready():
				break
			}
		}
	})
}
