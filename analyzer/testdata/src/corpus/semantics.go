package corpus

import (
	"context"
	"sync"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// corpus: AIO105
func BadDropCoro() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		child(1)
		return 0, nil
	})
}

// corpus: AIO105
func BadBlankCoro(s *Service) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		_ = s.Refresh()
		return 0, nil
	})
}

// corpus: AIO105
func BadDropCoroInMain() {
	child(2)
}

// corpus: AIO105
func BadDropCoroInLoop(ids []int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for _, id := range ids {
			child(id)
		}
		return len(ids), nil
	})
}

// corpus: AIO301
func BadDropSleep() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		aio.Sleep(time.Second)
		return 0, nil
	})
}

// corpus: AIO301
func BadDropGather() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		aio.Gather(child(1), child(2))
		return 0, nil
	})
}

// corpus: AIO301
func BadDropToThread() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		aio.ToThread(func(context.Context) (int, error) { return 1, nil })
		return 0, nil
	})
}

// corpus: AIO300
func BadDanglingSpawn() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		aio.Spawn(child(1))
		return 0, nil
	})
}

// corpus: AIO300
func BadBlankSpawn() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		_ = aio.Spawn(child(1))
		return 0, nil
	})
}

// corpus: AIO300
func BadSpawnInLoop(n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for i := 0; i < n; i++ {
			aio.Spawn(child(i))
		}
		return n, nil
	})
}

// corpus: ok
func OkKeepTask() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		t := aio.Spawn(child(1))
		return aio.Await(t)
	})
}

// corpus: ok
func OkTaskList(n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		var tasks []aio.Awaitable[int]
		for i := 0; i < n; i++ {
			tasks = append(tasks, aio.Spawn(child(i)))
		}
		vs, err := aio.Await(aio.Gather(tasks...))
		return len(vs), err
	})
}

// corpus: ok
func OkCoroVariable() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		c := child(4)
		return aio.Await(c)
	})
}

// corpus: ok
func OkReturnCoro() aio.Coro[int] {
	return child(5) // an async function returning another coroutine
}

// corpus: ok
func OkPassCoro() aio.Coro[[]int] {
	return aio.Async(func() ([]int, error) {
		return aio.Await(aio.Gather(child(1), child(2)))
	})
}

// corpus: ok
func OkAwaitStatement() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		aio.Await(child(1)) // result dropped, but the coroutine ran
		return 0, nil
	})
}

// corpus: AIO180
func BadAwaitInPlain() int {
	v, _ := aio.Await(child(1))
	return v
}

// corpus: AIO180
func BadAwaitInCallback(xs []int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		total := 0
		each := func(x int) {
			v, _ := aio.Await(child(x))
			total += v
		}
		for _, x := range xs {
			each(x)
		}
		return total, nil
	})
}

// corpus: AIO180
func BadAwaitInGo() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		go func() {
			aio.Await(child(1))
		}()
		return 0, nil
	})
}

// corpus: AIO180
func BadAwaitInIIFE() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		v := func() int {
			x, _ := aio.Await(child(1))
			return x
		}()
		return v, nil
	})
}

// corpus: AIO180
func BadAwaitInMethod(s *Service) error {
	_, err := aio.Await(s.Refresh())
	return err
}

// corpus: ok
func OkDeferAwait() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		defer func() {
			aio.Await(child(0))
		}()
		return 1, nil
	})
}

// corpus: ok
func OkNestedAsync() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		inner := aio.Async(func() (int, error) {
			return aio.Await(child(2))
		})
		return aio.Await(inner)
	})
}

// corpus: ok
func OkAwaitInCondition() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		if v, err := aio.Await(child(1)); err != nil || v > 0 {
			return v, err
		}
		return 0, nil
	})
}

// corpus: ok
func OkAwaitInLoopCond() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		n := 0
		for {
			v, err := aio.Await(child(n))
			if err != nil || v > 3 {
				return n, err
			}
			n++
		}
	})
}

// corpus: AIO140
func BadLockAcrossAwait(s *Store) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		s.mu.Lock()
		defer s.mu.Unlock()
		v, err := aio.Await(child(1))
		s.data["k"] = v
		return v, err
	})
}

// corpus: AIO140
func BadLockAwaitUnlock(s *Store) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		s.mu.Lock()
		v, err := aio.Await(child(1))
		s.data["k"] = v
		s.mu.Unlock()
		return v, err
	})
}

// corpus: AIO140
func BadGlobalLockAcrossSleep() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		mu.Lock()
		shared["n"]++
		aio.Await(aio.Sleep(time.Millisecond))
		mu.Unlock()
		return 0, nil
	})
}

// corpus: AIO140
func BadRLockAcrossAwait(s *Store) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		s.rw.RLock()
		defer s.rw.RUnlock()
		for k := range s.data {
			if _, err := aio.Await(child(len(k))); err != nil {
				return 0, err
			}
		}
		return len(s.data), nil
	})
}

// corpus: AIO140
func BadLockEarlyReturnPath(s *Store, fast bool) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		s.mu.Lock()
		if fast {
			s.mu.Unlock()
			return 0, nil
		}
		v, err := aio.Await(child(1))
		s.mu.Unlock()
		return v, err
	})
}

