package aio_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// brew is an async function: calling it only creates a coroutine.
func brew(order int, d time.Duration) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		fmt.Printf("order %d: brewing for %v\n", order, d)
		if _, err := aio.Await(aio.Sleep(d)); err != nil {
			return "", err
		}
		return fmt.Sprintf("coffee #%d", order), nil
	})
}

func ExampleRun() {
	cup, err := aio.Run(brew(1, 3*time.Minute), aio.WithVirtualClock())
	fmt.Println(cup, err)
	// Output:
	// order 1: brewing for 3m0s
	// coffee #1 <nil>
}

func ExampleSpawn() {
	aio.Run(aio.Async(func() (struct{}, error) {
		// Both tasks start at the caller's next await and run concurrently:
		// the whole program takes 2 minutes of (virtual) time, not 3.
		t1 := aio.Spawn(brew(1, 2*time.Minute))
		t2 := aio.Spawn(brew(2, time.Minute))
		start := aio.CurrentLoop().Time()
		c1, _ := aio.Await(t1)
		c2, _ := aio.Await(t2)
		fmt.Println(c1, c2, aio.CurrentLoop().Time()-start)
		return struct{}{}, nil
	}), aio.WithVirtualClock())
	// Output:
	// order 1: brewing for 2m0s
	// order 2: brewing for 1m0s
	// coffee #1 coffee #2 2m0s
}

func ExampleTask_Cancel() {
	aio.Run(aio.Async(func() (struct{}, error) {
		t := aio.Spawn(brew(1, time.Hour))
		aio.Await(aio.Yield()) // let it start
		t.Cancel("closing time")
		_, err := aio.Await(t)
		fmt.Println(errors.Is(err, aio.ErrCancelled), err, t.Cancelled())
		return struct{}{}, nil
	}), aio.WithVirtualClock())
	// Output:
	// order 1: brewing for 1h0m0s
	// true aio: cancelled: closing time true
}

func ExampleFuture() {
	aio.Run(aio.Async(func() (struct{}, error) {
		f := aio.NewFuture[int]()
		// Someone else resolves the future later: a callback, another task,
		// or another goroutine through Loop.CallSoonThreadsafe.
		aio.CurrentLoop().CallLater(time.Second, func() { f.SetResult(42) })
		v, err := aio.Await(f)
		fmt.Println(v, err)
		return struct{}{}, nil
	}), aio.WithVirtualClock())
	// Output: 42 <nil>
}

// launch is an async generator: it sleeps between the values it yields,
// and its deferred cleanup runs however the iteration ends.
func launch(from int) *aio.Gen[int] {
	return aio.Generator(func(yield aio.YieldFunc[int]) aio.Coro[struct{}] {
		return aio.Async(func() (struct{}, error) {
			defer fmt.Println("launch: cleanup")
			for i := from; i > 0; i-- {
				if _, err := aio.Await(aio.Sleep(time.Second)); err != nil {
					return struct{}{}, err
				}
				if _, err := aio.Await(yield(i)); err != nil {
					return struct{}{}, err // closed or thrown into
				}
			}
			return struct{}{}, nil
		})
	})
}

func ExampleGenerator() {
	aio.Run(aio.Async(func() (struct{}, error) {
		g := launch(5)
		defer func() { aio.Await(g.Close()) }() // contextlib.aclosing
		for {
			v, err := aio.Await(g.Next()) // async for v in g
			if err == aio.ErrStopAsyncIteration {
				break
			}
			if err != nil {
				return struct{}{}, err
			}
			fmt.Println(v)
			if v == 3 {
				break // the deferred Close runs the generator's cleanup
			}
		}
		return struct{}{}, nil
	}), aio.WithVirtualClock())
	// Output:
	// 5
	// 4
	// 3
	// launch: cleanup
}
