package aio_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

type groupBody = func(g *aio.TaskGroup) aio.Coro[struct{}]

func bodyOf(fn func(g *aio.TaskGroup) (struct{}, error)) groupBody {
	return func(g *aio.TaskGroup) aio.Coro[struct{}] {
		return aio.Async(func() (struct{}, error) { return fn(g) })
	}
}

func TestTaskGroupWaitsForAllChildrenIncludingLaterOnes(t *testing.T) {
	var done []string
	runMain(t, func() (struct{}, error) {
		v, err := aio.Await(aio.Group(func(g *aio.TaskGroup) aio.Coro[int] {
			return aio.Async(func() (int, error) {
				aio.Spawn(aio.Async(func() (int, error) {
					await0(aio.Sleep(ms(10)))
					aio.Spawn(aio.Async(func() (int, error) {
						await0(aio.Sleep(ms(30)))
						done = append(done, "grandchild")
						return 0, nil
					}), aio.InGroup(g))
					done = append(done, "child")
					return 0, nil
				}), aio.InGroup(g))
				return 42, nil
			})
		}))
		if v != 42 || err != nil {
			t.Errorf("Group = %v, %v", v, err)
		}
		if strings.Join(done, ",") != "child,grandchild" || aio.CurrentLoop().Time() != ms(40) {
			t.Errorf("done %v at %v", done, aio.CurrentLoop().Time())
		}
		return struct{}{}, nil
	})
}

// The first child failure cancels the siblings and the body, and the group
// undoes its cancellation of the parent task.
func TestTaskGroupFirstFailureCancelsSiblingsAndBody(t *testing.T) {
	var tr tracer
	boom := errors.New("boom")
	runMain(t, func() (struct{}, error) {
		_, err := aio.Await(aio.Group(bodyOf(func(g *aio.TaskGroup) (struct{}, error) {
			aio.Spawn(aio.Async(func() (int, error) {
				_, err := aio.Await(aio.Sleep(time.Second))
				tr.p("sibling: %s", errRepr(err))
				return 0, err
			}), aio.InGroup(g))
			aio.Spawn(aio.Async(func() (int, error) {
				await0(aio.Sleep(ms(10)))
				tr.p("failing")
				return 0, boom
			}), aio.InGroup(g))
			_, err := aio.Await(aio.Sleep(time.Minute))
			tr.p("body: %s", errRepr(err))
			return struct{}{}, err
		})))
		var ge *aio.GroupError
		if !errors.As(err, &ge) || len(ge.Errors) != 1 || !errors.Is(err, boom) {
			t.Errorf("err = %v", err)
		}
		tr.p("after group: cancelling=%d", aio.CurrentTask().Cancelling())
		// The parent task is not left cancelled: it can await again.
		if _, err := aio.Await(aio.Sleep(ms(1))); err != nil {
			t.Errorf("parent still cancelled: %v", err)
		}
		return struct{}{}, nil
	})
	tr.check(t, `
failing
sibling: CancelledError ("",)
body: CancelledError ("",)
after group: cancelling=0`)
}

// Errors are joined in the order the children failed, body's error last.
func TestTaskGroupErrorsInFailureOrderBodyLast(t *testing.T) {
	e1, e2, eb := errors.New("second-spawned"), errors.New("first-spawned"), errors.New("body")
	runMain(t, func() (struct{}, error) {
		_, err := aio.Await(aio.Group(bodyOf(func(g *aio.TaskGroup) (struct{}, error) {
			// Created first, fails last: it fails in its cleanup.
			aio.Spawn(aio.Async(func() (int, error) {
				aio.Await(aio.Sleep(time.Second))
				return 0, e2
			}), aio.InGroup(g))
			aio.Spawn(aio.Async(func() (int, error) { return 0, e1 }), aio.InGroup(g))
			aio.Await(aio.Sleep(0))
			aio.Await(aio.Sleep(0))
			return struct{}{}, eb
		})))
		var ge *aio.GroupError
		if !errors.As(err, &ge) || len(ge.Errors) != 3 || ge.Errors[0] != e1 || ge.Errors[1] != e2 || ge.Errors[2] != eb {
			t.Errorf("err = %v", err)
		}
		for _, e := range []error{e1, e2, eb} {
			if !errors.Is(err, e) {
				t.Errorf("errors.Is(%v) false", e)
			}
		}
		return struct{}{}, nil
	})
}

