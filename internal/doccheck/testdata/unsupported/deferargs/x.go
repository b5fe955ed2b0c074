//go:build aiosrc

package deferargs

import "github.com/asyncgo/asyncgo/runtime/aio"

func F() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		defer func(n int) {
			aio.Await(aio.Yield())
		}(1)
		return 0, nil
	})
}
