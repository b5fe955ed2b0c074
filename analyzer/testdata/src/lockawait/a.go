package lockawait

import (
	"sync"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

type Cache struct {
	mu  sync.Mutex
	rw  sync.RWMutex
	val int
}

func fetch() aio.Coro[int] { return aio.Async(func() (int, error) { return 1, nil }) }

func (c *Cache) Deferred() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		c.mu.Lock()
		defer c.mu.Unlock()
		v, err := aio.Await(fetch()) // want `AIO140: c.mu, locked at line 19, may still be held at this await in async function Deferred`
		c.val = v
		return v, err
	})
}

func (c *Cache) OnePath(cond bool) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		c.mu.Lock()
		if cond {
			c.mu.Unlock()
		}
		v, err := aio.Await(fetch()) // want `AIO140: c.mu, locked at line 29`
		if !cond {
			c.mu.Unlock()
		}
		return v, err
	})
}

func (c *Cache) Loop(n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for i := 0; i < n; i++ {
			if i > 0 {
				aio.Await(fetch()) // want `AIO140: c.rw \(read lock\), locked at line 47`
			}
			c.rw.RLock() // still held when the next iteration awaits
			_ = c.val
		}
		c.rw.RUnlock()
		return 0, nil
	})
}

// Negatives.
func (c *Cache) Good() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		v, err := aio.Await(fetch())
		c.mu.Lock()
		c.val = v
		c.mu.Unlock()
		c.rw.RLock()
		n := c.val
		c.rw.RUnlock()
		if n > 0 {
			aio.Await(fetch())
		}
		return v, err
	})
}

func (c *Cache) Branches(cond bool) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		c.mu.Lock()
		if cond {
			c.mu.Unlock()
			return 0, nil
		}
		c.val++
		c.mu.Unlock()
		return aio.Await(fetch())
	})
}

func (c *Cache) LockInGoroutine() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		go func() {
			c.mu.Lock()
			c.val++
			c.mu.Unlock()
		}()
		return aio.Await(fetch())
	})
}

func (c *Cache) Suppressed() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		c.mu.Lock()
		defer c.mu.Unlock()
		//aio:ignore AIO140 c.mu is only ever locked by this task
		return aio.Await(fetch())
	})
}

// Guarded embeds its mutex: g.Lock() and g.Mutex.Unlock() are the same lock.
type Guarded struct {
	sync.Mutex
	n int
}

type Outer struct{ *Guarded }

func Promoted(g *Guarded, o Outer) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		g.Lock()
		g.n++
		g.Mutex.Unlock()
		aio.Await(fetch()) // released through the explicit field: no report
		o.Lock()
		o.Guarded.Mutex.Unlock()
		aio.Await(fetch()) // two levels of embedding, same lock
		g.Mutex.Lock()
		defer g.Unlock()
		return aio.Await(fetch()) // want `AIO140: g.Mutex, locked at line 122`
	})
}

// Method expressions and explicit address-of name the same lock as the
// plain method call.
func (c *Cache) MethodExpr() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		(*sync.Mutex).Lock(&c.mu)
		c.mu.Unlock()
		aio.Await(fetch())
		(&c.mu).Lock()
		(*sync.Mutex).Unlock(&c.mu)
		aio.Await(fetch())
		(*sync.RWMutex).RLock(&c.rw)
		v, err := aio.Await(fetch()) // want `AIO140: c.rw \(read lock\), locked at line 138`
		c.rw.RUnlock()
		return v, err
	})
}

// TryLock holds the lock only on the branch where it succeeded.
func (c *Cache) Try() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		if c.mu.TryLock() {
			aio.Await(fetch()) // want `AIO140: c.mu, locked at line 148`
			c.mu.Unlock()
		} else {
			aio.Await(fetch()) // not locked here
		}
		for !c.mu.TryLock() {
			aio.Await(fetch()) // retry later: not locked here
		}
		c.val++
		c.mu.Unlock()
		if !c.rw.TryRLock() {
			return aio.Await(fetch()) // not locked here
		}
		v := c.val
		_, err := aio.Await(fetch()) // want `AIO140: c.rw \(read lock\), locked at line 159`
		c.rw.RUnlock()
		return v, err
	})
}
