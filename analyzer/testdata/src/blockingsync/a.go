package blockingsync

import (
	"context"
	"sync"

	"golang.org/x/sync/errgroup"
	"golang.org/x/sync/semaphore"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

type counter struct {
	mu sync.Mutex
	n  int
}

func Work(g *errgroup.Group, sem *semaphore.Weighted, c *counter, cond *sync.Cond) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		var wg sync.WaitGroup
		wg.Add(1)
		go func() { defer wg.Done() }()
		wg.Wait()                          // want `AIO260: \(\*sync.WaitGroup\).Wait blocks`
		_ = g.Wait()                       // want `AIO260: \(\*errgroup.Group\).Wait blocks`
		_ = sem.Acquire(context.TODO(), 1) // want `AIO260: \(\*semaphore.Weighted\).Acquire blocks`
		cond.Wait()                        // want `AIO260: \(\*sync.Cond\).Wait`
		c.mu.Lock()                        // a short critical section: only reported with -mutex
		c.n++
		c.mu.Unlock()
		return c.n, nil
	})
}

func Good(sem *semaphore.Weighted) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		ok := sem.TryAcquire(1) // never waits
		var wg sync.WaitGroup
		go func() {
			wg.Wait() // in a goroutine
		}()
		if ok {
			sem.Release(1)
		}
		return 0, nil
	})
}
