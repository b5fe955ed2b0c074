//go:build aiosrc

package corpus

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func init() {
	register("task_spawn_order", taskSpawnOrder)
	register("task_gather", taskGather)
	register("task_cancel_handled", taskCancelHandled)
	register("task_cancel_swallowed", taskCancelSwallowed)
	register("task_wait_for_timeout", taskWaitForTimeout)
	register("task_future_set_later", taskFutureSetLater)
	register("task_errors_is", taskErrorsIs)
	register("task_stack", taskStack)
	register("task_coffee", taskCoffee)
	register("task_pipeline", taskPipeline)
	register("torture_post_await", torturePostAwait)
	register("torture_deep_nesting", tortureDeepNesting)
	register("torture_select_labeled", tortureSelectLabeled)
	register("torture_defer_recover_await", tortureDeferRecoverAwait)
	register("torture_closure_tasks", tortureClosureTasks)
	register("torture_everything", tortureEverything)
	register("torture_goto_loop", tortureGotoLoop)
	register("torture_await_everywhere", tortureAwaitEverywhere)
}

func taskSpawnOrder(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		a := aio.Spawn(nap(t, "a", 20*time.Millisecond))
		b := aio.Spawn(nap(t, "b", 10*time.Millisecond))
		c := aio.Spawn(val(t, "c", 0))
		t.P("spawned")
		x, _ := aio.Await(a)
		y, _ := aio.Await(b)
		z, _ := aio.Await(c)
		return fmt.Sprint(x, y, z), nil
	})
}

func taskGather(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		res, err := aio.Await(aio.Gather[int](nap(t, "g1", 30*time.Millisecond), nap(t, "g2", 10*time.Millisecond), val(t, "g3", 7)))
		if err != nil {
			return "", err
		}
		_, err = aio.Await(aio.Gather[int](nap(t, "h1", 5*time.Millisecond), fail(t, "h2")))
		return fmt.Sprint(res, err), nil
	})
}

func taskCancelHandled(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		w := aio.Spawn(aio.Async(func() (string, error) {
			for i := 0; ; i++ {
				if _, err := aio.Await(aio.Sleep(10 * time.Millisecond)); err != nil {
					t.P("worker cancelled at %d: %v", i, errors.Is(err, aio.ErrCancelled))
					return "stopped", err
				}
				t.P("worker tick %d", i)
			}
		}))
		aio.Await(aio.Sleep(35 * time.Millisecond))
		w.Cancel()
		s, err := aio.Await(w)
		return fmt.Sprint(s, " ", errors.Is(err, aio.ErrCancelled), w.Cancelled()), nil
	})
}

func taskCancelSwallowed(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		w := aio.Spawn(aio.Async(func() (string, error) {
			_, err := aio.Await(aio.Sleep(time.Second))
			t.P("swallowing %v", err != nil)
			aio.Await(aio.Yield())
			return "survived", nil
		}))
		aio.Await(aio.Yield())
		w.Cancel()
		s, err := aio.Await(w)
		return fmt.Sprint(s, " ", err), nil
	})
}

func taskWaitForTimeout(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		_, err := aio.Await(aio.WaitFor[int](nap(t, "slow", time.Second), 50*time.Millisecond))
		v, err2 := aio.Await(aio.WaitFor[int](nap(t, "fast", 10*time.Millisecond), 50*time.Millisecond))
		return fmt.Sprint(errors.Is(err, aio.ErrTimeout), v, err2), nil
	})
}

func taskFutureSetLater(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		f := aio.NewFuture[string]()
		aio.Spawn(aio.Async(func() (int, error) { //aio:ignore AIO300 deliberately not kept: the program learns its outcome another way
			aio.Await(aio.Sleep(5 * time.Millisecond))
			t.P("setting")
			f.SetResult("hello")
			return 0, nil
		}))
		s, err := aio.Await(f)
		s2, _ := aio.Await(f) // already done: no suspension
		return s + s2 + fmt.Sprint(err), nil
	})
}

func taskErrorsIs(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		_, err := aio.Await(fail(t, "bad"))
		var es errorString
		if errors.As(err, &es) {
			return "as " + string(es), nil
		}
		return "no", nil
	})
}

func taskStack(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		task := aio.Spawn(aio.Async(func() (int, error) {
			aio.Await(nap(t, "deep", 10*time.Millisecond))
			return 0, nil
		}))
		aio.Await(aio.Yield())
		aio.Await(aio.Yield())
		var fns []string
		for _, fr := range task.Stack() {
			fns = append(fns, fr.Function)
		}
		aio.Await(task)
		return strings.Join(fns, " <- "), nil
	})
}

func brew(t *T, order int, d time.Duration) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		t.P("order %d: brewing (%v)", order, d)
		if _, err := aio.Await(aio.Sleep(d)); err != nil {
			return "", err
		}
		return fmt.Sprintf("coffee #%d", order), nil
	})
}

func taskCoffee(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		cups, err := aio.Await(aio.Gather[string](brew(t, 1, 3*time.Second), brew(t, 2, time.Second), brew(t, 3, 2*time.Second)))
		return strings.Join(cups, ", "), err
	})
}

