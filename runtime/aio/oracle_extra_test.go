package aio_test

// Line-by-line ports of the asyncio programs in testdata/oracle_extra/, each
// recorded with CPython 3.11. The expected trace of each test is the .out
// file next to its program; when python3 is on the PATH the test also runs
// the program and checks that CPython still prints that trace.

import (
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// extraOracle returns the recorded CPython trace of testdata/oracle_extra/name.py
// (see recordedOracle).
func extraOracle(t *testing.T, name string) string {
	t.Helper()
	return recordedOracle(t, "oracle_extra", name)
}

// recordedOracle returns the recorded CPython trace testdata/dir/name.out
// and, when python3 is available, checks that name.py, run from its folder
// (where its vclock.py helper is), still prints it.
func recordedOracle(t *testing.T, dir, name string) string {
	t.Helper()
	py := filepath.Join("testdata", dir, name+".py")
	want, err := os.ReadFile(filepath.Join("testdata", dir, name+".out"))
	if err != nil {
		t.Fatal(err)
	}
	if bin, err := exec.LookPath("python3"); err == nil {
		cmd := exec.Command(bin, name+".py")
		cmd.Dir = filepath.Join("testdata", dir)
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("python3 %s: %v\n%s", py, err, out)
		}
		if strings.TrimSpace(string(out)) != strings.TrimSpace(string(want)) {
			t.Errorf("python3 %s no longer prints %s.out\n--- python\n%s", py, name, out)
		}
	} else {
		t.Log("python3 not found: oracle re-run skipped")
	}
	return string(want)
}

// pyRep spells a gather(return_exceptions=True) result the way the
// programs print it.
func pyRep[T any](r aio.Result[T]) string {
	if r.Err != nil {
		if aio.IsCancelled(r.Err) {
			return "CancelledError"
		}
		return reprErr(r.Err)
	}
	return fmt.Sprintf("'%v'", r.Value)
}

func typeNames[T any](rs []aio.Result[T]) string {
	var parts []string
	for _, r := range rs {
		if r.Err == nil {
			parts = append(parts, fmt.Sprintf("'%v'", r.Value))
		} else if aio.IsCancelled(r.Err) {
			parts = append(parts, "'CancelledError'")
		} else {
			parts = append(parts, "'"+reprErr(r.Err)+"'")
		}
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

func sleepVal(d time.Duration, v string) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		if _, err := aio.Await(aio.Sleep(d)); err != nil {
			return "", err
		}
		return v, nil
	})
}

var _ = errors.New

func TestOracleExtraCancel(t *testing.T) {
	want := extraOracle(t, "c1_cancel")
	var tr tracer
	body := func(name string, mk func() aio.Awaitable[string]) aio.Coro[string] {
		return aio.Async(func() (string, error) {
			tr.p("%s: start", name)
			v, err := aio.Await(mk())
			if err != nil {
				tr.p("%s: CancelledError %s", name, pyArgs(err))
				return "", err
			}
			tr.p("%s: got %s", name, v)
			return v, nil
		})
	}
	runMain(t, func() (struct{}, error) {
		tk := aio.Spawn(tickerCoro(&tr, 60))
		tr.p("--- cancel before start, twice")
		a := aio.Spawn(body("A", func() aio.Awaitable[string] { return sleepVal(time.Second, "") }))
		tr.p("cancel #1 -> %s", pyBool(a.Cancel("m1")))
		tr.p("cancel #2 -> %s", pyBool(a.Cancel("m2")))
		tr.p("cancelling=%d", a.Cancelling())
		if _, err := aio.Await(a); err != nil {
			tr.p("main: A CancelledError cancelling=%d cancelled=%s", a.Cancelling(), pyBool(a.Cancelled()))
		}
		tr.p("--- cancel a task awaiting a task")
		inner := aio.Spawn(body("Bi", func() aio.Awaitable[string] { return sleepVal(time.Second, "bi") }))
		outer := aio.Spawn(body("Bo", func() aio.Awaitable[string] { return inner }))
		aio.Await(aio.Sleep(0))
		tr.p("cancel Bo -> %s", pyBool(outer.Cancel("mb")))
		tr.p("cancelling Bi=%d Bo=%d", inner.Cancelling(), outer.Cancelling())
		res := await0(aio.GatherResults[string](outer, inner))
		tr.p("B results %s", typeNames(res))
		tr.p("--- cancel a task awaiting a future, future survives? ")
		fut := aio.NewFuture[string]()
		c := aio.Spawn(body("C", func() aio.Awaitable[string] { return fut }))
		aio.Await(aio.Sleep(0))
		c.Cancel()
		tr.p("fut cancelled right after? %s", pyBool(fut.Cancelled()))
		res = await0(aio.GatherResults[string](c))
		tr.p("C %s fut.cancelled=%s", typeNames(res), pyBool(fut.Cancelled()))
		tr.p("--- cancel after done")
		d := aio.Spawn(body("D", func() aio.Awaitable[string] { return sleepVal(0, "d") }))
		aio.Await(d)
		tr.p("cancel done D -> %s cancelling=%d", pyBool(d.Cancel()), d.Cancelling())
		tr.p("--- cancel, task catches and awaits again, then cancelled again")
		stubborn := aio.Async(func() (string, error) {
			if _, err := aio.Await(aio.Sleep(time.Second)); err != nil {
				tr.p("E: caught, cancelling=%d", aio.CurrentTask().Cancelling())
			}
			_, err := aio.Await(aio.Sleep(0))
			if err == nil {
				tr.p("E: second await finished")
				_, err = aio.Await(aio.Sleep(time.Second))
			}
			if err != nil {
				me := aio.CurrentTask()
				tr.p("E: caught again %s cancelling=%d", pyArgs(err), me.Cancelling())
				tr.p("E: uncancel -> %d", me.Uncancel())
				tr.p("E: uncancel -> %d", me.Uncancel())
			}
			return "E-done", nil
		})
		e := aio.Spawn(stubborn)
		aio.Await(aio.Sleep(0))
		e.Cancel("first")
		aio.Await(aio.Sleep(0))
		aio.Await(aio.Sleep(0))
		e.Cancel("second")
		ev := await0(e)
		tr.p("E result %s cancelling=%d", ev, e.Cancelling())
		tr.p("--- cancel twice while waiting: one CancelledError")
		f := aio.Spawn(body("F", func() aio.Awaitable[string] { return sleepVal(time.Second, "") }))
		aio.Await(aio.Sleep(0))
		tr.p("%s %s cancelling=%d", pyBool(f.Cancel("x")), pyBool(f.Cancel("y")), f.Cancelling())
		res = await0(aio.GatherResults[string](f))
		tr.p("F %s", pyRepCancel(res[0]))
		tr.p("--- cancel of a task awaiting a shielded task")
		work := aio.Async(func() (int, error) {
			tr.p("G-work: start")
			aio.Await(aio.Sleep(ms(500)))
			tr.p("G-work: done")
			return 7, nil
		})
		w := aio.Spawn(work)
		g := aio.Spawn(aio.Async(func() (string, error) {
			tr.p("G: start")
			_, err := aio.Await(aio.Shield[int](w))
			if err != nil {
				tr.p("G: CancelledError %s", pyArgs(err))
			}
			return "", err
		}))
		aio.Await(aio.Sleep(0))
		g.Cancel()
		res = await0(aio.GatherResults[string](g))
		tr.p("G %s work done=%s", pyRepCancel(res[0]), pyBool(w.Done()))
		tr.p("work -> %d", await0(w))
		tr.p("--- cancel inside a done callback")
		h1 := aio.Spawn(body("H1", func() aio.Awaitable[string] { return sleepVal(0, "h1") }))
		h2 := aio.Spawn(body("H2", func() aio.Awaitable[string] { return sleepVal(time.Second, "") }))
		h1.AddDoneCallback(func(*aio.Task[string]) {
			tr.p("cb: H1 done, cancel H2 -> %s", pyBool(h2.Cancel("from-cb")))
		})
		res = await0(aio.GatherResults[string](h1, h2))
		tr.p(`H ["%s", "%s"]`, pyRepCancel(res[0]), pyRepCancel(res[1]))
		tk.Cancel()
		return struct{}{}, nil
	})
	checkTrace(t, &tr, want)
}

// pyRepCancel prints a gather result as repr() does; a cancellation read
// through gather has lost its message in asyncio (an empty message).
func pyRepCancel(r aio.Result[string]) string {
	if r.Err != nil && aio.IsCancelled(r.Err) {
		return "CancelledError('',)"
	}
	return fmt.Sprintf("'%v'", r.Value)
}

// pyArgs spells a CancelledError's args as Python's repr of the tuple.
func pyArgs(err error) string {
	var ce *aio.CancelledError
	if errors.As(err, &ce) && ce.Message != "" {
		return fmt.Sprintf("('%s',)", ce.Message)
	}
	return "()"
}

// checkTrace compares a trace with the recorded one and shows the first
// line that differs.
func checkTrace(t *testing.T, tr *tracer, want string) {
	t.Helper()
	wl := strings.Split(strings.TrimSpace(want), "\n")
	for i := 0; i < len(wl) || i < len(tr.lines); i++ {
		var g, w string
		if i < len(tr.lines) {
			g = tr.lines[i]
		}
		if i < len(wl) {
			w = wl[i]
		}
		if g != w {
			lo := max(0, i-5)
			t.Errorf("trace differs at line %d\n--- got\n%s\n--- want\n%s", i+1,
				strings.Join(tr.lines[lo:min(len(tr.lines), i+8)], "\n"), strings.Join(wl[lo:min(len(wl), i+8)], "\n"))
			return
		}
	}
}

// vms is vclock.ms(): the loop's time in milliseconds, rounded half to
// even as Python's round does.
func vms() int64 { return int64(math.RoundToEven(float64(aio.CurrentLoop().Time()) / 1e6)) }

