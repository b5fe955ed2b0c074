package aio_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func ms(n int) time.Duration { return time.Duration(n) * time.Millisecond }

func runMain(t *testing.T, body func() (struct{}, error), opts ...aio.Option) {
	t.Helper()
	opts = append([]aio.Option{aio.WithVirtualClock()}, opts...)
	if _, err := aio.Run(aio.Async(body), opts...); err != nil {
		t.Fatal(err)
	}
}

func errArgs(err error) string {
	var ce *aio.CancelledError
	if errors.As(err, &ce) && ce.Message != "" {
		return fmt.Sprintf("(%q,)", ce.Message)
	}
	return "()"
}

// Oracle 02: sleep(0) round robin; a negative delay acts like sleep(0).
func TestOracle02SleepZeroRoundRobin(t *testing.T) {
	var tr tracer
	looper := func(name string, n int) aio.Coro[struct{}] {
		return aio.Async(func() (struct{}, error) {
			for i := range n {
				tr.p("%s%d", name, i)
				aio.Await(aio.Sleep(0))
			}
			tr.p("%s done", name)
			return struct{}{}, nil
		})
	}
	runMain(t, func() (struct{}, error) {
		a := aio.Spawn(looper("A", 3))
		b := aio.Spawn(looper("B", 1))
		c := aio.Spawn(looper("C", 4))
		for _, task := range []*aio.Task[struct{}]{a, b, c} {
			aio.Await(task)
		}
		tr.p("--- negative delay acts like sleep(0)")
		d := aio.Spawn(looper("D", 2))
		aio.Await(aio.Sleep(-time.Second))
		tr.p("main after sleep(-1)")
		aio.Await(d)
		return struct{}{}, nil
	})
	tr.check(t, `
A0
B0
C0
A1
B done
C1
A2
C2
A done
C3
C done
--- negative delay acts like sleep(0)
D0
main after sleep(-1)
D1
D done`)
}

// Oracle 04: timers and sleeps fire in deadline order; call_at and
// call_later share one timeline; a cancelled handle never fires.
func TestOracle04TimerOrdering(t *testing.T) {
	var tr tracer
	sleeper := func(name string, d time.Duration) aio.Coro[struct{}] {
		return aio.Async(func() (struct{}, error) {
			tr.p("%s: sleep %v", name, d)
			aio.Await(aio.Sleep(d))
			tr.p("%s: woke", name)
			return struct{}{}, nil
		})
	}
	runMain(t, func() (struct{}, error) {
		l := aio.CurrentLoop()
		now := l.Time()
		cb := func(name string) func() { return func() { tr.p("timer %s", name) } }
		l.CallLater(ms(220), cb("c(0.22)"))
		l.CallLater(ms(60), cb("a(0.06)"))
		h := l.CallLater(ms(140), cb("b(0.14) cancelled"))
		l.CallAt(now+ms(140), cb("b2(call_at +0.14)"))
		h.Cancel()
		tr.p("when ordering ok: %v", h.When() >= now)
		tasks := []*aio.Task[struct{}]{
			aio.Spawn(sleeper("S3", ms(180))),
			aio.Spawn(sleeper("S1", ms(20))),
			aio.Spawn(sleeper("S2", ms(100))),
		}
		for _, task := range tasks {
			aio.Await(task)
		}
		aio.Await(aio.Sleep(ms(100)))
		tr.p("end")
		return struct{}{}, nil
	})
	tr.check(t, `
when ordering ok: true
S3: sleep 180ms
S1: sleep 20ms
S2: sleep 100ms
S1: woke
timer a(0.06)
S2: woke
timer b2(call_at +0.14)
S3: woke
timer c(0.22)
end`)
}

