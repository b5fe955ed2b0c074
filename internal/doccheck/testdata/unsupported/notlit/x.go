//go:build aiosrc

package notlit

import "github.com/asyncgo/asyncgo/runtime/aio"

func body() (int, error) { return 1, nil }

func F() aio.Coro[int] {
	return aio.Async(body)
}
