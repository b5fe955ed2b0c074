package aio_test

// Line-by-line ports of the asyncio programs in testdata/oracle_print/,
// recorded with CPython 3.11: what programs print (errors, reports of the
// exception handler, task and future String) and less-travelled APIs. The
// expected trace of each test is the .out file next to its program, with
// the Go spellings substituted where asyncgo deliberately differs (each such
// line is marked in the test).

import (
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// printOracle returns the recorded CPython trace of
// testdata/oracle_print/name.py (see recordedOracle).
func printOracle(t *testing.T, name string) string {
	t.Helper()
	return recordedOracle(t, "oracle_print", name)
}

// substitute replaces whole lines of a recorded trace: where asyncgo
// deliberately prints something else, the test says so line by line.
func substitute(t *testing.T, want string, subs map[string]string) string {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(want), "\n")
	used := map[string]bool{}
	for i, l := range lines {
		if s, ok := subs[l]; ok {
			lines[i] = s
			used[l] = true
		}
	}
	for l := range subs {
		if !used[l] {
			t.Fatalf("substitution for a line the trace does not have: %q", l)
		}
	}
	return strings.Join(lines, "\n")
}

func pyBoolList(bs ...bool) string {
	var s []string
	for _, b := range bs {
		s = append(s, pyBool(b))
	}
	return strings.Join(s, " ")
}

func sortedTaskNames(ts []aio.AnyTask) string {
	var names []string
	for _, t := range ts {
		names = append(names, "'"+t.Name()+"'")
	}
	slices.Sort(names)
	return "[" + strings.Join(names, ", ") + "]"
}

func workVal[T any](v T, d time.Duration) aio.Coro[T] {
	return aio.Async(func() (T, error) {
		if _, err := aio.Await(aio.Sleep(d)); err != nil {
			var zero T
			return zero, err
		}
		return v, nil
	})
}

func failAfter(tag string, d time.Duration) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		if _, err := aio.Await(aio.Sleep(d)); err != nil {
			return "", err
		}
		return "", &pyErr{"ValueError", tag}
	})
}

