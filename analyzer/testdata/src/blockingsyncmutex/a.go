package blockingsyncmutex

import (
	"sync"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

var (
	mu  sync.Mutex
	rw  sync.RWMutex
	hit int
)

func Count() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		mu.Lock() // want `AIO260: \(\*sync.Mutex\).Lock blocks`
		hit++
		mu.Unlock()
		rw.RLock() // want `AIO260: \(\*sync.RWMutex\).RLock blocks`
		n := hit
		rw.RUnlock()
		return n, nil
	})
}
