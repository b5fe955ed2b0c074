//go:build aiosrc

package multifile

import "github.com/asyncgo/asyncgo/runtime/aio"

func init() {
	Jobs = append(Jobs, func() aio.Coro[int] {
		return aio.Async(func() (int, error) {
			aio.Await(aio.Yield())
			return 2, nil
		})
	})
}

var _ = func() aio.Coro[int] {
	return aio.Async(func() (int, error) { return 0, nil })
}

var _ = func() aio.Coro[int] {
	return aio.Async(func() (int, error) { return 0, nil })
}

// fooBar's frame wants the name fooBarFrame too.
func fooBar(x int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		v, err := aio.Await(foo{x}.Bar())
		return v + 1, err
	})
}

// Sum awaits every job of both files.
func Sum() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		s, _ := aio.Await(fooBar(10))
		d, _ := aio.Await(Double(s))
		for _, j := range Jobs {
			v, _ := aio.Await(j())
			s += v
		}
		return s + d, nil
	})
}
