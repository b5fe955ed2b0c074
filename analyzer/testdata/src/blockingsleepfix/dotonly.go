package blockingsleepfix

import (
	. "time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// The dot import's only use is the Sleep the fix would remove: no fix.
func DotOnly() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		Sleep(5) // want `AIO251: time.Sleep blocks`
		return 0, nil
	})
}
