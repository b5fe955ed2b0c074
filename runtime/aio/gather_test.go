package aio_test

import (
	"context"
	"errors"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// checkPython runs a Python asyncio program, written to print exactly the
// trace the Go test expects, and compares its output with want: the real
// asyncio is the oracle. Without python3 that half of the check is skipped.
func checkPython(t *testing.T, script, want string) {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Log("python3 not found: oracle check skipped")
		return
	}
	out, err := exec.Command(py, "-c", "import asyncio\n"+script).CombinedOutput()
	if err != nil {
		t.Fatalf("python oracle failed: %v\n%s", err, out)
	}
	if got, want := strings.TrimSpace(string(out)), strings.TrimSpace(want); got != want {
		t.Errorf("python oracle disagrees with the expected trace\n--- python\n%s\n--- expected\n%s", got, want)
	}
}

// tickerCoro prints "tick i" and yields, n times: the hop counter of the
// oracle programs.
func tickerCoro(tr *tracer, n int) aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		for i := range n {
			tr.p("tick %d", i)
			await0(aio.Sleep(0))
		}
		return struct{}{}, nil
	})
}

const pyTicker = `
async def ticker(n):
    for i in range(n):
        print(f"tick {i}")
        await asyncio.sleep(0)
`

func TestGatherResultsInArgumentOrder(t *testing.T) {
	w := func(v int, d time.Duration) aio.Coro[int] {
		return aio.Async(func() (int, error) {
			await0(aio.Sleep(d))
			return v, nil
		})
	}
	runMain(t, func() (struct{}, error) {
		res := await0(aio.Gather(w(1, ms(30)), w(2, ms(10)), w(3, ms(20))))
		if len(res) != 3 || res[0] != 1 || res[1] != 2 || res[2] != 3 {
			t.Errorf("results %v, want [1 2 3]", res)
		}
		return struct{}{}, nil
	})
}

func TestGatherRepeatedArgumentRunsOnce(t *testing.T) {
	runs := 0
	c := aio.Async(func() (int, error) { runs++; return 7, nil })
	runMain(t, func() (struct{}, error) {
		res := await0(aio.Gather(c, c, c))
		if runs != 1 || len(res) != 3 || res[0] != 7 || res[2] != 7 {
			t.Errorf("runs=%d res=%v", runs, res)
		}
		// Any keeps the identity too.
		task := aio.Spawn(aio.Async(func() (int, error) { runs++; return 8, nil }))
		anyRes := await0(aio.Gather(aio.Any(task), aio.Any(task)))
		if runs != 2 || anyRes[0] != 8 || anyRes[1] != 8 {
			t.Errorf("runs=%d res=%v", runs, anyRes)
		}
		// A pending task repeated directly, around another one.
		t1 := aio.Spawn(aio.Async(func() (int, error) { runs++; return 1, nil }))
		t2 := aio.Spawn(aio.Async(func() (int, error) { runs++; return 2, nil }))
		tRes := await0(aio.Gather(t1, t1, t2, t1))
		if runs != 4 || len(tRes) != 4 || tRes[0] != 1 || tRes[1] != 1 || tRes[2] != 2 || tRes[3] != 1 {
			t.Errorf("runs=%d res=%v", runs, tRes)
		}
		return struct{}{}, nil
	})
}