func TestOraclePrintAPIs(t *testing.T) {
	want := printOracle(t, "p5_apis")
	var tr tracer
	runMain(t, func() (struct{}, error) {
		l := aio.CurrentLoop()
		tr.p("--- get_coro")
		c := workVal(1, time.Second)
		tk := aio.Spawn(c)
		tr.p("get_coro is coro: %s", pyBool(tk.Coro() == c))
		aio.Await(tk)

		tr.p("--- exception() / result() of a cancelled future")
		f := aio.NewFuture[int]()
		f.Cancel("gone")
		tr.p("exception: CancelledError %s", pyArgs(f.Err()))
		_, err := f.Result()
		tr.p("result: CancelledError %s", pyArgs(err))
		t2 := aio.Spawn(workVal(2, time.Second))
		aio.Await(aio.Sleep(0))
		t2.Cancel()
		aio.Await(aio.Sleep(0))
		if err := t2.Err(); aio.IsCancelled(err) {
			tr.p("task exception(): CancelledError %s", pyArgs(err))
		}

		tr.p("--- current_task outside a task")
		l.CallSoon(func() {
			ct := aio.CurrentTask()
			s := "None"
			if ct != nil {
				s = ct.Name()
			}
			tr.p("in callback current_task=%s", s)
		})
		aio.Await(aio.Sleep(0))

		tr.p("--- all_tasks excludes done tasks")
		a := aio.Spawn(workVal("a", time.Second), aio.WithName("a"))
		b := aio.Spawn(workVal("b", 2*time.Second), aio.WithName("b"))
		aio.Await(aio.Sleep(0))
		tr.p("%s", sortedTaskNames(aio.AllTasks()))
		aio.Await(a)
		tr.p("%s", sortedTaskNames(aio.AllTasks()))
		aio.Await(b)
		tr.p("%s", sortedTaskNames(aio.AllTasks()))

		tr.p("--- Event set/clear cycles")
		var ev aio.Event
		ewait := func(i int) aio.Coro[struct{}] {
			return aio.Async(func() (struct{}, error) {
				r := await0(ev.Wait())
				tr.p("ewait %d: %s is_set=%s", i, pyBool(r), pyBool(ev.IsSet()))
				return struct{}{}, nil
			})
		}
		w1 := aio.Spawn(ewait(1))
		aio.Await(aio.Sleep(0))
		ev.Set()
		ev.Clear()
		w2 := aio.Spawn(ewait(2))
		aio.Await(aio.Sleep(0))
		tr.p("after set+clear: w1 done=%s w2 done=%s", pyBool(w1.Done()), pyBool(w2.Done()))
		ev.Set()
		tr.p("wait on set event -> %s", pyBool(await0(ev.Wait())))
		aio.Await(aio.Sleep(0))
		tr.p("w2 done=%s", pyBool(w2.Done()))

		tr.p("--- Condition.wait_for predicate calls")
		cond := aio.NewCondition(nil)
		n, calls := 0, 0
		pred := func() bool {
			calls++
			tr.p("pred call %d: n=%d", calls, n)
			return n >= 2
		}
		cw := aio.Spawn(aio.Async(func() (struct{}, error) {
			await0(cond.Acquire())
			defer cond.Release()
			r := await0(cond.WaitFor(pred))
			tr.p("wait_for -> %s", pyBool(r))
			return struct{}{}, nil
		}))
		aio.Await(aio.Sleep(0))
		for range 3 {
			await0(cond.Acquire())
			n++
			cond.Notify(1)
			cond.Release()
			aio.Await(aio.Sleep(0))
		}
		aio.Await(cw)
		tr.p("pred called %d times", calls)

		tr.p("--- Semaphore.locked")
		s := aio.NewSemaphore(1)
		tr.p("locked=%s", pyBool(s.Locked()))
		await0(s.Acquire())
		tr.p("locked=%s", pyBool(s.Locked()))
		s.Release()
		tr.p("locked=%s", pyBool(s.Locked()))
		tr.p("Semaphore(0) locked=%s", pyBool(aio.NewSemaphore(0).Locked()))

		tr.p("--- Queue introspection")
		q := aio.NewQueue[int](2)
		tr.p("qsize=%d maxsize=%d empty=%s full=%s", q.Len(), q.Maxsize(), pyBool(q.Empty()), pyBool(q.Full()))
		q.PutNowait(1)
		q.PutNowait(2)
		tr.p("qsize=%d maxsize=%d empty=%s full=%s", q.Len(), q.Maxsize(), pyBool(q.Empty()), pyBool(q.Full()))
		q0 := aio.NewQueue[int](0)
		tr.p("unbounded maxsize=%d full=%s", q0.Maxsize(), pyBool(q0.Full()))

		tr.p("--- Lock.locked across a cancellation")
		var lock aio.Lock
		await0(lock.Acquire())
		lwait := func() aio.Coro[struct{}] {
			return aio.Async(func() (struct{}, error) {
				if _, err := aio.Await(lock.Acquire()); err != nil {
					return struct{}{}, err
				}
				defer lock.Release()
				tr.p("lwait got the lock")
				return struct{}{}, nil
			})
		}
		lw := aio.Spawn(lwait())
		aio.Await(aio.Sleep(0))
		tr.p("locked=%s", pyBool(lock.Locked()))
		lw.Cancel()
		aio.Await(aio.Sleep(0))
		tr.p("after cancel: locked=%s lw cancelled=%s", pyBool(lock.Locked()), pyBool(lw.Cancelled()))
		lock.Release()
		tr.p("after release: locked=%s", pyBool(lock.Locked()))
		aio.Spawn(lwait())
		aio.Await(aio.Sleep(0))
		var lock2 aio.Lock
		await0(lock2.Acquire())
		lw3 := aio.Spawn(aio.Async(func() (struct{}, error) { return aio.Await(lock2.Acquire()) }))
		aio.Await(aio.Sleep(0))
		lock2.Release()
		lw3.Cancel()
		aio.Await(aio.Sleep(0))
		tr.p("release then cancel waiter: locked=%s cancelled=%s", pyBool(lock2.Locked()), pyBool(lw3.Cancelled()))

		tr.p("--- Barrier introspection")
		bar, _ := aio.NewBarrier(3)
		tr.p("parties=%d n_waiting=%d broken=%s", bar.Parties(), bar.NWaiting(), pyBool(bar.Broken()))
		b1 := aio.Spawn(bar.Wait())
		b2 := aio.Spawn(bar.Wait())
		aio.Await(aio.Sleep(0))
		tr.p("parties=%d n_waiting=%d broken=%s", bar.Parties(), bar.NWaiting(), pyBool(bar.Broken()))
		r := await0(bar.Wait())
		tr.p("main index=%d others=[%d, %d] n_waiting=%d", r, await0(b1), await0(b2), bar.NWaiting())
		b3 := aio.Spawn(bar.Wait())
		aio.Await(aio.Sleep(0))
		await0(bar.Reset())
		tr.p("after reset: n_waiting=%d broken=%s", bar.NWaiting(), pyBool(bar.Broken()))
		if _, err := aio.Await(b3); errors.Is(err, aio.ErrBrokenBarrier) {
			tr.p("b3: BrokenBarrierError")
		}
		tr.p("after b3: broken=%s", pyBool(bar.Broken()))

		tr.p("--- sleep with a result")
		aio.Await(aio.Sleep(0))
		tr.p("sleep(0, 'x') -> %s", "'x'")
		aio.Await(aio.Sleep(time.Second))
		tr.p("sleep(1, 7) -> %d", 7)

		tr.p("--- wait_for with timeout None")
		tr.p("wait_for(None) -> %s", await0(workVal("n", 5*time.Second)))

		tr.p("--- shield of a done future")
		f2 := aio.NewFuture[string]()
		f2.SetResult("done")
		sh := aio.Shield[string](f2)
		tr.p("shield is f: %s -> %s", pyBool(sh == f2), await0(sh))

		tr.p("--- gather(return_exceptions) mixing cancelled and failed")
		c1 := aio.Spawn(workVal("ok", time.Second))
		c2 := aio.Spawn(failAfter("bad", ms(500)))
		c3 := aio.Spawn(workVal("x", 5*time.Second))
		c4 := aio.Spawn(workVal("y", 5*time.Second))
		l.CallLater(ms(200), func() { c3.Cancel() })
		l.CallLater(ms(300), func() { c4.Cancel("msg") })
		res := await0(aio.GatherResults[string](c1, c2, c3, c4))
		for _, r := range res {
			switch {
			case r.Err == nil:
				tr.p("  str '%s'", r.Value)
			case aio.IsCancelled(r.Err):
				var ce *aio.CancelledError
				errors.As(r.Err, &ce)
				tr.p("  CancelledError CancelledError('%s')", ce.Message)
			default:
				tr.p("  ValueError %s", reprErr(r.Err))
			}
		}
		return struct{}{}, nil
	})
	tr.check(t, want)
}

