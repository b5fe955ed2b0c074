package aio_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// Misuse of every exported API: each case calls an API wrongly and the
// harness checks the outcome against the package's rule: a clear error that
// names the operation and wraps the right sentinel, never a panic from
// inside the toolkit (unless a panic is the documented behaviour, and then
// its message names the operation), never a hang, never a result lost.

type misuseCase struct {
	name string
	// op must appear in the error (or the documented panic's message).
	op string
	// want is the sentinel the error must wrap; nil when the case expects
	// no error at all (the misuse is harmless, as in asyncio).
	want error
	// panics: the documented behaviour is a panic whose value is an error
	// naming op and wrapping want.
	panics bool
	// run performs the misuse and returns the error it produced; it checks
	// any further outcome (no result lost) itself with t.Errorf.
	run func(t *testing.T) error
}

// inLoop runs body as the main coroutine of a fresh virtual-clock loop and
// returns the error body returned; Run's own error fails the test.
func inLoop(t *testing.T, body func() error) error {
	t.Helper()
	var got error
	_, err := aio.Run(aio.Async(func() (struct{}, error) {
		got = body()
		return struct{}{}, nil
	}), aio.WithVirtualClock())
	if err != nil {
		t.Errorf("Run: %v", err)
	}
	return got
}

// awaitIn awaits aw as the main coroutine of a fresh loop.
func awaitIn[T any](t *testing.T, aw aio.Awaitable[T]) (T, error) {
	t.Helper()
	var v T
	err := inLoop(t, func() error {
		var err error
		v, err = aio.Await(aw)
		return err
	})
	return v, err
}

// closedLoop returns a loop that ran once and was closed.
func closedLoop(t *testing.T) *aio.Loop {
	l := aio.NewLoop(aio.WithVirtualClock())
	if err := l.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	return l
}

func leaf(v int) aio.Coro[int] {
	return aio.Async(func() (int, error) { return v, nil })
}

func sleeper(d time.Duration, v int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		if _, err := aio.Await(aio.Sleep(d)); err != nil {
			return 0, err
		}
		return v, nil
	})
}