// Past 16 arguments gather looks repeated arguments up differently (fresh
// coroutines need no lookup); the rule must hold there too, for repeated
// coroutines, tasks and futures alike.
func TestGatherRepeatedArgumentRunsOnceInLongGathers(t *testing.T) {
	runs := 0
	c := aio.Async(func() (int, error) { runs++; return 7, nil })
	runMain(t, func() (struct{}, error) {
		task := aio.Spawn(aio.Async(func() (int, error) { runs++; return 8, nil }))
		fut := aio.NewFuture[int]()
		fut.SetResult(9)
		pending := aio.NewFuture[int]()
		args := []aio.Awaitable[int]{c, task, fut, pending}
		for i := range 20 {
			args = append(args, aio.Async(func() (int, error) { return i, nil }))
		}
		args = append(args, c, task, fut, pending, c)
		g := aio.Gather(args...)
		pending.SetResult(10)
		res := await0(g)
		n := len(res)
		want := []int{7, 8, 9, 10, 0, 1}
		if runs != 2 || n != 29 || res[n-5] != 7 || res[n-4] != 8 || res[n-3] != 9 || res[n-2] != 10 || res[n-1] != 7 {
			t.Errorf("runs=%d res=%v", runs, res)
		}
		for i, w := range want {
			if res[i] != w {
				t.Errorf("res[%d] = %d, want %d", i, res[i], w)
			}
		}
		return struct{}{}, nil
	})
}

func TestGatherWithNoArgumentsIsAlreadyDone(t *testing.T) {
	skipIfForeignLoop(t)
	g := aio.Gather[int]() // outside a loop too
	v, err := g.Result()
	if !g.Done() || err != nil || v == nil || len(v) != 0 {
		t.Fatalf("done=%v v=%#v err=%v", g.Done(), v, err)
	}
	got, err := aio.Run[[]int](g)
	if err != nil || len(got) != 0 {
		t.Fatalf("Run: %v %v", got, err)
	}
}

// The outer future completes one iteration after the last child, and the
// awaiting task resumes one more after that.
func TestGatherAwaiterResumesOneHopAfterLastChild(t *testing.T) {
	var tr tracer
	child := func(name string) aio.Coro[string] {
		return aio.Async(func() (string, error) {
			tr.p("%s runs", name)
			return name, nil
		})
	}
	runMain(t, func() (struct{}, error) {
		tk := aio.Spawn(tickerCoro(&tr, 6))
		await0(aio.Sleep(0))
		res := await0(aio.Gather(child("a"), child("b")))
		tr.p("gather -> %v", res)
		await0(tk)
		return struct{}{}, nil
	})
	want := `
tick 0
tick 1
a runs
b runs
tick 2
tick 3
gather -> [a b]
tick 4
tick 5`
	tr.check(t, want)
	checkPython(t, pyTicker+`
async def child(name):
    print(f"{name} runs")
    return name

async def main():
    tk = asyncio.create_task(ticker(6))
    await asyncio.sleep(0)
    res = await asyncio.gather(child("a"), child("b"))
    print(f"gather -> [{' '.join(res)}]")
    await tk

asyncio.run(main())
`, want)
}

func TestGatherFirstErrorIsReturnedSiblingsKeepRunning(t *testing.T) {
	var tr tracer
	boom := errors.New("boom")
	w := func(name string, d time.Duration, err error) aio.Coro[string] {
		return aio.Async(func() (string, error) {
			if _, err := aio.Await(aio.Sleep(d)); err != nil {
				tr.p("%s cancelled", name)
				return "", err
			}
			tr.p("%s done", name)
			return name, err
		})
	}
	runMain(t, func() (struct{}, error) {
		slow := aio.Spawn(w("slow", ms(50), nil))
		_, err := aio.Await(aio.Gather[string](w("bad", ms(10), boom), slow))
		tr.p("gather: %v slow done: %v", err, slow.Done())
		tr.p("slow: %s", await0(slow))
		return struct{}{}, nil
	})
	tr.check(t, `
bad done
gather: boom slow done: false
slow done
slow: slow`)
}