// pyType names the asyncio exception a Go error stands for.
func pyType(err error) string {
	var pe *pyErr
	var ge *aio.GroupError
	switch {
	case errors.As(err, &ge):
		return "ExceptionGroup"
	case errors.As(err, &pe):
		return pe.typ
	case aio.IsCancelled(err):
		return "CancelledError"
	case errors.Is(err, aio.ErrTimeout):
		return "TimeoutError"
	case errors.Is(err, aio.ErrInvalidState):
		return "InvalidStateError"
	case errors.Is(err, aio.ErrQueueEmpty):
		return "QueueEmpty"
	case errors.Is(err, aio.ErrQueueFull):
		return "QueueFull"
	case errors.Is(err, aio.ErrBrokenBarrier):
		return "BrokenBarrierError"
	case errors.Is(err, aio.ErrTaskDoneTooMany), errors.Is(err, aio.ErrSemaphoreOverRelease):
		return "ValueError"
	case errors.Is(err, aio.ErrNotLocked), errors.Is(err, aio.ErrConditionNotLocked):
		return "RuntimeError"
	}
	return "?"
}

func TestOraclePrintErrors(t *testing.T) {
	want := printOracle(t, "p1_errors")
	// Error() keeps Go's conventions: an "aio: " prefix, never an empty
	// message, the operation for InvalidStateError. Where a message has
	// a Python counterpart it is kept in it (barrier, task group, queue).
	want = substitute(t, want, map[string]string{
		"plain: CancelledError: ":                                                   "plain: CancelledError: aio: cancelled",
		"msg: CancelledError: bye":                                                  "msg: CancelledError: aio: cancelled: bye",
		"wait_for: TimeoutError: ":                                                  "wait_for: TimeoutError: aio: timeout",
		"timeout: TimeoutError: ":                                                   "timeout: TimeoutError: aio: timeout",
		"result pending: InvalidStateError: Result is not set.":                     "result pending: InvalidStateError: aio: Future.Result: result is not set: aio: invalid state",
		"exception pending: InvalidStateError: Exception is not set.":               "exception pending: InvalidStateError: aio: Future.Err: exception is not set: aio: invalid state",
		"set twice: InvalidStateError: invalid state":                               "set twice: InvalidStateError: aio: Future.SetResult: future is already done: aio: invalid state",
		"task result pending: InvalidStateError: Result is not set.":                "task result pending: InvalidStateError: aio: Task.Result: result is not set: aio: invalid state",
		"get_nowait: QueueEmpty: ":                                                  "get_nowait: QueueEmpty: aio: queue is empty",
		"put_nowait: QueueFull: ":                                                   "put_nowait: QueueFull: aio: queue is full",
		"task_done: ValueError: task_done() called too many times":                  "task_done: ValueError: aio: Queue.TaskDone: aio: task_done() called too many times",
		"abort: BrokenBarrierError: Abort or reset of barrier":                      "abort: BrokenBarrierError: aio: broken barrier: Abort or reset of barrier",
		"broken: BrokenBarrierError: Barrier aborted":                               "broken: BrokenBarrierError: aio: broken barrier: Barrier aborted",
		"group: ExceptionGroup: unhandled errors in a TaskGroup (2 sub-exceptions)": "group: ExceptionGroup: aio: unhandled errors in a TaskGroup (2 sub-exceptions); a; b",
		"group1: ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception)": "group1: ExceptionGroup: aio: unhandled errors in a TaskGroup (1 sub-exception); only",
		"lock release: RuntimeError: Lock is not acquired.":                         "lock release: RuntimeError: aio: Lock.Release: aio: Lock is not acquired",
		"bsem release: ValueError: BoundedSemaphore released too many times":        "bsem release: ValueError: aio: BoundedSemaphore.Release: aio: BoundedSemaphore released too many times",
		"cond notify: RuntimeError: cannot notify on un-acquired lock":              "cond notify: RuntimeError: aio: Condition.Notify: aio: condition lock is not acquired",
		"cond wait: RuntimeError: cannot wait on un-acquired lock":                  "cond wait: RuntimeError: aio: Condition.Wait: aio: condition lock is not acquired",
	})
	var tr tracer
	show := func(tag string, err error) {
		tr.p("%s: %s: %s", tag, pyType(err), err.Error())
	}
	boom := func(tag string, d time.Duration) aio.Coro[int] {
		return aio.Async(func() (int, error) {
			aio.Await(aio.Sleep(d))
			return 0, &pyErr{"ValueError", tag}
		})
	}
	sleepTask := func() *aio.Task[struct{}] {
		return aio.Spawn(aio.Async(func() (struct{}, error) { return aio.Await(aio.Sleep(time.Second)) }))
	}
	runMain(t, func() (struct{}, error) {
		tr.p("--- CancelledError without and with a message")
		tk := sleepTask()
		aio.Await(aio.Sleep(0))
		tk.Cancel()
		_, err := aio.Await(tk)
		show("plain", err)
		tk = sleepTask()
		aio.Await(aio.Sleep(0))
		tk.Cancel("bye")
		_, err = aio.Await(tk)
		show("msg", err)

		tr.p("--- TimeoutError from wait_for and timeout()")
		_, err = aio.Await(aio.WaitFor(aio.Sleep(time.Second), ms(100)))
		show("wait_for", err)
		_, err = aio.Await(aio.Timeout(ms(100), aio.Async(func() (struct{}, error) { return aio.Await(aio.Sleep(time.Second)) })))
		show("timeout", err)

		tr.p("--- InvalidStateError")
		f := aio.NewFuture[int]()
		_, err = f.Result()
		show("result pending", err)
		show("exception pending", f.Err())
		f.SetResult(1)
		show("set twice", f.SetResult(2))
		tk = sleepTask()
		_, err = tk.Result()
		show("task result pending", err)
		tk.Cancel()
		aio.Await(aio.Sleep(0))

		tr.p("--- Queue errors")
		q := aio.NewQueue[int](1)
		_, err = q.GetNowait()
		show("get_nowait", err)
		q.PutNowait(1)
		show("put_nowait", q.PutNowait(2))
		q.TaskDone()
		show("task_done", q.TaskDone())

		tr.p("--- BrokenBarrierError")
		b, _ := aio.NewBarrier(2)
		w := aio.Spawn(b.Wait())
		aio.Await(aio.Sleep(0))
		await0(b.Abort())
		_, err = aio.Await(w)
		show("abort", err)
		_, err = aio.Await(b.Wait())
		show("broken", err)

		tr.p("--- gather: first error")
		_, err = aio.Await(aio.Gather(boom("g1", ms(200)), boom("g2", ms(100))))
		show("gather", err)
		aio.Await(aio.Sleep(ms(200)))

		tr.p("--- TaskGroup")
		_, err = aio.Await(aio.Group(func(g *aio.TaskGroup) aio.Coro[int] {
			return aio.Async(func() (int, error) {
				aio.Spawn(boom("a", ms(100)), aio.InGroup(g))
				aio.Spawn(boom("b", ms(100)), aio.InGroup(g))
				return 0, nil
			})
		}))
		show("group", err)
		var ge *aio.GroupError
		errors.As(err, &ge)
		var members []string
		for _, e := range ge.Errors {
			members = append(members, "'"+e.Error()+"'")
		}
		tr.p("members [%s]", strings.Join(members, ", "))
		_, err = aio.Await(aio.Group(func(g *aio.TaskGroup) aio.Coro[int] {
			return aio.Async(func() (int, error) {
				aio.Spawn(boom("only", ms(100)), aio.InGroup(g))
				return 0, nil
			})
		}))
		show("group1", err)

		tr.p("--- Lock/Semaphore misuse")
		show("lock release", aio.NewLock().Release())
		show("bsem release", aio.NewBoundedSemaphore(1).Release())
		c := aio.NewCondition(nil)
		show("cond notify", c.Notify(1))
		_, err = aio.Await(c.Wait())
		show("cond wait", err)
		return struct{}{}, nil
	})
	tr.check(t, want)
}