var misuseCases = []misuseCase{
	// --- Await -----------------------------------------------------------
	// ErrNilCoro's own text ("aio: await of a nil coroutine") names the
	// operation, in both build modes (generated code's NilSafe).
	{name: "Await nil awaitable", op: "await", want: aio.ErrNilCoro, run: func(t *testing.T) error {
		return errOf(awaitIn[int](t, nil))
	}},
	{name: "Await zero Coro", op: "Await", want: aio.ErrNilCoro, run: func(t *testing.T) error {
		return errOf(awaitIn[int](t, aio.Coro[int]{}))
	}},
	{name: "Await nil *Future", op: "Await", want: aio.ErrNilCoro, run: func(t *testing.T) error {
		return errOf(awaitIn[int](t, (*aio.Future[int])(nil)))
	}},
	{name: "Await nil *Task", op: "Await", want: aio.ErrNilCoro, run: func(t *testing.T) error {
		return errOf(awaitIn[int](t, (*aio.Task[int])(nil)))
	}},
	{name: "Await zero Task", op: "Await", want: aio.ErrInvalidState, run: func(t *testing.T) error {
		return errOf(awaitIn[int](t, &aio.Task[int]{}))
	}},
	{name: "Await outside async", op: "Await", want: aio.ErrNotAsync, run: func(t *testing.T) error {
		return errOf(aio.Await(aio.Sleep(time.Second)))
	}},
	{name: "Await coroutine twice", op: "await", want: aio.ErrCoroReused, run: func(t *testing.T) error {
		c := leaf(1)
		return inLoop(t, func() error {
			if v, err := aio.Await(c); v != 1 || err != nil {
				t.Errorf("first await: %v, %v", v, err)
			}
			return errOf(aio.Await(c))
		})
	}},
	{name: "Await task of another loop", op: "Await", want: aio.ErrInvalidState, run: func(t *testing.T) error {
		g := aio.NewLoopGroup(2)
		defer g.Close()
		ctx := context.Background()
		task, err := aio.Call(ctx, g.Loop(0), func() aio.Coro[*aio.Task[int]] {
			return aio.Async(func() (*aio.Task[int], error) { return aio.Spawn(sleeper(time.Millisecond, 7)), nil })
		})
		if err != nil {
			t.Fatalf("spawn on loop 0: %v", err)
		}
		_, err = aio.Call(ctx, g.Loop(1), func() aio.Coro[int] { return aio.Async(func() (int, error) { return aio.Await(task) }) })
		if v, terr := aio.Call(ctx, g.Loop(0), func() aio.Coro[int] { return aio.Async(func() (int, error) { return aio.Await(task) }) }); v != 7 || terr != nil {
			t.Errorf("task's own loop awaits it: %v, %v, want 7", v, terr)
		}
		return err
	}},
	{name: "Await future of another loop", op: "Await", want: aio.ErrInvalidState, run: func(t *testing.T) error {
		var f *aio.Future[int]
		inLoop(t, func() error { f = aio.NewFuture[int](); return nil })
		return errOf(awaitIn[int](t, f))
	}},

	// --- Spawn -----------------------------------------------------------
	{name: "Spawn zero Coro", op: "Spawn", want: aio.ErrNilCoro, run: func(t *testing.T) error {
		return inLoop(t, func() error { return errOf(aio.Await(aio.Spawn(aio.Coro[int]{}))) })
	}},
	{name: "Spawn used Coro", op: "Spawn", want: aio.ErrCoroReused, run: func(t *testing.T) error {
		return inLoop(t, func() error {
			c := leaf(1)
			aio.Await(c)
			return errOf(aio.Await(aio.Spawn(c)))
		})
	}},
	{name: "Spawn outside a loop", op: "Spawn", want: aio.ErrNoRunningLoop, run: func(t *testing.T) error {
		task := aio.Spawn(leaf(1))
		if !task.Done() {
			t.Errorf("task not done")
		}
		return task.Err()
	}},
	{name: "Spawn in a nil group", op: "Spawn", want: aio.ErrGroupClosed, run: func(t *testing.T) error {
		return inLoop(t, func() error { return errOf(aio.Await(aio.Spawn(leaf(1), aio.InGroup(nil)))) })
	}},
	{name: "Spawn in a finished group", op: "Spawn", want: aio.ErrGroupClosed, run: func(t *testing.T) error {
		return inLoop(t, func() error {
			var g *aio.TaskGroup
			aio.Await(aio.Group(func(tg *aio.TaskGroup) aio.Coro[int] { g = tg; return leaf(1) }))
			return errOf(aio.Await(aio.Spawn(leaf(2), aio.InGroup(g))))
		})
	}},
	{name: "Group nil body", op: "Group", want: aio.ErrNilCoro, run: func(t *testing.T) error {
		return errOf(awaitIn(t, aio.Group[int](nil)))
	}},
	{name: "Group body returns zero Coro", op: "Group", want: aio.ErrNilCoro, run: func(t *testing.T) error {
		return errOf(awaitIn(t, aio.Group(func(*aio.TaskGroup) aio.Coro[int] { return aio.Coro[int]{} })))
	}},

	// --- Combinators with nil arguments ----------------------------------
	{name: "Gather nil awaitable", op: "Gather", want: aio.ErrNilCoro, run: func(t *testing.T) error {
		return errOf(awaitIn(t, aio.Gather[int](leaf(1), nil)))
	}},
	{name: "Gather zero Coro", op: "Gather", want: aio.ErrNilCoro, run: func(t *testing.T) error {
		return errOf(awaitIn(t, aio.Gather(leaf(1), aio.Coro[int]{})))
	}},
	{name: "Gather nil *Future", op: "Gather", want: aio.ErrNilCoro, run: func(t *testing.T) error {
		return errOf(awaitIn(t, aio.Gather[int](leaf(1), (*aio.Future[int])(nil))))
	}},
	{name: "Gather nil *Task", op: "Gather", want: aio.ErrNilCoro, run: func(t *testing.T) error {
		return errOf(awaitIn(t, aio.Gather[int](leaf(1), (*aio.Task[int])(nil))))
	}},
	{name: "Gather zero Task", op: "Gather", want: aio.ErrInvalidState, run: func(t *testing.T) error {
		return errOf(awaitIn(t, aio.Gather[int](leaf(1), &aio.Task[int]{})))
	}},
	{name: "GatherResults nil *Future", op: "Gather", want: aio.ErrNilCoro, run: func(t *testing.T) error {
		rs, err := awaitIn(t, aio.GatherResults[int](leaf(1), (*aio.Future[int])(nil)))
		if err != nil {
			t.Errorf("GatherResults: %v", err)
		}
		if len(rs) != 2 || rs[0].Value != 1 {
			t.Errorf("GatherResults = %v", rs)
			return nil
		}
		return rs[1].Err
	}},
	{name: "WaitFor nil awaitable", op: "WaitFor", want: aio.ErrNilCoro, run: func(t *testing.T) error {
		return errOf(awaitIn(t, aio.WaitFor[int](nil, time.Second)))
	}},
	{name: "WaitFor zero Coro", op: "WaitFor", want: aio.ErrNilCoro, run: func(t *testing.T) error {
		return errOf(awaitIn(t, aio.WaitFor(aio.Coro[int]{}, time.Second)))
	}},
	{name: "WaitFor nil *Future", op: "WaitFor", want: aio.ErrNilCoro, run: func(t *testing.T) error {
		return errOf(awaitIn(t, aio.WaitFor[int]((*aio.Future[int])(nil), time.Second)))
	}},
	{name: "WaitFor zero Task", op: "WaitFor", want: aio.ErrInvalidState, run: func(t *testing.T) error {
		return errOf(awaitIn(t, aio.WaitFor[int](&aio.Task[int]{}, time.Second)))
	}},
	{name: "WaitFor negative timeout, pending", op: "timeout", want: aio.ErrTimeout, run: func(t *testing.T) error {
		return errOf(awaitIn(t, aio.WaitFor(sleeper(time.Second, 1), -time.Second)))
	}},
	{name: "WaitFor negative timeout, done future keeps its result", run: func(t *testing.T) error {
		f := aio.NewFuture[int]()
		f.SetResult(5)
		v, err := awaitIn(t, aio.WaitFor(f, -time.Second))
		if v != 5 {
			t.Errorf("WaitFor = %v, want 5", v)
		}
		return err
	}},
	{name: "Shield nil awaitable", op: "Shield", want: aio.ErrNilCoro, run: func(t *testing.T) error {
		return errOf(awaitIn(t, aio.Shield[int](nil)))
	}},
	{name: "Shield zero Coro", op: "Shield", want: aio.ErrNilCoro, run: func(t *testing.T) error {
		return errOf(awaitIn(t, aio.Shield(aio.Coro[int]{})))
	}},
	{name: "Shield nil *Future", op: "Shield", want: aio.ErrNilCoro, run: func(t *testing.T) error {
		return errOf(awaitIn(t, aio.Shield[int]((*aio.Future[int])(nil))))
	}},
	{name: "Shield zero Task", op: "Shield", want: aio.ErrInvalidState, run: func(t *testing.T) error {
		return errOf(awaitIn(t, aio.Shield[int](&aio.Task[int]{})))
	}},
	{name: "Wait empty", op: "Wait", want: aio.ErrInvalidArgument, run: func(t *testing.T) error {
		return errOf(awaitIn(t, aio.Wait(nil, aio.AllCompleted)))
	}},
	{name: "Wait nil element", op: "Wait", want: aio.ErrNilCoro, run: func(t *testing.T) error {
		return errOf(awaitIn(t, aio.Wait([]aio.Waitable{nil}, aio.AllCompleted)))
	}},
	{name: "Wait nil *Future", op: "Wait", want: aio.ErrNilCoro, run: func(t *testing.T) error {
		return errOf(awaitIn(t, aio.Wait([]aio.Waitable{(*aio.Future[int])(nil)}, aio.AllCompleted)))
	}},
	{name: "Wait nil *Task", op: "Wait", want: aio.ErrNilCoro, run: func(t *testing.T) error {
		return errOf(awaitIn(t, aio.Wait([]aio.Waitable{(*aio.Task[int])(nil)}, aio.AllCompleted)))
	}},
	{name: "Wait zero Task", op: "Wait", want: aio.ErrInvalidState, run: func(t *testing.T) error {
		return errOf(awaitIn(t, aio.Wait([]aio.Waitable{&aio.Task[int]{}}, aio.AllCompleted)))
	}},
	{name: "Wait bad WaitWhen", op: "Wait", want: aio.ErrInvalidArgument, run: func(t *testing.T) error {
		f := aio.NewFuture[int]()
		f.SetResult(1)
		return errOf(awaitIn(t, aio.Wait([]aio.Waitable{f}, aio.WaitWhen(99))))
	}},
	{name: "AsCompleted nil awaitable", op: "AsCompleted", want: aio.ErrNilCoro, run: func(t *testing.T) error {
		return asCompletedErrs(t, aio.AsCompleted[int](leaf(1), nil))
	}},
	{name: "AsCompleted zero Coro", op: "AsCompleted", want: aio.ErrNilCoro, run: func(t *testing.T) error {
		return asCompletedErrs(t, aio.AsCompleted(leaf(1), aio.Coro[int]{}))
	}},
	{name: "AsCompleted nil *Future", op: "AsCompleted", want: aio.ErrNilCoro, run: func(t *testing.T) error {
		return asCompletedErrs(t, aio.AsCompleted[int](leaf(1), (*aio.Future[int])(nil)))
	}},
	{name: "AsCompleted zero Task", op: "AsCompleted", want: aio.ErrInvalidState, run: func(t *testing.T) error {
		return asCompletedErrs(t, aio.AsCompleted[int](leaf(1), &aio.Task[int]{}))
	}},
	{name: "AsCompleted Next too often", op: "AsCompleted", want: aio.ErrNoMoreResults, run: func(t *testing.T) error {
		return inLoop(t, func() error {
			ac := aio.AsCompleted(leaf(1))
			if v, err := aio.Await(ac.Next()); v != 1 || err != nil {
				t.Errorf("Next = %v, %v", v, err)
			}
			return errOf(aio.Await(ac.Next()))
		})
	}},
	// Run cancelled the pending child when its loop closed: the next result
	// is that cancellation, read later on another loop.
	{name: "AsCompleted after its loop closed", want: aio.ErrCancelled, run: func(t *testing.T) error {
		var ac *aio.Completed[int]
		inLoop(t, func() error {
			ac = aio.AsCompleted(leaf(1), sleeper(time.Hour, 2))
			v, err := aio.Await(ac.Next())
			if v != 1 || err != nil {
				t.Errorf("Next = %v, %v", v, err)
			}
			return nil
		})
		return errOf(awaitIn(t, ac.Next()))
	}},

	// --- Run and the Loop --------------------------------------------------
	{name: "Run nil", op: "Run", want: aio.ErrNilCoro, run: func(t *testing.T) error {
		return errOf(aio.Run[int](nil))
	}},
	{name: "Run nil *Future", op: "Run", want: aio.ErrNilCoro, run: func(t *testing.T) error {
		return errOf(aio.Run[int]((*aio.Future[int])(nil)))
	}},
	{name: "Run zero Coro", op: "Run", want: aio.ErrNilCoro, run: func(t *testing.T) error {
		return errOf(aio.Run(aio.Coro[int]{}))
	}},
	{name: "nested Run", op: "Run", want: aio.ErrLoopRunning, run: func(t *testing.T) error {
		c := leaf(1)
		err := inLoop(t, func() error { return errOf(aio.Run(c)) })
		if v, err := aio.Run(c); v != 1 || err != nil {
			t.Errorf("the coroutine nested Run refused was consumed: %v, %v", v, err)
		}
		return err
	}},
	{name: "nested RunForever", op: "RunForever", want: aio.ErrLoopRunning, run: func(t *testing.T) error {
		l := aio.NewLoop()
		defer l.Close()
		return inLoop(t, func() error { return l.RunForever() })
	}},
	{name: "RunForever of the running loop", op: "RunForever", want: aio.ErrLoopRunning, run: func(t *testing.T) error {
		return inLoop(t, func() error { return aio.CurrentLoop().RunForever() })
	}},
	{name: "Close of the running loop", op: "Close", want: aio.ErrLoopRunning, run: func(t *testing.T) error {
		return inLoop(t, func() error { return aio.CurrentLoop().Close() })
	}},
	{name: "RunForever after Close", op: "RunForever", want: aio.ErrLoopClosed, run: func(t *testing.T) error {
		return closedLoop(t).RunForever()
	}},
	{name: "Close twice", run: func(t *testing.T) error {
		return closedLoop(t).Close()
	}},
	{name: "CallSoon after Close", op: "CallSoon", want: aio.ErrLoopClosed, panics: true, run: func(t *testing.T) error {
		closedLoop(t).CallSoon(func() {})
		return nil
	}},
	{name: "CallLater after Close", op: "CallLater", want: aio.ErrLoopClosed, panics: true, run: func(t *testing.T) error {
		closedLoop(t).CallLater(time.Second, func() {})
		return nil
	}},
	{name: "CallAt after Close", op: "CallAt", want: aio.ErrLoopClosed, panics: true, run: func(t *testing.T) error {
		closedLoop(t).CallAt(time.Second, func() {})
		return nil
	}},
	{name: "CallSoonThreadsafe after Close", op: "CallSoonThreadsafe", want: aio.ErrLoopClosed, run: func(t *testing.T) error {
		return errOf(closedLoop(t).CallSoonThreadsafe(func() {}))
	}},
	{name: "CallSoon nil func", op: "CallSoon", want: aio.ErrInvalidArgument, panics: true, run: func(t *testing.T) error {
		l := aio.NewLoop()
		defer l.Close()
		l.CallSoon(nil)
		return nil
	}},
	{name: "CallSoonThreadsafe nil func", op: "CallSoonThreadsafe", want: aio.ErrInvalidArgument, run: func(t *testing.T) error {
		l := aio.NewLoop()
		defer l.Close()
		return errOf(l.CallSoonThreadsafe(nil))
	}},
	{name: "Stop on a stopped loop runs one iteration", run: func(t *testing.T) error {
		l := aio.NewLoop(aio.WithVirtualClock())
		defer l.Close()
		l.Stop()
		l.Stop()
		ran := 0
		l.CallSoon(func() { ran++ })
		err := l.RunForever()
		if ran != 1 {
			t.Errorf("callback ran %d times, want 1", ran)
		}
		return err
	}},
	{name: "Stop after Close", run: func(t *testing.T) error {
		l := closedLoop(t)
		l.Stop()
		return nil
	}},
	{name: "callbacks queued at Close are reported, not lost", run: func(t *testing.T) error {
		l := aio.NewLoop(aio.WithVirtualClock())
		ran := false
		l.CallSoon(func() { ran = true })
		err := l.Close()
		_ = ran // asyncio drops them too: close() clears the ready queue
		return err
	}},

	// --- Futures and tasks -------------------------------------------------
	{name: "Future.SetResult twice", op: "Future.SetResult", want: aio.ErrInvalidState, run: func(t *testing.T) error {
		f := aio.NewFuture[int]()
		f.SetResult(1)
		err := f.SetResult(2)
		if v, _ := f.Result(); v != 1 {
			t.Errorf("result %v, want the first one", v)
		}
		return err
	}},
	{name: "Future.SetError after SetResult", op: "Future.SetError", want: aio.ErrInvalidState, run: func(t *testing.T) error {
		f := aio.NewFuture[int]()
		f.SetResult(1)
		return f.SetError(errors.New("x"))
	}},
	{name: "Future.SetError nil", op: "Future.SetError", want: aio.ErrInvalidArgument, run: func(t *testing.T) error {
		f := aio.NewFuture[int]()
		err := f.SetError(nil)
		if f.Done() {
			t.Errorf("SetError(nil) completed the future")
		}
		return err
	}},
	{name: "Future.SetErrorThreadsafe nil", op: "Future.SetErrorThreadsafe", want: aio.ErrInvalidArgument, run: func(t *testing.T) error {
		return inLoop(t, func() error {
			f := aio.NewFuture[int]()
			return f.SetErrorThreadsafe(nil)
		})
	}},
	{name: "Future.SetResultThreadsafe after its loop closed", op: "Future.SetResultThreadsafe", want: aio.ErrLoopClosed, run: func(t *testing.T) error {
		var f *aio.Future[int]
		inLoop(t, func() error { f = aio.NewFuture[int](); return nil })
		return f.SetResultThreadsafe(1)
	}},
	{name: "Future.Result pending", op: "Future.Result", want: aio.ErrInvalidState, run: func(t *testing.T) error {
		return errOf(aio.NewFuture[int]().Result())
	}},
	{name: "Future.Err pending", op: "Future.Err", want: aio.ErrInvalidState, run: func(t *testing.T) error {
		return aio.NewFuture[int]().Err()
	}},
	{name: "Future.Cancel when done keeps the result", run: func(t *testing.T) error {
		f := aio.NewFuture[int]()
		f.SetResult(3)
		if f.Cancel() {
			t.Errorf("Cancel of a done future returned true")
		}
		v, err := f.Result()
		if v != 3 {
			t.Errorf("Result = %v after Cancel", v)
		}
		return err
	}},
	{name: "zero Future works", run: func(t *testing.T) error {
		var f aio.Future[int]
		called := false
		f.AddDoneCallback(func(*aio.Future[int]) { called = true })
		f.SetResult(4)
		v, err := awaitIn[int](t, &f)
		if v != 4 {
			t.Errorf("await = %v", v)
		}
		_ = called
		return err
	}},
	{name: "Task.Result pending", op: "Task.Result", want: aio.ErrInvalidState, run: func(t *testing.T) error {
		return inLoop(t, func() error { return errOf(aio.Spawn(leaf(1)).Result()) })
	}},
	{name: "Task.Err pending", op: "Task.Err", want: aio.ErrInvalidState, run: func(t *testing.T) error {
		return inLoop(t, func() error { return aio.Spawn(leaf(1)).Err() })
	}},
	{name: "zero Task.Result", op: "Task.Result", want: aio.ErrInvalidState, run: func(t *testing.T) error {
		var task aio.Task[int]
		_ = task.String()
		_ = task.Name()
		_ = task.Done()
		_ = task.Cancelled()
		_ = task.Stack()
		task.Cancel()
		return errOf(task.Result())
	}},
	{name: "Task.Cancel when done keeps the result", run: func(t *testing.T) error {
		return inLoop(t, func() error {
			task := aio.Spawn(leaf(6))
			aio.Await(task)
			if task.Cancel() {
				t.Errorf("Cancel of a done task returned true")
			}
			v, err := aio.Await(task)
			if v != 6 {
				t.Errorf("await = %v after Cancel", v)
			}
			return err
		})
	}},
	{name: "Task.Uncancel below zero", run: func(t *testing.T) error {
		return inLoop(t, func() error {
			task := aio.Spawn(leaf(6))
			if n := task.Uncancel(); n != 0 {
				t.Errorf("Uncancel = %d", n)
			}
			_, err := aio.Await(task)
			return err
		})
	}},

	// --- Sync primitives -----------------------------------------------------
	{name: "NewSemaphore negative", op: "NewSemaphore", want: aio.ErrInvalidArgument, panics: true, run: func(t *testing.T) error {
		aio.NewSemaphore(-1)
		return nil
	}},
	{name: "NewBoundedSemaphore negative", op: "NewBoundedSemaphore", want: aio.ErrInvalidArgument, panics: true, run: func(t *testing.T) error {
		aio.NewBoundedSemaphore(-1)
		return nil
	}},
	{name: "NewBoundedSemaphore(0) then Release", op: "BoundedSemaphore.Release", want: aio.ErrSemaphoreOverRelease, run: func(t *testing.T) error {
		return aio.NewBoundedSemaphore(0).Release()
	}},
	{name: "BoundedSemaphore over-release", op: "BoundedSemaphore.Release", want: aio.ErrSemaphoreOverRelease, run: func(t *testing.T) error {
		s := aio.NewBoundedSemaphore(1)
		err := s.Release()
		if s.Value() != 1 {
			t.Errorf("Value = %d after the refused release", s.Value())
		}
		return err
	}},
	{name: "NewBarrier(0)", op: "NewBarrier", want: aio.ErrBarrierParties, run: func(t *testing.T) error {
		return errOf(aio.NewBarrier(0))
	}},
	{name: "NewBarrier(-1)", op: "NewBarrier", want: aio.ErrBarrierParties, run: func(t *testing.T) error {
		return errOf(aio.NewBarrier(-1))
	}},
	{name: "Barrier.Wait after Abort", op: "Barrier", want: aio.ErrBrokenBarrier, run: func(t *testing.T) error {
		return inLoop(t, func() error {
			b, _ := aio.NewBarrier(2)
			aio.Await(b.Abort())
			return errOf(aio.Await(b.Wait()))
		})
	}},
	{name: "Lock.Release unlocked", op: "Lock.Release", want: aio.ErrNotLocked, run: func(t *testing.T) error {
		var mu aio.Lock
		return mu.Release()
	}},
	{name: "Condition.Release unlocked", op: "Release", want: aio.ErrNotLocked, run: func(t *testing.T) error {
		return aio.NewCondition(nil).Release()
	}},
	{name: "Condition.Wait unlocked", op: "Condition.Wait", want: aio.ErrConditionNotLocked, run: func(t *testing.T) error {
		return errOf(awaitIn(t, aio.NewCondition(nil).Wait()))
	}},
	{name: "Condition.WaitFor unlocked", op: "Condition.Wait", want: aio.ErrConditionNotLocked, run: func(t *testing.T) error {
		return errOf(awaitIn(t, aio.NewCondition(nil).WaitFor(func() bool { return false })))
	}},
	{name: "Condition.WaitFor nil predicate", op: "Condition.WaitFor", want: aio.ErrInvalidArgument, run: func(t *testing.T) error {
		return inLoop(t, func() error {
			c := aio.NewCondition(nil)
			aio.Await(c.Acquire())
			defer c.Release()
			return errOf(aio.Await(c.WaitFor(nil)))
		})
	}},
	{name: "Condition.Notify unlocked", op: "Condition.Notify", want: aio.ErrConditionNotLocked, run: func(t *testing.T) error {
		return aio.NewCondition(nil).Notify(1)
	}},
	{name: "Condition.NotifyAll unlocked", op: "Condition.NotifyAll", want: aio.ErrConditionNotLocked, run: func(t *testing.T) error {
		return aio.NewCondition(nil).NotifyAll()
	}},

	// --- Queues ------------------------------------------------------------
	{name: "NewQueue(-1) is unbounded", run: func(t *testing.T) error {
		q := aio.NewQueue[int](-1)
		for i := range 3 {
			if err := q.PutNowait(i); err != nil {
				return err
			}
		}
		if q.Full() {
			t.Errorf("Full")
		}
		return nil
	}},
	{name: "Queue.PutNowait after Shutdown", op: "Queue.PutNowait", want: aio.ErrQueueShutDown, run: func(t *testing.T) error {
		q := aio.NewQueue[int](0)
		q.Shutdown(false)
		return q.PutNowait(1)
	}},
	{name: "Queue.Put after Shutdown", op: "Queue.Put", want: aio.ErrQueueShutDown, run: func(t *testing.T) error {
		q := aio.NewQueue[int](0)
		q.Shutdown(false)
		return errOf(awaitIn(t, q.Put(1)))
	}},
	{name: "Queue.GetNowait after Shutdown, empty", op: "Queue.GetNowait", want: aio.ErrQueueShutDown, run: func(t *testing.T) error {
		q := aio.NewQueue[int](0)
		q.Shutdown(false)
		return errOf(q.GetNowait())
	}},
	{name: "Queue.Get after Shutdown keeps items", op: "Queue.Get", want: aio.ErrQueueShutDown, run: func(t *testing.T) error {
		q := aio.NewQueue[int](0)
		q.PutNowait(8)
		q.Shutdown(false)
		if v, err := awaitIn(t, q.Get()); v != 8 || err != nil {
			t.Errorf("Get = %v, %v, want the item put before Shutdown", v, err)
		}
		return errOf(awaitIn(t, q.Get()))
	}},
	{name: "Queue.TaskDone too many", op: "Queue.TaskDone", want: aio.ErrTaskDoneTooMany, run: func(t *testing.T) error {
		return aio.NewQueue[int](0).TaskDone()
	}},
	{name: "Queue.Join after Shutdown(immediate)", run: func(t *testing.T) error {
		q := aio.NewQueue[int](0)
		q.PutNowait(1)
		q.Shutdown(true)
		return errOf(awaitIn(t, q.Join()))
	}},
	{name: "zero Queue works", run: func(t *testing.T) error {
		var q aio.Queue[int]
		if err := q.PutNowait(1); err != nil {
			return err
		}
		v, err := q.GetNowait()
		if v != 1 {
			t.Errorf("GetNowait = %v", v)
		}
		return err
	}},
	{name: "NewPriorityQueue nil less", op: "NewPriorityQueue", want: aio.ErrInvalidArgument, panics: true, run: func(t *testing.T) error {
		aio.NewPriorityQueue[int](0, nil)
		return nil
	}},

	// --- Async generators ----------------------------------------------------
	{name: "Generator nil body", op: "Generator", want: aio.ErrNilCoro, run: func(t *testing.T) error {
		return errOf(awaitIn(t, aio.Generator[int](nil).Next()))
	}},
	{name: "Generator body returns zero Coro", op: "Generator", want: aio.ErrNilCoro, run: func(t *testing.T) error {
		g := aio.Generator(func(aio.YieldFunc[int]) aio.Coro[struct{}] { return aio.Coro[struct{}]{} })
		return errOf(awaitIn(t, g.Next()))
	}},
	{name: "Gen.Throw nil", op: "Throw", want: aio.ErrInvalidArgument, run: func(t *testing.T) error {
		g := aio.Generator(func(yield aio.YieldFunc[int]) aio.Coro[struct{}] {
			return aio.Async(func() (struct{}, error) { _, err := aio.Await(yield(1)); return struct{}{}, err })
		})
		return inLoop(t, func() error {
			defer aio.Await(g.Close())
			aio.Await(g.Next())
			return errOf(aio.Await(g.Throw(nil)))
		})
	}},
	{name: "Gen.Send non-nil to a just-started generator", op: "send", want: aio.ErrGenSendNonNil, run: func(t *testing.T) error {
		g := aio.Generator(func(yield aio.YieldFunc[int]) aio.Coro[struct{}] {
			return aio.Async(func() (struct{}, error) { _, err := aio.Await(yield(1)); return struct{}{}, err })
		})
		return errOf(awaitIn(t, g.Send(1)))
	}},
	{name: "yield outside its generator", op: "yield", want: aio.ErrYieldOutsideGen, run: func(t *testing.T) error {
		var y aio.YieldFunc[int]
		g := aio.Generator(func(yield aio.YieldFunc[int]) aio.Coro[struct{}] {
			y = yield
			return aio.Async(func() (struct{}, error) { return struct{}{}, nil })
		})
		return inLoop(t, func() error {
			aio.Await(g.Next())
			return errOf(aio.Await(y(1)))
		})
	}},

	// --- Executor --------------------------------------------------------------
	{name: "ToThread nil func", op: "ToThread", want: aio.ErrInvalidArgument, run: func(t *testing.T) error {
		return inLoop(t, func() error { return errOf(aio.Await(aio.ToThread[int](nil))) })
	}},
	{name: "ToThread outside a loop", op: "ToThread", want: aio.ErrNoRunningLoop, run: func(t *testing.T) error {
		return errOf(aio.ToThread(func(context.Context) (int, error) { return 1, nil }).Result())
	}},
	{name: "RunInExecutor nil loop", op: "RunInExecutor", want: aio.ErrNoRunningLoop, run: func(t *testing.T) error {
		return errOf(aio.RunInExecutor(nil, func(context.Context) (int, error) { return 1, nil }).Result())
	}},
	{name: "RunInExecutor after Close", op: "RunInExecutor", want: aio.ErrLoopClosed, run: func(t *testing.T) error {
		return errOf(aio.RunInExecutor(closedLoop(t), func(context.Context) (int, error) { return 1, nil }).Result())
	}},

	// --- Timeout scopes ----------------------------------------------------------
	{name: "Timeout zero Coro", op: "Timeout", want: aio.ErrNilCoro, run: func(t *testing.T) error {
		return errOf(awaitIn(t, aio.Timeout(time.Second, aio.Coro[int]{})))
	}},
	{name: "TimeoutScopeAt nil body", op: "TimeoutScopeAt", want: aio.ErrNilCoro, run: func(t *testing.T) error {
		return errOf(awaitIn(t, aio.TimeoutScopeAt[int](time.Second, nil)))
	}},
	{name: "TimeoutScope.Reschedule after expiry", op: "TimeoutScope.Reschedule", want: aio.ErrInvalidState, run: func(t *testing.T) error {
		var rerr error
		_, err := awaitIn(t, aio.TimeoutScopeAt(0, func(s *aio.TimeoutScope) aio.Coro[int] {
			return aio.Async(func() (int, error) {
				_, err := aio.Await(aio.Sleep(time.Second))
				rerr = s.Reschedule(time.Hour)
				return 0, err
			})
		}))
		if !errors.Is(err, aio.ErrTimeout) {
			t.Errorf("scope: %v, want ErrTimeout", err)
		}
		return rerr
	}},
	{name: "TimeoutScope.Reschedule on a finished scope", op: "TimeoutScope.Reschedule", want: aio.ErrInvalidState, run: func(t *testing.T) error {
		var scope *aio.TimeoutScope
		awaitIn(t, aio.TimeoutScopeAt(time.Hour, func(s *aio.TimeoutScope) aio.Coro[int] { scope = s; return leaf(1) }))
		return scope.Reschedule(time.Hour)
	}},

	// --- Channels and contexts ------------------------------------------------------
	// A nil channel blocks, as in Go (documented): the await waits until
	// cancelled, here by a timeout (real time: channel operations in flight
	// hold the virtual clock).
	{name: "Recv nil channel waits until cancelled", op: "timeout", want: aio.ErrTimeout, run: func(t *testing.T) error {
		return errOf(awaitIn(t, aio.WaitFor(aio.Recv[int](nil), time.Millisecond)))
	}},
	{name: "Send nil channel waits until cancelled", op: "timeout", want: aio.ErrTimeout, run: func(t *testing.T) error {
		return errOf(awaitIn(t, aio.WaitFor(aio.Send[int](nil, 1), time.Millisecond)))
	}},
	{name: "Send closed channel", op: "Send", want: aio.ErrChanClosed, run: func(t *testing.T) error {
		ch := make(chan int)
		close(ch)
		return errOf(awaitIn(t, aio.Send(ch, 1)))
	}},
	{name: "FromChan nil channel waits until cancelled", op: "timeout", want: aio.ErrTimeout, run: func(t *testing.T) error {
		return inLoop(t, func() error { return errOf(aio.Await(aio.WaitFor(aio.FromChan[int](nil), time.Millisecond))) })
	}},
	{name: "WaitContext nil", op: "WaitContext", want: aio.ErrInvalidArgument, run: func(t *testing.T) error {
		return errOf(awaitIn(t, aio.WaitContext(nil)))
	}},
	{name: "Task.Context after the task finished", run: func(t *testing.T) error {
		return inLoop(t, func() error {
			task := aio.Spawn(leaf(1))
			aio.Await(task)
			ctx := task.Context()
			select {
			case <-ctx.Done():
			default:
				t.Errorf("context of a finished task is not done")
			}
			return nil
		})
	}},
	{name: "TaskContext outside a task", run: func(t *testing.T) error {
		if aio.TaskContext() == nil {
			t.Errorf("TaskContext() = nil")
		}
		return nil
	}},

	// --- Several loops ---------------------------------------------------------------
	{name: "RunLoops(0) runs nothing", run: func(t *testing.T) error {
		rs, err := aio.RunLoops(0, func(int) aio.Coro[int] { return leaf(1) })
		if len(rs) != 0 {
			t.Errorf("results %v", rs)
		}
		return err
	}},
	{name: "RunLoops(-1)", op: "RunLoops", want: aio.ErrInvalidArgument, run: func(t *testing.T) error {
		return errOf(aio.RunLoops(-1, func(int) aio.Coro[int] { return leaf(1) }))
	}},
	{name: "RunLoops nil main", op: "RunLoops", want: aio.ErrInvalidArgument, run: func(t *testing.T) error {
		return errOf(aio.RunLoops[int](2, nil))
	}},
	{name: "NewLoopGroup(0) has one loop (documented)", run: func(t *testing.T) error {
		g := aio.NewLoopGroup(0)
		if g.Len() != 1 {
			t.Errorf("Len = %d", g.Len())
		}
		return g.Close()
	}},
	{name: "LoopGroup.Loop out of range", op: "LoopGroup.Loop", want: aio.ErrInvalidArgument, panics: true, run: func(t *testing.T) error {
		g := aio.NewLoopGroup(1)
		defer g.Close()
		g.Loop(3)
		return nil
	}},
	{name: "LoopGroup.Close twice", run: func(t *testing.T) error {
		g := aio.NewLoopGroup(1)
		g.Close()
		return g.Close()
	}},
	{name: "Call on a closed loop", op: "Call", want: aio.ErrLoopClosed, run: func(t *testing.T) error {
		return errOf(aio.Call(context.Background(), closedLoop(t), func() aio.Coro[int] { return leaf(1) }))
	}},
	{name: "Call on a nil loop", op: "Call", want: aio.ErrInvalidArgument, run: func(t *testing.T) error {
		return errOf(aio.Call(context.Background(), nil, func() aio.Coro[int] { return leaf(1) }))
	}},
	{name: "Call nil fn", op: "Call", want: aio.ErrInvalidArgument, run: func(t *testing.T) error {
		g := aio.NewLoopGroup(1)
		defer g.Close()
		return errOf(aio.Call[int](context.Background(), g.Loop(0), nil))
	}},
	{name: "Call from a running loop", op: "Call", want: aio.ErrLoopRunning, run: func(t *testing.T) error {
		g := aio.NewLoopGroup(1)
		defer g.Close()
		return inLoop(t, func() error {
			return errOf(aio.Call(context.Background(), g.Loop(0), func() aio.Coro[int] { return leaf(1) }))
		})
	}},
	{name: "Submit to a closed loop", op: "Submit", want: aio.ErrLoopClosed, run: func(t *testing.T) error {
		l := closedLoop(t)
		return inLoop(t, func() error { return errOf(aio.Await(aio.Submit(l, func() aio.Coro[int] { return leaf(1) }))) })
	}},
	{name: "Submit to a nil loop", op: "Submit", want: aio.ErrInvalidArgument, run: func(t *testing.T) error {
		return inLoop(t, func() error { return errOf(aio.Await(aio.Submit(nil, func() aio.Coro[int] { return leaf(1) }))) })
	}},
	{name: "Submit nil fn", op: "Submit", want: aio.ErrInvalidArgument, run: func(t *testing.T) error {
		g := aio.NewLoopGroup(1)
		defer g.Close()
		return inLoop(t, func() error { return errOf(aio.Await(aio.Submit[int](g.Loop(0), nil))) })
	}},
	{name: "Call fn panics", op: "boom", want: errBoom, run: func(t *testing.T) error {
		g := aio.NewLoopGroup(1)
		defer g.Close()
		return errOf(aio.Call(context.Background(), g.Loop(0), func() aio.Coro[int] { panic(errBoom) }))
	}},
	{name: "Submit fn panics", op: "boom", want: errBoom, panics: true, run: func(t *testing.T) error {
		g := aio.NewLoopGroup(1)
		defer g.Close()
		return inLoop(t, func() error {
			return errOf(aio.Await(aio.Submit(g.Loop(0), func() aio.Coro[int] { panic(errBoom) })))
		})
	}},
	{name: "Submit fn returns zero Coro", op: "Submit", want: aio.ErrNilCoro, run: func(t *testing.T) error {
		g := aio.NewLoopGroup(1)
		defer g.Close()
		return inLoop(t, func() error {
			return errOf(aio.Await(aio.Submit(g.Loop(0), func() aio.Coro[int] { return aio.Coro[int]{} })))
		})
	}},
}

