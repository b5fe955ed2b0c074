package corpus

import (
	"context"
	"fmt"
	"os"
	"sync"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

var logOut = os.Stderr

type Stats struct {
	mu  sync.Mutex
	rw  sync.RWMutex
	n   map[string]int
	out *os.File
}

// corpus: ok
func (s *Stats) Bump(k string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		v := func() int {
			s.mu.Lock()
			defer s.mu.Unlock()
			s.n[k]++
			return s.n[k]
		}()
		if _, err := aio.Await(aio.Sleep(time.Millisecond)); err != nil {
			return 0, err
		}
		return v, nil
	})
}

// corpus: ok
func (s *Stats) Print() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		w := os.Stdout
		w.WriteString("stats\n")
		logOut.WriteString("to stderr\n")
		return 0, nil
	})
}

// corpus: ok
func HardPrintViaFileParam() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		emit(os.Stdout, "via helper\n") // the helper writes to its argument: here the terminal
		return 0, nil
	})
}

func emit(w *os.File, s string) { w.WriteString(s) }

// corpus: ok
func (s *Stats) ReadLocked(k string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		s.rw.RLock()
		v := s.n[k]
		s.rw.RUnlock()
		_, err := aio.Await(aio.Yield())
		return v, err
	})
}

// corpus: AIO140
func (s *Stats) ReadLockedAcross(k string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		s.rw.RLock()
		defer s.rw.RUnlock()
		_, err := aio.Await(aio.Yield())
		return s.n[k], err
	})
}

// corpus: ok
func Map[T, U any](xs []T, f func(T) aio.Coro[U]) aio.Coro[[]U] {
	return aio.Async(func() ([]U, error) {
		out := make([]U, 0, len(xs))
		for _, x := range xs {
			u, err := aio.Await(f(x))
			if err != nil {
				return out, err
			}
			out = append(out, u)
		}
		return out, nil
	})
}

// corpus: ok
func MethodValues(c *Cache, keys []string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		get := c.Get
		n := 0
		for _, k := range keys {
			v, err := aio.Await(get(k))
			if err != nil {
				return n, err
			}
			n += len(v)
		}
		later := aio.Async(func() (int, error) { return n, nil })
		coros := []aio.Awaitable[int]{later, aio.Async(func() (int, error) { return 2, nil })}
		res, err := aio.Await(aio.Gather(coros...))
		return len(res), err
	})
}

// corpus: ok
func SpawnClosure(name string) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		t := aio.Spawn(aio.Async(func() (string, error) {
			b, err := aio.Await(aio.ToThread(func(context.Context) ([]byte, error) { return os.ReadFile(name) }))
			return string(b), err
		}))
		fmt.Println("waiting for", name)
		return aio.Await(t)
	})
}

// corpus: AIO230
func SpawnClosureBlocking(name string) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		t := aio.Spawn(aio.Async(func() (string, error) {
			b, err := os.ReadFile(name)
			return string(b), err
		}))
		return aio.Await(t)
	})
}

// corpus: ok
func (s *Stats) LockTwoPhase(k string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		s.mu.Lock()
		cur, ok := s.n[k]
		if ok {
			s.mu.Unlock()
			return cur, nil
		}
		s.mu.Unlock()
		v, err := aio.Await(aio.ToThread(func(context.Context) (int, error) { return len(k), nil }))
		if err != nil {
			return 0, err
		}
		s.mu.Lock()
		s.n[k] = v
		s.mu.Unlock()
		return v, nil
	})
}

// corpus: ok
func Deadline(parent context.Context) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		ctx, cancel := context.WithTimeout(parent, time.Second)
		defer cancel()
		err, aerr := aio.Await(aio.WaitContext(ctx))
		if aerr != nil {
			return 0, aerr
		}
		if err != nil {
			return 1, nil
		}
		return 0, nil
	})
}