func TestOracleExtraTimeouts(t *testing.T) {
	want := extraOracle(t, "c2_timeouts")
	var tr tracer
	type S = aio.TimeoutScope
	runMain(t, func() (struct{}, error) {
		loop := aio.CurrentLoop()
		tk := aio.Spawn(tickerCoro(&tr, 30))
		tr.p("--- wait_for on an already-done future")
		f := aio.NewFuture[string]()
		f.SetResult("ready")
		tr.p("wait_for done future -> %s", await0(aio.WaitFor(f, time.Second)))
		tr.p("--- wait_for timeout 0 on a pending coroutine")
		quick := func() aio.Coro[string] {
			return aio.Async(func() (string, error) {
				tr.p("quick: runs")
				return "q", nil
			})
		}
		if v, err := aio.Await(aio.WaitFor(quick(), 0)); err != nil {
			tr.p("wait_for(quick, 0) -> %s", errRepr(err))
		} else {
			tr.p("wait_for(quick, 0) -> %s", v)
		}
		tr.p("--- wait_for timeout 0 on a done task")
		dt := aio.Spawn(quick())
		aio.Await(aio.Sleep(0))
		aio.Await(aio.Sleep(0))
		if v, err := aio.Await(aio.WaitFor(dt, 0)); err != nil {
			tr.p("wait_for(done task, 0) -> %s", errRepr(err))
		} else {
			tr.p("wait_for(done task, 0) -> %s", v)
		}
		tr.p("--- wait_for timeout, inner cleanup awaits")
		slow := aio.Async(func() (string, error) {
			_, err := aio.Await(aio.Sleep(10 * time.Second))
			if err != nil {
				tr.p("slow: cancelled at %d", vms())
				aio.Await(aio.Sleep(ms(50)))
				tr.p("slow: cleanup done at %d", vms())
			}
			return "", err
		})
		if _, err := aio.Await(aio.WaitFor(slow, ms(100))); err != nil {
			tr.p("wait_for slow -> %s at %d", errRepr(err), vms())
		}
		tr.p("--- wait_for timeout, inner swallows and returns")
		swallow := aio.Async(func() (string, error) {
			if _, err := aio.Await(aio.Sleep(10 * time.Second)); err != nil {
				tr.p("swallow: cancelled, returning anyway")
			}
			return "swallowed", nil
		})
		if v, err := aio.Await(aio.WaitFor(swallow, ms(100))); err != nil {
			tr.p("wait_for swallow -> %s at %d", errRepr(err), vms())
		} else {
			tr.p("wait_for swallow -> %s at %d", v, vms())
		}
		tr.p("--- timeout() reschedule and expired")
		var cm *S
		_, err := aio.Await(aio.TimeoutScopeAt(loop.Time()+ms(100), func(s *S) aio.Coro[struct{}] {
			cm = s
			return aio.Async(func() (struct{}, error) {
				tr.p("cm.when rel = %d", (s.When()-loop.Time())/time.Millisecond)
				aio.Await(aio.Sleep(ms(50)))
				s.Reschedule(loop.Time() + ms(200))
				tr.p("rescheduled, expired=%s", pyBool(s.Expired()))
				if _, err := aio.Await(aio.Sleep(time.Second)); err != nil {
					return struct{}{}, err
				}
				tr.p("not reached")
				return struct{}{}, nil
			})
		}))
		if err != nil {
			tr.p("timeout -> %s at %d expired=%s", errRepr(err), vms(), pyBool(cm.Expired()))
		}
		tr.p("--- timeout(None) rescheduled to the past")
		_, err = aio.Await(aio.TimeoutScopeAt(aio.NoDeadline, func(s *S) aio.Coro[struct{}] {
			cm = s
			return aio.Async(func() (struct{}, error) {
				aio.Await(aio.Sleep(ms(10)))
				s.Reschedule(loop.Time() - time.Second)
				tr.p("rescheduled to past, expired=%s", pyBool(s.Expired()))
				if _, err := aio.Await(aio.Sleep(0)); err != nil {
					return struct{}{}, err
				}
				tr.p("not reached after sleep(0)")
				return struct{}{}, nil
			})
		}))
		if err != nil {
			tr.p("past reschedule -> %s at %d expired=%s", errRepr(err), vms(), pyBool(cm.Expired()))
		}
		tr.p("--- nested timeouts expiring at the same time")
		var outer, inner *S
		_, err = aio.Await(aio.TimeoutScopeAt(loop.Time()+ms(100), func(o *S) aio.Coro[struct{}] {
			outer = o
			return aio.Async(func() (struct{}, error) {
				_, err := aio.Await(aio.TimeoutScopeAt(loop.Time()+ms(100), func(i *S) aio.Coro[struct{}] {
					inner = i
					return aio.Async(func() (struct{}, error) {
						return aio.Await(aio.Sleep(time.Second))
					})
				}))
				if errors.Is(err, aio.ErrTimeout) {
					tr.p("inner TimeoutError at %d inner.expired=%s outer.expired=%s", vms(), pyBool(inner.Expired()), pyBool(outer.Expired()))
				} else if err != nil {
					return struct{}{}, err
				}
				tr.p("after inner block")
				if _, err := aio.Await(aio.Sleep(0)); err != nil {
					return struct{}{}, err
				}
				tr.p("after sleep(0) in outer")
				return struct{}{}, nil
			})
		}))
		if err != nil {
			tr.p("outer %s at %d outer.expired=%s", errRepr(err), vms(), pyBool(outer.Expired()))
		}
		tr.p("--- nested: outer shorter than inner")
		_, err = aio.Await(aio.TimeoutScopeAt(loop.Time()+ms(50), func(o *S) aio.Coro[struct{}] {
			outer = o
			return aio.Async(func() (struct{}, error) {
				_, err := aio.Await(aio.TimeoutScopeAt(loop.Time()+ms(100), func(i *S) aio.Coro[struct{}] {
					inner = i
					return aio.Async(func() (struct{}, error) {
						return aio.Await(aio.Sleep(time.Second))
					})
				}))
				if errors.Is(err, aio.ErrTimeout) {
					tr.p("inner caught TimeoutError (wrong)")
					return struct{}{}, nil
				}
				return struct{}{}, err
			})
		}))
		if err != nil {
			tr.p("outer %s at %d inner.expired=%s outer.expired=%s", errRepr(err), vms(), pyBool(inner.Expired()), pyBool(outer.Expired()))
		}
		tr.p("--- timeout whose body finishes exactly at the deadline")
		_, err = aio.Await(aio.TimeoutScopeAt(loop.Time()+ms(100), func(s *S) aio.Coro[struct{}] {
			cm = s
			return aio.Async(func() (struct{}, error) { return aio.Await(aio.Sleep(ms(100))) })
		}))
		if err != nil {
			tr.p("deadline tie -> %s at %d", errRepr(err), vms())
		} else {
			tr.p("body finished at %d expired=%s", vms(), pyBool(cm.Expired()))
		}
		tr.p("--- wait_for where the task finishes at the deadline")
		if v, err := aio.Await(aio.WaitFor(sleepVal(ms(100), "tie"), ms(100))); err != nil {
			tr.p("wait_for tie -> %s at %d", errRepr(err), vms())
		} else {
			tr.p("wait_for tie -> %s at %d", v, vms())
		}
		tr.p("--- cancel a task inside timeout(): CancelledError, not TimeoutError")
		insideC := aio.Async(func() (struct{}, error) {
			_, err := aio.Await(aio.Timeout(time.Second, aio.Async(func() (struct{}, error) {
				return aio.Await(aio.Sleep(10 * time.Second))
			})))
			if errors.Is(err, aio.ErrTimeout) {
				tr.p("inside: TimeoutError (wrong)")
				return struct{}{}, nil
			}
			if err != nil {
				tr.p("inside: CancelledError at %d", vms())
			}
			return struct{}{}, err
		})
		it := aio.Spawn(insideC)
		aio.Await(aio.Sleep(ms(10)))
		it.Cancel()
		r := await0(aio.GatherResults[struct{}](it))
		tr.p("inside -> %s", map[bool]string{true: "CancelledError", false: "?"}[aio.IsCancelled(r[0].Err)])
		tr.p("--- cancel and timeout in the same iteration")
		bothC := aio.Async(func() (string, error) {
			_, err := aio.Await(aio.Timeout(ms(50), aio.Async(func() (struct{}, error) {
				return aio.Await(aio.Sleep(10 * time.Second))
			})))
			if errors.Is(err, aio.ErrTimeout) {
				tr.p("both: TimeoutError at %d", vms())
				return "timeout", nil
			}
			if err != nil {
				tr.p("both: CancelledError at %d cancelling=%d", vms(), aio.CurrentTask().Cancelling())
			}
			return "", err
		})
		bt := aio.Spawn(bothC)
		loop.CallLater(ms(50), func() { tr.p("cb: cancel both -> %s", pyBool(bt.Cancel())) })
		rs := await0(aio.GatherResults[string](bt))
		if aio.IsCancelled(rs[0].Err) {
			tr.p("both -> CancelledError('')")
		} else {
			tr.p("both -> '%s'", rs[0].Value)
		}
		tk.Cancel()
		return struct{}{}, nil
	})
	checkTrace(t, &tr, want)
}

func sortedNames(ws []aio.Waitable, order map[aio.Waitable]string) string {
	var ns []string
	for _, w := range ws {
		ns = append(ns, "'"+order[w]+"'")
	}
	slices.Sort(ns)
	return "[" + strings.Join(ns, ", ") + "]"
}