func work(v int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		if _, err := aio.Await(aio.Sleep(time.Second)); err != nil {
			return 0, err
		}
		return v, nil
	})
}

func nothing() aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) { return aio.Await(aio.Sleep(0)) })
}

func fail() aio.Coro[int] {
	return aio.Async(func() (int, error) { return 0, &pyErr{"ValueError", "bad"} })
}

var reprLocation = regexp.MustCompile(` running at oracle_print_test\.go:\d+>`)

// clean drops the source location of a running coroutine, as the Python
// program does.
func clean(s fmt.Stringer) string {
	return reprLocation.ReplaceAllString(s.String(), " running>")
}

func TestOraclePrintRepr(t *testing.T) {
	want := printOracle(t, "p4_repr")
	want = substitute(t, want, map[string]string{
		// An error is its message: Go errors have no constructor call to show.
		"<Future finished exception=ValueError('x')>":                                  "<Future finished exception='x'>",
		"<Task finished name='Task-4' coro=<fail() done> exception=ValueError('bad')>": "<Task finished name='Task-4' coro=<fail() done> exception='bad'>",
		// No callbacks (cb=[...]) and no wait_for=<...> part.
		"<Task pending name='Task-2' coro=<work() running> wait_for=<Future pending cb=[Task.task_wakeup()]>>": "<Task pending name='Task-2' coro=<work() running>>",
		// (and a func literal is named after the function it is written in)
		"<Task pending name='Task-1' coro=<main() running> cb=[_run_until_complete_cb()]>":  "<Task pending name='Task-1' coro=<TestOraclePrintRepr() running>>",
		"<Task cancelling name='Task-5' coro=<work() running> wait_for=<Future cancelled>>": "<Task cancelling name='Task-5' coro=<work() running>>",
	})
	var tr tracer
	main := func() aio.Coro[struct{}] {
		return aio.Async(func() (struct{}, error) {
			f := aio.NewFuture[int]()
			tr.p("%s", f)
			f.SetResult(3)
			tr.p("%s", f)
			fs := aio.NewFuture[string]()
			fs.SetResult("s")
			tr.p("%s", fs)
			f = aio.NewFuture[int]()
			f.SetError(errors.New("x"))
			tr.p("%s", f)
			f.Err()
			f = aio.NewFuture[int]()
			f.Cancel()
			tr.p("%s", f)
			f = aio.NewFuture[int]()
			f.Cancel("why")
			tr.p("%s", f)
			tk := aio.Spawn(work(1))
			tr.p("%s", clean(tk))
			aio.Await(aio.Sleep(0))
			tr.p("%s", clean(tk))
			if s := tk.String(); !reprLocation.MatchString(s) {
				t.Errorf("no source location in %s", s)
			}
			tr.p("%s", clean(aio.CurrentTask()))
			t2 := aio.Spawn(work(2), aio.WithName("named"))
			aio.Await(aio.Sleep(2 * time.Second))
			tr.p("%s", clean(tk))
			tr.p("%s", clean(t2))
			t3 := aio.Spawn(fail())
			aio.Await(aio.Sleep(0))
			tr.p("%s", clean(t3))
			t3.Err()
			t4 := aio.Spawn(work(4))
			aio.Await(aio.Sleep(0))
			t4.Cancel()
			tr.p("%s", clean(t4))
			aio.Await(aio.Sleep(0))
			tr.p("%s", clean(t4))
			t5 := aio.Spawn(work(5))
			t5.Cancel("early")
			tr.p("%s", clean(t5))
			t6 := aio.Spawn(nothing())
			aio.Await(t6)
			tr.p("%s", clean(t6))
			for _, v := range []any{true, nil, "it's", strings.Repeat("a", 29), strings.Repeat("0123456789", 5)} {
				f := aio.NewFuture[any]()
				f.SetResult(v)
				tr.p("%s", f)
			}
			return struct{}{}, nil
		})
	}
	if _, err := aio.Run(main(), aio.WithVirtualClock()); err != nil {
		t.Fatal(err)
	}
	tr.check(t, want)
}

