//go:build aiosrc

package corpus

// Spawns that the generator compiles to one allocation per task (the spawn
// companions of gen/spawn.go) must behave exactly like aio.Spawn of the
// coroutine: options, evaluation order, identity, cancellation, panics.

import (
	"fmt"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func init() {
	register("spawn_options", spawnOptions)
	register("spawn_eval_order", spawnEvalOrder)
	register("spawn_await_in_args", spawnAwaitInArgs)
	register("spawn_identity", spawnIdentity)
	register("spawn_cancel_before_start", spawnCancelBeforeStart)
	register("spawn_panic", spawnPanic)
	register("spawn_outside_loop", spawnOutsideLoop)
}

// whoami reports its task's name and returns n.
func whoami(t *T, n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		t.P("%d runs as %s", n, aio.CurrentTask().Name())
		aio.Await(aio.Yield())
		return n, nil
	})
}

// anonymous has unnamed and blank parameters.
func anonymous(int, string) aio.Coro[int] {
	return aio.Async(func() (int, error) { return 42, nil })
}

func spawnOptions(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		opts := []aio.TaskOption{aio.WithName("spread")}
		a := aio.Spawn(whoami(t, 1))
		b := aio.Spawn(whoami(t, 2), aio.WithName("named"))
		c := aio.Spawn(whoami(t, 3), opts...)
		d := aio.Spawn((whoami)(t, 4), aio.WithName("x"), aio.WithName("last wins"))
		e := aio.Spawn(anonymous(1, "ignored"))
		sum := 0
		for _, tk := range []*aio.Task[int]{a, b, c, d, e} {
			v, err := aio.Await(tk)
			if err != nil {
				return "", err
			}
			sum += v
		}
		return fmt.Sprint(sum, " ", a.Name()), nil
	})
}

func spawnEvalOrder(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		step := func(s string, v int) int { t.P("eval %s", s); return v }
		name := func(s string) aio.TaskOption { t.P("eval option %s", s); return aio.WithName(s) }
		tk := aio.Spawn(whoami(t, step("arg", 5)), name("opt"))
		t.P("spawned, not started: %v", tk.Done())
		v, err := aio.Await(tk)
		return fmt.Sprint(v), err
	})
}

func spawnAwaitInArgs(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		tk := aio.Spawn(whoami(t, must(aio.Await(val(t, "arg", 6)))), aio.WithName(fmt.Sprint("n", must(aio.Await(val(t, "opt", 7))))))
		v, err := aio.Await(tk)
		return fmt.Sprint(v), err
	})
}

func spawnIdentity(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var inside aio.AnyTask
		tk := aio.Spawn(func() aio.Coro[int] {
			return aio.Async(func() (int, error) {
				inside = aio.CurrentTask()
				return 1, nil
			})
		}())
		sleeper := aio.Spawn(nap(t, "sleeper", time.Second))
		aio.Await(aio.Yield())
		aio.Await(aio.Yield())
		t.P("current task is the spawned one: %v", inside == aio.AnyTask(tk))
		t.P("sleeper stack: %v", sleeper.Stack())
		found := false
		for _, x := range aio.AllTasks() {
			found = found || x == aio.AnyTask(sleeper)
		}
		t.P("sleeper listed: %v", found)
		sleeper.Cancel()
		_, err := aio.Await(sleeper)
		return fmt.Sprint(err, " ", sleeper.Cancelled()), nil
	})
}

func spawnCancelBeforeStart(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		tk := aio.Spawn(whoami(t, 8))
		tk.Cancel("too early")
		v, err := aio.Await(tk)
		_, rerr := tk.Result()
		return fmt.Sprint(v, " ", err, " ", rerr, " ", tk.Cancelled()), nil
	})
}

// taskBoom panics after a yield.
func taskBoom(t *T, msg string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		aio.Await(aio.Yield())
		t.P("boom %s", msg)
		panic(msg)
	})
}

func spawnPanic(t *T) aio.Coro[string] {
	return aio.Async(func() (s string, err error) {
		tk := aio.Spawn(taskBoom(t, "in task"))
		defer func() {
			if v := recover(); v != nil {
				s = fmt.Sprint("recovered ", v.(*aio.PanicError).Value, " done=", tk.Done())
			}
		}()
		aio.Await(tk)
		return "not reached", nil
	})
}

func spawnOutsideLoop(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		ch := make(chan error)
		go func() {
			tk := aio.Spawn(whoami(t, 9)) //aio:ignore AIO150 deliberate: the corpus checks the runtime refuses a foreign goroutine
			ch <- tk.Err()                //aio:ignore AIO150 deliberate: the corpus checks the runtime refuses a foreign goroutine
		}()
		err, _ := aio.Await(aio.Recv(ch))
		return fmt.Sprint(err), nil
	})
}