// corpus: ok
func OkLockAfterAwait(s *Store) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		v, err := aio.Await(child(1))
		s.mu.Lock()
		s.data["k"] = v
		s.mu.Unlock()
		return v, err
	})
}

// corpus: ok
func OkLockBothBranches(s *Store, fast bool) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		s.mu.Lock()
		if fast {
			s.data["fast"]++
		} else {
			s.data["slow"]++
		}
		s.mu.Unlock()
		return aio.Await(child(2))
	})
}

// corpus: ok
func OkLockInLoopBody(s *Store, keys []string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for _, k := range keys {
			s.mu.Lock()
			s.data[k]++
			s.mu.Unlock()
			if _, err := aio.Await(aio.Yield()); err != nil {
				return 0, err
			}
		}
		return len(keys), nil
	})
}

// corpus: ok
func OkAioLock(l *aio.Lock) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		if _, err := aio.Await(l.Acquire()); err != nil {
			return 0, err
		}
		defer l.Release()
		return aio.Await(child(1))
	})
}

// corpus: ok
func OkLockInDeferredClosure(s *Store) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		defer func() {
			s.mu.Lock()
			s.data["done"]++
			s.mu.Unlock()
		}()
		return aio.Await(child(1))
	})
}

// corpus: AIO150
func BadGoroutineWritesLocal() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		n := 0
		go func() {
			n = compute(3)
		}()
		aio.Await(aio.Sleep(time.Millisecond))
		return n, nil
	})
}

// corpus: AIO150
func BadGoroutineSetsFuture() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		f := aio.NewFuture[int]()
		go func() {
			f.SetResult(compute(2))
		}()
		return aio.Await(f)
	})
}

// corpus: AIO150
func BadGoroutineSpawns() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		go func() {
			t := aio.Spawn(child(1))
			_ = t
		}()
		return 0, nil
	})
}

// corpus: AIO150
func BadAfterFuncCancels(t *aio.Task[int]) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		time.AfterFunc(time.Second, func() { t.Cancel() })
		return aio.Await(t)
	})
}

// corpus: AIO150
func BadGoroutineCounter(n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		done := 0
		for i := 0; i < n; i++ {
			go func() { done++ }()
		}
		aio.Await(aio.Sleep(time.Millisecond))
		return done, nil
	})
}

// corpus: ok
func OkGoroutineOwnVars(ch chan int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		go func() {
			sum := 0
			for i := 0; i < 10; i++ {
				sum += i
			}
			ch <- sum
		}()
		return 0, nil
	})
}

// corpus: ok
func OkGoroutineThreadsafeHandoff(l *aio.Loop) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		f := aio.NewFuture[int]()
		go func() {
			v := compute(4)
			l.CallSoonThreadsafe(func() { f.SetResult(v) })
		}()
		return aio.Await(f)
	})
}

// corpus: ok
func OkGoroutineSliceElements(n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		out := make([]int, n)
		var wg sync.WaitGroup
		for i := range out {
			wg.Add(1)
			go func() {
				defer wg.Done()
				out[i] = compute(i)
			}()
		}
		_, err := aio.Await(aio.ToThread(func(context.Context) (int, error) {
			wg.Wait()
			return 0, nil
		}))
		return len(out), err
	})
}

// corpus: ok
func OkGoroutineMutexShared(s *Store) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		go func() {
			s.mu.Lock()
			s.data["bg"]++
			s.mu.Unlock()
		}()
		return 0, nil
	})
}

// corpus: ok
func OkToThreadResult() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Await(aio.ToThread(func(context.Context) (int, error) {
			return compute(9), nil
		}))
	})
}

// corpus: AIO201
func BadHelperReadsFile() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return len(readSettings()), nil
	})
}

// corpus: AIO201
func BadHelperSleeps() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		pause()
		return 0, nil
	})
}

// corpus: AIO201
func BadHelperDrains(ch chan int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return drain(ch), nil
	})
}

// corpus: AIO201
func BadDirectHelper(name string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		b, err := loadFile(name)
		return len(b), err
	})
}

// corpus: AIO201
func BadMethodHelper(c *cache) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return c.fill(), nil
	})
}

type cache struct{ path string }

func (c *cache) fill() int {
	b, _ := loadFile(c.path)
	return len(b)
}

// corpus: ok
func OkHelperOffloaded() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Await(aio.ToThread(func(context.Context) (int, error) {
			return len(readSettings()), nil
		}))
	})
}

// corpus: ok
func OkHelperInGoroutine() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		go pause()
		return 0, nil
	})
}

// corpus: ok
func OkHelperStoredNotCalled() aio.Coro[func() []byte] {
	return aio.Async(func() (func() []byte, error) {
		return readSettings, nil // a func value: not called here
	})
}

// corpus: AIO261
func BadSelectWithTimeout(ch chan int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		select {
		case v := <-ch:
			return v, nil
		case <-time.After(time.Second):
			return 0, nil
		}
	})
}

// corpus: ok
func OkChannelInToThread(ch chan int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Await(aio.ToThread(func(ctx context.Context) (int, error) {
			select {
			case v := <-ch:
				return v, nil
			case <-ctx.Done():
				return 0, ctx.Err()
			}
		}))
	})
}

// corpus: ok
func OkSuppressed(d time.Duration) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		//aio:ignore AIO251 start-up calibration, no other task exists yet
		time.Sleep(d)
		return 0, nil
	})
}
