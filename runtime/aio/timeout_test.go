package aio_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func sleepFor(d time.Duration, v int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		if _, err := aio.Await(aio.Sleep(d)); err != nil {
			return 0, err
		}
		return v, nil
	})
}

func TestTimeoutScopeReturnsValueInTime(t *testing.T) {
	runMain(t, func() (struct{}, error) {
		v, err := aio.Await(aio.Timeout(time.Second, sleepFor(ms(10), 4)))
		if v != 4 || err != nil {
			t.Errorf("Timeout = %v, %v", v, err)
		}
		if n := aio.CurrentTask().Cancelling(); n != 0 {
			t.Errorf("cancelling = %d", n)
		}
		return struct{}{}, nil
	})
}

// The scope's own cancellation becomes ErrTimeout, and the task's
// cancellation count is restored.
func TestTimeoutScopeConvertsItsOwnCancellation(t *testing.T) {
	runMain(t, func() (struct{}, error) {
		start := aio.CurrentLoop().Time()
		_, err := aio.Await(aio.Timeout(ms(20), sleepFor(time.Second, 1)))
		if !errors.Is(err, aio.ErrTimeout) || !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("err = %v", err)
		}
		if d := aio.CurrentLoop().Time() - start; d != ms(20) {
			t.Errorf("took %v", d)
		}
		if n := aio.CurrentTask().Cancelling(); n != 0 {
			t.Errorf("cancelling = %d after the scope", n)
		}
		// The task carries on normally.
		if v := await0(sleepFor(ms(1), 2)); v != 2 {
			t.Error("task unusable after timeout")
		}
		return struct{}{}, nil
	})
}

// Timeout runs the coroutine inline in the calling task: no new task.
func TestTimeoutScopeRunsInlineInTheCurrentTask(t *testing.T) {
	runMain(t, func() (struct{}, error) {
		outer := aio.CurrentTask()
		var inner aio.AnyTask
		await0(aio.Timeout(time.Second, aio.Async(func() (int, error) {
			inner = aio.CurrentTask()
			return 0, nil
		})))
		if inner != outer {
			t.Error("body ran in another task")
		}
		return struct{}{}, nil
	})
}

// When the task is also cancelled by someone else, the cancellation is not
// the scope's to convert: it propagates.
func TestTimeoutScopeExternalCancellationPropagates(t *testing.T) {
	var tr tracer
	runMain(t, func() (struct{}, error) {
		var self aio.AnyTask
		task := aio.Spawn(aio.Async(func() (int, error) {
			self = aio.CurrentTask()
			v, err := aio.Await(aio.TimeoutScopeAt(aio.CurrentLoop().Time()+ms(10), func(s *aio.TimeoutScope) aio.Coro[int] {
				return aio.Async(func() (int, error) {
					_, err := aio.Await(aio.Sleep(time.Second))
					tr.p("body: %s", errRepr(err))
					return 0, err
				})
			}))
			tr.p("scope: %s cancelling=%d", errRepr(err), self.Cancelling())
			return v, err
		}))
		// No message: a second cancel in the same iteration (the scope's)
		// currently drops the first one's message in the core.
		aio.CurrentLoop().CallLater(ms(10), func() { task.Cancel() })
		_, err := aio.Await(task)
		tr.p("task: %s cancelled=%v", errRepr(err), task.Cancelled())
		return struct{}{}, nil
	})
	want := `
body: CancelledError ("",)
scope: CancelledError ("",) cancelling=1
task: CancelledError ("",) cancelled=true`
	tr.check(t, want)
	checkPython(t, `
def r(e): return f'CancelledError ("{e.args[0] if e.args else ""}",)' if isinstance(e, asyncio.CancelledError) else type(e).__name__

async def main():
    async def body():
        self = asyncio.current_task()
        try:
            async with asyncio.timeout_at(asyncio.get_running_loop().time() + 0.01):
                try:
                    await asyncio.sleep(1)
                except BaseException as e:
                    print(f"body: {r(e)}")
                    raise
        except BaseException as e:
            print(f"scope: {r(e)} cancelling={self.cancelling()}")
            raise
    task = asyncio.create_task(body())
    asyncio.get_running_loop().call_later(0.01, task.cancel)
    try:
        await task
    except BaseException as e:
        print(f"task: {r(e)} cancelled={str(task.cancelled()).lower()}")

asyncio.run(main())
`, want)
}

