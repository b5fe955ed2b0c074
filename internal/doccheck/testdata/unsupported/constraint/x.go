//go:build linux || aiosrc

package constraint

import "github.com/asyncgo/asyncgo/runtime/aio"

func F() aio.Coro[int] {
	return aio.Async(func() (int, error) { return 1, nil })
}