var errBoom = errors.New("aio: boom")

// asCompletedErrs drains ac on a fresh loop and returns the first error.
func asCompletedErrs[T any](t *testing.T, ac *aio.Completed[T]) error {
	return inLoop(t, func() error {
		var first error
		for range ac.Len() {
			if _, err := aio.Await(ac.Next()); err != nil && first == nil {
				first = err
			}
		}
		return first
	})
}

func TestMisuse(t *testing.T) {
	for _, c := range misuseCases {
		t.Run(strings.ReplaceAll(c.name, " ", "_"), func(t *testing.T) {
			type outcome struct {
				err       error
				panicked  bool
				recovered any
			}
			done := make(chan outcome, 1)
			go func() {
				var o outcome
				defer func() {
					if v := recover(); v != nil {
						o.panicked, o.recovered = true, v
					}
					done <- o
				}()
				o.err = c.run(t)
			}()
			var o outcome
			select {
			case o = <-done:
			case <-time.After(20 * time.Second): // failsafe only: cases use virtual clocks or finish at once
				t.Fatalf("hang")
			}
			switch {
			case o.panicked && !c.panics:
				t.Fatalf("panicked: %v", o.recovered)
			case c.panics && !o.panicked:
				t.Fatalf("returned %v, want a documented panic", o.err)
			case c.panics:
				err, ok := o.recovered.(error)
				if !ok {
					t.Fatalf("panic value %T %v is not an error", o.recovered, o.recovered)
				}
				o.err = err
			}
			if c.want == nil {
				if o.err != nil {
					t.Fatalf("error %v, want none", o.err)
				}
				return
			}
			if !errors.Is(o.err, c.want) {
				t.Errorf("error %v, want one wrapping %v", o.err, c.want)
			}
			if o.err != nil && !strings.Contains(o.err.Error(), c.op) {
				t.Errorf("error %q does not name the operation %q", o.err, c.op)
			}
			if o.err != nil && !strings.HasPrefix(o.err.Error(), "aio: ") {
				t.Errorf("error %q lacks the aio: prefix", o.err)
			}
		})
	}
}