func TestOracleExtraWaitGroup(t *testing.T) {
	want := extraOracle(t, "c3_wait_group")
	var tr tracer
	job := func(name string, d time.Duration, fail bool) aio.Coro[string] {
		return aio.Async(func() (string, error) {
			if _, err := aio.Await(aio.Sleep(d)); err != nil {
				tr.p("%s: cancelled at %d", name, vms())
				return "", err
			}
			if fail {
				tr.p("%s: raising at %d", name, vms())
				return "", &pyErr{"ValueError", name}
			}
			tr.p("%s: done at %d", name, vms())
			return name, nil
		})
	}
	runMain(t, func() (struct{}, error) {
		aio.Spawn(tickerCoro(&tr, 12))
		tr.p("--- wait FIRST_COMPLETED with ties")
		order := map[aio.Waitable]string{}
		var ts []*aio.Task[string]
		var ws []aio.Waitable
		for i, d := range []int{2, 1, 1, 4} {
			n := string(rune('a' + i))
			tk := aio.Spawn(job(n, ms125(d), false))
			ts = append(ts, tk)
			ws = append(ws, tk)
			order[tk] = n
		}
		r := await0(aio.Wait(ws, aio.FirstCompleted))
		tr.p("done=%s pending=%s at %d", sortedNames(r.Done, order), sortedNames(r.Pending, order), vms())
		tr.p("--- wait FIRST_EXCEPTION with a timeout that fires first")
		e1 := aio.Spawn(job("e1", ms125(4), true))
		e2 := aio.Spawn(job("e2", ms125(1), false))
		order[e1], order[e2] = "e1", "e2"
		r = await0(aio.WaitTimeout([]aio.Waitable{e1, e2, ts[3]}, aio.FirstException, ms125(2)))
		tr.p("done=%s pending=%s at %d", sortedNames(r.Done, order), sortedNames(r.Pending, order), vms())
		tr.p("--- wait ALL_COMPLETED, one fails first")
		r = await0(aio.Wait([]aio.Waitable{e1, ts[3]}, aio.AllCompleted))
		tr.p("done=%s pending=%s at %d e1.exception=%s", sortedNames(r.Done, order), sortedNames(r.Pending, order), vms(), reprErr(e1.Err()))
		tr.p("--- wait with timeout 0 on pending tasks")
		z := aio.Spawn(job("z", ms125(1), false))
		order[z] = "z"
		r = await0(aio.WaitTimeout([]aio.Waitable{z}, aio.AllCompleted, 0))
		tr.p("done=%s pending=%s at %d", sortedNames(r.Done, order), sortedNames(r.Pending, order), vms())
		tr.p("--- as_completed order with ties")
		var xs []aio.Awaitable[string]
		for i, d := range []int{2, 1, 3, 1} {
			xs = append(xs, aio.Spawn(job(fmt.Sprintf("x%d", i+1), ms125(d), false)))
		}
		ac := aio.AsCompleted(xs...)
		for i := range ac.Len() {
			v := await0(ac.Next())
			tr.p("as_completed #%d: %s at %d", i, v, vms())
		}
		tr.p("--- as_completed with timeout")
		y1 := aio.Spawn(job("y1", ms125(1), false))
		y2 := aio.Spawn(job("y2", ms125(8), false))
		ac = aio.AsCompletedTimeout(ms125(4), y1, y2)
		for range ac.Len() {
			v, err := aio.Await(ac.Next())
			if err != nil {
				tr.p("as_completed: %s at %d", errRepr(err), vms())
				break
			}
			tr.p("as_completed: %s at %d", v, vms())
		}
		aio.Await(y2)
		aio.Await(z)
		tr.p("--- TaskGroup: a child fails while another is in a finally that awaits")
		cleaner := aio.Async(func() (string, error) {
			_, err := aio.Await(aio.Sleep(time.Second))
			tr.p("cleaner: finally at %d", vms())
			aio.Await(aio.Sleep(ms125(1)))
			tr.p("cleaner: cleanup done at %d", vms())
			return "", err
		})
		_, err := aio.Await(aio.Group(func(g *aio.TaskGroup) aio.Coro[struct{}] {
			return aio.Async(func() (struct{}, error) {
				aio.Spawn(cleaner, aio.InGroup(g))
				aio.Spawn(job("f1", ms125(2), true), aio.InGroup(g))
				aio.Spawn(job("f2", ms125(2), true), aio.InGroup(g))
				tr.p("body: done")
				return struct{}{}, nil
			})
		}))
		tr.p("group: %s at %d", groupShow(err), vms())
		tr.p("--- TaskGroup: body raises after children failed, nested group")
		_, err = aio.Await(aio.Group(func(g *aio.TaskGroup) aio.Coro[struct{}] {
			return aio.Async(func() (struct{}, error) {
				innerGroup := aio.Group(func(g2 *aio.TaskGroup) aio.Coro[struct{}] {
					return aio.Async(func() (struct{}, error) {
						aio.Spawn(job("n1", time.Second, false), aio.InGroup(g2))
						aio.Spawn(job("n2", ms125(1), true), aio.InGroup(g2))
						return struct{}{}, nil
					})
				})
				aio.Spawn(innerGroup, aio.InGroup(g))
				aio.Spawn(job("o1", time.Second, false), aio.InGroup(g))
				if _, err := aio.Await(aio.Sleep(time.Second)); err != nil {
					tr.p("body: cancelled at %d", vms())
					return struct{}{}, &pyErr{"RuntimeError", "body-err"}
				}
				return struct{}{}, nil
			})
		}))
		tr.p("group: %s at %d", groupShowNested(err), vms())
		tr.p("--- TaskGroup: create_task in a finished group")
		var fg *aio.TaskGroup
		await0(aio.Group(func(g *aio.TaskGroup) aio.Coro[struct{}] {
			fg = g
			return aio.Async(func() (struct{}, error) { return struct{}{}, nil })
		}))
		late := aio.Spawn(job("late", 0, false), aio.InGroup(fg))
		if errors.Is(late.Err(), aio.ErrGroupClosed) && strings.Contains(late.Err().Error(), "is finished") {
			tr.p("late create_task: RuntimeError TaskGroup <TaskGroup entered> is finished")
		}
		tr.p("--- TaskGroup: child spawns sibling while the group is aborting")
		_, err = aio.Await(aio.Group(func(g *aio.TaskGroup) aio.Coro[struct{}] {
			return aio.Async(func() (struct{}, error) {
				spawner := aio.Async(func() (string, error) {
					_, err := aio.Await(aio.Sleep(time.Second))
					if err != nil {
						tr.p("spawner: cancelled, spawning")
						sib := aio.Spawn(job("sib", 0, false), aio.InGroup(g))
						if errors.Is(sib.Err(), aio.ErrGroupClosed) && strings.Contains(sib.Err().Error(), "shutting down") {
							tr.p("spawner: RuntimeError TaskGroup <TaskGroup tasks=1 errors=1 cancelling> is shutting down")
						}
					}
					return "", err
				})
				aio.Spawn(spawner, aio.InGroup(g))
				aio.Spawn(job("bad", ms125(1), true), aio.InGroup(g))
				return struct{}{}, nil
			})
		}))
		tr.p("group: %s at %d", groupShow(err), vms())
		return struct{}{}, nil
	})
	checkTrace(t, &tr, want)
}

// groupShow prints a *GroupError's members as [str(e) for e in eg.exceptions].
func groupShow(err error) string {
	var ge *aio.GroupError
	if !errors.As(err, &ge) {
		return "not a group: " + errRepr(err)
	}
	var parts []string
	for _, e := range ge.Errors {
		parts = append(parts, "'"+e.Error()+"'")
	}
	return "[" + strings.Join(parts, ", ") + "]"
}

// groupShowNested prints nested groups as lists of Type(str).
func groupShowNested(err error) string {
	var ge *aio.GroupError
	if errors.As(err, &ge) {
		var parts []string
		for _, e := range ge.Errors {
			parts = append(parts, groupShowNested(e))
		}
		return "[" + strings.Join(parts, ", ") + "]"
	}
	if pe, ok := err.(*pyErr); ok {
		return fmt.Sprintf("'%s(%s)'", pe.typ, pe.arg)
	}
	return "'" + errRepr(err) + "'"
}