func TestGatherCancelledChildDoesNotCancelSiblings(t *testing.T) {
	runMain(t, func() (struct{}, error) {
		a := aio.Spawn(aio.Async(func() (int, error) { return 1, errOf(aio.Await(aio.Sleep(ms(20)))) }))
		b := aio.Spawn(aio.Async(func() (int, error) { return 2, errOf(aio.Await(aio.Sleep(time.Second))) }))
		g := aio.Gather[int](a, b)
		await0(aio.Sleep(ms(5)))
		b.Cancel("stop")
		_, err := aio.Await(g)
		var ce *aio.CancelledError
		if !errors.As(err, &ce) || ce.Message != "stop" {
			t.Errorf("await gather: %v, want the child's cancellation", err)
		}
		if g.Cancelled() || a.Done() || aio.CurrentTask().Cancelling() != 0 {
			t.Errorf("gather cancelled=%v a done=%v cancelling=%d", g.Cancelled(), a.Done(), aio.CurrentTask().Cancelling())
		}
		if v := await0(a); v != 1 {
			t.Errorf("a = %d", v)
		}
		return struct{}{}, nil
	})
}

func errOf[T any](_ T, err error) error { return err }

// Cancelling the gather cancels every unfinished child; with GatherResults
// the cancellation is reported only once they have all finished, including
// cleanup that awaits.
func TestGatherCancelCancelsChildrenAndWaitsForThem(t *testing.T) {
	var tr tracer
	child := func(name string, cleanup int) aio.Coro[string] {
		return aio.Async(func() (string, error) {
			_, err := aio.Await(aio.Sleep(time.Second))
			if err != nil {
				tr.p("%s: cancelled, cleanup %d hops", name, cleanup)
				for range cleanup {
					await0(aio.Sleep(0))
				}
				tr.p("%s: cleanup done", name)
			}
			return name, err
		})
	}
	runMain(t, func() (struct{}, error) {
		g := aio.GatherResults(child("a", 2), child("b", 0))
		await0(aio.Sleep(ms(10)))
		tk := aio.Spawn(tickerCoro(&tr, 8))
		await0(aio.Sleep(0))
		tr.p("cancel -> %v", g.Cancel())
		_, err := aio.Await(g)
		tr.p("gather: %s cancelled(): %v", errRepr(err), g.Cancelled())
		await0(tk)
		return struct{}{}, nil
	})
	want := `
tick 0
cancel -> true
tick 1
a: cancelled, cleanup 2 hops
b: cancelled, cleanup 0 hops
b: cleanup done
tick 2
tick 3
a: cleanup done
tick 4
tick 5
gather: CancelledError ("",) cancelled(): false
tick 6
tick 7`
	tr.check(t, want)
	checkPython(t, pyTicker+`
async def child(name, cleanup):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError:
        print(f"{name}: cancelled, cleanup {cleanup} hops")
        for _ in range(cleanup):
            await asyncio.sleep(0)
        print(f"{name}: cleanup done")
        raise
    return name

async def main():
    g = asyncio.gather(child("a", 2), child("b", 0), return_exceptions=True)
    await asyncio.sleep(0.01)
    tk = asyncio.create_task(ticker(8))
    await asyncio.sleep(0)
    print("cancel ->", str(g.cancel()).lower())
    try:
        await g
    except asyncio.CancelledError as e:
        print(f'gather: CancelledError ("{e.args[0] if e.args else ""}",) cancelled(): {str(g.cancelled()).lower()}')
    await tk

asyncio.run(main())
`, want)
}

