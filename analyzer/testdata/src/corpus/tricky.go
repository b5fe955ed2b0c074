package corpus

import (
	"fmt"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// Cases chosen because they are hard for a static analysis. Labels say what
// is true, not what the analyzers report.

// corpus: AIO230
func HardReadThroughInterface(f *os.File) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		var r io.Reader = f
		buf := make([]byte, 64)
		return r.Read(buf) // an *os.File behind io.Reader: the call target is dynamic
	})
}

// corpus: AIO230
func HardFuncValue(name string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		read := os.ReadFile
		b, err := read(name)
		return len(b), err
	})
}

// corpus: AIO251
func HardStoredThenCalled(d time.Duration) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		wait := func() { time.Sleep(d) }
		wait()
		return 0, nil
	})
}

// corpus: AIO230
func HardFprintfToFile(f *os.File, n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return fmt.Fprintf(f, "%d\n", n) // a file write through io.Writer
	})
}

// corpus: ok
func HardBufferedChannel() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		ch := make(chan int, 1)
		ch <- 1 // never waits: the buffer is empty
		return <-ch, nil
	})
}

// corpus: ok
func HardClosedChannel() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		done := make(chan struct{})
		close(done)
		<-done // a closed channel never blocks
		return 0, nil
	})
}

// corpus: AIO140
func HardLockViaHelper(s *Store) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		s.lock()
		defer s.unlock()
		return aio.Await(child(1))
	})
}

func (s *Store) lock()   { s.mu.Lock() }
func (s *Store) unlock() { s.mu.Unlock() }

// corpus: AIO210
func HardCopyBody(resp *http.Response) aio.Coro[int64] {
	return aio.Async(func() (int64, error) {
		defer resp.Body.Close()
		return io.Copy(io.Discard, resp.Body)
	})
}

// corpus: AIO150
func HardGoroutineWritesParam(n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		go func() { n = compute(n) }()
		return n, nil
	})
}

// corpus: ok
func HardCtxDoneWithDefault(done <-chan struct{}) aio.Coro[bool] {
	return aio.Async(func() (bool, error) {
		select {
		case <-done:
			return true, nil
		default:
			return false, nil
		}
	})
}

// corpus: AIO251
func HardSleepZero() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		time.Sleep(0) // still parks the goroutine in the scheduler
		return 0, nil
	})
}

// corpus: ok
func HardShadowedName() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		type clock struct{}
		Sleep := func(time.Duration) {} // a local func named like time.Sleep
		Sleep(time.Second)
		_ = clock{}
		return 0, nil
	})
}

// corpus: ok
func HardTimerResetNoWait(t *time.Timer) aio.Coro[bool] {
	return aio.Async(func() (bool, error) {
		return t.Reset(time.Second), nil
	})
}

// corpus: AIO261
func HardRecvInExpression(ch chan int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return compute(<-ch), nil
	})
}

// corpus: AIO105
func HardCoroInSliceLiteralDropped() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for _, c := range []aio.Coro[int]{child(1), child(2)} {
			_ = c // the coroutines are built and never run
		}
		return 0, nil
	})
}