// Oracle 08: done callbacks run through call-soon in registration order,
// also when added to a done future; removal removes the registration; an
// awaiting task is woken in its registration slot.
func TestOracle08DoneCallbackOrder(t *testing.T) {
	var tr tracer
	mk := func(name string) func(*aio.Future[string]) {
		return func(f *aio.Future[string]) {
			if f.Cancelled() {
				tr.p("cb %s sees cancelled", name)
				return
			}
			v, _ := f.Result()
			tr.p("cb %s sees %q", name, v)
		}
	}
	waiter := func(f *aio.Future[string], name string) aio.Coro[struct{}] {
		return aio.Async(func() (struct{}, error) {
			v, _ := aio.Await(f)
			tr.p("task %s resumed with %q", name, v)
			return struct{}{}, nil
		})
	}
	runMain(t, func() (struct{}, error) {
		l := aio.CurrentLoop()
		f := aio.NewFuture[string]()
		f.AddDoneCallback(mk("A"))
		b1 := f.AddDoneCallback(mk("B"))
		f.AddDoneCallback(mk("C"))
		b2 := f.AddDoneCallback(mk("B"))
		tr.p("removed B count: %d", f.RemoveDoneCallback(b1)+f.RemoveDoneCallback(b2))
		tr.p("removed B again count: %d", f.RemoveDoneCallback(b1)+f.RemoveDoneCallback(b2))
		l.CallSoon(func() { tr.p("call_soon scheduled before set_result") })
		f.SetResult("1")
		tr.p("after set_result (no callback has run yet)")
		l.CallSoon(func() { tr.p("call_soon scheduled after set_result") })
		aio.Await(aio.Sleep(0))
		tr.p("main resumed")

		tr.p("--- callback added to an already-done future")
		f.AddDoneCallback(mk("late"))
		tr.p("after add_done_callback on done future (not run yet)")
		aio.Await(aio.Sleep(0))

		tr.p("--- task waiters interleaved with callbacks")
		g := aio.NewFuture[string]()
		g.AddDoneCallback(mk("X"))
		t1 := aio.Spawn(waiter(g, "T1"))
		aio.Await(aio.Sleep(0))
		g.AddDoneCallback(mk("Y"))
		t2 := aio.Spawn(waiter(g, "T2"))
		aio.Await(aio.Sleep(0))
		g.SetResult("v")
		aio.Await(t1)
		aio.Await(t2)

		tr.p("--- cancel also schedules callbacks")
		h := aio.NewFuture[string]()
		h.AddDoneCallback(mk("K"))
		h.Cancel()
		tr.p("after cancel")
		aio.Await(aio.Sleep(0))
		return struct{}{}, nil
	})
	tr.check(t, `
removed B count: 2
removed B again count: 0
after set_result (no callback has run yet)
call_soon scheduled before set_result
cb A sees "1"
cb C sees "1"
call_soon scheduled after set_result
main resumed
--- callback added to an already-done future
after add_done_callback on done future (not run yet)
cb late sees "1"
--- task waiters interleaved with callbacks
cb X sees "v"
task T1 resumed with "v"
cb Y sees "v"
task T2 resumed with "v"
--- cancel also schedules callbacks
after cancel
cb K sees cancelled`)
}

// Oracle 16: cancel messages reach the coroutine and the awaiter; a task
// cancelled before it starts passes its message on; a plain future keeps
// its message; returning a cancellation error by hand cancels the task.
func TestOracle16CancelMessage(t *testing.T) {
	var tr tracer
	sleeper := func(name string) aio.Coro[struct{}] {
		return aio.Async(func() (struct{}, error) {
			_, err := aio.Await(aio.Sleep(time.Second))
			if err != nil {
				tr.p("%s: inside got CancelledError args=%s", name, errArgs(err))
			}
			return struct{}{}, err
		})
	}
	selfCancel := aio.Async(func() (struct{}, error) {
		aio.Await(aio.Sleep(0))
		return struct{}{}, &aio.CancelledError{Message: "by hand"}
	})
	runMain(t, func() (struct{}, error) {
		task := aio.Spawn(sleeper("T"))
		aio.Await(aio.Sleep(0))
		tr.p("cancel returns %v", task.Cancel("reason-1"))
		_, err := aio.Await(task)
		tr.p("awaiter got CancelledError args=%s", errArgs(err))
		tr.p("T cancelled(): %v", task.Cancelled())

		u := aio.Spawn(sleeper("U"))
		aio.Await(aio.Sleep(0))
		u.Cancel()
		_, err = aio.Await(u)
		tr.p("awaiter of U got args=%s", errArgs(err))

		v := aio.Spawn(sleeper("V"))
		v.Cancel("early")
		_, err = aio.Await(v)
		tr.p("awaiter of V got args=%s", errArgs(err))

		f := aio.NewFuture[int]()
		f.Cancel("fmsg")
		_, err = f.Result()
		tr.p("future result() #1: CancelledError args=%s", errArgs(err))
		_, err = f.Result()
		tr.p("future result() #2: CancelledError args=%s", errArgs(err))

		s := aio.Spawn(selfCancel)
		_, err = aio.Await(s)
		tr.p("awaiter of self-cancel got args=%s; cancelled()=%v", errArgs(err), s.Cancelled())
		return struct{}{}, nil
	})
	tr.check(t, `
cancel returns true
T: inside got CancelledError args=("reason-1",)
awaiter got CancelledError args=("reason-1",)
T cancelled(): true
U: inside got CancelledError args=()
awaiter of U got args=()
awaiter of V got args=("early",)
future result() #1: CancelledError args=("fmsg",)
future result() #2: CancelledError args=("fmsg",)
awaiter of self-cancel got args=("by hand",); cancelled()=true`)
}

