//go:build aiosrc

package x

import "github.com/asyncgo/asyncgo/runtime/aio"

func Preamble() aio.Coro[int] {
	type k int // want: local type k is used by an async body's state machine
	var base k = 4
	return aio.Async(func() (int, error) {
		x := base
		aio.Await(aio.Yield())
		return int(x), nil
	})
}

func Inside() aio.Coro[int] {
	type id string // want: local type id is used by an async body's state machine
	return aio.Async(func() (int, error) {
		type pair struct{ a, b id }
		var p pair
		aio.Await(aio.Yield())
		return len(p.a), nil
	})
}

func Generic[T any]() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		type box struct{ v T } // want: cannot move local type box to package level
		var b box
		aio.Await(aio.Yield())
		_ = b
		return 0, nil
	})
}
