//go:build aiosrc

// Ratelimit is the rate-limited fetch pattern, ported line by line from
// testdata/ratelimit.py: eight simulated fetches, at most four starts per
// second (a limiter built on aio.Lock: waiting starters queue FIFO behind
// the lock while the holder sleeps until the next slot) and at most three
// in flight (aio.Semaphore: a finished fetch hands its permit straight to
// the next waiter). Under aio.WithVirtualClock it prints exactly what
// CPython prints.
package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// out is where the program prints; the golden test captures it.
var out io.Writer = os.Stdout

func now() time.Duration { return aio.CurrentLoop().Time() }

func logf(format string, args ...any) {
	fmt.Fprintf(out, "%5.3fs "+format+"\n", append([]any{now().Seconds()}, args...)...)
}

// RateLimiter lets at most rate starts per second through, spaced evenly,
// in arrival order.
type RateLimiter struct {
	interval time.Duration
	next     time.Duration
	mu       aio.Lock
}

func NewRateLimiter(rate int) *RateLimiter {
	return &RateLimiter{interval: time.Second / time.Duration(rate)}
}

// Wait returns when the caller may start.
func (l *RateLimiter) Wait() aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		if _, err := aio.Await(l.mu.Acquire()); err != nil {
			return struct{}{}, err
		}
		defer l.mu.Release()
		t := now()
		if l.next > t {
			if _, err := aio.Await(aio.Sleep(l.next - t)); err != nil {
				return struct{}{}, err
			}
		}
		l.next = max(t, l.next) + l.interval
		return struct{}{}, nil
	})
}

var inFlight int

// fetch simulates fetching url, which takes latency.
func fetch(url string, latency time.Duration, limiter *RateLimiter, sem *aio.Semaphore) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		if _, err := aio.Await(limiter.Wait()); err != nil {
			return "", err
		}
		if _, err := aio.Await(sem.Acquire()); err != nil {
			return "", err
		}
		defer sem.Release()
		inFlight++
		logf("start %s (in flight %d)", url, inFlight)
		if _, err := aio.Await(aio.Sleep(latency)); err != nil {
			return "", err
		}
		inFlight--
		logf("done  %s", url)
		return fmt.Sprintf("%s: %d bytes", url, len(url)*100), nil
	})
}

func mainTask() aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		limiter := NewRateLimiter(4)
		sem := aio.NewSemaphore(3)
		latencies := []time.Duration{9, 7, 25, 11, 5, 13, 3, 9} // sixteenths of a second
		var tasks []*aio.Task[string]
		for i, l := range latencies {
			url := fmt.Sprintf("/page/%d", i)
			tasks = append(tasks, aio.Spawn(fetch(url, l*time.Second/16, limiter, sem)))
		}
		var results []string
		for _, t := range tasks {
			r, err := aio.Await(t)
			if err != nil {
				return struct{}{}, err
			}
			results = append(results, r)
		}
		for _, r := range results {
			fmt.Fprintln(out, r)
		}
		logf("total")
		return struct{}{}, nil
	})
}

func run(opts ...aio.Option) error {
	_, err := aio.Run(mainTask(), opts...)
	return err
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
