//go:build aiosrc

package corpus

import (
	"fmt"
	"strings"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func init() {
	register("var_shadowing", varShadowing)
	register("var_named_results", varNamedResults)
	register("var_loopvar_closures", varLoopvarClosures)
	register("var_loopvar_closures_range", varLoopvarClosuresRange)
	register("var_closure_by_reference", varClosureByReference)
	register("var_address_taken", varAddressTaken)
	register("var_generic", varGeneric)
	register("var_methods", varMethods)
	register("var_nested_async_closure", varNestedAsyncClosure)
	register("var_recursion", varRecursion)
	register("var_returns_func", varReturnsFunc)
	register("var_eager_prefix", varEagerPrefix)
	register("var_alias_unexported", varAliasUnexported)
	register("var_loopvar_tasks", varLoopvarTasks)
	register("var_zeroed_in_loop", varZeroedInLoop)
	register("var_generic_method", varGenericMethod)
	register("var_closure_modifies_param", varClosureModifiesParam)
	register("var_local_type", varLocalType)
}

func varShadowing(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		x := "outer"
		err := error(nil)
		if x := must(aio.Await(val(t, "x", 1))); x > 0 {
			t.P("inner x %d", x)
			x, err := aio.Await(val(t, "x2", x+1))
			t.P("inner2 x %d %v", x, err)
		}
		for x := 0; x < 2; x++ {
			aio.Await(aio.Yield())
			t.P("loop x %d", x)
		}
		return x + fmt.Sprint(err), nil
	})
}

func namedResults(t *T, fail bool) aio.Coro[int] {
	return aio.Async(func() (n int, err error) {
		n = must(aio.Await(val(t, "n", 4)))
		if fail {
			err = fmt.Errorf("failed with %d", n)
			return
		}
		n *= 2
		return
	})
}

func varNamedResults(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		a, err1 := aio.Await(namedResults(t, false))
		b, err2 := aio.Await(namedResults(t, true))
		return fmt.Sprint(a, err1, b, err2), nil
	})
}

func varLoopvarClosures(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var fns []func() int
		for i := 0; i < 3; i++ {
			fns = append(fns, func() int { return i })
			aio.Await(aio.Yield())
			i += 0
		}
		var out []int
		for _, f := range fns {
			out = append(out, f())
		}
		// A closure that modifies the loop variable affects that iteration.
		for i := 0; i < 6; i++ {
			skip := func() { i++ }
			aio.Await(aio.Yield())
			skip()
			out = append(out, i)
		}
		return fmt.Sprint(out), nil
	})
}

func varLoopvarClosuresRange(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var fns []func() string
		for i, s := range []string{"a", "b", "c"} {
			aio.Await(aio.Yield())
			fns = append(fns, func() string { return fmt.Sprint(i, s) })
		}
		var out []string
		for _, f := range fns {
			out = append(out, f())
		}
		return strings.Join(out, ","), nil
	})
}

func varClosureByReference(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		count := 0
		inc := func() { count++ }
		inc()
		aio.Await(aio.Yield())
		inc()
		t.P("count after await %d", count)
		count += 10
		aio.Await(aio.Yield())
		inc()
		get := func() int { return count }
		return fmt.Sprint(count, get()), nil
	})
}

func varAddressTaken(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		x := 1
		p := &x
		aio.Await(aio.Yield())
		*p = 5
		var ptrs []*int
		for i := 0; i < 3; i++ {
			ptrs = append(ptrs, &i)
			aio.Await(aio.Yield())
		}
		var sb strings.Builder
		sb.WriteString("a")
		aio.Await(aio.Yield())
		sb.WriteString("b")
		return fmt.Sprint(x, *ptrs[0], *ptrs[1], *ptrs[2], sb.String()), nil
	})
}

func sumAll[N int | float64](t *T, xs []N) aio.Coro[N] {
	return aio.Async(func() (N, error) {
		var total N
		for _, x := range xs {
			total += must(aio.Await(val(t, "x", x)))
		}
		return total, nil
	})
}

func varGeneric(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		a, _ := aio.Await(sumAll(t, []int{1, 2}))
		b, _ := aio.Await(sumAll(t, []float64{0.5, 0.25}))
		return fmt.Sprint(a, b), nil
	})
}

type account struct {
	name    string
	balance int
}

func (a *account) deposit(t *T, n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		aio.Await(aio.Yield())
		a.balance += n
		t.P("%s deposit %d", a.name, n)
		return a.balance, nil
	})
}

