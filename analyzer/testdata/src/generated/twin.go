package generated

import (
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func Work() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		time.Sleep(time.Millisecond) // want `AIO251`
		return 1, nil
	})
}
