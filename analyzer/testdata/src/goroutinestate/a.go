package goroutinestate

import (
	"context"
	"sync"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func compute() int { return 1 }

type stats struct{ hits int }

func Bad(l *aio.Loop, t *aio.Task[int]) aio.Coro[int] {
	n := 0
	return aio.Async(func() (int, error) {
		fut := aio.NewFuture[int]()
		var s stats
		m := map[string]int{}
		go func() {
			n = compute()         // want `AIO150: goroutine started in async function Bad writes n, a variable of the coroutine`
			s.hits++              // want `AIO150: goroutine started in async function Bad writes s`
			m["k"] = 1            // want `AIO150: goroutine started in async function Bad writes m`
			fut.SetResult(n)      // want `AIO150: goroutine started in async function Bad calls \(\*aio.Future\).SetResult, which only the loop's goroutine may call`
			t.Cancel()            // want `AIO150: .*calls \(\*aio.Task\).Cancel`
			l.CallSoon(func() {}) // want `AIO150: .*calls \(\*aio.Loop\).CallSoon`
		}()
		time.AfterFunc(time.Second, func() {
			aio.Spawn(aio.Async(func() (int, error) { return 0, nil })) // want `AIO150: time.AfterFunc callback .*calls aio.Spawn`
		})
		return aio.Await(fut)
	})
}

func Good(l *aio.Loop) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		fut := aio.NewFuture[int]()
		results := make([]int, 4)
		var mu sync.Mutex
		total := 0
		for i := range results {
			go func() {
				v := compute() // the goroutine's own variable
				results[i] = v // one slice element per goroutine: shared on purpose
				mu.Lock()
				mu.Unlock()
				l.CallSoonThreadsafe(func() { // the thread-safe way back
					fut.SetResult(v)
				})
			}()
		}
		total++ // on the loop
		v, err := aio.Await(aio.ToThread(func(context.Context) (int, error) {
			return compute(), nil
		}))
		return v + total, err
	})
}

// The thread-safe aio entry points and plain constructors may be called
// from any goroutine.
func GoodThreadsafe(l *aio.Loop) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		fut := aio.NewFuture[int]()
		failed := aio.NewFuture[int]()
		go func() {
			fut.SetResultThreadsafe(compute())
			failed.SetErrorThreadsafe(nil)
			q := aio.NewQueue[int](1) // a value, bound to no loop yet
			_ = q
			_ = aio.NewLock()
			_ = aio.WithName("x")
			v, _ := aio.Call(context.Background(), l, func() aio.Coro[int] { // blocks this goroutine, not the loop
				return aio.Async(func() (int, error) { return 1, nil })
			})
			_ = v
		}()
		return aio.Await(fut)
	})
}

func BadSetResult() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		fut := aio.NewFuture[int]()
		go func() {
			fut.SetResult(compute()) // want `AIO150: .*calls \(\*aio.Future\).SetResult, which only the loop's goroutine may call; call SetResultThreadsafe instead`
		}()
		return aio.Await(fut)
	})
}