func (a account) describe(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		aio.Await(aio.Yield())
		return fmt.Sprintf("%s:%d", a.name, a.balance), nil
	})
}

func varMethods(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		acc := &account{name: "acc"}
		aio.Await(acc.deposit(t, 5))
		aio.Await(acc.deposit(t, 7))
		d := acc.describe(t) // value receiver: copies now
		acc.balance = 0
		s, _ := aio.Await(d)
		return s, nil
	})
}

func varNestedAsyncClosure(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		total := 0
		add := func(n int) aio.Coro[int] {
			return aio.Async(func() (int, error) {
				aio.Await(aio.Yield())
				total += n
				return total, nil
			})
		}
		aio.Await(add(1))
		aio.Await(add(2))
		inline := aio.Async(func() (string, error) {
			v, _ := aio.Await(val(t, "inline", total))
			return fmt.Sprint("inline ", v), nil
		})
		s, _ := aio.Await(inline)
		return fmt.Sprint(total, " ", s), nil
	})
}

func fib(t *T, n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		if n < 2 {
			return n, nil
		}
		a, _ := aio.Await(fib(t, n-1))
		b, _ := aio.Await(fib(t, n-2))
		return a + b, nil
	})
}

func varRecursion(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		v, err := aio.Await(fib(t, 12))
		return fmt.Sprint(v), err
	})
}

func makeAdder(t *T, base int) aio.Coro[func(int) int] {
	return aio.Async(func() (func(int) int, error) {
		b := must(aio.Await(val(t, "base", base)))
		return func(x int) int { return x + b }, nil
	})
}

func varReturnsFunc(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		add, _ := aio.Await(makeAdder(t, 10))
		return fmt.Sprint(add(5)), nil
	})
}

func eagerPrefix(t *T, n int) aio.Coro[int] {
	t.P("eager: called with %d", n)
	doubled := n * 2
	return aio.Async(func() (int, error) {
		t.P("lazy: running with %d", doubled)
		aio.Await(aio.Yield())
		return doubled, nil
	})
}

func varEagerPrefix(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		c := eagerPrefix(t, 4)
		t.P("created")
		v, _ := aio.Await(c)
		return fmt.Sprint(v), nil
	})
}

type (
	hidden  struct{ n int }
	aliased = hidden
	names   = []string
)

func varAliasUnexported(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		h := aliased{n: 1}
		var ns names
		aio.Await(aio.Yield())
		h.n += must(aio.Await(val(t, "h", hidden{2}))).n
		ns = append(ns, "x")
		return fmt.Sprint(h, ns), nil
	})
}

func varLoopvarTasks(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var tasks []*aio.Task[int]
		for i := 0; i < 3; i++ {
			tasks = append(tasks, aio.Spawn(aio.Async(func() (int, error) {
				aio.Await(aio.Yield())
				t.P("task sees i=%d", i)
				return i * i, nil
			})))
			aio.Await(aio.Yield())
		}
		sum := 0
		for _, tk := range tasks {
			sum += must(aio.Await(tk))
		}
		return fmt.Sprint(sum), nil
	})
}

func varZeroedInLoop(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var out []int
		for i := 0; i < 3; i++ {
			var acc int
			acc += i
			aio.Await(aio.Yield())
			var s []int
			s = append(s, acc)
			out = append(out, len(s), acc)
		}
		return fmt.Sprint(out), nil
	})
}

type box[V any] struct{ items []V }

func (b *box[V]) drain(t *T) aio.Coro[[]V] {
	return aio.Async(func() ([]V, error) {
		var out []V
		for len(b.items) > 0 {
			item := b.items[0]
			b.items = b.items[1:]
			aio.Await(aio.Yield())
			out = append(out, item)
		}
		return out, nil
	})
}

func varGenericMethod(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		b := &box[string]{items: []string{"p", "q"}}
		got, _ := aio.Await(b.drain(t))
		return fmt.Sprint(got), nil
	})
}

func varClosureModifiesParam(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		v, _ := aio.Await(paramShared(t, 1))
		return fmt.Sprint(v), nil
	})
}

func paramShared(t *T, n int) aio.Coro[int] {
	bump := func() { n += 100 }
	return aio.Async(func() (int, error) {
		aio.Await(aio.Yield())
		bump()
		return n, nil
	})
}

func varLocalType(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		type pair struct{ a, b int }
		const k = 3
		p := pair{1, k}
		p.a += k
		t.P("p=%v", p)
		aio.Await(aio.Yield())
		q := pair{a: k}
		return fmt.Sprint(q), nil
	})
}
