package blockingchan

import (
	"context"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func Bad(in <-chan int, out chan<- int, f *aio.Future[int]) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		v := <-in           // want `AIO261: channel receive blocks the event loop in async function Bad`
		out <- v            // want `AIO261: channel send blocks`
		for x := range in { // want `AIO261: range over a channel blocks`
			v += x
		}
		select { // want `AIO261: select without default blocks`
		case x := <-in:
			v = x
		case out <- 1:
		}
		<-f.Chan()                         // want `AIO261: channel receive blocks`
		for range time.Tick(time.Second) { // want `AIO261: range over a channel`
		}
		return v, nil
	})
}

func Good(in <-chan int, out chan<- int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		select { // polls: never waits
		case v := <-in:
			return v, nil
		default:
		}
		done := make(chan struct{})
		go func() {
			out <- 1 // another goroutine
			close(done)
		}()
		for i := range 3 { // range over an int
			_ = i
		}
		return aio.Await(aio.ToThread(func(ctx context.Context) (int, error) {
			select {
			case v := <-in:
				return v, nil
			case <-ctx.Done():
				return 0, ctx.Err()
			}
		}))
	})
}

func Plain(in <-chan int) int { return <-in }
