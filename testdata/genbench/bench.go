//go:build aiosrc

// Package genbench holds the async functions gen's benchmarks measure, in
// both builds: generated state machines by default, the goroutine-based
// reference implementation with -tags aiosrc.
package genbench

import "github.com/asyncgo/asyncgo/runtime/aio"

// AwaitReady awaits each future of fs; they are all done, so no await
// suspends.
func AwaitReady(fs []*aio.Future[int]) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		sum := 0
		for _, f := range fs {
			v, err := aio.Await(f)
			if err != nil {
				return 0, err
			}
			sum += v
		}
		return sum, nil
	})
}

// Nested awaits a chain of depth nested coroutine calls.
func Nested(depth int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		if depth == 0 {
			return 0, nil
		}
		v, err := aio.Await(Nested(depth - 1))
		return v + 1, err
	})
}

// Leaf returns at once.
func Leaf(v int) aio.Coro[int] {
	return aio.Async(func() (int, error) { return v, nil })
}

// CallLeaves awaits n coroutine calls that return at once.
func CallLeaves(n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		sum := 0
		for i := 0; i < n; i++ {
			v, _ := aio.Await(Leaf(i))
			sum += v
		}
		return sum, nil
	})
}

// YieldLoop suspends once per iteration (a trip through the event loop).
func YieldLoop(n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for i := 0; i < n; i++ {
			if _, err := aio.Await(aio.Yield()); err != nil {
				return i, err
			}
		}
		return n, nil
	})
}
