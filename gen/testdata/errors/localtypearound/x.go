//go:build aiosrc

package x

import "github.com/asyncgo/asyncgo/runtime/aio"

func Around() int {
	type pt struct{ x int } // want: local type pt is used by an async body's state machine
	var p pt
	c := aio.Async(func() (int, error) {
		aio.Await(aio.Yield())
		return p.x, nil
	})
	_ = c
	return 0
}
