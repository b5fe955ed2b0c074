//go:build aiosrc

package corpus

import (
	"fmt"
	"strings"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func init() {
	register("expr_straight", exprStraight)
	register("expr_assign_forms", exprAssignForms)
	register("expr_call_args_order", exprCallArgsOrder)
	register("expr_index_lhs_order", exprIndexLHSOrder)
	register("expr_op_assign", exprOpAssign)
	register("expr_composite", exprComposite)
	register("expr_return_await", exprReturnAwait)
	register("expr_nested_await", exprNestedAwait)
	register("expr_logical", exprLogical)
	register("expr_index_slice", exprIndexSlice)
	register("expr_method_receiver", exprMethodReceiver)
	register("expr_ready_future", exprReadyFuture)
	register("expr_failed_future", exprFailedFuture)
	register("expr_binary_mix", exprBinaryMix)
	register("expr_type_assert", exprTypeAssert)
	register("expr_send_incdec", exprSendIncDec)
	register("expr_interface_awaitable", exprInterfaceAwaitable)
	register("expr_conversion", exprConversion)
}

func exprStraight(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		t.P("start")
		a, err := aio.Await(val(t, "a", 1))
		t.P("a=%d err=%v", a, err)
		aio.Await(aio.Yield())
		b, _ := aio.Await(val(t, "b", "two"))
		return fmt.Sprint(a, b), nil
	})
}

func exprAssignForms(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var x int
		x, _ = aio.Await(val(t, "x", 1))
		y, err := aio.Await(val(t, "y", 2))
		if err != nil {
			return "", err
		}
		z, err := aio.Await(val(t, "z", 3)) // redeclares err
		var w, _ = aio.Await(val(t, "w", 4))
		var v int = must(aio.Await(val(t, "v", 5)))
		var s struct{ a, b int }
		s.a, s.b = must(aio.Await(val(t, "sa", 6))), must(aio.Await(val(t, "sb", 7)))
		return fmt.Sprint(x, y, z, w, v, s, err), nil
	})
}

func exprCallArgsOrder(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		f := func(tag string, v int) int { t.P("call %s", tag); return v }
		sum := func(a, b, c, d int) int { return a + b + c + d }
		r := sum(f("a", 1), must(aio.Await(val(t, "b", 2))), f("c", 3), must(aio.Await(val(t, "d", 4))))
		return fmt.Sprint(r), nil
	})
}

func exprIndexLHSOrder(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		a := make([]int, 4)
		idx := func(i int) int { t.P("index %d", i); return i }
		g := func() int { t.P("g"); return 10 }
		f := func(x, y int) int { t.P("f %d %d", x, y); return x + y }
		a[idx(2)] = f(g(), must(aio.Await(val(t, "h", 5))))
		m := map[string]int{}
		m[fmt.Sprint("k", idx(1))], a[idx(0)] = must(aio.Await(val(t, "m", 7))), g()
		return fmt.Sprint(a, m), nil
	})
}

func exprOpAssign(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		x := 10
		bump := func() aio.Coro[int] {
			return aio.Async(func() (int, error) {
				x = 100 // x is read after the await, as Go specifies
				return 1, nil
			})
		}
		x += must(aio.Await(bump()))
		s := "a"
		s += must(aio.Await(val(t, "s", "b")))
		arr := []int{1, 2, 3}
		i := 0
		arr[i] *= must(aio.Await(val(t, "mul", 5)))
		return fmt.Sprint(x, s, arr), nil
	})
}

type point struct{ X, Y int }

func exprComposite(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		p := point{X: must(aio.Await(val(t, "x", 1))), Y: must(aio.Await(val(t, "y", 2)))}
		s := []int{must(aio.Await(val(t, "s0", 3))), 4, must(aio.Await(val(t, "s2", 5)))}
		m := map[string]int{must(aio.Await(val(t, "k", "key"))): must(aio.Await(val(t, "v", 6)))}
		pp := &point{must(aio.Await(val(t, "px", 7))), 8}
		return fmt.Sprint(p, s, m, *pp), nil
	})
}

func exprReturnAwait(t *T) aio.Coro[string] {
	inner := func() aio.Coro[string] {
		return aio.Async(func() (string, error) {
			return aio.Await(val(t, "inner", "deep"))
		})
	}
	return aio.Async(func() (string, error) {
		s, err := aio.Await(inner())
		return strings.ToUpper(s) + must(aio.Await(val(t, "tail", "!"))), err
	})
}

