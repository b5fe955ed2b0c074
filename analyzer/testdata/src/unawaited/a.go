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
