package syncwait

import "github.com/asyncgo/asyncgo/runtime/aio"

func Compute() aio.Coro[int] {
	return aio.Async(func() (int, error) { return 42, nil })
}

func Bad(l *aio.Loop) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		v, err := aio.Run(Compute()) // want `AIO181: aio.Run blocks the event loop .*await the coroutine with aio.Await`
		_ = l.RunForever()           // want `AIO181: \(\*aio.Loop\).RunForever blocks`
		return v, err
	})
}

func Good() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		go func() { aio.Run(Compute()) }() // a separate loop on its own goroutine
		return aio.Await(Compute())
	})
}

func main() {
	aio.Run(Compute()) // the program's entry point: fine
}
