package corpus

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

type entry struct {
	val     string
	expires time.Time
}

type Cache struct {
	lock    *aio.Lock
	mu      sync.RWMutex
	entries map[string]entry
	loading map[string]*aio.Future[string]
	db      *sql.DB
	hits    int
}

// corpus: ok
func (c *Cache) lookup(key string) (string, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	e, ok := c.entries[key]
	if !ok || time.Now().After(e.expires) {
		return "", false
	}
	return e.val, true
}

// corpus: ok
func (c *Cache) loadFromDB(key string) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		return aio.Await(aio.ToThread(func(ctx context.Context) (string, error) {
			var v string
			err := c.db.QueryRowContext(ctx, "SELECT v FROM kv WHERE k = ?", key).Scan(&v)
			if errors.Is(err, sql.ErrNoRows) {
				return "", fmt.Errorf("%s: not found", key)
			}
			return v, err
		}))
	})
}

// corpus: ok
func (c *Cache) Get(key string) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		if v, ok := c.lookup(key); ok {
			c.hits++
			return v, nil
		}
		if _, err := aio.Await(c.lock.Acquire()); err != nil {
			return "", err
		}
		defer c.lock.Release()
		if v, ok := c.lookup(key); ok {
			return v, nil
		}
		v, err := aio.Await(c.loadFromDB(key))
		if err != nil {
			return "", err
		}
		c.mu.Lock()
		c.entries[key] = entry{val: v, expires: time.Now().Add(time.Minute)}
		c.mu.Unlock()
		return v, nil
	})
}

// corpus: ok
func (c *Cache) GetShared(key string) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		if f, ok := c.loading[key]; ok {
			return aio.Await(aio.Shield(f))
		}
		f := aio.NewFuture[string]()
		c.loading[key] = f
		defer delete(c.loading, key)
		v, err := aio.Await(c.loadFromDB(key))
		if err != nil {
			f.SetError(err)
			return "", err
		}
		f.SetResult(v)
		return v, nil
	})
}

// corpus: AIO140
func (c *Cache) GetLockedWrong(key string) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		c.mu.Lock()
		defer c.mu.Unlock()
		if e, ok := c.entries[key]; ok {
			return e.val, nil
		}
		v, err := aio.Await(c.loadFromDB(key))
		if err == nil {
			c.entries[key] = entry{val: v, expires: time.Now().Add(time.Minute)}
		}
		return v, err
	})
}

// corpus: AIO140
func (c *Cache) RefreshAll(keys []string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		n := 0
		for _, k := range keys {
			c.mu.Lock()
			v, err := aio.Await(c.loadFromDB(k))
			if err != nil {
				c.mu.Unlock()
				continue
			}
			c.entries[k] = entry{val: v}
			c.mu.Unlock()
			n++
		}
		return n, nil
	})
}

// corpus: AIO270
func (c *Cache) GetDirect(key string) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var v string
		err := c.db.QueryRow("SELECT v FROM kv WHERE k = ?", key).Scan(&v)
		return v, err
	})
}

// corpus: ok
func (c *Cache) Evict(now time.Time) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		n := 0
		c.mu.Lock()
		for k, e := range c.entries {
			if now.After(e.expires) {
				delete(c.entries, k)
				n++
			}
		}
		c.mu.Unlock()
		if _, err := aio.Await(aio.Yield()); err != nil {
			return n, err
		}
		return n, nil
	})
}

// corpus: ok
func (c *Cache) withLock(fn func()) aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		if _, err := aio.Await(c.lock.Acquire()); err != nil {
			return struct{}{}, err
		}
		defer func() {
			if err := c.lock.Release(); err != nil {
				panic(err)
			}
		}()
		fn()
		return struct{}{}, nil
	})
}

// corpus: ok
func (c *Cache) Janitor(every time.Duration) aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		for {
			if _, err := aio.Await(aio.Sleep(every)); err != nil {
				return struct{}{}, err
			}
			n, err := aio.Await(c.Evict(time.Now()))
			if err != nil {
				return struct{}{}, err
			}
			if n > 0 {
				fmt.Printf("janitor: evicted %d\n", n)
			}
		}
	})
}

// corpus: ok
func (c *Cache) TryLockStats() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		if !c.mu.TryLock() {
			return -1, nil
		}
		n := len(c.entries)
		c.mu.Unlock()
		_, err := aio.Await(aio.Sleep(0))
		return n, err
	})
}