func TestTaskGroupExternalCancelPropagatesPlainCancellation(t *testing.T) {
	runMain(t, func() (struct{}, error) {
		var child *aio.Task[int]
		runner := aio.Spawn(aio.Group(bodyOf(func(g *aio.TaskGroup) (struct{}, error) {
			child = aio.Spawn(sleepFor(time.Second, 1), aio.InGroup(g))
			_, err := aio.Await(aio.Sleep(time.Second))
			return struct{}{}, err
		})))
		await0(aio.Sleep(ms(10)))
		runner.Cancel()
		_, err := aio.Await(runner)
		var ge *aio.GroupError
		if !aio.IsCancelled(err) || errors.As(err, &ge) || !runner.Cancelled() || !child.Cancelled() {
			t.Errorf("err=%v runner cancelled=%v child cancelled=%v", err, runner.Cancelled(), child.Cancelled())
		}
		return struct{}{}, nil
	})
}

func TestTaskGroupChildCancelledElsewhereDoesNotAbort(t *testing.T) {
	runMain(t, func() (struct{}, error) {
		var k1, k2 *aio.Task[int]
		_, err := aio.Await(aio.Group(bodyOf(func(g *aio.TaskGroup) (struct{}, error) {
			k1 = aio.Spawn(sleepFor(time.Second, 1), aio.InGroup(g))
			k2 = aio.Spawn(sleepFor(ms(20), 2), aio.InGroup(g))
			await0(aio.Sleep(ms(1)))
			k1.Cancel()
			return struct{}{}, nil
		})))
		v, _ := k2.Result()
		if err != nil || !k1.Cancelled() || v != 2 {
			t.Errorf("err=%v k1 cancelled=%v k2=%v", err, k1.Cancelled(), v)
		}
		return struct{}{}, nil
	})
}

func TestTaskGroupSpawnIntoFinishedGroupFails(t *testing.T) {
	runMain(t, func() (struct{}, error) {
		var saved *aio.TaskGroup
		await0(aio.Group(bodyOf(func(g *aio.TaskGroup) (struct{}, error) {
			saved = g
			return struct{}{}, nil
		})))
		ran := false
		task := aio.Spawn(aio.Async(func() (int, error) { ran = true; return 0, nil }), aio.InGroup(saved))
		err := task.Err()
		if !task.Done() || !errors.Is(err, aio.ErrGroupClosed) || !strings.Contains(err.Error(), "finished") {
			t.Errorf("task: done=%v err=%v", task.Done(), err)
		}
		await0(aio.Sleep(ms(1)))
		if ran {
			t.Error("coroutine ran")
		}
		for _, other := range aio.AllTasks() {
			if other == aio.AnyTask(task) {
				t.Error("refused task listed in AllTasks")
			}
		}
		return struct{}{}, nil
	})
}

func TestTaskGroupSpawnIntoAbortingGroupFails(t *testing.T) {
	runMain(t, func() (struct{}, error) {
		var late *aio.Task[int]
		_, err := aio.Await(aio.Group(bodyOf(func(g *aio.TaskGroup) (struct{}, error) {
			aio.Spawn(aio.Async(func() (int, error) { return 0, errors.New("fail") }), aio.InGroup(g))
			aio.Await(aio.Sleep(time.Second)) // cancelled by the abort
			late = aio.Spawn(sleepFor(ms(1), 1), aio.InGroup(g))
			return struct{}{}, nil
		})))
		if err == nil {
			t.Error("group did not fail")
		}
		if e := late.Err(); !errors.Is(e, aio.ErrGroupClosed) || !strings.Contains(e.Error(), "shutting down") {
			t.Errorf("late spawn: %v", e)
		}
		return struct{}{}, nil
	})
}

