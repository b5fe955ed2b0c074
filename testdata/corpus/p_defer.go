//go:build aiosrc

package corpus

import (
	"errors"
	"fmt"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func init() {
	register("defer_lifo_args", deferLIFOArgs)
	register("defer_named_result_modify", deferNamedResultModify)
	register("defer_recover_panic", deferRecoverPanic)
	register("defer_recover_after_await", deferRecoverAfterAwait)
	register("defer_panic_propagates", deferPanicPropagates)
	register("defer_async_cleanup", deferAsyncCleanup)
	register("defer_on_cancel", deferOnCancel)
	register("defer_in_loop", deferInLoop)
	register("defer_recover_helper", deferRecoverHelper)
	register("defer_panic_in_defer", deferPanicInDefer)
	register("defer_child_panic_recovered", deferChildPanicRecovered)
	register("defer_method_value", deferMethodValue)
	register("defer_no_await_body", deferNoAwaitBody)
	register("panic_in_body", panicInBody)
	register("panic_child_awaited", panicChildAwaited)
}

func deferLIFOArgs(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		x := 1
		defer t.P("deferred x=%d", x) // args evaluated now
		x = 2
		defer func() { t.P("closure x=%d", x) }()
		aio.Await(aio.Yield())
		x = 3
		return "body", nil
	})
}

func namedDefer(t *T) aio.Coro[int] {
	return aio.Async(func() (n int, err error) {
		defer func() {
			n *= 10
			if err != nil {
				err = fmt.Errorf("wrapped: %w", err)
			}
		}()
		n = must(aio.Await(val(t, "n", 4)))
		return n + 1, errors.New("inner")
	})
}

func deferNamedResultModify(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		n, err := aio.Await(namedDefer(t))
		return fmt.Sprint(n, err), nil
	})
}

func deferRecoverPanic(t *T) aio.Coro[string] {
	return aio.Async(func() (s string, err error) {
		defer func() {
			if r := recover(); r != nil {
				s = fmt.Sprint("recovered: ", r)
			}
		}()
		aio.Await(aio.Yield())
		panic("oops")
	})
}

func recoverAfterAwait(t *T) aio.Coro[int] {
	return aio.Async(func() (n int, err error) {
		defer func() {
			r := recover()
			t.P("recover %v", r)
			n = -1
		}()
		var m map[string]int
		aio.Await(aio.Yield())
		m["x"] = 1 // nil map write panics
		return 5, nil
	})
}

func deferRecoverAfterAwait(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		n, err := aio.Await(recoverAfterAwait(t))
		return fmt.Sprint(n, err), nil
	})
}

func deferPanicPropagates(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		defer t.P("deferred runs before the panic leaves")
		aio.Await(aio.Yield())
		panic(fmt.Sprint("escaping"))
	})
}

func deferAsyncCleanup(t *T) aio.Coro[string] {
	return aio.Async(func() (s string, err error) {
		defer t.P("plain defer (runs last)")
		defer func() {
			t.P("async cleanup starts")
			v, _ := aio.Await(val(t, "cleanup", 1))
			if r := recover(); r != nil {
				s = fmt.Sprint("cleaned after ", r, v)
			}
		}()
		aio.Await(aio.Yield())
		panic("fail in body")
	})
}

func deferOnCancel(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		worker := aio.Spawn(aio.Async(func() (int, error) {
			defer t.P("worker defer runs")
			defer func() {
				aio.Await(aio.Yield())
				t.P("worker async cleanup after cancel")
			}()
			_, err := aio.Await(nap(t, "worker", 1000))
			return 0, err
		}))
		aio.Await(aio.Yield())
		aio.Await(aio.Yield())
		worker.Cancel("stop")
		_, err := aio.Await(worker)
		return fmt.Sprint("worker: ", err, " cancelled=", worker.Cancelled()), nil
	})
}

func deferInLoop(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		for i := 0; i < 3; i++ {
			defer t.P("loop defer %d", i)
			aio.Await(aio.Yield())
		}
		return "ok", nil
	})
}

func handlePanic(t *T) {
	if r := recover(); r != nil {
		t.P("helper recovered %v", r)
	}
}

func deferRecoverHelper(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		defer handlePanic(t) // recover in a function deferred directly works
		aio.Await(aio.Yield())
		panic("to helper")
	})
}

func deferPanicInDefer(t *T) aio.Coro[string] {
	return aio.Async(func() (s string, err error) {
		defer func() {
			s = fmt.Sprint("final recover: ", recover())
		}()
		defer func() {
			panic("second")
		}()
		aio.Await(aio.Yield())
		panic("first")
	})
}

func boom(t *T) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		aio.Await(aio.Yield())
		panic("child boom")
	})
}

func deferChildPanicRecovered(t *T) aio.Coro[string] {
	return aio.Async(func() (s string, err error) {
		defer func() {
			if r := recover(); r != nil {
				pe, _ := r.(*aio.PanicError)
				s = fmt.Sprint("caught child panic: ", pe.Value)
			}
		}()
		aio.Await(boom(t))
		return "not reached", nil
	})
}

type logger struct {
	t    *T
	name string
}

func (l logger) close() { l.t.P("close %s", l.name) }

func deferMethodValue(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		lg := logger{t, "first"}
		defer lg.close() // receiver evaluated now
		lg.name = "second"
		defer lg.close()
		aio.Await(aio.Yield())
		return "ok", nil
	})
}

func deferNoAwaitBody(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		defer t.P("deferred in a body that never awaits")
		return "ok", nil
	})
}

func panicInBody(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		aio.Await(aio.Yield())
		var xs []int
		_ = xs[3]
		return "", nil
	})
}

func panicChildAwaited(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		task := aio.Spawn(boom(t))
		t.P("awaiting the task")
		aio.Await(task) // re-panics here, and nothing recovers
		return "not reached", nil
	})
}
