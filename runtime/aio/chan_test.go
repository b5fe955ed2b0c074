package aio_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func TestRecvSend(t *testing.T) {
	syncRun(t, func() error {
		buf := make(chan int, 1)
		buf <- 1
		if v, err := aio.Await(aio.Recv((<-chan int)(buf))); v != 1 || err != nil {
			return fmt.Errorf("buffered recv: %d %v", v, err)
		}
		// Blocking receive from a goroutine's send, and blocking send to a
		// goroutine's receive.
		unbuf := make(chan int)
		echo := make(chan int)
		go func() {
			v := <-unbuf
			echo <- v * 10
		}()
		if _, err := aio.Await(aio.Send((chan<- int)(unbuf), 7)); err != nil {
			return err
		}
		if v, err := aio.Await(aio.Recv((<-chan int)(echo))); v != 70 || err != nil {
			return fmt.Errorf("recv: %d %v", v, err)
		}
		close(buf)
		if _, err := aio.Await(aio.Recv((<-chan int)(buf))); !errors.Is(err, aio.ErrChanClosed) {
			return fmt.Errorf("closed recv: %v", err)
		}
		if _, err := aio.Await(aio.Send((chan<- int)(buf), 1)); !errors.Is(err, aio.ErrChanClosed) {
			return fmt.Errorf("closed send: %v", err)
		}
		return nil
	})
}

// A cancelled Recv stops its helper goroutine and loses no value.
func TestRecvCancel(t *testing.T) {
	syncRun(t, func() error {
		ch := make(chan string)
		task := aio.Spawn(aio.Async(func() (string, error) { return aio.Await(aio.Recv((<-chan string)(ch))) }))
		aio.Await(aio.Yield())
		task.Cancel()
		if _, err := aio.Await(task); !aio.IsCancelled(err) {
			return fmt.Errorf("err = %v", err)
		}
		go func() { ch <- "kept" }()
		if v, err := aio.Await(aio.Recv((<-chan string)(ch))); v != "kept" || err != nil {
			return fmt.Errorf("next recv: %q %v", v, err)
		}
		// A nil channel blocks until cancelled, as in Go.
		nilTask := aio.Spawn(aio.Async(func() (int, error) { return aio.Await(aio.Recv[int](nil)) }))
		aio.Await(aio.Yield())
		nilTask.Cancel()
		if _, err := aio.Await(nilTask); !aio.IsCancelled(err) {
			return fmt.Errorf("nil chan: %v", err)
		}
		return nil
	})
}

func TestWaitContext(t *testing.T) {
	syncRun(t, func() error {
		ctx, cancel := context.WithCancelCause(context.Background())
		go cancel(errors.New("stop now"))
		cause, err := aio.Await(aio.WaitContext(ctx))
		if err != nil || cause == nil || cause.Error() != "stop now" {
			return fmt.Errorf("cause %v err %v", cause, err)
		}
		// Already done: no suspension.
		if cause, _ := aio.Await(aio.WaitContext(ctx)); cause == nil {
			return errors.New("done ctx")
		}
		// Cancelling the await unregisters from the context.
		ctx2, cancel2 := context.WithCancel(context.Background())
		defer cancel2()
		task := aio.Spawn(aio.Async(func() (error, error) { return aio.Await(aio.WaitContext(ctx2)) }))
		aio.Await(aio.Yield())
		task.Cancel()
		if _, err := aio.Await(task); !aio.IsCancelled(err) {
			return fmt.Errorf("err = %v", err)
		}
		return nil
	})
}

func TestFutureChanAndFromChan(t *testing.T) {
	syncRun(t, func() error {
		f := aio.NewFuture[int]()
		out := make(chan int, 1)
		fch := f.Chan() // on the loop; the channel is read by a goroutine
		go func() {
			r := <-fch
			out <- r.Value
		}()
		f.SetResult(5)
		if v, _ := aio.Await(aio.Recv((<-chan int)(out))); v != 5 {
			return fmt.Errorf("chan got %d", v)
		}
		task := aio.Spawn(aio.Async(func() (string, error) { return "t", nil }))
		tch := task.Chan()
		aio.Await(task)
		aio.Await(aio.Yield()) // the channel is filled by a done callback
		if r := <-tch; r.Value != "t" || r.Err != nil {
			return fmt.Errorf("task chan: %+v", r)
		}
		in := make(chan string)
		go func() { in <- "hello" }()
		if v, err := aio.Await(aio.FromChan((<-chan string)(in))); v != "hello" || err != nil {
			return fmt.Errorf("FromChan: %q %v", v, err)
		}
		// A goroutine resolves a loop future safely.
		g := aio.NewFuture[string]()
		go g.SetResultThreadsafe("from goroutine")
		if v, _ := aio.Await(g); v != "from goroutine" {
			return fmt.Errorf("threadsafe: %q", v)
		}
		return nil
	})
}

// In debug mode, resolving a loop's future from another goroutine without
// CallSoonThreadsafe panics with a message naming the fix.
func TestDebugForeignResolvePanics(t *testing.T) {
	_, err := aio.Run(aio.Async(func() (sunit, error) {
		f := aio.NewFuture[int]()
		ready := make(chan struct{})
		msg := make(chan string, 1)
		aio.CurrentLoop().CallSoon(func() { close(ready) }) // orders the loop's writes before the goroutine
		go func() {
			<-ready
			defer func() { msg <- fmt.Sprint(recover()) }()
			f.SetResult(1)
		}()
		m, _ := aio.Await(aio.Recv((<-chan string)(msg)))
		if !strings.Contains(m, "CallSoonThreadsafe") {
			return sunit{}, fmt.Errorf("panic message %q", m)
		}
		return sunit{}, nil
	}), aio.WithDebug())
	if err != nil {
		t.Fatal(err)
	}
}

// A thread-safe result for a future its awaiter has given up on (cancelled,
// for example by a timeout) is dropped quietly; one for a future that already
// has a result goes to the exception handler, naming the call.
func TestSetResultThreadsafeOnDoneFuture(t *testing.T) {
	var reports []string
	handler := aio.WithExceptionHandler(func(_ *aio.Loop, c aio.ExceptionContext) {
		reports = append(reports, fmt.Sprintf("%s: %v", c.Message, c.Err))
	})
	_, err := aio.Run(aio.Async(func() (sunit, error) {
		cancelled := aio.NewFuture[int]()
		cancelled.Cancel()
		done := aio.NewFuture[int]()
		done.SetResult(1)
		sent := make(chan struct{})
		go func() {
			cancelled.SetResultThreadsafe(2)
			done.SetResultThreadsafe(3)
			done.SetErrorThreadsafe(errors.New("late"))
			close(sent)
		}()
		aio.Await(aio.Recv((<-chan struct{})(sent)))
		aio.Await(aio.Yield())
		if v, _ := done.Result(); v != 1 {
			return sunit{}, fmt.Errorf("done future's result changed to %d", v)
		}
		return sunit{}, nil
	}), handler)
	if err != nil {
		t.Fatal(err)
	}
	if len(reports) != 2 ||
		!strings.HasPrefix(reports[0], "Exception in callback Future.SetResultThreadsafe: ") ||
		!strings.HasPrefix(reports[1], "Exception in callback Future.SetErrorThreadsafe: ") ||
		!strings.Contains(reports[0], "already done") {
		t.Fatalf("reports: %q", reports)
	}
}