// Oracle 18: a task may catch the cancellation and carry on; cancelling()
// counts requests until Uncancel.
func TestOracle18CancelCatchContinue(t *testing.T) {
	var tr tracer
	stubborn := aio.Async(func() (string, error) {
		for attempt := range 3 {
			tr.p("stubborn: waiting (attempt %d)", attempt)
			if _, err := aio.Await(aio.Sleep(10 * time.Second)); err != nil {
				me := aio.CurrentTask()
				tr.p("stubborn: caught CancelledError, cancelling()=%d", me.Cancelling())
				if attempt == 0 {
					tr.p("stubborn: uncancel -> %d", me.Uncancel())
				}
			}
		}
		aio.Await(aio.Sleep(ms(10)))
		tr.p("stubborn: returning normally")
		return "survived", nil
	})
	runMain(t, func() (struct{}, error) {
		task := aio.Spawn(stubborn)
		aio.Await(aio.Sleep(ms(10)))
		tr.p("main: cancel #1 -> %v", task.Cancel())
		aio.Await(aio.Sleep(ms(10)))
		tr.p("main: task done? %v", task.Done())
		tr.p("main: cancel #2 -> %v", task.Cancel())
		aio.Await(aio.Sleep(ms(10)))
		tr.p("main: cancel #3 -> %v", task.Cancel())
		r, _ := aio.Await(task)
		tr.p("main: result %q cancelled() %v cancelling() %d", r, task.Cancelled(), task.Cancelling())
		return struct{}{}, nil
	})
	tr.check(t, `
stubborn: waiting (attempt 0)
main: cancel #1 -> true
stubborn: caught CancelledError, cancelling()=1
stubborn: uncancel -> 0
stubborn: waiting (attempt 1)
main: task done? false
main: cancel #2 -> true
stubborn: caught CancelledError, cancelling()=1
stubborn: waiting (attempt 2)
main: cancel #3 -> true
stubborn: caught CancelledError, cancelling()=2
stubborn: returning normally
main: result "survived" cancelled() false cancelling() 2`)
}

// Oracle 42: an error nobody retrieved is reported exactly once. asyncgo
// reports at a defined moment, when the loop closes, instead of when the
// garbage collector destroys the object; the order is the order of failure.
func TestOracle42UnretrievedTaskException(t *testing.T) {
	var tr tracer
	handler := func(l *aio.Loop, c aio.ExceptionContext) {
		tr.p("HANDLER: %q exception=%v", c.Message, c.Err)
	}
	boom := func(name string) aio.Coro[struct{}] {
		return aio.Async(func() (struct{}, error) {
			aio.Await(aio.Sleep(0))
			return struct{}{}, errors.New(name)
		})
	}
	runMain(t, func() (struct{}, error) {
		t1 := aio.Spawn(boom("never-retrieved"))
		t2 := aio.Spawn(boom("retrieved-by-exception"))
		t3 := aio.Spawn(boom("retrieved-by-await"))
		t4 := aio.Spawn(aio.Async(func() (struct{}, error) {
			return aio.Await(aio.Sleep(10 * time.Second))
		}))
		aio.Await(aio.Sleep(0))
		aio.Await(aio.Sleep(0))
		tr.p("all failed tasks are done: %v %v %v", t1.Done(), t2.Done(), t3.Done())
		tr.p("t2.Err() -> %v", t2.Err())
		_, err := aio.Await(t3)
		tr.p("await t3 -> %v", err)
		t4.Cancel()
		aio.Await(aio.Sleep(0))
		f := aio.NewFuture[int]()
		f.SetError(errors.New("plain-future"))
		aio.Spawn(aio.Async(func() (struct{}, error) { return struct{}{}, errors.New("forgotten") }))
		aio.Await(aio.Sleep(0))
		tr.p("main end")
		return struct{}{}, nil
	}, aio.WithExceptionHandler(handler))
	tr.check(t, `
all failed tasks are done: true true true
t2.Err() -> retrieved-by-exception
await t3 -> retrieved-by-await
main end
HANDLER: "Task exception was never retrieved" exception=never-retrieved
HANDLER: "Future exception was never retrieved" exception=plain-future
HANDLER: "Task exception was never retrieved" exception=forgotten`)
}

