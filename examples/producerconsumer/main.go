//go:build aiosrc

// Producerconsumer is the asyncio producer/consumer pattern, ported line by
// line from testdata/producerconsumer.py: producers put work on a bounded
// aio.Queue (back-pressure: a put waits while the queue is full), consumers
// take it, mark each item with TaskDone, and main waits with Join until
// every item has been processed, then cancels the consumers. Under
// aio.WithVirtualClock the program prints exactly what CPython prints.
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

func logf(format string, args ...any) {
	now := aio.CurrentLoop().Time().Seconds()
	fmt.Fprintf(out, "%5.2fs "+format+"\n", append([]any{now}, args...)...)
}

// producer puts n items, one every `every`.
func producer(q *aio.Queue[string], name string, n int, every time.Duration) aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		for i := range n {
			if _, err := aio.Await(aio.Sleep(every)); err != nil {
				return struct{}{}, err
			}
			item := fmt.Sprintf("%s-%d", name, i)
			if _, err := aio.Await(q.Put(item)); err != nil {
				return struct{}{}, err
			}
			logf("%s: put %s (qsize %d)", name, item, q.Len())
		}
		return struct{}{}, nil
	})
}

// consumer works on items until it is cancelled.
func consumer(q *aio.Queue[string], name string, cost time.Duration) aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		for {
			item, err := aio.Await(q.Get())
			if err == nil {
				logf("  %s: working on %s", name, item)
				_, err = aio.Await(aio.Sleep(cost))
			}
			if err != nil {
				logf("  %s: stopped", name)
				return struct{}{}, err
			}
			q.TaskDone()
		}
	})
}

func mainTask() aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		q := aio.NewQueue[string](2)
		consumers := []*aio.Task[struct{}]{
			aio.Spawn(consumer(q, "C1", 250*time.Millisecond)),
			aio.Spawn(consumer(q, "C2", 300*time.Millisecond)),
		}
		producers := []*aio.Task[struct{}]{
			aio.Spawn(producer(q, "fast", 3, 50*time.Millisecond)),
			aio.Spawn(producer(q, "slow", 3, 170*time.Millisecond)),
		}
		for _, p := range producers {
			if _, err := aio.Await(p); err != nil {
				return struct{}{}, err
			}
		}
		logf("producers done; joining")
		if _, err := aio.Await(q.Join()); err != nil {
			return struct{}{}, err
		}
		logf("all items processed")
		for _, c := range consumers {
			c.Cancel()
		}
		for _, c := range consumers {
			aio.Await(c) // the cancellation is expected
		}
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
