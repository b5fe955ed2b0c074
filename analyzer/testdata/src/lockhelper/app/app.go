package app

import (
	"sync"

	"lockhelper/store"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func fetch() aio.Coro[int] { return aio.Async(func() (int, error) { return 1, nil }) }

type Cache struct {
	mu sync.Mutex
	s  *store.Store
	n  int
}

func (c *Cache) lock()   { c.mu.Lock() }   // want lock:"acquires recv.mu"
func (c *Cache) unlock() { c.mu.Unlock() } // want unlock:"releases recv.mu"

func (c *Cache) Held() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		c.lock()
		defer c.unlock()
		return aio.Await(fetch()) // want `AIO140: c.mu, locked at line 24, may still be held at this await`
	})
}

func (c *Cache) Mixed() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		c.lock()
		c.n++
		c.mu.Unlock() // the helper and the method name the same mutex
		aio.Await(fetch())
		c.mu.Lock()
		c.unlock()
		return aio.Await(fetch())
	})
}

func Imported(s *store.Store, t *store.Store, mu *sync.Mutex) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		s.Lock()
		s.Unlock()
		aio.Await(fetch()) // released by the imported helper
		s.RLock()
		aio.Await(fetch()) // want `AIO140: s.rw \(read lock\), locked at line 47`
		s.RUnlock()
		store.LockBoth(s, t)
		aio.Await(fetch()) // want `AIO140: s.mu, locked at line 50`
		s.Unlock()
		t.Unlock()
		store.LockMutex(mu)
		v, err := aio.Await(fetch()) // want `AIO140: mu, locked at line 54`
		mu.Unlock()
		s.Begin().Data["k"] = v
		return aio.Await(fetch()) // want `AIO140: s.mu, locked at line 57`
	})
}

func NotHeld(s *store.Store, v store.Store) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		_ = s.Get("k")
		s.Bump("k")
		s.MaybeLock(false)
		s.LockUnlessClosed()
		v.LockCopy()
		s.LockLater()
		store.LockGlobal()
		s.Try()
		s.Swap(s)
		return aio.Await(fetch()) // the helpers are balanced or opaque: no report
	})
}