// Cancelling the task that awaits a gather cancels the gather's children
// (the gather is what the task waits on).
func TestCancellingAwaiterOfGatherCancelsChildren(t *testing.T) {
	var tr tracer
	child := func(name string) aio.Coro[string] {
		return aio.Async(func() (string, error) {
			_, err := aio.Await(aio.Sleep(time.Second))
			if err != nil {
				tr.p("%s: %s", name, errRepr(err))
			}
			return name, err
		})
	}
	runMain(t, func() (struct{}, error) {
		var g *aio.Future[[]string]
		waiter := aio.Spawn(aio.Async(func() (struct{}, error) {
			g = aio.Gather(child("a"), child("b"))
			_, err := aio.Await(g)
			tr.p("waiter: %s", errRepr(err))
			return struct{}{}, err
		}))
		await0(aio.Sleep(ms(10)))
		tr.p("cancel waiter -> %v", waiter.Cancel("bye"))
		aio.Await(waiter)
		tr.p("waiter cancelled: %v gather cancelled(): %v", waiter.Cancelled(), g.Cancelled())
		return struct{}{}, nil
	})
	want := `
cancel waiter -> true
a: CancelledError ("bye",)
b: CancelledError ("bye",)
waiter: CancelledError ("bye",)
waiter cancelled: true gather cancelled(): false`
	tr.check(t, want)
	checkPython(t, `
def r(e): return f'CancelledError ("{e.args[0] if e.args else ""}",)'

async def child(name):
    try:
        await asyncio.sleep(1)
    except asyncio.CancelledError as e:
        print(f"{name}: {r(e)}")
        raise
    return name

async def main():
    g = None
    async def waiter_fn():
        nonlocal g
        g = asyncio.gather(child("a"), child("b"))
        try:
            await g
        except asyncio.CancelledError as e:
            print(f"waiter: {r(e)}")
            raise
    waiter = asyncio.create_task(waiter_fn())
    await asyncio.sleep(0.01)
    print("cancel waiter ->", str(waiter.cancel("bye")).lower())
    try:
        await waiter
    except asyncio.CancelledError:
        pass
    print("waiter cancelled:", str(waiter.cancelled()).lower(), "gather cancelled():", str(g.cancelled()).lower())

asyncio.run(main())
`, want)
}

// Children that fail after the gather has already failed are not reported
// as "exception was never retrieved".
func TestGatherLateChildErrorsAreMarkedRetrieved(t *testing.T) {
	var reports []string
	handler := aio.WithExceptionHandler(func(_ *aio.Loop, c aio.ExceptionContext) {
		reports = append(reports, c.Message+": "+errRepr(c.Err))
	})
	fail := func(d time.Duration, msg string) aio.Coro[int] {
		return aio.Async(func() (int, error) {
			await0(aio.Sleep(d))
			return 0, errors.New(msg)
		})
	}
	runMain(t, func() (struct{}, error) {
		_, err := aio.Await(aio.Gather(fail(ms(10), "first"), fail(ms(20), "second")))
		if err == nil || err.Error() != "first" {
			t.Errorf("gather: %v", err)
		}
		await0(aio.Sleep(ms(50)))
		return struct{}{}, nil
	}, handler)
	if len(reports) != 0 {
		t.Errorf("reports: %q", reports)
	}
}

// Outside a loop Gather cannot start tasks: it starts them when the future
// is first awaited on one, so aio.Run(aio.Gather(...)) works.
// skipIfForeignLoop skips a test about code outside any loop when the core
// reports a loop anyway: runningLoop's fast path returns the only running
// loop even to goroutines that do not run it (e.g. a loop left running in
// the background by another test).
func skipIfForeignLoop(t *testing.T) {
	t.Helper()
	if aio.CurrentLoop() != nil {
		t.Skip("another goroutine runs a loop; runningLoop() cannot tell it apart from ours")
	}
}

func TestGatherOutsideLoopStartsWhenAwaited(t *testing.T) {
	skipIfForeignLoop(t)
	var tr tracer
	w := func(name string, d time.Duration) aio.Coro[string] {
		return aio.Async(func() (string, error) {
			tr.p("%s: start", name)
			await0(aio.Sleep(d))
			return name, nil
		})
	}
	g := aio.Gather(w("a", 3*time.Second), w("b", time.Second))
	if len(tr.lines) != 0 || g.Done() {
		t.Fatalf("started before a loop: %q", tr.lines)
	}
	res, err := aio.Run[[]string](g, aio.WithVirtualClock())
	if err != nil || len(res) != 2 || res[0] != "a" || res[1] != "b" {
		t.Fatalf("Run: %v %v", res, err)
	}
	tr.check(t, "a: start\nb: start")

	// Cancelled before ever being awaited: the children never run.
	g2 := aio.Gather(w("c", time.Second))
	if !g2.Cancel() || !g2.Cancelled() {
		t.Fatal("cancel of an unstarted gather")
	}
	if _, err := aio.Run[[]string](g2, aio.WithVirtualClock()); !errors.Is(err, context.Canceled) {
		t.Fatalf("Run of cancelled gather: %v", err)
	}
	if len(tr.lines) != 2 {
		t.Fatalf("cancelled gather ran its child: %q", tr.lines)
	}
}