func TestOracleExtraPrimitives(t *testing.T) {
	want := extraOracle(t, "c4_primitives")
	var tr tracer
	sec := &oracleSections{tr: &tr, ticks: 8}
	section := sec.start
	runMain(t, func() (struct{}, error) {
		section("Lock: cancelled waiter in the middle, release hands to the next")
		lock := aio.NewLock()
		locker := func(name string, hold time.Duration) aio.Coro[struct{}] {
			return aio.Async(func() (struct{}, error) {
				if _, err := aio.Await(lock.Acquire()); err != nil {
					tr.p("%s: cancelled while waiting", name)
					return struct{}{}, err
				}
				defer lock.Release()
				tr.p("%s: acquired locked=%s", name, pyBool(lock.Locked()))
				if _, err := aio.Await(aio.Sleep(hold)); err != nil {
					return struct{}{}, err
				}
				tr.p("%s: releasing", name)
				return struct{}{}, nil
			})
		}
		var ls []*aio.Task[struct{}]
		for _, n := range []string{"L1", "L2", "L3", "L4"} {
			ls = append(ls, aio.Spawn(locker(n, ms125(1))))
		}
		aio.Await(aio.Sleep(0))
		ls[1].Cancel()
		aio.Await(aio.Sleep(ms125(1) / 2))
		ls[2].Cancel()
		await0(aio.GatherResults(aws(ls)...))
		tr.p("locked=%s", pyBool(lock.Locked()))
		section("Lock: waiter woken, then cancelled before it runs")
		await0(lock.Acquire())
		w1 := aio.Spawn(locker("W1", 0))
		w2 := aio.Spawn(locker("W2", 0))
		aio.Await(aio.Sleep(0))
		lock.Release()
		w1.Cancel()
		tr.p("after release+cancel locked=%s", pyBool(lock.Locked()))
		await0(aio.GatherResults(w1, w2))

		section("Condition: notify(2) with a cancelled waiter")
		cond := aio.NewCondition(nil)
		cwait := func(name string) aio.Coro[struct{}] {
			return aio.Async(func() (struct{}, error) {
				await0(cond.Acquire())
				defer cond.Release()
				if _, err := aio.Await(cond.Wait()); err != nil {
					tr.p("%s: cancelled, lock held=%s", name, pyBool(cond.Locked()))
					return struct{}{}, err
				}
				tr.p("%s: notified", name)
				return struct{}{}, nil
			})
		}
		var cs []*aio.Task[struct{}]
		for i := range 4 {
			cs = append(cs, aio.Spawn(cwait(fmt.Sprintf("C%d", i))))
		}
		aio.Await(aio.Sleep(0))
		cs[0].Cancel()
		await0(cond.Acquire())
		cond.Notify(2)
		tr.p("notify(2) sent")
		cond.Release()
		aio.Await(aio.Sleep(0))
		await0(cond.Acquire())
		cond.NotifyAll()
		tr.p("notify_all sent")
		cond.Release()
		await0(aio.GatherResults(aws(cs)...))

		section("Condition: notified waiter cancelled before it resumes")
		var ds []*aio.Task[struct{}]
		for i := range 3 {
			ds = append(ds, aio.Spawn(cwait(fmt.Sprintf("D%d", i))))
		}
		aio.Await(aio.Sleep(0))
		await0(cond.Acquire())
		cond.Notify(1)
		cond.Release()
		ds[0].Cancel()
		aio.Await(aio.Sleep(0))
		aio.Await(aio.Sleep(0))
		await0(cond.Acquire())
		cond.Notify(1)
		tr.p("second notify(1)")
		cond.Release()
		aio.Await(aio.Sleep(ms(10)))
		tr.p("states [%s, %s, %s]", pyBool(ds[0].Done()), pyBool(ds[1].Done()), pyBool(ds[2].Done()))
		await0(cond.Acquire())
		cond.NotifyAll()
		cond.Release()
		await0(aio.GatherResults(aws(ds)...))

		section("Condition.wait_for")
		n := 0
		wf := aio.Spawn(aio.Async(func() (struct{}, error) {
			await0(cond.Acquire())
			defer cond.Release()
			r := await0(cond.WaitFor(func() bool { return n >= 2 }))
			tr.p("wait_for returned %s n=%d", pyBool(r), n)
			return struct{}{}, nil
		}))
		for range 3 {
			aio.Await(aio.Sleep(0))
			await0(cond.Acquire())
			n++
			tr.p("n=%d notify", n)
			cond.Notify(1)
			cond.Release()
		}
		await0(wf)

		section("Semaphore hand-off with a cancelled waiter")
		sem := aio.NewSemaphore(1)
		sworker := func(name string) aio.Coro[struct{}] {
			return aio.Async(func() (struct{}, error) {
				if _, err := aio.Await(sem.Acquire()); err != nil {
					tr.p("%s: cancelled", name)
					return struct{}{}, err
				}
				defer sem.Release()
				tr.p("%s: acquired value=%d locked=%s", name, sem.Value(), pyBool(sem.Locked()))
				return aio.Await(aio.Sleep(0))
			})
		}
		var ss []*aio.Task[struct{}]
		for i := range 4 {
			ss = append(ss, aio.Spawn(sworker(fmt.Sprintf("S%d", i))))
		}
		aio.Await(aio.Sleep(0))
		ss[2].Cancel()
		await0(aio.GatherResults(aws(ss)...))
		tr.p("sem value=%d", sem.Value())

		section("BoundedSemaphore over-release")
		bs := aio.NewBoundedSemaphore(2)
		await0(bs.Acquire())
		bs.Release()
		if err := bs.Release(); errors.Is(err, aio.ErrSemaphoreOverRelease) {
			tr.p("ValueError: BoundedSemaphore released too many times")
		}

		section("Barrier: abort with parties waiting, then reset")
		b, _ := aio.NewBarrier(3)
		bwait := func(name string) aio.Coro[struct{}] {
			return aio.Async(func() (struct{}, error) {
				i, err := aio.Await(b.Wait())
				if errors.Is(err, aio.ErrBrokenBarrier) {
					tr.p("%s: BrokenBarrierError broken=%s", name, pyBool(b.Broken()))
					return struct{}{}, nil
				}
				tr.p("%s: passed index %d", name, i)
				return struct{}{}, err
			})
		}
		bws := []*aio.Task[struct{}]{aio.Spawn(bwait("B0")), aio.Spawn(bwait("B1"))}
		aio.Await(aio.Sleep(0))
		tr.p("n_waiting=%d", b.NWaiting())
		await0(b.Abort())
		tr.p("aborted broken=%s n_waiting=%d", pyBool(b.Broken()), b.NWaiting())
		await0(aio.Gather(aws(bws)...))
		await0(b.Reset())
		tr.p("reset broken=%s", pyBool(b.Broken()))
		bws = []*aio.Task[struct{}]{aio.Spawn(bwait("R0")), aio.Spawn(bwait("R1")), aio.Spawn(bwait("R2"))}
		await0(aio.Gather(aws(bws)...))

		section("Event set/clear races")
		ev := aio.NewEvent()
		ewait := func(name string) aio.Coro[struct{}] {
			return aio.Async(func() (struct{}, error) {
				r := await0(ev.Wait())
				tr.p("%s: woke %s is_set=%s", name, pyBool(r), pyBool(ev.IsSet()))
				return struct{}{}, nil
			})
		}
		es := []*aio.Task[struct{}]{aio.Spawn(ewait("E0")), aio.Spawn(ewait("E1"))}
		aio.Await(aio.Sleep(0))
		ev.Set()
		ev.Clear()
		es = append(es, aio.Spawn(ewait("E2")))
		aio.Await(aio.Sleep(0))
		tr.p("after set/clear: done=[%s, %s, %s]", pyBool(es[0].Done()), pyBool(es[1].Done()), pyBool(es[2].Done()))
		ev.Set()
		await0(aio.Gather(aws(es)...))
		sec.stop()
		return struct{}{}, nil
	})
	checkTrace(t, &tr, want)
}

func aws[T any](ts []*aio.Task[T]) []aio.Awaitable[T] {
	out := make([]aio.Awaitable[T], len(ts))
	for i, t := range ts {
		out[i] = t
	}
	return out
}

func TestOracleExtraQueueLoop(t *testing.T) {
	want := extraOracle(t, "c5_queue_loop")
	var tr tracer
	sec := &oracleSections{tr: &tr, ticks: 8}
	section := sec.start
	runMain(t, func() (struct{}, error) {
		loop := aio.CurrentLoop()
		section("Queue maxsize back-pressure with a cancelled putter")
		q := aio.NewQueue[string](1)
		putter := func(name, v string) aio.Coro[struct{}] {
			return aio.Async(func() (struct{}, error) {
				if _, err := aio.Await(q.Put(v)); err != nil {
					tr.p("%s: cancelled qsize=%d", name, q.Len())
					return struct{}{}, err
				}
				tr.p("%s: put %s qsize=%d", name, v, q.Len())
				return struct{}{}, nil
			})
		}
		q.PutNowait("0")
		var ps []*aio.Task[struct{}]
		for i := 1; i <= 3; i++ {
			ps = append(ps, aio.Spawn(putter(fmt.Sprintf("P%d", i), fmt.Sprint(i))))
		}
		aio.Await(aio.Sleep(0))
		ps[0].Cancel()
		v, _ := q.GetNowait()
		tr.p("get -> %s", v)
		aio.Await(aio.Sleep(0))
		tr.p("get -> %s", await0(q.Get()))
		tr.p("get -> %s", await0(q.Get()))
		await0(aio.GatherResults(aws(ps)...))
		tr.p("qsize=%d unfinished=%d", q.Len(), q.Unfinished())

		section("Queue put woken then cancelled before it runs")
		q2 := aio.NewQueue[string](1)
		q2.PutNowait("a")
		q = q2
		x := aio.Spawn(putter("X", "b"))
		y := aio.Spawn(putter("Y", "c"))
		aio.Await(aio.Sleep(0))
		v, _ = q2.GetNowait()
		tr.p("get -> %s", v)
		x.Cancel()
		aio.Await(aio.Sleep(0))
		aio.Await(aio.Sleep(0))
		items := []string{}
		for !q2.Empty() {
			v, _ := q2.GetNowait()
			items = append(items, "'"+v+"'")
		}
		tr.p("qsize=%d items=[%s]", len(items), strings.Join(items, ", "))
		await0(aio.GatherResults(x, y))

		section("Queue join/task_done with several joiners")
		jq := aio.NewQueue[int](0)
		for i := range 3 {
			jq.PutNowait(i)
		}
		joiner := func(name string) aio.Coro[struct{}] {
			return aio.Async(func() (struct{}, error) {
				await0(jq.Join())
				tr.p("%s: joined at unfinished=%d", name, jq.Unfinished())
				return struct{}{}, nil
			})
		}
		js := []*aio.Task[struct{}]{aio.Spawn(joiner("J0")), aio.Spawn(joiner("J1"))}
		aio.Await(aio.Sleep(0))
		for i := range 3 {
			jq.GetNowait()
			jq.TaskDone()
			tr.p("task_done #%d", i)
			aio.Await(aio.Sleep(0))
		}
		await0(aio.Gather(aws(js)...))

		section("PriorityQueue ties and LifoQueue")
		type item struct {
			p int
			s string
		}
		pq := aio.NewPriorityQueue[item](0, func(a, b item) bool {
			return a.p < b.p || a.p == b.p && a.s < b.s
		})
		for _, it := range []item{{2, "b"}, {1, "z"}, {2, "a"}, {1, "y"}, {3, "c"}} {
			pq.PutNowait(it)
		}
		var got []string
		for range 5 {
			it, _ := pq.GetNowait()
			got = append(got, fmt.Sprintf("(%d, '%s')", it.p, it.s))
		}
		tr.p("pq: [%s]", strings.Join(got, ", "))
		lq := aio.NewLifoQueue[string](0)
		lget := func(name string) aio.Coro[struct{}] {
			return aio.Async(func() (struct{}, error) {
				tr.p("%s: got %s", name, await0(lq.Get()))
				return struct{}{}, nil
			})
		}
		lg := []*aio.Task[struct{}]{aio.Spawn(lget("G0")), aio.Spawn(lget("G1"))}
		aio.Await(aio.Sleep(0))
		for _, v := range []string{"p", "q", "r"} {
			lq.PutNowait(v)
		}
		await0(aio.Gather(aws(lg)...))
		v, _ = lq.GetNowait()
		tr.p("lq left %s", v)

		section("call_soon vs call_later(0) vs call_at(now)")
		now := loop.Time()
		pr := func(s string) func() { return func() { tr.p("%s", s) } }
		loop.CallLater(0, pr("later(0) #1"))
		loop.CallAt(now-ms(500), pr("call_at(now-0.5)"))
		loop.CallSoon(pr("soon #1"))
		loop.CallLater(-time.Second, pr("later(-1)"))
		loop.CallAt(now-2*time.Second, pr("call_at(now-2)"))
		loop.CallSoon(pr("soon #2"))
		h := loop.CallSoon(pr("soon cancelled"))
		h.Cancel()
		loop.CallLater(ms(250), pr("later(0.25)"))
		loop.CallAt(now+ms(125), pr("call_at(now+0.125)"))
		aio.Await(aio.Sleep(0))
		tr.p("main after sleep(0)")
		aio.Await(aio.Sleep(ms(250)))
		tr.p("main after sleep(0.25)")

		section("done callbacks added to an already-done future")
		f := aio.NewFuture[int]()
		f.SetResult(1)
		f.AddDoneCallback(func(*aio.Future[int]) { tr.p("cb1") })
		loop.CallSoon(pr("soon between"))
		f.AddDoneCallback(func(*aio.Future[int]) { tr.p("cb2") })
		tr.p("callbacks added")
		aio.Await(aio.Sleep(0))
		tr.p("main resumed")

		section("task done callbacks vs awaiter order")
		qt := aio.Spawn(aio.Async(func() (string, error) { return "q", nil }))
		qt.AddDoneCallback(func(*aio.Task[string]) { tr.p("t cb A") })
		w := aio.Spawn(aio.Async(func() (struct{}, error) {
			tr.p("W: got %s", await0(qt))
			return struct{}{}, nil
		}))
		aio.Await(aio.Sleep(0))
		qt.AddDoneCallback(func(*aio.Task[string]) { tr.p("t cb B") })
		await0(w)
		sec.stop()
		return struct{}{}, nil
	})
	checkTrace(t, &tr, want)
}