// Oracle 44: Run cancels leftovers and lets their cleanup await; pending
// timers are dropped; errors during shutdown are reported; a task created
// in main's last step still gets its first step.
func TestOracle44RunCancelsLeftovers(t *testing.T) {
	var tr tracer
	handler := func(l *aio.Loop, c aio.ExceptionContext) {
		tr.p("HANDLER: %q exception=%v", c.Message, c.Err)
	}
	leftover := func(name, mode string) aio.Coro[string] {
		return aio.Async(func() (string, error) {
			tr.p("%s: started", name)
			_, err := aio.Await(aio.Sleep(10 * time.Second))
			if err == nil {
				return "", nil
			}
			tr.p("%s: cancelled at shutdown", name)
			aio.Await(aio.Sleep(ms(10)))
			tr.p("%s: async cleanup finished", name)
			switch mode {
			case "raise":
				return "", errors.New("cleanup failed")
			case "swallow":
				return "swallowed", nil
			}
			return "", err
		})
	}
	late := aio.Async(func() (struct{}, error) {
		tr.p("late: first step runs even though main already returned")
		_, err := aio.Await(aio.Sleep(10 * time.Second))
		tr.p("late: cancelled at shutdown")
		return struct{}{}, err
	})
	opts := []aio.Option{aio.WithVirtualClock(), aio.WithExceptionHandler(handler)}
	r1, err := aio.Run(aio.Async(func() (string, error) {
		aio.Spawn(leftover("L1", "normal"))
		aio.CurrentLoop().CallLater(5*time.Second, func() { tr.p("timer fired (unexpected)") })
		aio.Await(aio.Sleep(0))
		tr.p("main1 returns")
		return "main1-result", nil
	}), opts...)
	tr.p("run1 -> %s %v", r1, err)
	_, err = aio.Run(aio.Async(func() (struct{}, error) {
		aio.Spawn(leftover("L2", "raise"))
		aio.Await(aio.Sleep(0))
		tr.p("main2 returns")
		return struct{}{}, nil
	}), opts...)
	tr.p("run2 -> %v", err)
	_, err = aio.Run(aio.Async(func() (struct{}, error) {
		aio.Spawn(leftover("L3", "swallow"))
		aio.Await(aio.Sleep(0))
		tr.p("main3 returns")
		return struct{}{}, nil
	}), opts...)
	tr.p("run3 -> %v", err)
	_, err = aio.Run(aio.Async(func() (struct{}, error) {
		aio.Spawn(late)
		tr.p("main4 returns without yielding")
		return struct{}{}, nil
	}), opts...)
	tr.p("run4 -> %v", err)
	tr.check(t, `
L1: started
main1 returns
L1: cancelled at shutdown
L1: async cleanup finished
run1 -> main1-result <nil>
L2: started
main2 returns
L2: cancelled at shutdown
L2: async cleanup finished
HANDLER: "unhandled exception during aio.Run() shutdown" exception=cleanup failed
run2 -> <nil>
L3: started
main3 returns
L3: cancelled at shutdown
L3: async cleanup finished
run3 -> <nil>
main4 returns without yielding
late: first step runs even though main already returned
late: cancelled at shutdown
run4 -> <nil>`)
}