// GatherResults with a child that swallows the gather's cancellation still
// reports cancellation (CPython's _cancel_requested, issue 32684).
func TestGatherCancelRequestedWinsOverSwallowedCancellation(t *testing.T) {
	runMain(t, func() (struct{}, error) {
		stubborn := aio.Async(func() (int, error) {
			aio.Await(aio.Sleep(time.Second)) // cancellation ignored
			return 5, nil
		})
		g := aio.GatherResults(stubborn)
		await0(aio.Sleep(ms(1)))
		g.Cancel()
		_, err := aio.Await(g)
		if !aio.IsCancelled(err) {
			t.Errorf("gather: %v, want cancellation", err)
		}
		return struct{}{}, nil
	})
}

func TestGather2And3KeepTypes(t *testing.T) {
	runMain(t, func() (struct{}, error) {
		num := aio.Async(func() (int, error) { await0(aio.Sleep(ms(2))); return 42, nil })
		str := aio.Spawn(aio.Async(func() (string, error) { return "hi", nil }))
		fut := aio.NewFuture[bool]()
		fut.SetResult(true)
		p := await0(aio.Gather2[int, string](num, str))
		if p.V1 != 42 || p.V2 != "hi" {
			t.Errorf("Gather2: %+v", p)
		}
		tr3 := await0(aio.Gather3[int, string, bool](aio.Async(func() (int, error) { return 1, nil }), str, fut))
		if tr3.V1 != 1 || tr3.V2 != "hi" || !tr3.V3 {
			t.Errorf("Gather3: %+v", tr3)
		}
		boom := errors.New("boom")
		_, err := aio.Await(aio.Gather2[int, string](aio.Async(func() (int, error) { return 0, boom }), str))
		if err != boom {
			t.Errorf("Gather2 error: %v", err)
		}
		anyRes := await0(aio.Gather(aio.Any[int](aio.Async(func() (int, error) { return 3, nil })), aio.Any[string](str)))
		if anyRes[0].(int) != 3 || anyRes[1].(string) != "hi" {
			t.Errorf("Gather(Any...): %v", anyRes)
		}
		return struct{}{}, nil
	})
}

// Any around a task adds no task and no iteration: awaiting Gather(Any(t))
// takes exactly as long as Gather(t).
func TestAnyAddsNoHops(t *testing.T) {
	hops := func(erase bool) []string {
		var tr tracer
		runMain(t, func() (struct{}, error) {
			tk := aio.Spawn(tickerCoro(&tr, 5))
			task := aio.Spawn(aio.Async(func() (int, error) { return 1, nil }))
			if erase {
				await0(aio.Gather(aio.Any[int](task)))
			} else {
				await0(aio.Gather[int](task))
			}
			tr.p("gathered")
			await0(tk)
			return struct{}{}, nil
		})
		return tr.lines
	}
	a, b := strings.Join(hops(false), ","), strings.Join(hops(true), ",")
	if a != b {
		t.Errorf("Gather(t): %s\nGather(Any(t)): %s", a, b)
	}
}

func TestGatherNilArgumentFails(t *testing.T) {
	runMain(t, func() (struct{}, error) {
		_, err := aio.Await(aio.Gather[int](nil))
		if !errors.Is(err, aio.ErrNilCoro) {
			t.Errorf("err = %v", err)
		}
		return struct{}{}, nil
	})
}

