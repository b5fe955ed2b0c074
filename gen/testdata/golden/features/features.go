//go:build aiosrc

// Package features is a golden test of asyncgo gen: defer, switch, select,
// closures over loop variables, generics and methods.
package features

import (
	"errors"
	"fmt"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// Fetch awaits a future with cleanup and panic recovery.
func Fetch(f *aio.Future[string]) aio.Coro[string] {
	return aio.Async(func() (s string, err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("recovered: %v", r)
			}
		}()
		s, err = aio.Await(f)
		switch {
		case errors.Is(err, aio.ErrCancelled):
			return "", err
		case s == "":
			panic("empty")
		}
		return s + "!", nil
	})
}

// Spawner starts a task per item; each task sees its own loop variable.
func Spawner(items []string) aio.Coro[[]string] {
	return aio.Async(func() ([]string, error) {
		var tasks []*aio.Task[string]
		for i, it := range items {
			tasks = append(tasks, aio.Spawn(aio.Async(func() (string, error) {
				aio.Await(aio.Yield())
				return fmt.Sprint(i, it), nil
			})))
		}
		var out []string
		for _, t := range tasks {
			v, err := aio.Await(t)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	})
}

// FanOut spawns Fetch once per future, in one allocation per task (a
// spawn companion), and a plain function spawns it too.
func FanOut(fs []*aio.Future[string]) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		n := 0
		for _, f := range fs {
			if _, err := aio.Await(aio.Spawn(Fetch(f), aio.WithName("fetch"))); err == nil {
				n++
			}
		}
		return n, nil
	})
}

// StartFetch spawns Fetch from a plain function running on the loop.
func StartFetch(f *aio.Future[string]) *aio.Task[string] { return aio.Spawn(Fetch(f)) }

// Stack is a generic container with an async method.
type Stack[T any] struct{ items []T }

// PopAsync pops after a yield.
func (s *Stack[T]) PopAsync() aio.Coro[T] {
	return aio.Async(func() (T, error) {
		aio.Await(aio.Yield())
		var zero T
		if len(s.items) == 0 {
			return zero, errors.New("empty")
		}
		v := s.items[len(s.items)-1]
		s.items = s.items[:len(s.items)-1]
		return v, nil
	})
}

// Drain reads a channel until it is closed or ctx-like stop is set.
func Drain(ch chan int, stop chan struct{}) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		sum := 0
	loop:
		for {
			select {
			case v, ok := <-ch:
				if !ok {
					break loop
				}
				sum += v
			case <-stop:
				break loop
			default:
				aio.Await(aio.Yield())
			}
		}
		return sum, nil
	})
}

// Job is an async closure at package level.
var Job = aio.Async(func() (int, error) {
	aio.Await(aio.Yield())
	return 42, nil
})

// Sum adds its variadic arguments, awaiting a recursive async closure.
func Sum(xs ...int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		var rec func(i int) aio.Coro[int]
		rec = func(i int) aio.Coro[int] {
			return aio.Async(func() (int, error) {
				if i == len(xs) {
					return 0, nil
				}
				rest, err := aio.Await(rec(i + 1))
				return xs[i] + rest, err
			})
		}
		return aio.Await(rec(0))
	})
}

// Later returns an async closure from an ordinary function; the comments
// in the closure's body stay with its frame, not in Later's twin.
func Later(n int) func() aio.Coro[int] {
	// kept: before the closure
	return func() aio.Coro[int] {
		return aio.Async(func() (int, error) {
			defer func() { // finally: must not be left behind in Later
				aio.Await(aio.Yield())
			}()
			// body comment, gone with the body
			return n, nil
		})
	}
}