// pyStrRepr quotes s as Python's repr of a str does (for the ASCII text
// the programs print).
func pyStrRepr(s string) string {
	if strings.Contains(s, "'") && !strings.Contains(s, `"`) {
		return `"` + s + `"`
	}
	return "'" + strings.ReplaceAll(s, "'", `\'`) + "'"
}

// handlerTrace is the exception handler of the oracle_print programs.
func handlerTrace(tr *tracer) aio.ExceptionHandler {
	return func(l *aio.Loop, c aio.ExceptionContext) {
		exc, name := "None", "None"
		if c.Err != nil {
			exc = reprErr(c.Err)
			if pe, ok := c.Err.(*aio.PanicError); ok {
				if e, ok := pe.Value.(*pyErr); ok {
					exc = e.String()
				}
			}
		}
		if c.Task != nil {
			name = c.Task.Name()
		}
		tr.p("handler: %s exc=%s task=%s", pyStrRepr(c.Message), exc, name)
	}
}

// moveBefore moves lines of a trace, in the order given, to just before
// the line before.
func moveBefore(t *testing.T, want, before string, lines ...string) string {
	t.Helper()
	all := strings.Split(strings.TrimSpace(want), "\n")
	for _, m := range lines {
		i := slices.Index(all, m)
		if i < 0 {
			t.Fatalf("trace has no line %q", m)
		}
		all = slices.Delete(all, i, i+1)
	}
	i := slices.Index(all, before)
	if i < 0 {
		t.Fatalf("trace has no line %q", before)
	}
	return strings.Join(slices.Insert(all, i, lines...), "\n")
}

