//go:build aiosrc

package localtype

import "github.com/asyncgo/asyncgo/runtime/aio"

type point struct{}

func F() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		type point struct{ x int }
		type labeled struct {
			point
			name string
		}
		p := labeled{point{1}, "a"}
		aio.Await(aio.Yield())
		return p.x, nil
	})
}
