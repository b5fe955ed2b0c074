package corpus

import (
	"context"
	"errors"
	"fmt"
	"log"
	"math/rand"
	"net"
	"net/http"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

var errTransient = errors.New("transient")

// corpus: ok
func callAPI(client *http.Client, u string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Await(aio.ToThread(func(ctx context.Context) (int, error) {
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
			if err != nil {
				return 0, err
			}
			resp, err := client.Do(req)
			if err != nil {
				return 0, err
			}
			defer resp.Body.Close()
			if resp.StatusCode >= 500 {
				return resp.StatusCode, errTransient
			}
			return resp.StatusCode, nil
		}))
	})
}

// corpus: ok
func Retry[T any](attempts int, per time.Duration, op func() aio.Coro[T]) aio.Coro[T] {
	return aio.Async(func() (T, error) {
		var zero T
		backoff := 50 * time.Millisecond
		var lastErr error
		for attempt := 1; attempt <= attempts; attempt++ {
			v, err := aio.Await(aio.WaitFor(op(), per))
			if err == nil {
				return v, nil
			}
			if aio.IsCancelled(err) && !errors.Is(err, aio.ErrTimeout) {
				return zero, err
			}
			lastErr = err
			log.Printf("attempt %d/%d failed: %v; retrying in %v", attempt, attempts, err, backoff)
			jitter := time.Duration(rand.Int63n(int64(backoff / 2)))
			if _, err := aio.Await(aio.Sleep(backoff + jitter)); err != nil {
				return zero, err
			}
			backoff = min(backoff*2, 5*time.Second)
		}
		return zero, fmt.Errorf("after %d attempts: %w", attempts, lastErr)
	})
}

// corpus: ok
func CallWithRetry(client *http.Client, u string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Await(Retry(3, 2*time.Second, func() aio.Coro[int] { return callAPI(client, u) }))
	})
}

// corpus: AIO190
func RetryReusingCoro(client *http.Client, u string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		c := callAPI(client, u)
		var err error
		for i := 0; i < 3; i++ {
			var code int
			code, err = aio.Await(aio.WaitFor(c, time.Second))
			if err == nil {
				return code, nil
			}
			if _, err := aio.Await(aio.Sleep(time.Duration(i) * 100 * time.Millisecond)); err != nil {
				return 0, err
			}
		}
		return 0, err
	})
}

// corpus: AIO251
func RetryBlockingBackoff(client *http.Client, u string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		backoff := 100 * time.Millisecond
		for i := 0; ; i++ {
			code, err := aio.Await(callAPI(client, u))
			if err == nil || i == 4 {
				return code, err
			}
			time.Sleep(backoff)
			backoff *= 2
		}
	})
}

// corpus: ok
func DialWithRetry(addr string) aio.Coro[net.Conn] {
	return aio.Async(func() (net.Conn, error) {
		var d net.Dialer
		for i := 0; ; i++ {
			conn, err := aio.Await(aio.ToThread(func(ctx context.Context) (net.Conn, error) {
				return d.DialContext(ctx, "tcp", addr)
			}))
			if err == nil {
				return conn, nil
			}
			if i == 3 {
				return nil, err
			}
			if _, err := aio.Await(aio.Sleep(time.Duration(1<<i) * 100 * time.Millisecond)); err != nil {
				return nil, err
			}
		}
	})
}

// corpus: ok
func WithDeadline(client *http.Client, urls []string) aio.Coro[[]int] {
	return aio.Async(func() ([]int, error) {
		return aio.Await(aio.Timeout(3*time.Second, aio.Async(func() ([]int, error) {
			var codes []int
			for _, u := range urls {
				code, err := aio.Await(callAPI(client, u))
				if err != nil {
					return codes, err
				}
				codes = append(codes, code)
			}
			return codes, nil
		})))
	})
}

// corpus: AIO100
func TimeoutCPU(data []int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Await(aio.WaitFor(aio.Async(func() (int, error) {
			s := 0
			for _, v := range data {
				s += v * v
			}
			return s, nil
		}), time.Second))
	})
}

// corpus: ok
func Heartbeat(ctx context.Context, every time.Duration, beat func()) aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		for ctx.Err() == nil {
			beat()
			if _, err := aio.Await(aio.Sleep(every)); err != nil {
				return struct{}{}, err
			}
		}
		return struct{}{}, ctx.Err()
	})
}

// corpus: AIO110
func WaitReady(ready *bool) aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		for !*ready {
			if _, err := aio.Await(aio.Sleep(10 * time.Millisecond)); err != nil {
				return struct{}{}, err
			}
		}
		return struct{}{}, nil
	})
}

// corpus: ok
func PollStatus(client *http.Client, u string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for {
			code, err := aio.Await(callAPI(client, u))
			if err != nil || code == http.StatusOK {
				return code, err
			}
			if _, err := aio.Await(aio.Sleep(time.Second)); err != nil {
				return 0, err
			}
		}
	})
}

// corpus: ok
func SleepUntilCancelled() aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		_, err := aio.Await(aio.NewEvent().Wait())
		return struct{}{}, err
	})
}

// corpus: ok
func TickerInThread(n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Await(aio.ToThread(func(ctx context.Context) (int, error) {
			t := time.NewTicker(10 * time.Millisecond)
			defer t.Stop()
			for i := 0; i < n; i++ {
				select {
				case <-t.C:
				case <-ctx.Done():
					return i, ctx.Err()
				}
			}
			return n, nil
		}))
	})
}

// corpus: ok
func TimerReset(d time.Duration) aio.Coro[bool] {
	return aio.Async(func() (bool, error) {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-t.C:
			return true, nil
		default:
		}
		_, err := aio.Await(aio.Sleep(d))
		return false, err
	})
}
