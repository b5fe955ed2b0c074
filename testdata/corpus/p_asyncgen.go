//go:build aiosrc

package corpus

// Async generators (aio.Generator): their bodies are ordinary async bodies,
// compiled like any other, whose frames move between the generator and the
// task asking for the next value. Oracle 40 plus the shapes users write:
// yields inside loops, switches and defers, a yield from a helper coroutine,
// generic and method generators, cancellation while the body sleeps, and
// generators driven by several tasks.

import (
	"errors"
	"fmt"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func init() {
	register("asyncgen_oracle40", asyncgenOracle40)
	register("asyncgen_shapes", asyncgenShapes)
	register("asyncgen_cancel", asyncgenCancel)
	register("asyncgen_tasks", asyncgenTasks)
	register("asyncgen_shutdown", asyncgenShutdown)
}

// thrown stands for Python's ValueError.
type thrown struct{ msg string }

func (e *thrown) Error() string { return "ValueError('" + e.msg + "')" }

// oracleGen is oracle 40's gen(name, n).
func oracleGen(t *T, name string, n int) *aio.Gen[any] {
	return aio.Generator(func(yield aio.YieldFunc[any]) aio.Coro[struct{}] {
		return aio.Async(func() (struct{}, error) {
			defer func() { // finally
				t.P("%s: finally (cleanup)", name)
				aio.Await(aio.Sleep(0))
				t.P("%s: finally done", name)
			}()
			for i := range n {
				aio.Await(aio.Sleep(0))
				t.P("%s: yield %d", name, i)
				got, err := aio.Await(yield(i))
				var te *thrown
				if errors.As(err, &te) {
					t.P("%s: caught thrown %v", name, err)
					_, err = aio.Await(yield("recovered"))
					return struct{}{}, err
				}
				if err != nil {
					return struct{}{}, err
				}
				if got != nil {
					t.P("%s: received '%v'", name, got)
				}
			}
			t.P("%s: exhausted", name)
			return struct{}{}, nil
		})
	})
}

func asyncgenOracle40(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		t.P("--- full iteration")
		g1 := oracleGen(t, "G1", 2)
		for {
			v, err := aio.Await(g1.Next())
			if err == aio.ErrStopAsyncIteration {
				break
			}
			t.P("consumer got %v", v)
		}

		t.P("--- explicit aclose mid-way")
		g2 := oracleGen(t, "G2", 5)
		t.P("first %v", must(aio.Await(g2.Next())))
		aio.Await(g2.Close())
		t.P("after aclose")
		if _, err := aio.Await(g2.Next()); err == aio.ErrStopAsyncIteration {
			t.P("anext after aclose -> StopAsyncIteration")
		}

		t.P("--- aclose on a never-started generator")
		g0 := oracleGen(t, "G0", 3)
		aio.Await(g0.Close())
		t.P("closed without running finally")

		t.P("--- break inside aclosing()")
		aio.Await(aio.Async(func() (struct{}, error) {
			g3 := oracleGen(t, "G3", 5)
			defer func() { aio.Await(g3.Close()) }()
			for {
				v, err := aio.Await(g3.Next())
				if err != nil {
					return struct{}{}, err
				}
				t.P("consumer got %v", v)
				if v == 1 {
					t.P("consumer: break")
					break
				}
			}
			return struct{}{}, nil
		}))
		t.P("after aclosing block")

		t.P("--- asend / athrow")
		g5 := oracleGen(t, "G5", 3)
		t.P("first %v", must(aio.Await(g5.Send(nil))))
		t.P("next %v", must(aio.Await(g5.Send("hello"))))
		t.P("athrow -> %v", must(aio.Await(g5.Throw(&thrown{"boom"}))))
		_, err := aio.Await(g5.Close())
		return fmt.Sprint(g5.Done()), err
	})
}

// emit is a helper coroutine that yields for the generator calling it.
func emit[V any](yield aio.YieldFunc[V], vs ...V) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for i, v := range vs {
			if _, err := aio.Await(yield(v)); err != nil {
				return i, err
			}
		}
		return len(vs), nil
	})
}

// pairs is a generic generator with yields in a switch, a nested loop and a
// helper coroutine.
func pairs[K comparable, V any](t *T, keys []K, val func(K) V) *aio.Gen[string] {
	return aio.Generator(func(yield aio.YieldFunc[string]) aio.Coro[struct{}] {
		return aio.Async(func() (struct{}, error) {
			for i, k := range keys {
				switch {
				case i%2 == 0:
					if _, err := aio.Await(yield(fmt.Sprintf("%v=%v", k, val(k)))); err != nil {
						return struct{}{}, err
					}
				default:
					for j := range 2 {
						aio.Await(aio.Yield())
						if _, err := aio.Await(yield(fmt.Sprintf("%v.%d", k, j))); err != nil {
							return struct{}{}, err
						}
					}
				}
			}
			n, err := aio.Await(emit(yield, "x", "y"))
			t.P("emit yielded %d", n)
			return struct{}{}, err
		})
	})
}