func TestOracleExtraGatherEdges(t *testing.T) {
	want := extraOracle(t, "c6_gather_edges")
	var tr tracer
	sec := &oracleSections{tr: &tr, ticks: 8}
	section := sec.start
	child := func(name string, d time.Duration, fail, swallow bool) aio.Coro[string] {
		return aio.Async(func() (string, error) {
			if _, err := aio.Await(aio.Sleep(d)); err != nil {
				tr.p("%s: cancelled", name)
				if swallow {
					return name + "-swallowed", nil
				}
				return "", err
			}
			if fail {
				tr.p("%s: raising", name)
				return "", &pyErr{"ValueError", name}
			}
			tr.p("%s: done", name)
			return name, nil
		})
	}
	// rep prints one gather(return_exceptions=True) result; a task
	// cancelled shows up as CancelledError('',).
	rep := func(r aio.Result[string]) string {
		if r.Err == nil {
			return "'" + r.Value + "'"
		}
		if aio.IsCancelled(r.Err) {
			return "CancelledError('',)"
		}
		pe := r.Err.(*pyErr)
		return fmt.Sprintf("%s('%s',)", pe.typ, pe.arg)
	}
	runMain(t, func() (struct{}, error) {
		loop := aio.CurrentLoop()
		section("gather.cancel() directly")
		g := aio.Gather(child("a", time.Second, false, false), child("b", time.Second, false, true))
		aio.Await(aio.Sleep(0))
		tr.p("g.cancel() -> %s", pyBool(g.Cancel("gm")))
		tr.p("g.cancel() again -> %s", pyBool(g.Cancel()))
		if v, err := aio.Await(g); err != nil {
			tr.p("g -> CancelledError %s cancelled=%s", pyArgs(err), pyBool(g.Cancelled()))
		} else {
			tr.p("g -> %v", v)
		}

		section("gather cancelled when all children already finished this iteration")
		g = aio.Gather(child("c", 0, false, false), child("d", 0, false, false))
		aio.Await(aio.Sleep(0))
		aio.Await(aio.Sleep(0))
		aio.Spawn(aio.Async(func() (struct{}, error) {
			tr.p("canceller: g.done=%s cancel -> %s", pyBool(g.Done()), pyBool(g.Cancel()))
			return struct{}{}, nil
		}))
		if v, err := aio.Await(g); err != nil {
			tr.p("g -> CancelledError")
		} else {
			tr.p("g -> ['%s']", strings.Join(v, "', '"))
		}

		section("task awaiting gather is cancelled; a child swallows")
		r := aio.Spawn(aio.Async(func() ([]string, error) {
			v, err := aio.Await(aio.Gather(child("e", time.Second, false, false), child("f", time.Second, false, true)))
			if aio.IsCancelled(err) {
				tr.p("runner: CancelledError cancelling=%d", aio.CurrentTask().Cancelling())
			}
			return v, err
		}))
		aio.Await(aio.Sleep(0))
		aio.Await(aio.Sleep(0))
		r.Cancel()
		rr := await0(aio.GatherResults[[]string](r))
		if aio.IsCancelled(rr[0].Err) {
			tr.p("runner -> CancelledError('',)")
		} else {
			tr.p("runner -> %v %v", rr[0].Value, rr[0].Err)
		}

		section("gather: first error while other child fails later")
		g = aio.Gather(child("h", ms125(1), true, false), child("i", ms125(2), true, false), child("j", ms125(3), false, false))
		if _, err := aio.Await(g); err != nil {
			tr.p("g -> ValueError(%s) at %d", err, vms())
		}
		aio.Await(aio.Sleep(ms125(4)))
		tr.p("g.done=%s exception=%s", pyBool(g.Done()), reprErr(g.Err()))

		section("nested gather: cancel outer")
		inner := aio.Gather(child("k", time.Second, false, false), child("l", time.Second, false, false))
		outer := aio.Gather[any](aio.Any[[]string](inner), aio.Any(child("m", time.Second, false, false)))
		aio.Await(aio.Sleep(0))
		outer.Cancel()
		ro := await0(aio.GatherResults[[]any](outer))
		if aio.IsCancelled(ro[0].Err) && !outer.Cancelled() {
			tr.p("outer -> CancelledError() inner.cancelled=%s", pyBool(inner.Cancelled()))
		} else {
			tr.p("outer -> %v %v cancelled=%v", ro[0].Value, ro[0].Err, outer.Cancelled())
		}

		section("gather with a coroutine that fails at once and a done future")
		fut := aio.NewFuture[string]()
		fut.SetResult("F")
		boom := aio.Async(func() (string, error) { return "", &pyErr{"KeyError", "boom"} })
		res := await0(aio.GatherResults[string](fut, boom, child("n", 0, false, false)))
		tr.p(`res -> ["%s", "%s", "%s"]`, rep(res[0]), rep(res[1]), rep(res[2]))

		section("shield: outer cancelled, inner fails later: no report")
		innerT := aio.Spawn(child("o", ms125(1), true, false))
		sh := aio.Shield[string](innerT)
		sh.Cancel()
		res = await0(aio.GatherResults[string](sh, innerT))
		tr.p(`res -> ["%s", "%s"]`, rep(res[0]), rep(res[1]))

		section("wait_for: the caller is cancelled")
		wt := aio.Spawn(aio.Async(func() (string, error) {
			v, err := aio.Await(aio.WaitFor(child("p", time.Second, false, false), 10*time.Second))
			if aio.IsCancelled(err) {
				tr.p("wf: CancelledError at %d", vms())
			}
			return v, err
		}))
		aio.Await(aio.Sleep(ms125(1)))
		wt.Cancel("stop")
		res = await0(aio.GatherResults[string](wt))
		tr.p("wf -> %s", rep(res[0]))

		section("wait_for: the caller is cancelled, inner swallows")
		wt = aio.Spawn(aio.Async(func() (string, error) {
			v, err := aio.Await(aio.WaitFor(child("q", time.Second, false, true), 10*time.Second))
			if aio.IsCancelled(err) {
				tr.p("wf2: CancelledError at %d", vms())
			}
			return v, err
		}))
		aio.Await(aio.Sleep(ms125(1)))
		wt.Cancel()
		res = await0(aio.GatherResults[string](wt))
		tr.p("wf2 -> %s cancelled=%s cancelling=%d", rep(res[0]), pyBool(wt.Cancelled()), wt.Cancelling())

		section("wait_for on a future cancelled by someone else")
		fut = aio.NewFuture[string]()
		loop.CallLater(ms125(1), func() { fut.Cancel() })
		if _, err := aio.Await(aio.WaitFor(fut, time.Second)); aio.IsCancelled(err) {
			tr.p("wait_for(fut) -> CancelledError at %d cancelling=%d", vms(), aio.CurrentTask().Cancelling())
		}
		sec.stop()
		return struct{}{}, nil
	})
	checkTrace(t, &tr, want)
}

