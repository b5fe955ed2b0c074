package aio_test

import (
	"errors"
	"fmt"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// countdown prints name's steps one second apart and returns name.
func countdown(name string, steps int) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		for i := steps; i > 0; i-- {
			fmt.Printf("%s: %d\n", name, i)
			if _, err := aio.Await(aio.Sleep(time.Second)); err != nil {
				return "", err
			}
		}
		return name, nil
	})
}

func ExampleGather() {
	aio.Run(aio.Async(func() (struct{}, error) {
		// The children run concurrently, as tasks started in argument
		// order; the values come back in argument order too.
		names, err := aio.Await(aio.Gather(countdown("a", 2), countdown("b", 1)))
		fmt.Println(names, err, aio.CurrentLoop().Time())
		return struct{}{}, nil
	}), aio.WithVirtualClock())
	// Output:
	// a: 2
	// b: 1
	// a: 1
	// [a b] <nil> 2s
}

func ExampleGatherResults() {
	fail := aio.Async(func() (string, error) { return "", errors.New("boom") })
	res, _ := aio.Run(aio.GatherResults(countdown("a", 1), fail), aio.WithVirtualClock())
	for _, r := range res {
		fmt.Printf("%q %v\n", r.Value, r.Err)
	}
	// Output:
	// a: 1
	// "a" <nil>
	// "" boom
}

func ExampleWaitFor() {
	aio.Run(aio.Async(func() (struct{}, error) {
		// In time: the value comes through.
		v, err := aio.Await(aio.WaitFor(countdown("quick", 1), 5*time.Second))
		fmt.Println(v, err)
		// Too slow: the coroutine is cancelled at its current await after
		// 2 seconds, and WaitFor reports ErrTimeout.
		_, err = aio.Await(aio.WaitFor(countdown("slow", 10), 2*time.Second))
		fmt.Println(err, errors.Is(err, aio.ErrTimeout))
		return struct{}{}, nil
	}), aio.WithVirtualClock())
	// Output:
	// quick: 1
	// quick <nil>
	// slow: 10
	// slow: 9
	// aio: timeout true
}

func ExampleGroup() {
	// A task group waits for all its children; the first failure cancels
	// the others, and the group's error joins every failure.
	_, err := aio.Run(aio.Group(func(g *aio.TaskGroup) aio.Coro[struct{}] {
		return aio.Async(func() (struct{}, error) {
			aio.Spawn(countdown("long", 5), aio.InGroup(g))
			aio.Spawn(aio.Async(func() (int, error) {
				if _, err := aio.Await(aio.Sleep(1500 * time.Millisecond)); err != nil {
					return 0, err
				}
				return 0, errors.New("disk full")
			}), aio.InGroup(g))
			return struct{}{}, nil
		})
	}), aio.WithVirtualClock())
	var ge *aio.GroupError
	fmt.Println(errors.As(err, &ge), len(ge.Errors), ge.Errors[0])
	// Output:
	// long: 5
	// long: 4
	// true 1 disk full
}
