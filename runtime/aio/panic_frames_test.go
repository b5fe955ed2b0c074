package aio_test

// Panics out of generated-style frames. The loop recovers them once per
// batch of ready callbacks rather than around each Resume (see
// Loop.runIterations); these cases pin down that a panic still finishes exactly
// the frame that panicked and reaches its awaiter, from every place a task
// can be stepped.

import (
	"errors"
	"strings"
	"testing"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// panicAfter awaits aw, then panics with msg.
type panicAfterFrame struct {
	aio.CoroFrame[int]
	aw  aio.Awaitable[int]
	msg string
}

func panicAfter(aw aio.Awaitable[int], msg string) aio.Coro[int] {
	f := &panicAfterFrame{aw: aw, msg: msg}
	return f.Init(f)
}

func (f *panicAfterFrame) Resume(r *aio.Runner) {
	if f.PC == 0 && !f.aw.AwaitBegin(r) {
		f.PC = 1
		return
	}
	f.aw.AwaitEnd(r)
	panic(f.msg)
}

// catchFrame awaits c and returns what it got: a re-panic of the child's
// *PanicError is caught by a deferred recover in Resume, as generated code
// does for a body with defer/recover.
type catchFrame struct {
	aio.CoroFrame[string]
	c aio.Coro[int]
}

func catch(c aio.Coro[int]) aio.Coro[string] {
	f := &catchFrame{c: c}
	return f.Init(f)
}

func (f *catchFrame) Resume(r *aio.Runner) {
	if f.PC == 0 {
		f.PC = 1
		if !f.c.AwaitBegin(r) {
			return
		}
	}
	defer func() {
		v := recover()
		pe, _ := v.(*aio.PanicError)
		if pe == nil {
			f.Return(r, "no panic", nil)
			return
		}
		f.Return(r, "caught "+pe.Value.(string), nil)
	}()
	f.c.AwaitEnd(r)
}

// A frame that panics after a nested await: the awaiting frame gets the
// panic, the task goes on, and nothing is reported as unobserved.
func TestFramePanicReachesAwaitingFrame(t *testing.T) {
	var reported []string
	got, err := aio.Run(catch(panicAfter(benchLeaf(1), "boom")),
		aio.WithExceptionHandler(func(_ *aio.Loop, c aio.ExceptionContext) { reported = append(reported, c.Message) }))
	if got != "caught boom" || err != nil || len(reported) != 0 {
		t.Fatalf("got %q, %v, reported %q", got, err, reported)
	}
}

// A panic in a task stepped from inside a callback (here: woken by a value
// from a Go channel) is the frame's, not an "Exception in callback".
func TestFramePanicInsideCallbackStep(t *testing.T) {
	ch := make(chan int)
	var reported []string
	got, err := aio.Run(aio.Async(func() (string, error) {
		task := aio.Spawn(catch(panicAfter(aio.Recv(ch), "after recv")))
		aio.Await(aio.Yield()) // the task is now suspended in Recv
		go func() { ch <- 1 }()
		return aio.Await(task)
	}), aio.WithExceptionHandler(func(_ *aio.Loop, c aio.ExceptionContext) { reported = append(reported, c.Message) }))
	if got != "caught after recv" || err != nil || len(reported) != 0 {
		t.Fatalf("got %q, %v, reported %q", got, err, reported)
	}
}

// A spawned task whose root frame panics fails with the *PanicError, and
// the tasks stepped after it in the same iteration still run.
func TestFramePanicInTaskKeepsIterationGoing(t *testing.T) {
	var after int
	main := aio.Async(func() (string, error) {
		bad := aio.Spawn(panicAfter(benchLeaf(1), "task boom"))
		good := aio.Spawn(aio.Async(func() (int, error) { after++; return 1, nil }))
		aio.Await(aio.Yield())
		if !bad.Done() || !good.Done() || after != 1 {
			return "not done", nil
		}
		_, err := bad.Result()
		var pe *aio.PanicError
		if !errors.As(err, &pe) || pe.Value != "task boom" {
			return "", err
		}
		if !strings.Contains(string(pe.Stack), "panicAfterFrame") {
			return "", errors.New("stack lost: " + string(pe.Stack))
		}
		return "ok", nil
	})
	if got, err := aio.Run(main); got != "ok" || err != nil {
		t.Fatalf("got %q, %v", got, err)
	}
}

// pushThenPanic awaits a coroutine and panics before returning from
// Resume, so the coroutine it pushed never runs.
type pushThenPanicFrame struct {
	aio.CoroFrame[int]
	child aio.Coro[int]
}

func (f *pushThenPanicFrame) Resume(r *aio.Runner) {
	f.child.AwaitBegin(r)
	panic("after push")
}

func TestFramePanicAfterPushingChild(t *testing.T) {
	ran := false
	child := aio.Async(func() (int, error) { ran = true; return 1, nil })
	f := &pushThenPanicFrame{child: child}
	got, err := aio.Run(catch(f.Init(f)))
	if got != "caught after push" || err != nil || ran {
		t.Fatalf("got %q, %v, child ran %v", got, err, ran)
	}
}
