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
		for range time.Tick(time.Second) { // AIO251 (blockingsleep), not AIO261
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

func BadMessages(ctx context.Context, in <-chan int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		<-ctx.Done()        // want `AIO261: receive from ctx.Done\(\) blocks .*await aio.WaitContext\(ctx\) instead`
		v := <-in           // want `AIO261: channel receive blocks .*await aio.Recv\(ch\) instead`
		for x := range in { // want `AIO261: range over a channel blocks .*aio.Await\(aio.Recv\(ch\)\) until it returns aio.ErrChanClosed`
			v += x
		}
		select {} // want `AIO261: empty select \(it never returns\) blocks`
	})
}

// A channel that never leaves the async body is reached by no other
// goroutine or task: operating on it never waits for one.
func GoodPrivate(xs []int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		pending := make(chan int, len(xs))
		for _, x := range xs {
			pending <- x
		}
		close(pending)
		sum := 0
		for x := range pending {
			sum += x
		}
		done := make(chan struct{})
		close(done)
		<-done
		var buf = make(chan string, 1)
		buf <- "x"
		defer func() { <-buf }() // runs in place, on the same goroutine
		select {
		case pending <- len(buf):
		case <-done:
		}
		return sum + len(pending) + cap(pending), nil
	})
}

// A channel that leaves the body (passed on, copied, captured by a
// goroutine or another task, reassigned) may be operated on elsewhere.
func BadShared(sink func(chan int)) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		a := make(chan int, 1)
		sink(a)
		a <- 1 // want `AIO261: channel send`
		b := make(chan int)
		go func() { b <- 1 }()
		v := <-b // want `AIO261: channel receive`
		c := make(chan int, 1)
		d := c
		_ = d
		c <- 1 // want `AIO261: channel send`
		e := make(chan int, 1)
		t := aio.Spawn(aio.Async(func() (int, error) { return <-e, nil })) // want `AIO261: channel receive`
		e <- 2                                                             // want `AIO261: channel send`
		f := make(chan int, 1)
		f = make(chan int)
		f <- 1 // want `AIO261: channel send`
		w, err := aio.Await(t)
		return v + w, err
	})
}