func TestOracleExtraAsyncGen(t *testing.T) {
	want := extraOracle(t, "c7_asyncgen")
	var tr tracer
	sec := &oracleSections{tr: &tr, ticks: 6}
	section := sec.start
	type keyError struct{ pyErr }
	gen := func(name string, n int) *aio.Gen[any] {
		return aio.Generator(func(yield aio.YieldFunc[any]) aio.Coro[struct{}] {
			return aio.Async(func() (struct{}, error) {
				tr.p("%s: start", name)
				defer func() {
					tr.p("%s: finally", name)
					aio.Await(aio.Sleep(0))
					tr.p("%s: finally done", name)
				}()
				for i := range n {
					got, err := aio.Await(yield(i))
					var ke *keyError
					switch {
					case errors.As(err, &ke):
						tr.p("%s: caught KeyError '%s', yielding 'k'", name, ke.arg)
						if _, err := aio.Await(yield("k")); err != nil {
							if errors.Is(err, aio.ErrGeneratorExit) {
								tr.p("%s: GeneratorExit", name)
							}
							return struct{}{}, err
						}
					case errors.Is(err, aio.ErrGeneratorExit):
						tr.p("%s: GeneratorExit", name)
						return struct{}{}, err
					case err != nil:
						return struct{}{}, err
					case got != nil:
						tr.p("%s: got '%v'", name, got)
					}
				}
				tr.p("%s: exhausted", name)
				return struct{}{}, nil
			})
		})
	}
	stubborn := aio.Generator(func(yield aio.YieldFunc[int]) aio.Coro[struct{}] {
		return aio.Async(func() (struct{}, error) {
			if _, err := aio.Await(yield(1)); errors.Is(err, aio.ErrGeneratorExit) {
				tr.p("stubborn: ignoring GeneratorExit")
				aio.Await(yield(2))
			}
			return struct{}{}, nil
		})
	})
	failing := aio.Generator(func(yield aio.YieldFunc[int]) aio.Coro[struct{}] {
		return aio.Async(func() (struct{}, error) {
			if _, err := aio.Await(yield(1)); err != nil {
				return struct{}{}, err
			}
			aio.Await(aio.Sleep(0))
			return struct{}{}, &pyErr{"ValueError", "gen-fail"}
		})
	})
	stop := func(err error) bool { return errors.Is(err, aio.ErrStopAsyncIteration) }
	_, err := aio.Run(aio.Async(func() (struct{}, error) {
		section("athrow after partial iteration, caught")
		g := gen("A", 3)
		tr.p("next -> %v", await0(g.Next()))
		tr.p("athrow -> %v", await0(g.Throw(&keyError{pyErr{"KeyError", "x"}})))
		tr.p("asend -> %v", await0(g.Send("s")))
		tr.p("aclose")
		await0(g.Close())
		tr.p("after aclose")

		section("athrow not caught: propagates and finishes the generator")
		g = gen("B", 3)
		tr.p("next -> %v", await0(g.Next()))
		if _, err := aio.Await(g.Throw(&pyErr{"ValueError", "v"})); err != nil {
			tr.p("athrow -> ValueError %v", err)
		}
		if _, err := aio.Await(g.Next()); stop(err) {
			tr.p("anext -> StopAsyncIteration")
		}

		section("athrow on an unstarted generator")
		g = gen("C", 3)
		if _, err := aio.Await(g.Throw(&pyErr{"ValueError", "early"})); err != nil {
			tr.p("athrow unstarted -> ValueError %v", err)
		}
		if _, err := aio.Await(g.Next()); stop(err) {
			tr.p("anext -> StopAsyncIteration")
		}

		section("asend non-None to a just-started generator")
		g = gen("D", 2)
		if _, err := aio.Await(g.Send("x")); errors.Is(err, aio.ErrGenSendNonNil) {
			tr.p("asend -> TypeError can't send non-None value to a just-started async generator")
		}
		tr.p("next -> %v", await0(g.Next()))
		await0(g.Close())
		await0(g.Close())
		tr.p("aclose twice ok")

		section("exhaustion, then aclose")
		g = gen("E", 1)
		for {
			v, err := aio.Await(g.Next())
			if stop(err) {
				break
			}
			tr.p("for got %v", v)
		}
		await0(g.Close())
		tr.p("aclose after exhaustion ok")

		section("generator ignores GeneratorExit")
		tr.p("next -> %v", await0(stubborn.Next()))
		if _, err := aio.Await(stubborn.Close()); errors.Is(err, aio.ErrGenIgnoredExit) {
			tr.p("aclose -> RuntimeError async generator ignored GeneratorExit")
		}

		section("generator raises after awaiting")
		tr.p("next -> %v", await0(failing.Next()))
		if _, err := aio.Await(failing.Next()); err != nil && !stop(err) {
			tr.p("anext -> ValueError %v", err)
		}
		if _, err := aio.Await(failing.Next()); stop(err) {
			tr.p("anext -> StopAsyncIteration")
		}

		section("cancel a task iterating a generator")
		c := aio.Spawn(aio.Async(func() (struct{}, error) {
			g := gen("F", 5)
			for {
				v, err := aio.Await(g.Next())
				if stop(err) {
					return struct{}{}, nil
				}
				tr.p("consumer got %v", v)
				if _, err := aio.Await(aio.Sleep(time.Second)); err != nil {
					tr.p("consumer: cancelled, closing")
					aio.Await(g.Close())
					return struct{}{}, err
				}
			}
		}))
		aio.Await(aio.Sleep(0))
		c.Cancel()
		r := await0(aio.GatherResults[struct{}](c))
		if aio.IsCancelled(r[0].Err) {
			tr.p("consumer -> CancelledError")
		}

		section("leftover generator closed at shutdown")
		left := gen("G", 5)
		tr.p("next -> %v", await0(left.Next()))
		sec.stop()
		tr.p("main returns")
		return struct{}{}, nil
	}), aio.WithVirtualClock())
	if err != nil {
		t.Fatal(err)
	}
	tr.p("run done")
	checkTrace(t, &tr, want)
}

func TestOracleExtraTaskDetails(t *testing.T) {
	want := extraOracle(t, "c8_task_details")
	var tr tracer
	name := func() string { return aio.CurrentTask().Name() }
	child := func(tag string) aio.Coro[string] {
		return aio.Async(func() (string, error) {
			tr.p("%s: running as %s", tag, name())
			if _, err := aio.Await(aio.Sleep(0)); err != nil {
				return "", err
			}
			return tag, nil
		})
	}
	runMain(t, func() (struct{}, error) {
		tr.p("--- task names")
		tr.p("main is %s", name())
		await0(aio.Spawn(child("spawned")))
		await0(aio.Gather(child("g1"), child("g2")))
		await0(aio.WaitFor(child("wait_for"), time.Second))
		await0(aio.Shield(child("shield")))
		await0(aio.Group(func(g *aio.TaskGroup) aio.Coro[struct{}] {
			return aio.Async(func() (struct{}, error) {
				aio.Spawn(child("tg"), aio.InGroup(g))
				aio.Spawn(child("tg-named"), aio.InGroup(g), aio.WithName("custom"))
				return struct{}{}, nil
			})
		}))
		ac := aio.AsCompleted(child("ac"))
		await0(ac.Next())
		await0(aio.Wait([]aio.Waitable{aio.Spawn(child("wait"))}, aio.AllCompleted))
		lt := aio.Spawn(child("last"))
		await0(lt)
		tr.p("last task name %s", lt.Name())
		lt.SetName("42")
		tr.p("renamed '%s'", lt.Name())

		tr.p("--- cancel while the awaited future is already resolved")
		fut := aio.NewFuture[string]()
		w := aio.Spawn(aio.Async(func() (struct{}, error) {
			v, err := aio.Await(fut)
			if err != nil {
				tr.p("waiter: CancelledError despite the result")
				return struct{}{}, err
			}
			tr.p("waiter: got %s", v)
			return struct{}{}, nil
		}))
		aio.Await(aio.Sleep(0))
		fut.SetResult("R")
		tr.p("cancel -> %s", pyBool(w.Cancel()))
		r := await0(aio.GatherResults[struct{}](w))
		fv, _ := fut.Result()
		if aio.IsCancelled(r[0].Err) {
			tr.p("waiter -> CancelledError fut.result=%s", fv)
		} else {
			tr.p("waiter -> %v fut.result=%s", r[0].Err, fv)
		}

		tr.p("--- self-cancel, then return without awaiting")
		s := aio.Spawn(aio.Async(func() (string, error) {
			tr.p("self cancel -> %s", pyBool(aio.CurrentTask().Cancel()))
			return "value", nil
		}))
		rs := await0(aio.GatherResults[string](s))
		if aio.IsCancelled(rs[0].Err) {
			tr.p("selfcancel -> CancelledError('') cancelled=%s", pyBool(s.Cancelled()))
		} else {
			tr.p("selfcancel -> '%s' cancelled=%s", rs[0].Value, pyBool(s.Cancelled()))
		}

		tr.p("--- self-cancel, then await sleep(0)")
		s = aio.Spawn(aio.Async(func() (string, error) {
			aio.CurrentTask().Cancel("me")
			if _, err := aio.Await(aio.Sleep(0)); err != nil {
				tr.p("selfcancel2: CancelledError %s", pyArgs(err))
				return "swallowed", nil
			}
			tr.p("not reached")
			return "", nil
		}))
		sv := await0(s)
		tr.p("selfcancel2 -> %s cancelled=%s cancelling=%d", sv, pyBool(s.Cancelled()), s.Cancelling())

		tr.p("--- cancel then uncancel before the task starts")
		u := aio.Spawn(child("U"))
		u.Cancel()
		tr.p("uncancel -> %d", u.Uncancel())
		rs = await0(aio.GatherResults[string](u))
		if aio.IsCancelled(rs[0].Err) {
			tr.p("U -> CancelledError cancelling=%d", u.Cancelling())
		} else {
			tr.p("U -> '%s' cancelling=%d", rs[0].Value, u.Cancelling())
		}

		tr.p("--- cancel a task whose coroutine catches and returns at once")
		c := aio.Spawn(aio.Async(func() (string, error) {
			if _, err := aio.Await(aio.Sleep(time.Second)); err != nil {
				return "caught", nil
			}
			return "", nil
		}))
		aio.Await(aio.Sleep(0))
		c.Cancel()
		c.Cancel()
		cv := await0(c)
		tr.p("catcher -> %s cancelling=%d cancelled=%s", cv, c.Cancelling(), pyBool(c.Cancelled()))

		tr.p("--- cancelled task: result() and exception()")
		d := aio.Spawn(child("D"))
		d.Cancel("msg-d")
		aio.Await(aio.Sleep(0))
		aio.Await(aio.Sleep(0))
		if _, err := d.Result(); aio.IsCancelled(err) {
			tr.p("result() -> CancelledError %s", pyArgs(err))
		}
		if aio.IsCancelled(d.Err()) {
			tr.p("exception() -> CancelledError ()")
		}

		tr.p("--- result() of a pending task")
		p := aio.Spawn(child("P"))
		if _, err := p.Result(); errors.Is(err, aio.ErrInvalidState) {
			tr.p("result() -> InvalidStateError Result is not set.")
		}
		await0(p)

		tr.p("--- future set twice")
		f := aio.NewFuture[int]()
		f.SetResult(1)
		if err := f.SetResult(2); errors.Is(err, aio.ErrInvalidState) {
			tr.p("set_result again -> InvalidStateError invalid state")
		}
		tr.p("cancel done future -> %s", pyBool(f.Cancel()))
		return struct{}{}, nil
	})
	checkTrace(t, &tr, want)
}

