//go:build aiosrc

package corpus

import (
	"fmt"
	"iter"
	"maps"
	"slices"
	"strings"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func init() {
	register("more_box_range_forms", moreBoxRangeForms)
	register("more_nested_async_in_loop", moreNestedAsyncInLoop)
	register("more_goto_forward_into_flat", moreGotoForward)
	register("more_shadow_package_name", moreShadowPackageName)
	register("more_type_switch_closure", moreTypeSwitchClosure)
	register("more_select_send_case", moreSelectSendCase)
	register("more_else_if_init_await", moreElseIfInitAwait)
	register("more_range_func_defer_return", moreRangeFuncDeferReturn)
	register("more_method_value_frame", moreMethodValueFrame)
	register("more_struct_field_await", moreStructFieldAwait)
	register("more_await_in_defer_args", moreAwaitInDeferArgs)
	register("more_closure_writes_result", moreClosureWritesResult)
	register("more_multi_assign_swap", moreMultiAssignSwap)
	register("more_labeled_continue_range_select", moreLabeledContinueRangeSelect)
}

func moreBoxRangeForms(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var fns []func() string
		for i := range 2 {
			aio.Await(aio.Yield())
			fns = append(fns, func() string { return fmt.Sprint("int", i) })
		}
		for i, r := range "ab" {
			aio.Await(aio.Yield())
			fns = append(fns, func() string { return fmt.Sprint("str", i, string(r)) })
		}
		for _, k := range slices.Sorted(maps.Keys(map[string]int{"m": 1, "n": 2})) {
			aio.Await(aio.Yield())
			fns = append(fns, func() string { return "map" + k })
		}
		for v := range slices.Values([]string{"p", "q"}) {
			aio.Await(aio.Yield())
			fns = append(fns, func() string { return "seq" + v })
		}
		ch := make(chan int, 2)
		ch <- 7
		ch <- 8
		close(ch)
		for c := range ch {
			aio.Await(aio.Yield())
			fns = append(fns, func() string { return fmt.Sprint("chan", c) })
		}
		var out []string
		for _, f := range fns {
			out = append(out, f())
		}
		return strings.Join(out, " "), nil
	})
}

func moreNestedAsyncInLoop(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var coros []aio.Coro[int]
		for i := 0; i < 3; i++ {
			sq := i * i
			coros = append(coros, aio.Async(func() (int, error) {
				aio.Await(aio.Yield())
				return sq + i, nil
			}))
			aio.Await(aio.Yield())
		}
		sum := 0
		for _, c := range coros {
			sum += must(aio.Await(c))
		}
		return fmt.Sprint(sum), nil
	})
}

func moreGotoForward(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		n := must(aio.Await(val(t, "n", 2)))
		if n > 1 {
			goto big
		}
		t.P("small")
		return "small", nil
	big:
		aio.Await(aio.Yield())
		t.P("big %d", n)
		return "big", nil
	})
}

func moreShadowPackageName(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		s := fmt.Sprint("before")
		aio.Await(aio.Yield())
		{
			fmt := "shadowed fmt"
			aio.Await(aio.Yield())
			s += " " + fmt
		}
		strings := []string{s}
		aio.Await(aio.Yield())
		return fmt.Sprint(strings), nil
	})
}

func moreTypeSwitchClosure(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var fns []func() string
		for _, x := range []any{1, "two"} {
			switch v := x.(type) {
			case int:
				aio.Await(aio.Yield())
				fns = append(fns, func() string { return fmt.Sprint("int ", v) })
			case string:
				aio.Await(aio.Yield())
				fns = append(fns, func() string { return "string " + v })
			}
		}
		return fns[0]() + ", " + fns[1](), nil
	})
}

func moreSelectSendCase(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		out := make(chan int, 1)
		sent := 0
		for i := 0; i < 3; i++ {
			select {
			case out <- i:
				sent++
				aio.Await(aio.Yield())
			default:
				v := <-out
				t.P("drained %d", v)
				aio.Await(aio.Yield())
			}
		}
		return fmt.Sprint(sent), nil
	})
}

func moreElseIfInitAwait(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		x := 5
		if x < 0 {
			return "neg", nil
		} else if y := must(aio.Await(val(t, "y", x*2))); y > 8 {
			return fmt.Sprint("big ", y), nil
		} else {
			return "small", nil
		}
	})
}

func moreRangeFuncDeferReturn(t *T) aio.Coro[string] {
	return aio.Async(func() (s string, err error) {
		defer func() { s += " (deferred)" }()
		var seq iter.Seq[int] = countTo(t, 10)
		for v := range seq {
			aio.Await(aio.Yield())
			if v == 2 {
				return fmt.Sprint("stopped at ", v), nil
			}
		}
		return "end", nil
	})
}

type greeter struct{ name string }

func (g greeter) hello() string { return "hello " + g.name }

func moreMethodValueFrame(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		g := greeter{"a"}
		h := g.hello // binds a copy of g now
		g.name = "b"
		aio.Await(aio.Yield())
		return h() + " / " + g.hello(), nil
	})
}

