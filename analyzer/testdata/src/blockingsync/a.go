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

// Spellings of the same wait: method values bound to a variable, method
// expressions, promoted methods of an embedded WaitGroup, type aliases and
// generic code.
type group struct{ sync.WaitGroup }

type WG = sync.WaitGroup

func Spellings(wg *sync.WaitGroup, grp *group) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		wait := wg.Wait
		wait()                     // want `AIO260: \(\*sync.WaitGroup\).Wait blocks`
		(*sync.WaitGroup).Wait(wg) // want `AIO260: \(\*sync.WaitGroup\).Wait blocks`
		grp.Wait()                 // want `AIO260: \(\*sync.WaitGroup\).Wait blocks`
		var a WG
		a.Wait() // want `AIO260: \(\*sync.WaitGroup\).Wait blocks`
		expr := (*sync.WaitGroup).Wait
		expr(wg) // want `AIO260: \(\*sync.WaitGroup\).Wait blocks`
		go wait()
		return 0, nil
	})
}

func Generic[T any](wg *sync.WaitGroup, v T) aio.Coro[T] {
	return aio.Async(func() (T, error) {
		wg.Wait() // want `AIO260: \(\*sync.WaitGroup\).Wait blocks`
		return v, nil
	})
}

type Box[T any] struct {
	wg sync.WaitGroup
	v  T
}

func (b *Box[T]) Get() aio.Coro[T] {
	return aio.Async(func() (T, error) {
		b.wg.Wait() // want `AIO260: \(\*sync.WaitGroup\).Wait blocks`
		return b.v, nil
	})
}

// A waiter behind an interface: the dynamic type is unknown, nothing is
// reported.
type waiter interface{ Wait() }

func Unknown(w waiter) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		w.Wait()
		f := w.Wait
		f()
		return 0, nil
	})
}
