// Package optinoff holds code every opt-in rule would report: without
// -enable, none of them may.
package optinoff

import (
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func Child() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for {
			aio.Sleep(0)
		}
	})
}

func Limited(timeout time.Duration) aio.Coro[int] {
	return aio.Async(func() (int, error) { return 0, nil })
}
