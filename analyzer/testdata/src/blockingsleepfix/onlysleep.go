package blockingsleepfix

import (
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// The only use of package time is the sleep itself: rewriting it would
// leave an unused import, so no fix is offered.
func OnlySleep() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		time.Sleep(100) // want `AIO251: time.Sleep blocks`
		return 0, nil
	})
}