func TestOracleExtraCombos(t *testing.T) {
	want := extraOracle(t, "c9_combos")
	var tr tracer
	sec := &oracleSections{tr: &tr, ticks: 6}
	section := sec.start
	child := func(name string, d time.Duration, fail, swallow bool) aio.Coro[string] {
		return aio.Async(func() (string, error) {
			if _, err := aio.Await(aio.Sleep(d)); err != nil {
				tr.p("%s: cancelled %s at %d", name, pyArgs(err), vms())
				if swallow {
					return name + "-swallowed", nil
				}
				return "", err
			}
			if fail {
				tr.p("%s: raising at %d", name, vms())
				return "", &pyErr{"ValueError", name}
			}
			tr.p("%s: done at %d", name, vms())
			return name, nil
		})
	}
	show := func(err error) string {
		var ge *aio.GroupError
		if errors.As(err, &ge) {
			var parts []string
			for _, e := range ge.Errors {
				pe := e.(*pyErr)
				parts = append(parts, fmt.Sprintf("'%s(%s)'", pe.typ, pe.arg))
			}
			return "[" + strings.Join(parts, ", ") + "]"
		}
		return errRepr(err)
	}
	type unit = struct{}
	runMain(t, func() (struct{}, error) {
		loop := aio.CurrentLoop()
		section("TaskGroup inside timeout()")
		_, err := aio.Await(aio.Timeout(ms125(2), aio.Group(func(g *aio.TaskGroup) aio.Coro[unit] {
			return aio.Async(func() (unit, error) {
				aio.Spawn(child("a", time.Second, false, false), aio.InGroup(g))
				aio.Spawn(child("b", ms125(1), false, false), aio.InGroup(g))
				return unit{}, nil
			})
		})))
		if errors.Is(err, aio.ErrTimeout) {
			tr.p("TimeoutError at %d cancelling=%d", vms(), aio.CurrentTask().Cancelling())
		}
		section("timeout fires as a child fails")
		_, err = aio.Await(aio.Timeout(ms125(2), aio.Group(func(g *aio.TaskGroup) aio.Coro[unit] {
			return aio.Async(func() (unit, error) {
				aio.Spawn(child("c", time.Second, false, false), aio.InGroup(g))
				aio.Spawn(child("d", ms125(2), true, false), aio.InGroup(g))
				return unit{}, nil
			})
		})))
		if errors.Is(err, aio.ErrTimeout) {
			tr.p("TimeoutError() at %d cancelling=%d", vms(), aio.CurrentTask().Cancelling())
		} else {
			tr.p("%s at %d cancelling=%d", show(err), vms(), aio.CurrentTask().Cancelling())
		}
		section("gather inside timeout()")
		_, err = aio.Await(aio.Timeout(ms125(1), aio.Async(func() ([]string, error) {
			return aio.Await(aio.Gather(child("e", time.Second, false, false), child("f", time.Second, false, true)))
		})))
		if errors.Is(err, aio.ErrTimeout) {
			tr.p("TimeoutError at %d", vms())
		}
		section("shield inside timeout()")
		inner := aio.Spawn(child("g", ms125(2), false, false))
		_, err = aio.Await(aio.Timeout(ms125(1), aio.Async(func() (string, error) {
			return aio.Await(aio.Shield[string](inner))
		})))
		if errors.Is(err, aio.ErrTimeout) {
			tr.p("TimeoutError at %d inner.done=%s", vms(), pyBool(inner.Done()))
		}
		tr.p("inner -> %s", await0(inner))
		section("nested wait_for with equal timeouts")
		if _, err := aio.Await(aio.WaitFor(aio.WaitFor(child("h", time.Second, false, false), ms125(1)), ms125(1))); errors.Is(err, aio.ErrTimeout) {
			tr.p("TimeoutError at %d", vms())
		}
		section("cancel message through gather")
		r := aio.Spawn(aio.Async(func() ([]string, error) {
			v, err := aio.Await(aio.Gather(child("i", time.Second, false, false), child("j", time.Second, false, false)))
			if aio.IsCancelled(err) {
				tr.p("runner: CancelledError %s", pyArgs(err))
			}
			return v, err
		}))
		aio.Await(aio.Sleep(0))
		r.Cancel("stop-msg")
		await0(aio.GatherResults[[]string](r))
		section("Event.wait under wait_for")
		ev := aio.NewEvent()
		if _, err := aio.Await(aio.WaitFor[bool](ev.Wait(), ms125(1))); errors.Is(err, aio.ErrTimeout) {
			tr.p("event wait TimeoutError at %d", vms())
		}
		loop.CallLater(ms125(1)/2, ev.Set)
		ok := await0(aio.WaitFor[bool](ev.Wait(), ms125(1)))
		tr.p("event wait -> %s at %d", pyBool(ok), vms())
		section("call_soon queued before a due timer")
		loop.CallLater(ms125(1), func() { tr.p("timer 0.125") })
		s := aio.Spawn(aio.Async(func() (unit, error) {
			aio.Await(aio.Sleep(ms125(1)))
			tr.p("sleeper woke")
			loop.CallSoon(func() { tr.p("soon from sleeper") })
			return unit{}, nil
		}))
		loop.CallLater(ms125(1), func() { tr.p("timer 0.125 #2") })
		aio.Await(aio.Sleep(ms125(1)))
		tr.p("main woke")
		await0(s)
		section("body awaits a failing child directly")
		_, err = aio.Await(aio.Group(func(g *aio.TaskGroup) aio.Coro[unit] {
			return aio.Async(func() (unit, error) {
				t := aio.Spawn(child("k", ms125(1), true, false), aio.InGroup(g))
				aio.Spawn(child("l", time.Second, false, false), aio.InGroup(g))
				_, err := aio.Await(t)
				if aio.IsCancelled(err) {
					tr.p("body: CancelledError from await t at %d", vms())
					return unit{}, err
				}
				if err != nil {
					tr.p("body: got ValueError from await t")
				}
				return unit{}, nil
			})
		}))
		tr.p("group %s", show(err))
		section("group child swallows the abort")
		var sw *aio.Task[string]
		_, err = aio.Await(aio.Group(func(g *aio.TaskGroup) aio.Coro[unit] {
			return aio.Async(func() (unit, error) {
				sw = aio.Spawn(child("m", time.Second, false, true), aio.InGroup(g))
				aio.Spawn(child("n", ms125(1), true, false), aio.InGroup(g))
				return unit{}, nil
			})
		}))
		swv, _ := sw.Result()
		tr.p("group %s m -> %s", show(err), swv)
		section("body swallows the abort and keeps awaiting")
		_, err = aio.Await(aio.Group(func(g *aio.TaskGroup) aio.Coro[unit] {
			return aio.Async(func() (unit, error) {
				aio.Spawn(child("o", ms125(1), true, false), aio.InGroup(g))
				if _, err := aio.Await(aio.Sleep(time.Second)); err != nil {
					tr.p("body: cancelled at %d, sleeping more", vms())
				}
				aio.Await(aio.Sleep(ms125(1)))
				tr.p("body: slept after abort, at %d", vms())
				return unit{}, nil
			})
		}))
		tr.p("group %s at %d cancelling=%d", show(err), vms(), aio.CurrentTask().Cancelling())
		section("Condition waiter cancelled while reacquiring")
		cond := aio.NewCondition(nil)
		c := aio.Spawn(aio.Async(func() (unit, error) {
			await0(cond.Acquire())
			defer cond.Release()
			if _, err := aio.Await(cond.Wait()); err != nil {
				tr.p("cw: CancelledError at %d, locked=%s", vms(), pyBool(cond.Locked()))
				return unit{}, err
			}
			tr.p("cw: woke normally")
			return unit{}, nil
		}))
		aio.Await(aio.Sleep(0))
		await0(cond.Acquire())
		cond.Notify(1)
		aio.Await(aio.Sleep(0))
		c.Cancel()
		aio.Await(aio.Sleep(ms125(1)))
		tr.p("releasing at %d c.done=%s", vms(), pyBool(c.Done()))
		cond.Release()
		rc := await0(aio.GatherResults[unit](c))
		if aio.IsCancelled(rc[0].Err) {
			tr.p("cw -> CancelledError")
		}
		sec.stop()
		return struct{}{}, nil
	})
	checkTrace(t, &tr, want)
}

