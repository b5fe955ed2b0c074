package blockingsleep

import (
	"context"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func Bad(d time.Duration) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		time.Sleep(d)   // want `AIO251: time.Sleep blocks the event loop in async function Bad`
		<-time.After(d) // want `AIO251: receive from time.After blocks`
		t := time.NewTimer(d)
		<-t.C                    // want `AIO251: receive from a timer channel`
		for range time.Tick(d) { // want `AIO251: range over time.Tick blocks`
			break
		}
		tk := time.NewTicker(d)
		for range tk.C { // want `AIO251: range over a timer channel blocks`
			break
		}
		defer time.Sleep(d) // want `AIO251: time.Sleep blocks`
		return 1, nil
	})
}

func Closure() {
	c := aio.Async(func() (int, error) {
		x := func() int { time.Sleep(time.Millisecond); return 1 }() // want `AIO251: time.Sleep blocks the event loop in async closure in Closure`
		return x, nil
	})
	_ = c
}

// Negatives: sleeps that do not run on the loop.
func Good(d time.Duration) aio.Coro[int] {
	time.Sleep(d) // eager part of the async function, before the coroutine exists: a plain call
	return aio.Async(func() (int, error) {
		if _, err := aio.Await(aio.Sleep(d)); err != nil {
			return 0, err
		}
		go func() {
			time.Sleep(d) // another goroutine
		}()
		f := func() { time.Sleep(d) } // stored, not run here
		_ = f
		_, err := aio.Await(aio.ToThread(func(ctx context.Context) (int, error) {
			time.Sleep(d) // offloaded to the executor
			<-time.After(d)
			return 0, nil
		}))
		select {
		case <-time.After(d): // a select with default does not wait
		default:
		}
		return 2, err
	})
}

func Plain(d time.Duration) {
	time.Sleep(d) // not async code
}

func Suppressed(d time.Duration) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		time.Sleep(d) //aio:ignore AIO251 startup delay measured, loop idle here
		//aio:ignore AIO251 the loop has nothing else to do during calibration
		time.Sleep(d)
		return 0, nil
	})
}