// yieldOnce is a generated-style coroutine that yields once and returns 1,
// so benchmarks measure the runtime, not source mode's goroutines.
type yieldOnceFrame struct {
	aio.CoroFrame[int]
	pc int
	aw aio.YieldOp
}

func yieldOnce() aio.Coro[int] {
	f := &yieldOnceFrame{}
	return f.Init(f)
}

func (f *yieldOnceFrame) Resume(r *aio.Runner) {
	if f.pc == 0 {
		f.aw = aio.Yield()
		if !f.aw.AwaitBegin(r) {
			f.pc = 1
			return
		}
	}
	f.aw.AwaitEnd(r)
	f.Return(r, 1, nil)
}

// gatherMainFrame spawns n yieldOnce children, gathers them and checks the
// sum: the benchmark's main coroutine, generated-style.
type gatherMainFrame struct {
	aio.CoroFrame[int]
	pc    int
	coros []aio.Awaitable[int]
	g     *aio.Future[[]int]
}

func (f *gatherMainFrame) Resume(r *aio.Runner) {
	if f.pc == 0 {
		for i := range f.coros {
			f.coros[i] = yieldOnce()
		}
		f.g = aio.Gather(f.coros...)
		if !f.g.AwaitBegin(r) {
			f.pc = 1
			return
		}
	}
	res, err := f.g.AwaitEnd(r)
	f.Return(r, len(res), err)
}