// PriorityQueue items that compare equal come out in heapq's order, which
// is not insertion order (Python's PrioritizedItem pattern).
func TestOracleExtraPriorityTies(t *testing.T) {
	want := extraOracle(t, "c10_priority_ties")
	var tr tracer
	type item struct {
		priority int
		name     string
	}
	runMain(t, func() (struct{}, error) {
		q := aio.NewPriorityQueue(0, func(a, b item) bool { return a.priority < b.priority })
		get := func() string {
			it, err := q.GetNowait()
			if err != nil {
				panic(err)
			}
			return "'" + it.name + "'"
		}
		for i := range 6 {
			q.PutNowait(item{1, fmt.Sprintf("a%d", i)})
		}
		var out []string
		for range 6 {
			out = append(out, get())
		}
		tr.p("equal priorities: [%s]", strings.Join(out, ", "))
		for _, it := range []item{{2, "b0"}, {1, "c0"}, {2, "b1"}, {1, "c1"}, {2, "b2"}, {1, "c2"}, {0, "z"}} {
			q.PutNowait(it)
		}
		out = nil
		for range 3 {
			out = append(out, get())
		}
		for _, it := range []item{{1, "c3"}, {2, "b3"}, {1, "c4"}} {
			q.PutNowait(it)
		}
		for q.Len() > 0 {
			out = append(out, get())
		}
		tr.p("mixed: [%s]", strings.Join(out, ", "))
		consumer := func(name string) aio.Coro[struct{}] {
			return aio.Async(func() (struct{}, error) {
				it := await0(q.Get())
				tr.p("%s: got %s", name, it.name)
				return struct{}{}, nil
			})
		}
		var cs []*aio.Task[struct{}]
		for i := range 3 {
			cs = append(cs, aio.Spawn(consumer(fmt.Sprintf("C%d", i))))
		}
		aio.Await(aio.Sleep(0))
		for _, n := range []string{"x0", "x1", "x2", "x3"} {
			q.PutNowait(item{5, n})
		}
		await0(aio.Gather(aws(cs)...))
		it, _ := q.GetNowait()
		tr.p("left: %s", it.name)
		return struct{}{}, nil
	})
	checkTrace(t, &tr, want)
}

// Gathers sharing children with other gathers, awaiters and done
// callbacks.
func TestOracleExtraGatherShared(t *testing.T) {
	want := extraOracle(t, "c11_gather_shared")
	var tr tracer
	work := func(name string, n int, fail bool) aio.Coro[string] {
		return aio.Async(func() (string, error) {
			for range n {
				if _, err := aio.Await(aio.Sleep(0)); err != nil {
					return "", err
				}
			}
			if fail {
				tr.p("%s: raising", name)
				return "", &pyErr{"ValueError", name}
			}
			tr.p("%s: returning", name)
			return name, nil
		})
	}
	list := func(v []string) string { return "['" + strings.Join(v, "', '") + "']" }
	runMain(t, func() (struct{}, error) {
		loop := aio.CurrentLoop()
		tk := aio.Spawn(tickerCoro(&tr, 30))
		tr.p("--- one task in two gathers, an awaiter and callbacks")
		tt := aio.Spawn(work("T", 2, false))
		u := aio.Spawn(work("U", 1, false))
		tt.AddDoneCallback(func(*aio.Task[string]) { tr.p("T cb#1") })
		g1 := aio.Gather[string](tt, u)
		g1.AddDoneCallback(func(f *aio.Future[[]string]) { v, _ := f.Result(); tr.p("g1 done cb -> %s", list(v)) })
		aw := aio.Spawn(aio.Async(func() (struct{}, error) {
			tr.p("awaiter: %s", await0(tt))
			return struct{}{}, nil
		}))
		g2 := aio.Gather[string](u, tt, tt)
		g2.AddDoneCallback(func(f *aio.Future[[]string]) { v, _ := f.Result(); tr.p("g2 done cb -> %s", list(v)) })
		tt.AddDoneCallback(func(*aio.Task[string]) { tr.p("T cb#2") })
		tr.p("main: g1 -> %s", list(await0(g1)))
		tr.p("main: g2 -> %s", list(await0(g2)))
		await0(aw)

		tr.p("--- gather of a done task and a pending one")
		d := aio.Spawn(work("D", 0, false))
		aio.Await(aio.Sleep(0))
		aio.Await(aio.Sleep(0))
		tr.p("D done: %s", pyBool(d.Done()))
		tr.p("main: %s", list(await0(aio.Gather[string](d, work("E", 1, false)))))

		tr.p("--- a failing child shared by two gathers, one with return_exceptions")
		f := aio.Spawn(work("F", 1, true))
		g3 := aio.Gather[string](f, work("G", 3, false))
		g4 := aio.GatherResults[string](f, work("H", 1, false))
		if _, err := aio.Await(g3); err != nil {
			tr.p("main: g3 raised %v", err)
		}
		r4 := await0(g4)
		tr.p("main: g4 -> ['ValueError(%v)', '%s']", r4[0].Err, r4[1].Value)
		aio.Await(aio.Sleep(0))
		aio.Await(aio.Sleep(0))
		aio.Await(aio.Sleep(0))

		tr.p("--- cancel a child shared by two gathers")
		c := aio.Spawn(work("C", 3, false))
		g5 := aio.Gather[string](c, work("I", 1, false))
		g6 := aio.GatherResults[string](c)
		aio.Await(aio.Sleep(0))
		c.Cancel()
		if _, err := aio.Await(g5); aio.IsCancelled(err) {
			tr.p("main: g5 CancelledError, g5.cancelled=%s", pyBool(g5.Cancelled()))
		}
		if r6 := await0(g6); aio.IsCancelled(r6[0].Err) {
			tr.p("main: g6 -> ['CancelledError']")
		}

		tr.p("--- a future shared by a gather and a task, resolved by call_soon")
		fut := aio.NewFuture[string]()
		g7 := aio.Gather[string](fut, fut)
		fw := aio.Spawn(aio.Async(func() (struct{}, error) {
			tr.p("fwait: %s", await0(fut))
			return struct{}{}, nil
		}))
		aio.Await(aio.Sleep(0))
		loop.CallSoon(func() { fut.SetResult("FV") })
		tr.p("main: g7 -> %s", list(await0(g7)))
		await0(fw)
		tk.Cancel()
		return struct{}{}, nil
	})
	checkTrace(t, &tr, want)
}

// Wait splits done and pending when it resumes, not when its condition was
// first met.
func TestOracleExtraWaitSplit(t *testing.T) {
	want := extraOracle(t, "c12_wait_split")
	var tr tracer
	spin := func(name string, n int) aio.Coro[string] {
		return aio.Async(func() (string, error) {
			for range n {
				aio.Await(aio.Sleep(0))
			}
			tr.p("%s: finished", name)
			return name, nil
		})
	}
	runMain(t, func() (struct{}, error) {
		for _, when := range []aio.WaitWhen{aio.FirstCompleted, aio.FirstException, aio.AllCompleted} {
			tr.p("--- %s with staggered finishers", map[aio.WaitWhen]string{
				aio.FirstCompleted: "FIRST_COMPLETED", aio.FirstException: "FIRST_EXCEPTION", aio.AllCompleted: "ALL_COMPLETED"}[when])
			order := map[aio.Waitable]string{}
			var ws []aio.Waitable
			for _, n := range []int{3, 1, 2, 4, 5, 6} {
				tk := aio.Spawn(spin(fmt.Sprintf("s%d", n), n))
				order[tk] = fmt.Sprintf("s%d", n)
				ws = append(ws, tk)
			}
			if when == aio.FirstException {
				b := aio.Spawn(aio.Async(func() (string, error) {
					aio.Await(aio.Sleep(0))
					aio.Await(aio.Sleep(0))
					tr.p("boom: raising")
					return "", &pyErr{"ValueError", "boom"}
				}))
				order[b] = "boom"
				ws = append(ws, b)
			}
			r := await0(aio.Wait(ws, when))
			tr.p("done=%s pending=%s", sortedNames(r.Done, order), sortedNames(r.Pending, order))
			if len(r.Pending) > 0 {
				await0(aio.Wait(r.Pending, aio.AllCompleted))
			}
		}
		tr.p("--- timeout racing finishers")
		order := map[aio.Waitable]string{}
		var ws []aio.Waitable
		for i, d := range []int{2, 1, 2, 3} {
			name := fmt.Sprintf("n%d", i)
			tk := aio.Spawn(aio.Async(func() (struct{}, error) {
				aio.Await(aio.Sleep(time.Duration(d) * 125 * time.Millisecond))
				tr.p("%s: woke at %d", name, vms())
				return struct{}{}, nil
			}))
			order[tk] = name
			ws = append(ws, tk)
		}
		r := await0(aio.WaitTimeout(ws, aio.AllCompleted, 250*time.Millisecond))
		tr.p("done=%s pending=%s at %d", sortedNames(r.Done, order), sortedNames(r.Pending, order), vms())
		await0(aio.Wait(r.Pending, aio.AllCompleted))
		tr.p("--- as_completed with staggered finishers")
		var as []aio.Awaitable[string]
		for _, n := range []int{2, 1, 1, 3} {
			as = append(as, aio.Spawn(spin(fmt.Sprintf("a%d", n), n)))
		}
		ac := aio.AsCompleted(as...)
		for range ac.Len() {
			tr.p("as_completed -> %s", await0(ac.Next()))
		}
		return struct{}{}, nil
	})
	checkTrace(t, &tr, want)
}

// oracleSections runs an oracle program part by part, as the Python
// scripts' section() does: each part prints a header and gets a fresh
// ticker task, and the previous part's ticker is cancelled.
type oracleSections struct {
	tr    *tracer
	ticks int
	tk    *aio.Task[struct{}]
}

func (s *oracleSections) start(name string) {
	s.stop()
	s.tr.p("--- %s", name)
	s.tk = aio.Spawn(tickerCoro(s.tr, s.ticks))
}

// stop cancels the current part's ticker.
func (s *oracleSections) stop() {
	if s.tk != nil {
		s.tk.Cancel()
	}
}

// ms125 is n ticks of the oracle programs' 125 ms clock.
func ms125(n int) time.Duration { return time.Duration(n) * 125 * time.Millisecond }
