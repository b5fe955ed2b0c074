//go:build aiosrc

package basic

import (
	"testing"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// twoCups is an async helper in a test file: its twin is coffee_aio_test.go.
func twoCups() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Await(Cafe([]int{1, 2}))
	})
}

func TestCafe(t *testing.T) {
	n, err := aio.Run(twoCups(), aio.WithVirtualClock())
	if n != 2 || err != nil {
		t.Fatalf("got %d %v", n, err)
	}
	_ = time.Second
}
