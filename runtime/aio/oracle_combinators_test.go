package aio_test

// Line-by-line ports of the combinator programs in
// ../shared/asyncio-oracle/. The expected traces are CPython 3.11's output
// with only the spellings of values and errors adapted to Go.

import (
	"errors"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// errRepr spells an error the way the oracle programs print exceptions.
func errRepr(err error) string {
	var ce *aio.CancelledError
	switch {
	case err == nil:
		return "None"
	case errors.As(err, &ce):
		return fmt.Sprintf("CancelledError (%q,)", ce.Message)
	case errors.Is(err, aio.ErrTimeout):
		return "TimeoutError"
	}
	return fmt.Sprintf("%T(%q)", err, err.Error())
}

// pyErr is a Python-style exception for the ports: a type name and args.
type pyErr struct {
	typ, arg string
}

func (e *pyErr) Error() string { return e.arg }

func (e *pyErr) String() string { return fmt.Sprintf("%s('%s')", e.typ, e.arg) }

func reprErr(err error) string {
	if pe, ok := err.(*pyErr); ok {
		return pe.String()
	}
	return errRepr(err)
}

// Oracle 10: gather starts children in argument order and returns results
// in argument order; a repeated argument runs once; gather() is done at
// once with [].
func TestOracle10GatherOrder(t *testing.T) {
	var tr tracer
	w := func(name string, d time.Duration) aio.Coro[string] {
		return aio.Async(func() (string, error) {
			tr.p("%s: start", name)
			await0(aio.Sleep(d))
			tr.p("%s: end", name)
			return name, nil
		})
	}
	sleepResult := func(d time.Duration, v string) aio.Coro[string] {
		return aio.Async(func() (string, error) {
			await0(aio.Sleep(d))
			return v, nil
		})
	}
	runMain(t, func() (struct{}, error) {
		res := await0(aio.Gather(w("slow", ms(100)), w("fast", ms(20)), w("mid", ms(60))))
		tr.p("results: %q", res)

		task := aio.Spawn(w("shared", ms(20)))
		res = await0(aio.Gather[string](task, w("other", ms(60)), task))
		tr.p("results with duplicate: %q", res)

		g := aio.Gather[string]()
		gr, _ := g.Result()
		tr.p("empty gather done immediately: %v %q", g.Done(), gr)
		tr.p("await empty gather: %q", await0(g))

		f := aio.NewFuture[string]()
		aio.CurrentLoop().CallLater(ms(20), func() { f.SetResult("fut-result") })
		res = await0(aio.Gather[string](f, sleepResult(ms(10), "sleep-result")))
		tr.p("futures and coroutines mixed: %q", res)
		return struct{}{}, nil
	})
	tr.check(t, `
slow: start
fast: start
mid: start
fast: end
mid: end
slow: end
results: ["slow" "fast" "mid"]
shared: start
other: start
shared: end
other: end
results with duplicate: ["shared" "other" "shared"]
empty gather done immediately: true []
await empty gather: []
futures and coroutines mixed: ["fut-result" "sleep-result"]`)
}

// Oracle 12: GatherResults puts errors at their argument positions; a
// cancelled task shows up as a CancelledError without its message and does
// not cancel the gather.
func TestOracle12GatherReturnExceptions(t *testing.T) {
	var tr tracer
	ok := func(name string, d time.Duration) aio.Coro[string] {
		return aio.Async(func() (string, error) {
			if _, err := aio.Await(aio.Sleep(d)); err != nil {
				return "", err
			}
			tr.p("%s: ok", name)
			return name, nil
		})
	}
	bad := func(name string, d time.Duration) aio.Coro[string] {
		return aio.Async(func() (string, error) {
			if _, err := aio.Await(aio.Sleep(d)); err != nil {
				return "", err
			}
			tr.p("%s: raise", name)
			return "", &pyErr{"ValueError", name}
		})
	}
	runMain(t, func() (struct{}, error) {
		tCancel := aio.Spawn(ok("X", time.Second))
		tCancelMsg := aio.Spawn(ok("Y", time.Second))
		g := aio.GatherResults[string](ok("A", ms(80)), bad("B", ms(20)), tCancel, tCancelMsg, bad("C", ms(50)))
		await0(aio.Sleep(ms(30)))
		tCancel.Cancel()
		tCancelMsg.Cancel("stop-Y")
		res := await0(g)
		for i, r := range res {
			if r.Err != nil {
				if pe, ok := r.Err.(*pyErr); ok {
					tr.p("%d exception %s ('%s',)", i, pe.typ, pe.arg)
				} else {
					tr.p("%d exception %s", i, errRepr(r.Err))
				}
			} else {
				tr.p("%d value %s", i, r.Value)
			}
		}
		tr.p("gather cancelled? %v", g.Cancelled())
		return struct{}{}, nil
	})
	tr.check(t, `
B: raise
C: raise
A: ok
0 value A
1 exception ValueError ('B',)
2 exception CancelledError ("",)
3 exception CancelledError ("",)
4 exception ValueError ('C',)
gather cancelled? false`)
}

// Oracle 14: a cancelled child fails the gather with a CancelledError, but
// the gather is not cancelled, the siblings keep running and the awaiting
// task is not being cancelled.
func TestOracle14GatherChildCancelled(t *testing.T) {
	var tr tracer
	child := func(name string, d time.Duration) aio.Coro[string] {
		return aio.Async(func() (string, error) {
			if _, err := aio.Await(aio.Sleep(d)); err != nil {
				tr.p("%s: cancelled", name)
				return "", err
			}
			tr.p("%s: finished", name)
			return name, nil
		})
	}
	runMain(t, func() (struct{}, error) {
		a := aio.Spawn(child("A", ms(50)))
		b := aio.Spawn(child("B", time.Second))
		c := aio.Spawn(child("C", ms(100)))
		g := aio.Gather[string](a, b, c)
		await0(aio.Sleep(ms(10)))
		tr.p("cancel child B -> %v", b.Cancel())
		if _, err := aio.Await(g); aio.IsCancelled(err) {
			tr.p("main: awaiting gather raised CancelledError")
		}
		tr.p("gather done: %v gather cancelled: %v", g.Done(), g.Cancelled())
		tr.p("A done: %v C done: %v", a.Done(), c.Done())
		tr.p("main task cancelling(): %d", aio.CurrentTask().Cancelling())
		await0(aio.Sleep(ms(150)))
		av, _ := a.Result()
		cv, _ := c.Result()
		tr.p("after sleep: A %s C %s", av, cv)
		return struct{}{}, nil
	})
	tr.check(t, `
cancel child B -> true
B: cancelled
main: awaiting gather raised CancelledError
gather done: true gather cancelled: false
A done: false C done: false
main task cancelling(): 0
A: finished
C: finished
after sleep: A A C C`)
}

// Oracle 24: an inner task that swallows WaitFor's cancellation and returns
// a value makes WaitFor return it; one that converts it to another error
// makes WaitFor return that error.
func TestOracle24WaitForInnerSwallows(t *testing.T) {
	var tr tracer
	swallow := func() aio.Coro[string] {
		return aio.Async(func() (string, error) {
			if _, err := aio.Await(aio.Sleep(time.Second)); err != nil {
				tr.p("swallow: cancelled -> returning 'fallback'")
				return "fallback", nil
			}
			return "normal", nil
		})
	}
	convert := func() aio.Coro[string] {
		return aio.Async(func() (string, error) {
			if _, err := aio.Await(aio.Sleep(time.Second)); err != nil {
				tr.p("convert: cancelled -> raising RuntimeError")
				return "", &pyErr{"RuntimeError", "converted"}
			}
			return "", nil
		})
	}
	runMain(t, func() (struct{}, error) {
		r, err := aio.Await(aio.WaitFor(swallow(), ms(20)))
		tr.p("main: wait_for returned %q %v", r, err)
		_, err = aio.Await(aio.WaitFor(convert(), ms(20)))
		if errors.Is(err, aio.ErrTimeout) {
			tr.p("main: TimeoutError")
		} else if pe, ok := err.(*pyErr); ok {
			tr.p("main: %s ('%s',)", pe.typ, pe.arg)
		}
		return struct{}{}, nil
	})
	tr.check(t, `
swallow: cancelled -> returning 'fallback'
main: wait_for returned "fallback" <nil>
convert: cancelled -> raising RuntimeError
main: RuntimeError ('converted',)`)
}

// Oracle 26: Shield keeps the inner task running when the awaiter is
// cancelled; cancelling the inner cancels the shield; Shield of a done
// future is that future; WaitFor(Shield(x)) times out without cancelling x.
func TestOracle26Shield(t *testing.T) {
	var tr tracer
	inner := func(name string, d time.Duration) aio.Coro[string] {
		return aio.Async(func() (string, error) {
			tr.p("%s: start", name)
			if _, err := aio.Await(aio.Sleep(d)); err != nil {
				tr.p("%s: cancelled", name)
				return "", err
			}
			tr.p("%s: finished", name)
			return name + "-result", nil
		})
	}
	outer := func(task *aio.Task[string]) aio.Coro[string] {
		return aio.Async(func() (string, error) {
			v, err := aio.Await(aio.Shield[string](task))
			if aio.IsCancelled(err) {
				tr.p("outer: CancelledError (inner keeps running)")
			}
			return v, err
		})
	}
	runMain(t, func() (struct{}, error) {
		task := aio.Spawn(inner("I", ms(50)))
		o := aio.Spawn(outer(task))
		await0(aio.Sleep(ms(10)))
		o.Cancel()
		await0(aio.GatherResults[string](o))
		tr.p("outer cancelled: %v inner done: %v", o.Cancelled(), task.Done())
		tr.p("inner result via await: %s", await0(task))

		tr.p("--- cancel the inner task directly")
		t2 := aio.Spawn(inner("J", time.Second))
		s := aio.Shield[string](t2)
		await0(aio.Sleep(ms(10)))
		t2.Cancel()
		if _, err := aio.Await(s); aio.IsCancelled(err) {
			tr.p("awaiting shield -> CancelledError; shield cancelled(): %v", s.Cancelled())
		}

		tr.p("--- shield of a done future")
		f := aio.NewFuture[int]()
		f.SetResult(1)
		tr.p("shield(done) is same object: %v", aio.Shield[int](f) == f)

		tr.p("--- wait_for(shield(x)) times out, x survives")
		x := aio.Spawn(inner("X", ms(50)))
		if _, err := aio.Await(aio.WaitFor[string](aio.Shield[string](x), ms(10))); errors.Is(err, aio.ErrTimeout) {
			tr.p("TimeoutError; x done: %v", x.Done())
		}
		tr.p("x result: %s", await0(x))
		return struct{}{}, nil
	})
	tr.check(t, `
I: start
outer: CancelledError (inner keeps running)
outer cancelled: true inner done: false
I: finished
inner result via await: I-result
--- cancel the inner task directly
J: start
J: cancelled
awaiting shield -> CancelledError; shield cancelled(): true
--- shield of a done future
shield(done) is same object: true
--- wait_for(shield(x)) times out, x survives
X: start
TimeoutError; x done: false
X: finished
x result: X-result`)
}

// Oracle 28: TaskGroup exit waits for all children, including later ones;
// the body's error comes last; external cancellation gives a plain
// cancellation; a child cancelled by someone else does not abort the group.
func TestOracle28TaskGroupBodyAndCancel(t *testing.T) {
	var tr tracer
	var child func(name string, d time.Duration, g *aio.TaskGroup, spawn string) aio.Coro[string]
	child = func(name string, d time.Duration, g *aio.TaskGroup, spawn string) aio.Coro[string] {
		return aio.Async(func() (string, error) {
			tr.p("%s: start", name)
			if _, err := aio.Await(aio.Sleep(d)); err != nil {
				tr.p("%s: cancelled", name)
				return "", err
			}
			if g != nil && spawn != "" {
				tr.p("%s: spawning %s", name, spawn)
				aio.Spawn(child(spawn, ms(20), nil, ""), aio.InGroup(g))
			}
			tr.p("%s: done", name)
			return name, nil
		})
	}
	boom := func(name string) aio.Coro[string] {
		return aio.Async(func() (string, error) {
			tr.p("%s: raising on its first step", name)
			return "", &pyErr{"KeyError", name}
		})
	}
	groupRunner := func() aio.Coro[struct{}] {
		return aio.Async(func() (struct{}, error) {
			_, err := aio.Await(aio.Group(func(g *aio.TaskGroup) aio.Coro[struct{}] {
				return aio.Async(func() (struct{}, error) {
					aio.Spawn(child("R1", time.Second, nil, ""), aio.InGroup(g))
					return aio.Await(aio.Sleep(time.Second))
				})
			}))
			if aio.IsCancelled(err) {
				tr.p("group_runner: CancelledError out of the group")
			}
			return struct{}{}, err
		})
	}
	groupErrs := func(err error) string {
		var ge *aio.GroupError
		if !errors.As(err, &ge) {
			return "not a group: " + errRepr(err)
		}
		var parts []string
		for _, e := range ge.Errors {
			parts = append(parts, reprErr(e))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	runMain(t, func() (struct{}, error) {
		var t1, t2 *aio.Task[string]
		_, err := aio.Await(aio.Group(func(g *aio.TaskGroup) aio.Coro[struct{}] {
			return aio.Async(func() (struct{}, error) {
				t1 = aio.Spawn(child("N1", ms(50), g, "N3"), aio.InGroup(g))
				t2 = aio.Spawn(child("N2", ms(10), nil, ""), aio.InGroup(g))
				tr.p("body finished (group still waiting)")
				return struct{}{}, nil
			})
		}))
		if err != nil {
			return struct{}{}, err
		}
		r1, _ := t1.Result()
		r2, _ := t2.Result()
		tr.p("group exited normally; results: %s %s", r1, r2)

		tr.p("--- body raises while a child already failed")
		_, err = aio.Await(aio.Group(func(g *aio.TaskGroup) aio.Coro[struct{}] {
			return aio.Async(func() (struct{}, error) {
				aio.Spawn(boom("E1"), aio.InGroup(g))
				aio.Spawn(child("E2", time.Second, nil, ""), aio.InGroup(g))
				aio.Await(aio.Sleep(0)) // E1 fails in this iteration, before the body resumes
				tr.p("body: raising RuntimeError")
				return struct{}{}, &pyErr{"RuntimeError", "body"}
			})
		}))
		tr.p("exceptions: %s", groupErrs(err))

		tr.p("--- body raises, child fails during the abort")
		failOnCancel := aio.Async(func() (struct{}, error) {
			if _, err := aio.Await(aio.Sleep(time.Second)); err != nil {
				tr.p("F: cancelled -> raising ValueError instead")
				return struct{}{}, &pyErr{"ValueError", "from-cleanup"}
			}
			return struct{}{}, nil
		})
		_, err = aio.Await(aio.Group(func(g *aio.TaskGroup) aio.Coro[struct{}] {
			return aio.Async(func() (struct{}, error) {
				aio.Spawn(failOnCancel, aio.InGroup(g))
				aio.Await(aio.Sleep(0))
				return struct{}{}, &pyErr{"RuntimeError", "body2"}
			})
		}))
		tr.p("exceptions: %s", groupErrs(err))

		tr.p("--- external cancellation of the task running the group")
		gr := aio.Spawn(groupRunner())
		await0(aio.Sleep(ms(10)))
		gr.Cancel()
		await0(aio.GatherResults[struct{}](gr))
		tr.p("runner cancelled: %v", gr.Cancelled())

		tr.p("--- a child cancelled by someone else does not abort the group")
		var k1, k2 *aio.Task[string]
		_, err = aio.Await(aio.Group(func(g *aio.TaskGroup) aio.Coro[struct{}] {
			return aio.Async(func() (struct{}, error) {
				k1 = aio.Spawn(child("K1", time.Second, nil, ""), aio.InGroup(g))
				k2 = aio.Spawn(child("K2", ms(50), nil, ""), aio.InGroup(g))
				await0(aio.Sleep(ms(10)))
				k1.Cancel()
				return struct{}{}, nil
			})
		}))
		if err != nil {
			return struct{}{}, err
		}
		k2v, _ := k2.Result()
		tr.p("K1 cancelled: %v K2 result: %s", k1.Cancelled(), k2v)
		return struct{}{}, nil
	})
	tr.check(t, `
body finished (group still waiting)
N1: start
N2: start
N2: done
N1: spawning N3
N1: done
N3: start
N3: done
group exited normally; results: N1 N2
--- body raises while a child already failed
E1: raising on its first step
E2: start
body: raising RuntimeError
E2: cancelled
exceptions: [KeyError('E1'), RuntimeError('body')]
--- body raises, child fails during the abort
F: cancelled -> raising ValueError instead
exceptions: [ValueError('from-cleanup'), RuntimeError('body2')]
--- external cancellation of the task running the group
R1: start
R1: cancelled
group_runner: CancelledError out of the group
runner cancelled: true
--- a child cancelled by someone else does not abort the group
K1: start
K2: start
K1: cancelled
K2: done
K1 cancelled: true K2 result: K2`)
}

// Oracle 30: Wait(FirstException) returns at the first failure (a cancelled
// task is not one) or when all are done; AllCompleted waits for all; Wait on
// done tasks still suspends for 2 iterations.
func TestOracle30WaitFirstExceptionAll(t *testing.T) {
	var tr tracer
	w := func(name string, d time.Duration, fail bool) aio.Coro[string] {
		return aio.Async(func() (string, error) {
			if _, err := aio.Await(aio.Sleep(d)); err != nil {
				return "", err
			}
			if fail {
				tr.p("%s: finished (raising)", name)
				return "", &pyErr{"ValueError", name}
			}
			tr.p("%s: finished", name)
			return name, nil
		})
	}
	names := func(ws []aio.Waitable) string {
		var out []string
		for _, x := range ws {
			out = append(out, x.(*aio.Task[string]).Name())
		}
		sort.Strings(out)
		return fmt.Sprintf("%q", out)
	}
	type spec struct {
		name string
		d    time.Duration
		fail bool
	}
	mk := func(specs ...spec) ([]*aio.Task[string], []aio.Waitable) {
		var ts []*aio.Task[string]
		var ws []aio.Waitable
		for _, s := range specs {
			task := aio.Spawn(w(s.name, s.d, s.fail), aio.WithName(s.name))
			ts = append(ts, task)
			ws = append(ws, task)
		}
		return ts, ws
	}
	ticker := func(n int) aio.Coro[struct{}] {
		return aio.Async(func() (struct{}, error) {
			for i := range n {
				tr.p("  tick %d", i)
				await0(aio.Sleep(0))
			}
			return struct{}{}, nil
		})
	}
	runMain(t, func() (struct{}, error) {
		_, ws := mk(spec{"A", ms(20), false}, spec{"B", ms(60), true}, spec{"C", ms(120), false})
		res := await0(aio.Wait(ws, aio.FirstException))
		tr.p("FIRST_EXCEPTION done: %s pending: %s", names(res.Done), names(res.Pending))
		await0(aio.Wait(res.Pending, aio.AllCompleted))

		tr.p("--- FIRST_EXCEPTION with no failure = all completed")
		_, ws = mk(spec{"D", ms(20), false}, spec{"E", ms(60), false})
		res = await0(aio.Wait(ws, aio.FirstException))
		tr.p("done: %s pending: %s", names(res.Done), names(res.Pending))

		tr.p("--- FIRST_EXCEPTION: a cancelled task is not an exception")
		ts, ws := mk(spec{"X", time.Second, false}, spec{"Y", ms(40), false})
		await0(aio.Sleep(ms(10)))
		ts[0].Cancel()
		res = await0(aio.Wait(ws, aio.FirstException))
		tr.p("done: %s pending: %s X cancelled: %v", names(res.Done), names(res.Pending), ts[0].Cancelled())

		tr.p("--- ALL_COMPLETED with failures")
		ts, ws = mk(spec{"P", ms(20), true}, spec{"Q", ms(60), false})
		res = await0(aio.Wait(ws, aio.AllCompleted))
		q, _ := ts[1].Result()
		tr.p("done: %s pending: %s P exc: %s Q: %s", names(res.Done), names(res.Pending), reprErr(ts[0].Err()), q)

		tr.p("--- wait() on already-done tasks still suspends")
		tk := aio.Spawn(ticker(4))
		await0(aio.Sleep(0))
		tr.p("main: calling wait on done tasks")
		res = await0(aio.Wait(ws, aio.AllCompleted))
		tr.p("main: wait returned %s", names(res.Done))
		await0(tk)
		return struct{}{}, nil
	})
	tr.check(t, `
A: finished
B: finished (raising)
FIRST_EXCEPTION done: ["A" "B"] pending: ["C"]
C: finished
--- FIRST_EXCEPTION with no failure = all completed
D: finished
E: finished
done: ["D" "E"] pending: []
--- FIRST_EXCEPTION: a cancelled task is not an exception
Y: finished
done: ["X" "Y"] pending: [] X cancelled: true
--- ALL_COMPLETED with failures
P: finished (raising)
Q: finished
done: ["P" "Q"] pending: [] P exc: ValueError('P') Q: Q
--- wait() on already-done tasks still suspends
  tick 0
main: calling wait on done tasks
  tick 1
  tick 2
main: wait returned ["P" "Q"]
  tick 3`)
}

// Oracle 46: cancelling one of several awaiters of a shared future or task
// cancels the shared object, so every awaiter is cancelled; a Shield per
// awaiter prevents it.
func TestOracle46SharedAwaitableCancel(t *testing.T) {
	var tr tracer
	awaiter := func(name string, aw aio.Awaitable[string]) aio.Coro[struct{}] {
		return aio.Async(func() (struct{}, error) {
			r, err := aio.Await(aw)
			if err != nil {
				if aio.IsCancelled(err) {
					tr.p("%s: CancelledError", name)
				}
				return struct{}{}, err
			}
			tr.p("%s: got %q", name, r)
			return struct{}{}, nil
		})
	}
	producer := func() aio.Coro[string] {
		return aio.Async(func() (string, error) {
			if _, err := aio.Await(aio.Sleep(ms(50))); err != nil {
				return "", err
			}
			return "produced", nil
		})
	}
	runMain(t, func() (struct{}, error) {
		f := aio.NewFuture[string]()
		a := aio.Spawn(awaiter("A", f))
		b := aio.Spawn(awaiter("B", f))
		await0(aio.Sleep(0))
		tr.p("cancel A only")
		a.Cancel()
		await0(aio.GatherResults[struct{}](a, b))
		tr.p("future cancelled: %v | A cancelled: %v | B cancelled: %v", f.Cancelled(), a.Cancelled(), b.Cancelled())

		tr.p("--- shared Task")
		p := aio.Spawn(producer())
		c := aio.Spawn(awaiter("C", p))
		d := aio.Spawn(awaiter("D", p))
		await0(aio.Sleep(ms(10)))
		tr.p("cancel C only")
		c.Cancel()
		await0(aio.GatherResults[struct{}](c, d))
		tr.p("producer cancelled: %v | D cancelled: %v", p.Cancelled(), d.Cancelled())

		tr.p("--- with shield per awaiter")
		p = aio.Spawn(producer())
		e := aio.Spawn(awaiter("E", aio.Shield[string](p)))
		g := aio.Spawn(awaiter("G", aio.Shield[string](p)))
		await0(aio.Sleep(ms(10)))
		tr.p("cancel E only")
		e.Cancel()
		await0(aio.GatherResults[struct{}](e, g))
		tr.p("producer cancelled: %v | G cancelled: %v", p.Cancelled(), g.Cancelled())
		return struct{}{}, nil
	})
	tr.check(t, `
cancel A only
A: CancelledError
B: CancelledError
future cancelled: true | A cancelled: true | B cancelled: true
--- shared Task
cancel C only
C: CancelledError
D: CancelledError
producer cancelled: true | D cancelled: true
--- with shield per awaiter
cancel E only
E: CancelledError
G: got "produced"
producer cancelled: false | G cancelled: false`)
}