func taskPipeline(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		q := make(chan int, 10)
		done := aio.NewFuture[int]()
		aio.Spawn(aio.Async(func() (int, error) { //aio:ignore AIO300 deliberately not kept: the program learns its outcome another way
			for i := 1; i <= 3; i++ {
				aio.Await(aio.Sleep(time.Millisecond))
				q <- i //aio:ignore AIO261 deliberate: a buffered or ready channel the corpus knows cannot block
				t.P("produced %d", i)
			}
			close(q)
			return 0, nil
		}))
		aio.Spawn(aio.Async(func() (int, error) { //aio:ignore AIO300 deliberately not kept: the program learns its outcome another way
			sum := 0
			for {
				select {
				case v, ok := <-q:
					if !ok {
						done.SetResult(sum)
						return sum, nil
					}
					sum += v
					t.P("consumed %d", v)
				default:
					aio.Await(aio.Sleep(time.Millisecond / 2))
				}
			}
		}))
		sum, err := aio.Await(done)
		return fmt.Sprint(sum), err
	})
}

func torturePostAwait(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var out []string
	outer:
		for i := 0; i < 3; i, _ = i+1, must(aio.Await(val(t, "post-i", 0))) {
			for j := must(aio.Await(val(t, "init-j", 0))); j < must(aio.Await(val(t, "cond-j", 2))); j += must(aio.Await(val(t, "post-j", 1))) {
				if i == 1 {
					continue outer
				}
				out = append(out, fmt.Sprint(i, j))
			}
		}
		return strings.Join(out, " "), nil
	})
}

func tortureDeepNesting(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var out []string
		for i := 0; i < 4; i++ {
			if i%2 == 0 {
				for j := range 3 {
					switch {
					case j == 0:
						switch k := must(aio.Await(val(t, "k", i+j))); k {
						case 0:
							out = append(out, "zero")
						case 2:
							if must(aio.Await(val(t, "deep", true))) {
								out = append(out, "deep-two")
								continue
							}
						default:
							out = append(out, fmt.Sprint("k", k))
						}
					case j == must(aio.Await(val(t, "j1", 1))):
						out = append(out, "j1")
					default:
						if i == 2 {
							break
						}
						out = append(out, "dflt")
					}
				}
			} else {
				aio.Await(aio.Yield())
			}
		}
		return strings.Join(out, ","), nil
	})
}

func tortureSelectLabeled(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		a := make(chan int, 5)
		b := make(chan string, 5)
		for i := 0; i < 5; i++ {
			a <- i //aio:ignore AIO261 deliberate: a buffered or ready channel the corpus knows cannot block
		}
		n := 0
	loop:
		for round := 0; ; round++ {
			// Only one channel is ready at a time: select picks at random
			// among ready cases.
			ach := a
			if round >= 3 {
				ach = nil
				b <- "stop"
			}
			select { //aio:ignore AIO261 deliberate: a buffered or ready channel the corpus knows cannot block
			case v := <-ach:
				n += must(aio.Await(val(t, "a", v)))
				if n > 3 {
					continue loop
				}
			case s := <-b:
				aio.Await(aio.Yield())
				t.P("b %s at round %d", s, round)
				break loop
			}
			t.P("after select n=%d", n)
		}
		return fmt.Sprint(n), nil
	})
}

func tortureDeferRecoverAwait(t *T) aio.Coro[string] {
	inner := func(depth int) aio.Coro[string] {
		return aio.Async(func() (res string, err error) {
			defer func() {
				if r := recover(); r != nil {
					aio.Await(aio.Sleep(time.Millisecond))
					res = fmt.Sprint("recovered at depth ", depth, ": ", r)
				}
			}()
			for i := 0; i < depth; i++ {
				aio.Await(aio.Yield())
				defer t.P("unwind %d", i)
			}
			panic(fmt.Sprint("deep ", depth))
		})
	}
	return aio.Async(func() (string, error) {
		a, _ := aio.Await(inner(2))
		b, _ := aio.Await(inner(0))
		return a + "; " + b, nil
	})
}

func tortureClosureTasks(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		results := map[string]int{}
		var tasks []*aio.Task[int]
		for i, name := range []string{"x", "y", "z"} {
			mult := must(aio.Await(val(t, "mult", i+1)))
			tasks = append(tasks, aio.Spawn(aio.Async(func() (int, error) {
				aio.Await(aio.Sleep(time.Duration(3-i) * time.Millisecond))
				results[name] = mult * 10
				t.P("task %s done", name)
				return i, nil
			})))
		}
		for _, tk := range tasks {
			aio.Await(tk)
		}
		return fmt.Sprint(results), nil
	})
}

func tortureEverything(t *T) aio.Coro[string] {
	return aio.Async(func() (out string, err error) {
		defer func() { out = "[" + out + "]" }()
		log := func(s string) { out += s }
		type item struct {
			name string
			n    int
		}
		items := []item{{"a", 1}, {"b", 2}, {"c", 3}}
		for idx, it := range items {
			switch v := any(it.n).(type) {
			case int:
				if v%2 == 1 && must(aio.Await(val(t, it.name, true))) {
					log(fmt.Sprint(idx, it.name))
				} else {
					r, err := aio.Await(fail(t, it.name))
					log(fmt.Sprint("e", r, err))
				}
			}
		}
		return out, nil
	})
}

func tortureGotoLoop(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		i, acc := 0, ""
	top:
		if i >= 3 {
			goto end
		}
		acc += must(aio.Await(val(t, "s", fmt.Sprint(i))))
		i++
		goto top
	end:
		return acc, nil
	})
}

func tortureAwaitEverywhere(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		m := map[int][]int{1: {5, 6}}
		get := func(k int) int { t.P("get %d", k); return k }
		x := m[must(aio.Await(val(t, "k", get(1))))][must(aio.Await(val(t, "i", 1)))] + get(2)*must(aio.Await(val(t, "f", 3)))
		y := fmt.Sprint(must(aio.Await(val(t, "s1", "a"))), get(3), must(aio.Await(val(t, "s2", "b"))))
		return fmt.Sprint(x, y), nil
	})
}
