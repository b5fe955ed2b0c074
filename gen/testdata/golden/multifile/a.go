//go:build aiosrc

// Package multifile checks that generated package-level names are unique
// across the twins of a package: both files hold async closures in init
// and in package-level variables, and a method of one file and a function
// of the other want the same frame name.
package multifile

import "github.com/asyncgo/asyncgo/runtime/aio"

// Jobs collects coroutine makers built by the init functions.
var Jobs []func() aio.Coro[int]

func init() {
	Jobs = append(Jobs, func() aio.Coro[int] {
		return aio.Async(func() (int, error) {
			aio.Await(aio.Yield())
			return 1, nil
		})
	})
}

// Double is an async func literal in a package-level variable.
var Double = func(x int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		aio.Await(aio.Yield())
		return 2 * x, nil
	})
}

type foo struct{ n int }

// Bar's frame wants the name fooBarFrame.
func (f foo) Bar() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		aio.Await(aio.Yield())
		return f.n, nil
	})
}