func TestOraclePrintHandler(t *testing.T) {
	want := printOracle(t, "p2_handler")
	// A panicking callback is reported without the callback's repr.
	want = substitute(t, want, map[string]string{
		`handler: "Exception in callback bad_callback('cb')" exc=KeyError('cb') task=None`:                                   "handler: 'Exception in callback' exc=KeyError('cb') task=None",
		"handler: 'Exception in callback main.<locals>.<lambda>(<Future finished result=1>)' exc=KeyError('done') task=None": "handler: 'Exception in callback' exc=KeyError('done') task=None",
	})
	// Errors nobody retrieved are reported when the loop closes, in the
	// order they failed, not when the garbage collector finds them.
	want = moveBefore(t, want, "after run",
		"handler: 'Future exception was never retrieved' exc=ValueError('fut') task=None",
		"handler: 'Task exception was never retrieved' exc=ValueError('t1') task=first",
		"handler: 'Task exception was never retrieved' exc=ValueError('t2') task=second")
	var tr tracer
	fail := func(tag string) aio.Coro[int] {
		return aio.Async(func() (int, error) {
			if _, err := aio.Await(aio.Sleep(ms(100))); err != nil {
				return 0, err
			}
			return 0, &pyErr{"ValueError", tag}
		})
	}
	badCallback := func(tag string) { panic(&pyErr{"KeyError", tag}) }
	main := aio.Async(func() (struct{}, error) {
		l := aio.CurrentLoop()
		l.SetExceptionHandler(handlerTrace(&tr))
		tr.p("--- exception in a call_soon callback")
		l.CallSoon(func() { badCallback("cb") })
		aio.Await(aio.Sleep(0))
		tr.p("--- exception in a done callback")
		f := aio.NewFuture[int]()
		f.AddDoneCallback(func(*aio.Future[int]) { badCallback("done") })
		f.SetResult(1)
		aio.Await(aio.Sleep(0))
		aio.Await(aio.Sleep(0))
		tr.p("--- call_exception_handler directly")
		l.CallExceptionHandler(aio.ExceptionContext{Message: "custom report"})
		l.CallExceptionHandler(aio.ExceptionContext{Message: "with exc", Err: &pyErr{"RuntimeError", "x"}})
		tr.p("--- task and future exceptions never retrieved")
		t1 := aio.Spawn(fail("t1"), aio.WithName("first"))
		t2 := aio.Spawn(fail("t2"), aio.WithName("second"))
		fut := aio.NewFuture[int]()
		fut.SetError(&pyErr{"ValueError", "fut"})
		aio.Await(aio.Sleep(ms(200)))
		tr.p("t1 done=%s t2 done=%s", pyBool(t1.Done()), pyBool(t2.Done()))
		tr.p("--- retrieved: no report")
		t3 := aio.Spawn(fail("t3"))
		aio.Await(aio.Sleep(ms(200)))
		tr.p("t3 exception=%s", reprErr(t3.Err()))
		tr.p("--- cancelled: no report")
		t4 := aio.Spawn(fail("t4"))
		aio.Await(aio.Sleep(0))
		t4.Cancel()
		aio.Await(aio.Sleep(0))
		tr.p("--- main returns")
		return struct{}{}, nil
	})
	_, err := aio.Run(main, aio.WithVirtualClock())
	tr.p("after run")
	tr.check(t, want)
	// A panic nobody observed also fails Run (asyncio.run only logs it).
	var pe *pyErr
	if !errors.As(err, &pe) || pe.arg != "cb" {
		t.Errorf("Run returned %v, want the callbacks' panics", err)
	}
}

