//go:build aiosrc

package localtype

import "github.com/asyncgo/asyncgo/runtime/aio"

type point struct{}

func F[T any](v T) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		type point struct{ x T }
		p := point{v}
		aio.Await(aio.Yield())
		_ = p
		return 0, nil
	})
}
