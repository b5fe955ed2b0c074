package unawaited

import (
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func Send(to string) aio.Coro[bool] {
	return aio.Async(func() (bool, error) { return true, nil })
}

type Mailer struct{}

func (m *Mailer) Send(to string) aio.Coro[bool] { return Send(to) }

func Bad(m *Mailer, a, b aio.Coro[int]) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		_ = Send("x")          // want `AIO105: the coroutine returned by Send is never awaited, so its body never runs`
		m.Send("y")            // want `AIO105: the coroutine returned by \(\*Mailer\).Send is never awaited`
		aio.Sleep(time.Second) // want `AIO301: the aio.SleepOp returned by aio.Sleep is never awaited`
		aio.Gather(a, b)       // want `AIO301: the \*aio.Future returned by aio.Gather is never awaited`
		defer Send("z")        // want `AIO105: the coroutine returned by Send`
		return 0, nil
	})
}

func Good(m *Mailer, f *aio.Future[int]) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		c := Send("x") // kept in a variable
		if _, err := aio.Await(c); err != nil {
			return 0, err
		}
		ok, err := aio.Await(m.Send("y"))
		_ = ok
		f.SetResult(1) // returns an error, not an awaitable
		f.Cancel()
		return 0, err
	})
}

func Main() {
	Send("x")          // want `AIO105: the coroutine returned by Send is never awaited`
	aio.Run(Send("x")) // run to completion: fine (results dropped, but it ran)
}

// Stored, then only discarded: the variable does not make it awaited.
func Stored(xs []aio.Coro[bool]) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		c := Send("x") // want `AIO105: the coroutine stored in c is never awaited`
		_ = c
		var f = aio.Sleep(time.Second) // want `AIO301: the aio.SleepOp stored in f is never awaited`
		_ = f
		for _, d := range []aio.Coro[bool]{Send("a"), Send("b")} { // want `AIO105: the coroutine stored in d is never awaited`
			_ = d
		}
		for _, x := range xs { // the slice's coroutines may be awaited elsewhere
			_ = x
		}
		alias := xs[0] // a copy of a coroutine held elsewhere
		_ = alias
		kept := Send("y")
		_ = kept
		go func() { aio.Run(kept) }() // used: run on its own loop
		return 0, nil
	})
}

// A parameter silenced with _ is the caller's coroutine.
func Param(c aio.Coro[bool]) { _ = c }