func moreStructFieldAwait(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var p point
		p.X = must(aio.Await(val(t, "x", 3)))
		pp := &p
		pp.Y = must(aio.Await(val(t, "y", 4)))
		arr := [2]point{}
		arr[must(aio.Await(val(t, "i", 1)))].X = 9
		return fmt.Sprint(p, arr), nil
	})
}

func moreAwaitInDeferArgs(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		defer t.P("deferred with %d", must(aio.Await(val(t, "arg", 42))))
		t.P("body")
		return "ok", nil
	})
}

func moreClosureWritesResult(t *T) aio.Coro[string] {
	return aio.Async(func() (res string, err error) {
		set := func(s string) { res = s }
		set("first")
		aio.Await(aio.Yield())
		t.P("res now %s", res)
		set("second")
		return
	})
}

func moreMultiAssignSwap(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		a, b := 1, 2
		a, b = b, must(aio.Await(val(t, "a", a)))
		xs := []int{10, 20}
		xs[0], xs[1] = xs[1], xs[0]
		aio.Await(aio.Yield())
		return fmt.Sprint(a, b, xs), nil
	})
}

func moreLabeledContinueRangeSelect(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		ch := make(chan int, 10)
		var got []int
	items:
		for _, v := range []int{1, 2, 3, 4} {
			ch <- v
			select {
			case x := <-ch:
				aio.Await(aio.Yield())
				if x%2 == 0 {
					continue items
				}
				got = append(got, x)
			}
			t.P("after select %d", v)
		}
		return fmt.Sprint(got), nil
	})
}

func init() {
	register("more_select_comm_await", moreSelectCommAwait)
	register("more_range_func0", moreRangeFunc0)
}

func moreSelectCommAwait(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		a := make(chan int, 1)
		b := make(chan int, 1)
		pick := func(name string, c chan int) chan int { t.P("pick %s", name); return c }
		select { //aio:ignore AIO261 deliberate: a buffered or ready channel the corpus knows cannot block
		case pick("a", a) <- must(aio.Await(val(t, "v", 5))):
			t.P("sent to a")
		case v := <-pick("b", b):
			t.P("got %d", v)
		}
		return fmt.Sprint(<-a), nil //aio:ignore AIO261 deliberate: a buffered or ready channel the corpus knows cannot block
	})
}

func times(n int) func(yield func() bool) {
	return func(yield func() bool) {
		for range n {
			if !yield() {
				return
			}
		}
	}
}

func moreRangeFunc0(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		n := 0
		for range times(3) {
			aio.Await(aio.Yield())
			n++
		}
		return fmt.Sprint(n), nil
	})
}

var pkgLevelJob = aio.Async(func() (int, error) {
	aio.Await(aio.Yield())
	return 42, nil
})

func init() {
	register("more_pkg_level_and_recursive_closure", morePkgLevelAndRecursiveClosure)
}

func sumVariadic(t *T, xs ...int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		var rec func(i int) aio.Coro[int]
		rec = func(i int) aio.Coro[int] {
			return aio.Async(func() (int, error) {
				if i == len(xs) {
					return 0, nil
				}
				t.P("rec %d", i)
				rest, err := aio.Await(rec(i + 1))
				return xs[i] + rest, err
			})
		}
		return aio.Await(rec(0))
	})
}

func morePkgLevelAndRecursiveClosure(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		s, err := aio.Await(sumVariadic(t, 1, 2, 3))
		// A package-level coroutine runs once (in the first run of this
		// program); awaiting it again fails.
		aio.Await(pkgLevelJob)
		_, err2 := aio.Await(pkgLevelJob)
		return fmt.Sprint(s, err, err2 != nil), nil
	})
}

func init() {
	register("more_select_var_closure_loop", moreSelectVarClosureLoop)
}

func moreSelectVarClosureLoop(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		ch := make(chan int, 3)
		ch <- 1
		ch <- 2
		ch <- 3
		var fns []func() int
		for i := 0; i < 3; i++ {
			select {
			case v, ok := <-ch:
				aio.Await(aio.Yield())
				fns = append(fns, func() int {
					if !ok {
						return -1
					}
					return v * 10
				})
			}
		}
		var out []int
		for _, f := range fns {
			out = append(out, f())
		}
		return fmt.Sprint(out), nil
	})
}

func init() {
	register("more_await_nil_interface", moreAwaitNilInterface)
}

func moreAwaitNilInterface(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var a aio.Awaitable[int]
		v, err := aio.Await(a)
		return fmt.Sprint(v, " ", err), nil
	})
}

func init() {
	register("more_user_labels_like_generated", moreUserLabelsLikeGenerated)
}

func moreUserLabelsLikeGenerated(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		defer t.P("deferred")
		n := 0
	resume1:
		n += must(aio.Await(val(t, "n", 1)))
		if n < 2 {
			goto resume1
		}
		for {
			aio.Await(aio.Yield())
			break
		}
		goto unwind
	unwind:
		return fmt.Sprint(n), nil
	})
}
