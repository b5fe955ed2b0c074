package blockingsleepfix

import (
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func Fixable(d time.Duration) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		time.Sleep(2 * d) // want `AIO251: time.Sleep blocks`
		<-time.After(d)   // want `AIO251: receive from time.After`
		if d > 0 {
			time.Sleep(d) // want `AIO251: time.Sleep blocks`
		}
		return 0, nil
	})
}

func NotFixable(d time.Duration) aio.Coro[time.Time] {
	return aio.Async(func() (time.Time, error) {
		// The value is used: no fix.
		v := <-time.After(d) // want `AIO251: receive from time.After`
		return v, nil
	})
}