func exprNestedAwait(t *T) aio.Coro[string] {
	double := func(v int, err error) aio.Coro[int] {
		return aio.Async(func() (int, error) {
			t.P("double %d", v)
			aio.Await(aio.Yield())
			return 2 * v, err
		})
	}
	return aio.Async(func() (string, error) {
		r, err := aio.Await(double(aio.Await(val(t, "v", 21))))
		return fmt.Sprint(r, err), nil
	})
}

func exprLogical(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		yes := func(b bool) bool { t.P("check %v", b); return b }
		a := yes(false) && must(aio.Await(val(t, "never", true)))
		b := yes(true) && must(aio.Await(val(t, "and", true)))
		c := yes(true) || must(aio.Await(val(t, "never2", false)))
		d := yes(false) || must(aio.Await(val(t, "or", false))) || yes(true)
		if yes(true) && must(aio.Await(val(t, "cond", true))) {
			t.P("in if")
		}
		return fmt.Sprint(a, b, c, d), nil
	})
}

func exprIndexSlice(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		xs := []string{"a", "b", "c", "d", "e"}
		a := xs[must(aio.Await(val(t, "i", 1)))]
		b := xs[must(aio.Await(val(t, "lo", 1))):must(aio.Await(val(t, "hi", 3)))]
		c := must(aio.Await(val(t, "xs", xs)))[4]
		m := map[string]int{"k": 9}
		d := m[must(aio.Await(val(t, "key", "k")))]
		return fmt.Sprint(a, b, c, d), nil
	})
}

type counter struct {
	t *T
	n int
}

func (c *counter) add(k int) int { c.n += k; c.t.P("add %d -> %d", k, c.n); return c.n }

func (c counter) get() int { return c.n }

func exprMethodReceiver(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		c := &counter{t: t}
		c.add(must(aio.Await(val(t, "k", 2))))
		pick := func() *counter { t.P("pick"); return c }
		pick().add(must(aio.Await(val(t, "k2", 3))))
		v := must(aio.Await(now(t, "c", c))).get()
		var cv counter
		cv.t = t
		cv.add(must(aio.Await(val(t, "k3", 4))))
		return fmt.Sprint(v, c.n, cv.n), nil
	})
}

func exprReadyFuture(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		// Awaiting done futures does not suspend: another task cannot run
		// in between.
		other := aio.Spawn(now(t, "other runs", 0))
		total := 0
		for i := range 5 {
			total += must(aio.Await(ready(i)))
		}
		t.P("total %d before other", total)
		aio.Await(other)
		return fmt.Sprint(total), nil
	})
}

func exprFailedFuture(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		_, err := aio.Await(failed[int]("boom"))
		t.P("err %v", err)
		v, err := aio.Await(fail(t, "later"))
		return fmt.Sprint(v), err
	})
}

func exprBinaryMix(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		f := func(v int) int { t.P("f %d", v); return v }
		x := f(1) + must(aio.Await(val(t, "a", 2)))*f(3) - must(aio.Await(val(t, "b", 4)))
		y := -must(aio.Await(val(t, "neg", 5)))
		z := !must(aio.Await(val(t, "not", false)))
		return fmt.Sprint(x, y, z), nil
	})
}

func exprTypeAssert(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var a any = must(aio.Await(val[any](t, "any", 42)))
		n := a.(int)
		s, ok := must(aio.Await(val[any](t, "str", "s"))).(string)
		return fmt.Sprint(n, s, ok), nil
	})
}

func exprSendIncDec(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		ch := make(chan int, 2)
		ch <- must(aio.Await(val(t, "send", 5)))
		arr := []int{0, 0}
		arr[must(aio.Await(val(t, "inc", 1)))]++
		return fmt.Sprint(<-ch, arr), nil
	})
}

func exprInterfaceAwaitable(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var aw aio.Awaitable[int] = val(t, "iface", 3)
		v, err := aio.Await(aw)
		aws := []aio.Awaitable[int]{ready(1), nap(t, "nap", 5)}
		sum := v
		for _, a := range aws {
			sum += must(aio.Await(a))
		}
		return fmt.Sprint(sum, err), nil
	})
}

type myInt int

func exprConversion(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		m := myInt(must(aio.Await(val(t, "conv", 7))))
		f := float64(m) / 2
		return fmt.Sprint(m, f), nil
	})
}
