//go:build aiosrc

package corpus

import (
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// val traces, yields once and returns v: an awaitable with a visible effect.
func val[V any](t *T, name string, v V) aio.Coro[V] {
	return aio.Async(func() (V, error) {
		t.P("%s begins", name)
		aio.Await(aio.Yield())
		t.P("%s ends: %v", name, v)
		return v, nil
	})
}

// now returns v at once without suspending (a coroutine that never awaits).
func now[V any](t *T, name string, v V) aio.Coro[V] {
	return aio.Async(func() (V, error) {
		t.P("%s", name)
		return v, nil
	})
}

// nap sleeps d on the virtual clock, tracing.
func nap(t *T, name string, d time.Duration) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		t.P("%s sleeps %v", name, d)
		if _, err := aio.Await(aio.Sleep(d)); err != nil {
			t.P("%s: %v", name, err)
			return 0, err
		}
		t.P("%s wakes", name)
		return int(d / time.Millisecond), nil
	})
}

// fail returns an error after a yield.
func fail(t *T, msg string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		aio.Await(aio.Yield())
		t.P("fail %s", msg)
		return 0, errorString(msg)
	})
}

type errorString string

func (e errorString) Error() string { return string(e) }

// quiet yields once and returns v, without tracing (for map iteration,
// whose order is random).
func quiet[V any](v V) aio.Coro[V] {
	return aio.Async(func() (V, error) {
		aio.Await(aio.Yield())
		return v, nil
	})
}
