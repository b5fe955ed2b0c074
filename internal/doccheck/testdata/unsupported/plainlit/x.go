//go:build aiosrc

package plainlit

import "github.com/asyncgo/asyncgo/runtime/aio"

func F() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		g := func() { aio.Await(aio.Yield()) }
		g()
		return 0, nil
	})
}