// BenchmarkGatherYieldOnce is spawn+gather of N tasks that each yield once,
// in one aio.Run per iteration; ns/task is the figure to compare with
// goroutines+WaitGroup (BenchmarkGoroutinesWaitGroup).
func BenchmarkGatherYieldOnce(b *testing.B) {
	for _, n := range []int{100, 10000} {
		b.Run("n="+itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			coros := make([]aio.Awaitable[int], n)
			for range b.N {
				f := &gatherMainFrame{coros: coros}
				got, err := aio.Run(f.Init(f))
				if err != nil || got != n {
					b.Fatal(got, err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/task")
		})
	}
}

// BenchmarkGoroutinesWaitGroup is the goroutine equivalent of
// BenchmarkGatherYieldOnce: N goroutines that each yield once, joined with a
// WaitGroup, results collected in a slice.
func BenchmarkGoroutinesWaitGroup(b *testing.B) {
	for _, n := range []int{100, 10000} {
		b.Run("n="+itoa(n), func(b *testing.B) {
			b.ReportAllocs()
			res := make([]int, n)
			for range b.N {
				var wg sync.WaitGroup
				wg.Add(n)
				for i := range n {
					go func() {
						runtime.Gosched()
						res[i] = 1
						wg.Done()
					}()
				}
				wg.Wait()
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/task")
		})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// A gather counts a child that succeeded at once instead of through
// call-soon when nobody could tell (see countNow). A spectator stepping
// between the children's callbacks must still see the gather complete at
// exactly the callback where asyncio completes it, also when an earlier
// child's failure is still queued.
func TestGatherCompletesAtAsyncioCallback(t *testing.T) {
	var tr tracer
	child := func(name string, fail bool) aio.Coro[string] {
		return aio.Async(func() (string, error) {
			await0(aio.Sleep(0))
			tr.p("%s ends", name)
			if fail {
				return "", errors.New(name)
			}
			return name, nil
		})
	}
	runMain(t, func() (struct{}, error) {
		for _, c := range []struct{ results, fail bool }{{true, true}, {true, false}, {false, false}} {
			tr.p("-- return_exceptions=%s a fails=%s", pyBool(c.results), pyBool(c.fail))
			var done func() bool
			ta := aio.Spawn(child("a", c.fail))
			ts := aio.Spawn(aio.Async(func() (struct{}, error) {
				for i := range 5 {
					tr.p("spect %d done=%s", i, pyBool(done != nil && done()))
					await0(aio.Sleep(0))
				}
				return struct{}{}, nil
			}))
			tb := aio.Spawn(child("b", false))
			tc := aio.Spawn(child("c", false))
			var names []string
			var err error
			if c.results {
				g := aio.GatherResults[string](ta, tb, tc)
				done = g.Done
				rs, _ := aio.Await(g)
				for _, r := range rs {
					if r.Err != nil {
						names = append(names, r.Err.Error())
					} else {
						names = append(names, r.Value)
					}
				}
			} else {
				g := aio.Gather[string](ta, tb, tc)
				done = g.Done
				names, err = aio.Await(g)
			}
			if err != nil {
				tr.p("error %v", err)
			} else {
				tr.p("result %s", strings.Join(names, " "))
			}
			await0(ts)
		}
		return struct{}{}, nil
	})
	want := `-- return_exceptions=True a fails=True
spect 0 done=False
a ends
spect 1 done=False
b ends
c ends
spect 2 done=False
spect 3 done=True
result a b c
spect 4 done=True
-- return_exceptions=True a fails=False
spect 0 done=False
a ends
spect 1 done=False
b ends
c ends
spect 2 done=False
spect 3 done=True
result a b c
spect 4 done=True
-- return_exceptions=False a fails=False
spect 0 done=False
a ends
spect 1 done=False
b ends
c ends
spect 2 done=False
spect 3 done=True
result a b c
spect 4 done=True`
	tr.check(t, want)
	checkPython(t, `
async def child(name, fail):
    await asyncio.sleep(0)
    print(f"{name} ends")
    if fail:
        raise ValueError(name)
    return name

async def spect(box, n):
    for i in range(n):
        g = box.get("g")
        print(f"spect {i} done={g is not None and g.done()}")
        await asyncio.sleep(0)

async def main():
    for rexc, fail in ((True, True), (True, False), (False, False)):
        print(f"-- return_exceptions={rexc} a fails={fail}")
        box = {}
        ta = asyncio.create_task(child("a", fail))
        ts = asyncio.create_task(spect(box, 5))
        tb = asyncio.create_task(child("b", False))
        tc = asyncio.create_task(child("c", False))
        g = asyncio.gather(ta, tb, tc, return_exceptions=rexc)
        box["g"] = g
        try:
            r = await g
            print("result", " ".join(str(x) for x in r))
        except Exception as e:
            print("error", e)
        await ts
asyncio.run(main())
`, want)
}

// The tasks a gather makes for its coroutines are allocated together; each
// is still a task of its own, with its own identity, name and outcome.
func TestGatherCoroutineTasksAreDistinct(t *testing.T) {
	runMain(t, func() (struct{}, error) {
		var seen []aio.AnyTask
		mk := func(fail bool) aio.Coro[int] {
			return aio.Async(func() (int, error) {
				seen = append(seen, aio.CurrentTask())
				await0(aio.Sleep(0))
				if fail {
					return 0, errors.New("failed")
				}
				return len(seen), nil
			})
		}
		res := await0(aio.GatherResults(mk(false), mk(true), mk(false)))
		if len(seen) != 3 || seen[0] == seen[1] || seen[1] == seen[2] || seen[0] == seen[2] {
			t.Fatalf("tasks %v", seen)
		}
		first, _ := strconv.Atoi(strings.TrimPrefix(seen[0].Name(), "Task-"))
		for i, tk := range seen {
			if want := "Task-" + strconv.Itoa(first+i); tk.Name() != want || !tk.Done() {
				t.Errorf("task %d: %s done=%v, want %s done", i, tk.Name(), tk.Done(), want)
			}
		}
		if seen[1].Err() == nil || seen[0].Err() != nil || res[1].Err == nil || res[2].Value != 3 {
			t.Errorf("outcomes %v %v, results %+v", seen[0].Err(), seen[1].Err(), res)
		}
		return struct{}{}, nil
	})
}
