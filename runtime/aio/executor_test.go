package aio_test

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func TestToThreadResult(t *testing.T) {
	syncRun(t, func() error {
		v, err := aio.Await(aio.ToThread(func(ctx context.Context) (int, error) { return 42, nil }))
		if v != 42 || err != nil {
			return fmt.Errorf("got %d, %v", v, err)
		}
		_, err = aio.Await(aio.ToThread(func(ctx context.Context) (int, error) { return 0, errors.New("boom") }))
		if err == nil || err.Error() != "boom" {
			return fmt.Errorf("err = %v", err)
		}
		return nil
	})
}

// The pool is bounded: with size 2, the third job starts only when one of
// the first two finishes.
func TestToThreadPoolBound(t *testing.T) {
	syncRun(t, func() error {
		aio.CurrentLoop().SetExecutorSize(2)
		var active, peak atomic.Int32
		started := make(chan int, 5)
		gate := make(chan struct{})
		var fs []*aio.Future[int]
		for i := range 5 {
			fs = append(fs, aio.ToThread(func(ctx context.Context) (int, error) {
				n := active.Add(1)
				for {
					p := peak.Load()
					if n <= p || peak.CompareAndSwap(p, n) {
						break
					}
				}
				started <- i
				<-gate
				active.Add(-1)
				return i, nil
			}))
		}
		aio.Await(aio.Recv(started))
		aio.Await(aio.Recv(started))
		select {
		case i := <-started:
			return fmt.Errorf("job %d started beyond the bound", i)
		default:
		}
		close(gate)
		for i, f := range fs {
			if v, err := aio.Await(f); v != i || err != nil {
				return fmt.Errorf("job %d: %d %v", i, v, err)
			}
		}
		if peak.Load() != 2 {
			return fmt.Errorf("peak %d", peak.Load())
		}
		return nil
	})
}

// Cancelling the awaiting task cancels the function's context; the awaiter
// sees the cancellation at once.
func TestToThreadCancelCancelsContext(t *testing.T) {
	syncRun(t, func() error {
		started := make(chan struct{})
		sawCancel := make(chan error, 1)
		task := aio.Spawn(aio.Async(func() (int, error) {
			return aio.Await(aio.ToThread(func(ctx context.Context) (int, error) {
				close(started)
				<-ctx.Done()
				sawCancel <- context.Cause(ctx)
				return 0, ctx.Err()
			}))
		}))
		aio.Await(aio.Recv((<-chan struct{})(started)))
		task.Cancel("enough")
		_, err := aio.Await(task)
		var ce *aio.CancelledError
		if !errors.As(err, &ce) || ce.Message != "enough" {
			return fmt.Errorf("task err = %v", err)
		}
		cause, _ := aio.Await(aio.Recv((<-chan error)(sawCancel)))
		if !aio.IsCancelled(cause) {
			return fmt.Errorf("ctx cause = %v", cause)
		}
		return nil
	})
}

func TestToThreadPanicReachesAwaiter(t *testing.T) {
	syncRun(t, func() error {
		var pe *aio.PanicError
		func() {
			defer func() { pe, _ = recover().(*aio.PanicError) }()
			aio.Await(aio.ToThread(func(ctx context.Context) (int, error) { panic("in thread") }))
		}()
		if pe == nil || pe.Value != "in thread" {
			return fmt.Errorf("recovered %v", pe)
		}
		return nil
	})
}

// While a job is in flight the virtual clock does not jump to the next
// timer, even though the loop has nothing else to do.
func TestToThreadHoldsVirtualClock(t *testing.T) {
	syncRun(t, func() error {
		aio.Spawn(aio.Async(func() (sunit, error) {
			_, err := aio.Await(aio.Sleep(time.Hour))
			return sunit{}, err
		}))
		started, gate := make(chan struct{}), make(chan struct{})
		go func() { <-started; close(gate) }()
		before := aio.CurrentLoop().Time()
		aio.Await(aio.ToThread(func(ctx context.Context) (int, error) {
			close(started)
			<-gate
			return 0, nil
		}))
		if d := aio.CurrentLoop().Time() - before; d != 0 {
			return fmt.Errorf("clock jumped by %v during the job", d)
		}
		return nil
	})
}

func TestToThreadOutsideLoop(t *testing.T) {
	f := aio.ToThread(func(ctx context.Context) (int, error) { return 1, nil })
	if _, err := f.Result(); !errors.Is(err, aio.ErrNoRunningLoop) {
		t.Fatal(err)
	}
}

// --- benchmarks: ToThread round trip vs goroutine + channel ----------------

type toThreadFrame struct {
	aio.CoroFrame[int]
	pc   int
	i, n int
	sum  int
	aw   *aio.Future[int]
}

func (f *toThreadFrame) Resume(r *aio.Runner) {
	if f.pc == 1 {
		goto resume1
	}
loop:
	if f.i >= f.n {
		f.Return(r, f.sum, nil)
		return
	}
	f.aw = aio.ToThread(benchJob)
	if !f.aw.AwaitBegin(r) {
		f.pc = 1
		return
	}
resume1:
	{
		v, _ := f.aw.AwaitEnd(r)
		f.sum += v
	}
	f.i++
	goto loop
}

func benchJob(context.Context) (int, error) { return 1, nil }

// BenchmarkToThreadRoundTrip: a task awaits ToThread of a trivial function,
// one at a time.
func BenchmarkToThreadRoundTrip(b *testing.B) {
	b.ReportAllocs()
	f := &toThreadFrame{n: b.N}
	if n, err := aio.Run(f.Init(f)); n != b.N || err != nil {
		b.Fatal(n, err)
	}
}

// BenchmarkGoroutineChanRoundTrip is the Go-native equivalent: start a
// goroutine for the function and receive its result on a channel.
func BenchmarkGoroutineChanRoundTrip(b *testing.B) {
	b.ReportAllocs()
	sum := 0
	for range b.N {
		ch := make(chan int, 1)
		go func() {
			v, _ := benchJob(context.Background())
			ch <- v
		}()
		sum += <-ch
	}
	if sum != b.N {
		b.Fatal(sum)
	}
}
