//go:build aiosrc

package gostmt

import "github.com/asyncgo/asyncgo/runtime/aio"

func use(struct{}, error) {}

func F() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		go use(aio.Await(aio.Yield()))
		return 0, nil
	})
}
