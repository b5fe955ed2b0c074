//go:build aiosrc

package selectcomm

import "github.com/asyncgo/asyncgo/runtime/aio"

func must(v int, err error) int { return v }

func F(ch chan int, c aio.Coro[int]) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		select {
		case ch <- must(aio.Await(c)): // want: aio.Await in a select case's communication
		}
		return 0, nil
	})
}