type shelf struct{ items []string }

// Items is a generator method.
func (s *shelf) Items(t *T) *aio.Gen[string] {
	return aio.Generator(func(yield aio.YieldFunc[string]) aio.Coro[struct{}] {
		return aio.Async(func() (struct{}, error) {
			defer t.P("shelf: done")
			for _, it := range s.items {
				sent, err := aio.Await(yield(it))
				if err != nil {
					return struct{}{}, err
				}
				if sent == "stop" {
					t.P("shelf: told to stop")
					return struct{}{}, nil
				}
			}
			return struct{}{}, nil
		})
	})
}

// drain collects a generator's values until it ends.
func drain[V any](g *aio.Gen[V]) aio.Coro[[]V] {
	return aio.Async(func() ([]V, error) {
		var out []V
		for {
			v, err := aio.Await(g.Next())
			if err == aio.ErrStopAsyncIteration {
				return out, nil
			}
			if err != nil {
				return out, err
			}
			out = append(out, v)
		}
	})
}

func asyncgenShapes(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		vals, err := aio.Await(drain(pairs(t, []int{1, 2, 3}, func(k int) string { return fmt.Sprint(k * k) })))
		t.P("pairs: %v %v", vals, err)

		s := &shelf{items: []string{"a", "b", "c"}}
		g := s.Items(t)
		t.P("shelf: %v", must(aio.Await(g.Next())))
		t.P("shelf: %v", must(aio.Await(g.Send("more"))))
		_, err = aio.Await(g.Send("stop"))
		t.P("stop -> %v, done: %v", err == aio.ErrStopAsyncIteration, g.Done())
		return "ok", nil
	})
}

// ticker yields forever, sleeping between values.
func ticker(t *T, name string) *aio.Gen[int] {
	return aio.Generator(func(yield aio.YieldFunc[int]) aio.Coro[struct{}] {
		return aio.Async(func() (struct{}, error) {
			defer t.P("%s: cleanup", name)
			for i := 0; ; i++ {
				if _, err := aio.Await(aio.Sleep(10)); err != nil {
					t.P("%s: sleep failed: %v", name, err)
					return struct{}{}, err
				}
				if _, err := aio.Await(yield(i)); err != nil {
					return struct{}{}, err
				}
			}
		})
	})
}

func asyncgenCancel(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		g := ticker(t, "T1")
		consumer := aio.Spawn(aio.Async(func() (int, error) {
			sum := 0
			for {
				v, err := aio.Await(g.Next())
				if err != nil {
					t.P("consumer: %v", err)
					return sum, err
				}
				sum += v
			}
		}))
		aio.Await(aio.Sleep(35))
		t.P("cancel consumer (generator running: %v)", g.Running())
		consumer.Cancel("enough")
		_, err := aio.Await(consumer)
		t.P("consumer -> %v; generator done: %v", err, g.Done())

		// A timeout around Next cancels the body where it sleeps.
		g2 := ticker(t, "T2")
		v, err := aio.Await(aio.WaitFor(g2.Next(), 25))
		t.P("first within 25: %d %v", v, err)
		_, err = aio.Await(aio.WaitFor(g2.Next(), 5))
		t.P("second within 5: %v; done: %v", err, g2.Done())
		return "ok", nil
	})
}

func asyncgenTasks(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		g := ticker(t, "shared")
		worker := func(name string) aio.Coro[struct{}] {
			return aio.Async(func() (struct{}, error) {
				for range 2 {
					v, err := aio.Await(g.Next())
					t.P("%s: %d %v", name, v, err)
				}
				return struct{}{}, nil
			})
		}
		_, err := aio.Await(aio.Gather(worker("w1"), worker("w2")))
		t.P("gather: %v", err)
		// The body moved between tasks; closing it from a third works too.
		_, err = aio.Await(aio.Spawn(aio.Async(func() (struct{}, error) {
			return aio.Await(g.Close())
		})))
		return fmt.Sprint(g.Done()), err
	})
}

func asyncgenShutdown(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		g := ticker(t, "left")
		v, _ := aio.Await(g.Next())
		lazy := ticker(t, "never started")
		_ = lazy
		t.P("main returns after %d; Run closes the rest", v)
		return "ok", nil
	})
}
