package syncwait

import (
	"context"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

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

// Loop groups: Call and RunLoops wait for other loops, Close for their
// shutdown. Submit is the async hand-off and is fine.
func BadLoops(g *aio.LoopGroup) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		v, err := aio.Call(context.Background(), g.Loop(0), Compute)         // want `AIO181: aio.Call blocks .*await aio.Submit`
		_, _ = aio.RunLoops(2, func(int) aio.Coro[int] { return Compute() }) // want `AIO181: aio.RunLoops blocks`
		_ = g.Close()                                                        // want `AIO181: \(\*aio.LoopGroup\).Close blocks`
		w, _ := aio.Await(aio.Submit(g.Loop(1), Compute))
		return v + w, err
	})
}

func mainLoops() {
	g := aio.NewLoopGroup(2)
	defer g.Close()
	aio.Call(context.Background(), g.Loop(0), Compute) // a plain goroutine may call into a loop
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