// A body that swallows the scope's cancellation returns its value; the
// scope reports expired but raises nothing.
func TestTimeoutScopeSwallowedCancellationReturnsValue(t *testing.T) {
	runMain(t, func() (struct{}, error) {
		var scope *aio.TimeoutScope
		v, err := aio.Await(aio.TimeoutScopeAt(aio.CurrentLoop().Time()+ms(5), func(s *aio.TimeoutScope) aio.Coro[string] {
			scope = s
			return aio.Async(func() (string, error) {
				if _, err := aio.Await(aio.Sleep(time.Second)); err != nil {
					return "swallowed", nil
				}
				return "normal", nil
			})
		}))
		if v != "swallowed" || err != nil || !scope.Expired() {
			t.Errorf("got %q, %v; expired=%v", v, err, scope.Expired())
		}
		return struct{}{}, nil
	})
}

func TestTimeoutScopeRescheduleMovesTheDeadline(t *testing.T) {
	runMain(t, func() (struct{}, error) {
		var scope *aio.TimeoutScope
		l := aio.CurrentLoop()
		start := l.Time()
		_, err := aio.Await(aio.TimeoutScopeAt(start+ms(10), func(s *aio.TimeoutScope) aio.Coro[int] {
			scope = s
			return aio.Async(func() (int, error) {
				if err := s.Reschedule(l.Time() + ms(50)); err != nil {
					return 0, err
				}
				if s.When() != start+ms(50) {
					t.Errorf("When = %v", s.When())
				}
				return aio.Await(sleepFor(time.Second, 1))
			})
		}))
		if !errors.Is(err, aio.ErrTimeout) || l.Time()-start != ms(50) {
			t.Errorf("err=%v after %v", err, l.Time()-start)
		}
		if err := scope.Reschedule(l.Time() + time.Second); err == nil {
			t.Error("Reschedule after expiry succeeded")
		}
		// NoDeadline disables the timer.
		v, err := aio.Await(aio.TimeoutScopeAt(l.Time()+ms(1), func(s *aio.TimeoutScope) aio.Coro[int] {
			s.Reschedule(aio.NoDeadline)
			return sleepFor(ms(20), 9)
		}))
		if v != 9 || err != nil {
			t.Errorf("NoDeadline: %v %v", v, err)
		}
		return struct{}{}, nil
	})
}

// A deadline in the past fires on the next iteration.
func TestTimeoutAtPastDeadlineFiresAtOnce(t *testing.T) {
	runMain(t, func() (struct{}, error) {
		_, err := aio.Await(aio.TimeoutAt(aio.CurrentLoop().Time()-time.Second, sleepFor(time.Second, 1)))
		if !errors.Is(err, aio.ErrTimeout) {
			t.Errorf("err = %v", err)
		}
		return struct{}{}, nil
	})
}

// Nested scopes: only the scope whose deadline passed converts the
// cancellation; the outer one passes the ErrTimeout through.
func TestNestedTimeoutScopesConvertOnlyTheirOwn(t *testing.T) {
	runMain(t, func() (struct{}, error) {
		var outerScope *aio.TimeoutScope
		_, err := aio.Await(aio.TimeoutScopeAt(aio.CurrentLoop().Time()+time.Second, func(s *aio.TimeoutScope) aio.Coro[int] {
			outerScope = s
			return aio.Timeout(ms(10), sleepFor(time.Minute, 1))
		}))
		if !errors.Is(err, aio.ErrTimeout) || outerScope.Expired() {
			t.Errorf("inner expiry: err=%v outer expired=%v", err, outerScope.Expired())
		}
		// Outer expires first: the inner scope lets the cancellation
		// through and the outer converts it.
		_, err = aio.Await(aio.Timeout(ms(10), aio.Timeout(time.Second, sleepFor(time.Minute, 1))))
		if !errors.Is(err, aio.ErrTimeout) || aio.CurrentTask().Cancelling() != 0 {
			t.Errorf("outer expiry: err=%v cancelling=%d", err, aio.CurrentTask().Cancelling())
		}
		return struct{}{}, nil
	})
}

func TestTimeoutScopePanicPropagatesAndDisarms(t *testing.T) {
	runMain(t, func() (struct{}, error) {
		func() {
			defer func() {
				if _, ok := recover().(*aio.PanicError); !ok {
					t.Error("panic not propagated")
				}
			}()
			aio.Await(aio.Timeout(ms(10), aio.Async(func() (int, error) { panic("boom") })))
		}()
		// The disarmed timer must not cancel us later.
		if _, err := aio.Await(aio.Sleep(ms(50))); err != nil {
			t.Errorf("late timeout fired: %v", err)
		}
		return struct{}{}, nil
	})
}