func TestOraclePrintShutdown(t *testing.T) {
	want := printOracle(t, "p3_shutdown")
	want = substitute(t, want, map[string]string{
		"handler: 'unhandled exception during asyncio.run() shutdown' exc=ValueError('A') task=A":   "handler: 'unhandled exception during aio.Run() shutdown' exc=ValueError('A') task=A",
		"handler: 'unhandled exception during asyncio.run() shutdown' exc=RuntimeError('C') task=C": "handler: 'unhandled exception during aio.Run() shutdown' exc=RuntimeError('C') task=C",
		"handler: 'unhandled exception during asyncio.run() shutdown' exc=ValueError('D') task=D":   "handler: 'unhandled exception during aio.Run() shutdown' exc=ValueError('D') task=D",
	})
	// E's error, never retrieved, is reported when the loop closes rather
	// than at the interpreter's exit.
	want = moveBefore(t, want, "after run: [('A', False), ('B', False), ('C', False), ('D', False), ('E', False)]",
		"handler: 'Task exception was never retrieved' exc=KeyError('E') task=E")
	var tr tracer
	failsOnCancel := func(tag string) aio.Coro[int] {
		return aio.Async(func() (int, error) {
			if _, err := aio.Await(aio.Sleep(10 * time.Second)); err != nil {
				tr.p("%s: cancelled, raising", tag)
				return 0, &pyErr{"ValueError", tag}
			}
			return 0, nil
		})
	}
	swallows := func(tag string) aio.Coro[int] {
		return aio.Async(func() (int, error) {
			if _, err := aio.Await(aio.Sleep(10 * time.Second)); err != nil {
				tr.p("%s: swallowing", tag)
			}
			return 0, nil
		})
	}
	slowCleanup := func(tag string) aio.Coro[int] {
		return aio.Async(func() (int, error) {
			if _, err := aio.Await(aio.Sleep(10 * time.Second)); err != nil {
				tr.p("%s: cleanup starts", tag)
				aio.Await(aio.Sleep(time.Second))
				tr.p("%s: cleanup done", tag)
				return 0, &pyErr{"RuntimeError", tag}
			}
			return 0, nil
		})
	}
	failNow := func(tag string) aio.Coro[int] {
		return aio.Async(func() (int, error) { return 0, &pyErr{"KeyError", tag} })
	}
	var tasks []*aio.Task[int]
	main := aio.Async(func() (struct{}, error) {
		aio.CurrentLoop().SetExceptionHandler(handlerTrace(&tr))
		tasks = append(tasks, aio.Spawn(failsOnCancel("A"), aio.WithName("A")))
		tasks = append(tasks, aio.Spawn(swallows("B"), aio.WithName("B")))
		tasks = append(tasks, aio.Spawn(slowCleanup("C"), aio.WithName("C")))
		tasks = append(tasks, aio.Spawn(failsOnCancel("D"), aio.WithName("D")))
		tasks = append(tasks, aio.Spawn(failNow("E"), aio.WithName("E")))
		aio.Await(aio.Sleep(0))
		aio.Await(aio.Sleep(0))
		tr.p("all_tasks: %s", sortedTaskNames(aio.AllTasks()))
		tr.p("main returns")
		return struct{}{}, nil
	})
	if _, err := aio.Run(main, aio.WithVirtualClock()); err != nil {
		t.Fatal(err)
	}
	var parts []string
	for _, tk := range tasks {
		parts = append(parts, fmt.Sprintf("('%s', %s)", tk.Name(), pyBool(tk.Cancelled())))
	}
	tr.p("after run: [%s]", strings.Join(parts, ", "))
	tr.check(t, want)
}

