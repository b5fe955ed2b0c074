package sleepzero

import (
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

const none = 0

func Tick(d time.Duration) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		aio.Await(aio.Sleep(0))    // want `AIO115: aio.Sleep\(0\) only yields`
		aio.Await(aio.Sleep(none)) // want `AIO115`
		aio.Await(aio.Sleep(d))
		aio.Await(aio.Sleep(time.Millisecond))
		return 0, nil
	})
}
