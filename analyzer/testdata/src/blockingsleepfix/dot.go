package blockingsleepfix

import (
	. "time"

	a "github.com/asyncgo/asyncgo/runtime/aio"
)

// A dot import of time and a renamed aio import: the fix keeps both in use
// and names aio as the file does.
func Dot() a.Coro[int] {
	return a.Async(func() (int, error) {
		Sleep(Millisecond) // want `AIO251: time.Sleep blocks`
		return 0, nil
	})
}
