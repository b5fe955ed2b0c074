package aio_test

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func ExampleQueue() {
	aio.Run(aio.Async(func() (struct{}, error) {
		q := aio.NewQueue[string](1) // Put waits while the queue holds 1 item
		consumer := aio.Spawn(aio.Async(func() (int, error) {
			n := 0
			for {
				item, err := aio.Await(q.Get())
				if errors.Is(err, aio.ErrQueueShutDown) {
					return n, nil // shut down and drained
				}
				fmt.Println("got", item)
				n++
				q.TaskDone()
			}
		}))
		for _, item := range []string{"a", "b", "c"} {
			aio.Await(q.Put(item))
		}
		aio.Await(q.Join()) // every item was processed
		q.Shutdown(false)
		n, _ := aio.Await(consumer)
		fmt.Println("consumed", n)
		return struct{}{}, nil
	}), aio.WithVirtualClock())
	// Output:
	// got a
	// got b
	// got c
	// consumed 3
}

func ExampleLock() {
	var mu aio.Lock // the zero Lock is ready to use
	balance := 100
	// withdraw holds the lock across an await: without it, both tasks
	// would read 100 before either writes.
	withdraw := func(who string, amount int) aio.Coro[struct{}] {
		return aio.Async(func() (struct{}, error) {
			if _, err := aio.Await(mu.Acquire()); err != nil {
				return struct{}{}, err
			}
			defer mu.Release()
			b := balance
			aio.Await(aio.Sleep(time.Second)) // talk to the bank
			balance = b - amount
			fmt.Println(who, "withdrew", amount, "balance", balance)
			return struct{}{}, nil
		})
	}
	aio.Run(aio.Gather(withdraw("ann", 30), withdraw("bob", 50)), aio.WithVirtualClock())
	// Output:
	// ann withdrew 30 balance 70
	// bob withdrew 50 balance 20
}

func ExampleEvent() {
	aio.Run(aio.Async(func() (struct{}, error) {
		var ready aio.Event // the zero Event is clear
		for _, name := range []string{"w1", "w2"} {
			aio.Spawn(aio.Async(func() (struct{}, error) {
				aio.Await(ready.Wait())
				fmt.Println(name, "go at", aio.CurrentLoop().Time())
				return struct{}{}, nil
			}))
		}
		aio.Await(aio.Sleep(time.Second))
		ready.Set() // wakes every waiter, in the order they began waiting
		aio.Await(aio.Yield())
		return struct{}{}, nil
	}), aio.WithVirtualClock())
	// Output:
	// w1 go at 1s
	// w2 go at 1s
}

func ExampleToThread() {
	aio.Run(aio.Async(func() (struct{}, error) {
		// Blocking or CPU-heavy Go code runs on the loop's goroutine pool;
		// the task awaits the future while other tasks keep running.
		sum, err := aio.Await(aio.ToThread(func(ctx context.Context) (int, error) {
			s := 0
			for i := range 1_000_000 {
				s += i % 7
			}
			return s, nil
		}))
		fmt.Println(sum, err)
		return struct{}{}, nil
	}), aio.WithVirtualClock())
	// Output: 2999997 <nil>
}