// A handler can fall back on the default one, which prints one line to
// standard error: loop.default_exception_handler.
func TestDefaultExceptionHandler(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stderr := os.Stderr
	os.Stderr = w
	defer func() { os.Stderr = stderr }()
	var seen []string
	_, err = aio.Run(aio.Async(func() (struct{}, error) {
		l := aio.CurrentLoop()
		l.SetExceptionHandler(func(l *aio.Loop, c aio.ExceptionContext) {
			seen = append(seen, c.Message)
			l.DefaultExceptionHandler(c)
		})
		tk := aio.Spawn(aio.Async(func() (int, error) { return 0, errors.New("boom") }), aio.WithName("T"))
		aio.Await(aio.Sleep(0))
		l.CallExceptionHandler(aio.ExceptionContext{Message: "custom", Task: tk})
		return struct{}{}, nil
	}), aio.WithVirtualClock())
	w.Close()
	os.Stderr = stderr
	out, _ := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	wantOut := "aio: custom (task T)\naio: Task exception was never retrieved (task T): boom\n"
	if string(out) != wantOut {
		t.Errorf("stderr = %q, want %q", out, wantOut)
	}
	if !slices.Equal(seen, []string{"custom", "Task exception was never retrieved"}) {
		t.Errorf("handler saw %q", seen)
	}
}