// A panicking child aborts the group; once all children are done the
// panic propagates from Group.
func TestTaskGroupChildPanicPropagates(t *testing.T) {
	runMain(t, func() (struct{}, error) {
		var sibling *aio.Task[int]
		func() {
			defer func() {
				pe, ok := recover().(*aio.PanicError)
				if !ok || pe.Value != "kaboom" {
					t.Errorf("recovered %v", pe)
				}
			}()
			aio.Await(aio.Group(bodyOf(func(g *aio.TaskGroup) (struct{}, error) {
				sibling = aio.Spawn(sleepFor(time.Second, 1), aio.InGroup(g))
				aio.Spawn(aio.Async(func() (int, error) { panic("kaboom") }), aio.InGroup(g))
				return struct{}{}, nil
			})))
		}()
		if !sibling.Cancelled() {
			t.Error("sibling not cancelled")
		}
		return struct{}{}, nil
	})
}

// Group ports the Python behaviour of a body that catches the group's
// cancellation: the parent's cancelling() count is restored.
func TestTaskGroupMatchesAsyncioOnChildFailure(t *testing.T) {
	var tr tracer
	runMain(t, func() (struct{}, error) {
		tk := aio.Spawn(tickerCoro(&tr, 8))
		await0(aio.Sleep(0))
		_, err := aio.Await(aio.Group(bodyOf(func(g *aio.TaskGroup) (struct{}, error) {
			aio.Spawn(aio.Async(func() (int, error) {
				tr.p("child fails")
				return 0, &pyErr{"ValueError", "x"}
			}), aio.InGroup(g))
			_, err := aio.Await(aio.Sleep(time.Second))
			tr.p("body: %s cancelling=%d", errRepr(err), aio.CurrentTask().Cancelling())
			return struct{}{}, err
		})))
		var ge *aio.GroupError
		errors.As(err, &ge)
		tr.p("group: %d errors, cancelling=%d", len(ge.Errors), aio.CurrentTask().Cancelling())
		await0(tk)
		return struct{}{}, nil
	})
	want := `
tick 0
tick 1
child fails
tick 2
tick 3
body: CancelledError ("",) cancelling=1
group: 1 errors, cancelling=0
tick 4
tick 5
tick 6
tick 7`
	tr.check(t, want)
	checkPython(t, pyTicker+`
async def child():
    print("child fails")
    raise ValueError("x")

async def main():
    tk = asyncio.create_task(ticker(8))
    await asyncio.sleep(0)
    me = asyncio.current_task()
    try:
        async with asyncio.TaskGroup() as g:
            g.create_task(child())
            try:
                await asyncio.sleep(1)
            except asyncio.CancelledError:
                print(f'body: CancelledError ("",) cancelling={me.cancelling()}')
                raise
    except ExceptionGroup as eg:
        print(f"group: {len(eg.exceptions)} errors, cancelling={me.cancelling()}")
    await tk

asyncio.run(main())
`, want)
}

// Many children finishing out of creation order (exercises the list
// compaction); a late failure cancels exactly the ones still running.
func TestTaskGroupManyChildren(t *testing.T) {
	runMain(t, func() (struct{}, error) {
		const n = 300
		var tasks []*aio.Task[int]
		_, err := aio.Await(aio.Group(bodyOf(func(g *aio.TaskGroup) (struct{}, error) {
			for i := range n {
				d := ms((i*37)%100 + 1)
				if i == 150 {
					tasks = append(tasks, aio.Spawn(aio.Async(func() (int, error) {
						await0(aio.Sleep(ms(50) + time.Microsecond))
						return 0, errors.New("mid")
					}), aio.InGroup(g)))
					continue
				}
				tasks = append(tasks, aio.Spawn(sleepFor(d, i), aio.InGroup(g)))
			}
			return struct{}{}, nil
		})))
		if err == nil || err.Error() != "aio: unhandled errors in a TaskGroup (1 sub-exception); mid" {
			t.Errorf("err = %v", err)
		}
		finished, cancelled := 0, 0
		for _, task := range tasks {
			switch {
			case task.Cancelled():
				cancelled++
			case task.Done():
				finished++
			default:
				t.Fatal("group returned with a child still running")
			}
		}
		if finished+cancelled != n || cancelled == 0 || finished < n/2-1 {
			t.Errorf("finished %d cancelled %d", finished, cancelled)
		}
		return struct{}{}, nil
	})
}
