//go:build aiosrc

package deferloop

import "github.com/asyncgo/asyncgo/runtime/aio"

func use(int) {}

func F() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for i := 0; i < 3; i++ {
			defer func() {
				aio.Await(aio.Yield())
				use(i) // want: asyncgo: a deferred func literal that awaits cannot use i
			}()
		}
		return 0, nil
	})
}
