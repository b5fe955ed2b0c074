//go:build aiosrc

package corpus

import (
	"errors"
	"fmt"
	"iter"
	"sort"
	"strings"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// Control-flow torture programs: aio.Await in every position the spec
// allows, mixed with side effects whose order Go fixes, and jumps across
// awaits.

func init() {
	register("torture_args_side_effects", tortureArgsSideEffects)
	register("torture_lhs_targets", tortureLHSTargets)
	register("torture_swap_opassign", tortureSwapOpAssign)
	register("torture_short_circuit", tortureShortCircuit)
	register("torture_nested_await_args", tortureNestedAwaitArgs)
	register("torture_send_return_multi", tortureSendReturnMulti)
	register("torture_named_defer", tortureNamedDefer)
	register("torture_labeled_jumps", tortureLabeledJumps)
	register("torture_goto_across", tortureGotoAcross)
	register("torture_fallthrough", tortureFallthrough)
	register("torture_type_switch_await", tortureTypeSwitchAwait)
	register("torture_for_cond_post", tortureForCondPost)
	register("torture_select_jumps", tortureSelectJumps)
	register("torture_range_all", tortureRangeAll)
	register("torture_range_func_jumps", tortureRangeFuncJumps)
	register("torture_range_map_chan", tortureRangeMapChan)
	register("torture_shadow_capture", tortureShadowCapture)
	register("torture_defer_loop_recover", tortureDeferLoopRecover)
	register("torture_panic_nested", torturePanicNested)
	register("torture_async_cleanup", tortureAsyncCleanup)
	register("torture_async_closures", tortureAsyncClosures)
	register("torture_generics_methods", tortureGenericsMethods)
	register("torture_odd_statements", tortureOddStatements)
	register("torture_frame_names", tortureFrameNames)
	register("torture_goto_fresh_vars", tortureGotoFreshVars)
	register("torture_loopvar_mutation", tortureLoopvarMutation)
	register("torture_operand_timing", tortureOperandTiming)
	register("torture_defer_block_flow", tortureDeferBlockFlow)
	register("torture_range_func_panic", tortureRangeFuncPanic)
	register("torture_range_func_panic_out", tortureRangeFuncPanicOut)
	register("torture_range_func_panic_nested", tortureRangeFuncPanicNested)
	register("torture_range_func_panic_break", tortureRangeFuncPanicBreak)
	register("torture_range_func_panic_runtime", tortureRangeFuncPanicRuntime)
	register("torture_range_func_panic_iter_recovers", tortureRangeFuncPanicIterRecovers)
	register("torture_else_chain_scopes", tortureElseChainScopes)
	register("torture_break_kinds", tortureBreakKinds)
	register("torture_nested_closure_boxes", tortureNestedClosureBoxes)
	register("torture_generic_ranges", tortureGenericRanges)
	register("torture_select_awaits", tortureSelectAwaits)
	register("torture_phase_assign", torturePhaseAssign)
	register("torture_elided_literals", tortureElidedLiterals)
	register("torture_defer_builtins", tortureDeferBuiltins)
}

// tr is a traced identity: its call is a side effect whose order shows.
func tr[V any](t *T, tag string, v V) V {
	t.P("tr %s %v", tag, v)
	return v
}

func tortureArgsSideEffects(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		x := 1
		inc := func() int { x++; t.P("inc -> %d", x); return x }
		f := func(a ...int) string { return fmt.Sprint(a) }
		// Calls before the await run before it, in order; the plain read of
		// x after the calls sees their effects.
		r1 := f(inc(), must(aio.Await(val(t, "a", 10))), inc(), x)
		xs := []string{"p", "q", "r", "s"}
		r2 := xs[tr(t, "lo", 1):must(aio.Await(val(t, "hi", 3)))]
		r3 := strings.Repeat(tr(t, "s", "ab"), must(aio.Await(val(t, "n", 2))))
		r4 := fmt.Sprint(tr(t, "a", 1), must(aio.Await(val(t, "b", 2))), tr(t, "c", 3))
		m := map[string]int{tr(t, "k1", "a"): must(aio.Await(val(t, "v1", 1))), must(aio.Await(val(t, "k2", "b"))): tr(t, "v2", 2)}
		arr := [3]int{2: must(aio.Await(val(t, "e2", 7))), 0: tr(t, "e0", 5)}
		conv := []byte(must(aio.Await(val(t, "conv", "hi"))))
		i64 := int64(must(aio.Await(val(t, "i64", 3)))) << tr(t, "sh", 2)
		ms := fmt.Sprint(m["a"], m["b"])
		return fmt.Sprint(r1, r2, r3, r4, ms, arr, string(conv), i64), nil
	})
}

type cell struct {
	v    int
	next *cell
}

func tortureLHSTargets(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		a := make([]int, 5)
		idx := func(i int) int { t.P("idx %d", i); return i }
		a[idx(1)] = must(aio.Await(val(t, "r1", 11)))
		c := &cell{next: &cell{}}
		pc := func() *cell { t.P("pc"); return c }
		var y int
		pc().next.v, y = must(aio.Await(val(t, "r2", 22))), idx(4)
		pp := func() *int { t.P("pp"); return &a[3] }
		*pp(), a[idx(0)] = must(aio.Await(val(t, "r3", 33))), must(aio.Await(val(t, "r4", 44)))
		m := map[int][]int{}
		m[idx(7)] = append(m[7], must(aio.Await(val(t, "r5", 55))))
		var s struct{ f [2]int }
		s.f[idx(1)] = must(aio.Await(val(t, "r6", 66)))
		// gc reads the plain index operand after the call on the right (Go
		// leaves the order open): the awaited coroutine's write of i moves
		// the target, in both builds.
		i := 2
		set := aio.Async(func() (int, error) { i = 0; return 77, nil })
		a[i] = must(aio.Await(set))
		return fmt.Sprint(a, c.next.v, y, m, s.f, i), nil
	})
}

func tortureSwapOpAssign(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		a, b := 1, 2
		a, b = b, must(aio.Await(val(t, "b", a+10)))
		t.P("a=%d b=%d", a, b)
		xs := []int{1, 2, 3}
		xs[0], xs[2] = xs[2], xs[0]+must(aio.Await(val(t, "z", 100)))
		n := 5
		n -= must(aio.Await(val(t, "sub", 2)))
		n *= must(aio.Await(val(t, "mul", 3)))
		n <<= must(aio.Await(val(t, "shl", uint(1))))
		n %= must(aio.Await(val(t, "mod", 7)))
		m := map[string]int{}
		m[tr(t, "key", "k")] += must(aio.Await(val(t, "madd", 4)))
		m["k"]++
		xs[must(aio.Await(val(t, "dec", 1)))]--
		p := &n
		*p += must(aio.Await(val(t, "ptr", 1000)))
		s := "x"
		s += must(aio.Await(val(t, "s1", "y"))) + must(aio.Await(val(t, "s2", "z")))
		return fmt.Sprint(a, b, xs, n, m, s), nil
	})
}

func tortureShortCircuit(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		b := func(tag string, v bool) bool { t.P("b %s", tag); return v }
		var got []bool
		for _, c := range []struct{ x, y bool }{{false, false}, {false, true}, {true, false}, {true, true}} {
			r := b("x", c.x) && must(aio.Await(val(t, "and", c.y))) || b("y", c.y) && !must(aio.Await(val(t, "and2", c.x)))
			got = append(got, r)
		}
		n := 0
		for b("cond", n < 2) && must(aio.Await(val(t, "loop", true))) {
			n++
		}
		if x := b("init", true); !x || must(aio.Await(val(t, "never", false))) {
			t.P("wrong")
		} else if b("elif", false) || (must(aio.Await(val(t, "elif2", true))) && b("last", true)) {
			t.P("elif taken")
		}
		f := func(v bool) bool { return v }
		nested := f(b("n1", true) && f(must(aio.Await(val(t, "n2", false))) || b("n3", true)))
		return fmt.Sprint(got, n, nested), nil
	})
}

func tortureNestedAwaitArgs(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		add := func(a, b int) aio.Coro[int] {
			return aio.Async(func() (int, error) {
				t.P("add %d %d", a, b)
				aio.Await(aio.Yield())
				return a + b, nil
			})
		}
		r := must(aio.Await(add(must(aio.Await(add(1, 2))), must(aio.Await(add(must(aio.Await(val(t, "x", 3))), 4))))))
		pair := func() (int, error) { return 5, nil }
		v, err := aio.Await(add(must(pair())+must(aio.Await(val(t, "y", 1))), tr(t, "z", 9)))
		// The awaitable expression itself has side effects before awaiting.
		mk := func(tag string) aio.Coro[int] { t.P("mk %s", tag); return val(t, tag, len(tag)) }
		w := must(aio.Await(mk("first"))) + must(aio.Await(mk("second")))
		return fmt.Sprint(r, v, err, w), nil
	})
}

func tortureSendReturnMulti(t *T) aio.Coro[string] {
	three := func(fail bool) aio.Coro[string] {
		return aio.Async(func() (string, error) {
			if fail {
				return must(aio.Await(val(t, "partial", "half"))), errors.New("three failed")
			}
			return aio.Await(val(t, "three", "full"))
		})
	}
	return aio.Async(func() (string, error) {
		ch := make(chan string, 3)
		ch <- must(aio.Await(val(t, "c1", "one")))                     //aio:ignore AIO261 deliberate: a buffered or ready channel the corpus knows cannot block
		ch <- tr(t, "c2", "two") + must(aio.Await(val(t, "c2b", "!"))) //aio:ignore AIO261 deliberate: a buffered or ready channel the corpus knows cannot block
		chs := []chan string{ch}
		chs[tr(t, "chi", 0)] <- must(aio.Await(three(false))) //aio:ignore AIO261 deliberate: a buffered or ready channel the corpus knows cannot block
		s, err := aio.Await(three(true))
		t.P("three(true) = %q %v", s, err)
		close(ch)
		var parts []string
		for v := range ch { //aio:ignore AIO261 deliberate: a buffered or ready channel the corpus knows cannot block
			parts = append(parts, v)
		}
		return strings.Join(parts, ","), err
	})
}

func tortureNamedDefer(t *T) aio.Coro[string] {
	inner := func(n int) aio.Coro[int] {
		return aio.Async(func() (res int, err error) {
			defer func() {
				res *= 10
				if r := recover(); r != nil {
					err = fmt.Errorf("recovered %v", r)
					res = -1
				}
			}()
			res = must(aio.Await(val(t, "base", n)))
			if n == 3 {
				panic("three")
			}
			if n == 2 {
				return res + 1, nil
			}
			res += must(aio.Await(val(t, "more", 1)))
			return
		})
	}
	return aio.Async(func() (out string, err error) {
		defer func() { out = "[" + out + "]" }()
		for i := 1; i <= 3; i++ {
			v, err := aio.Await(inner(i))
			out += fmt.Sprint(v, err, ";")
		}
		return out, nil
	})
}

func tortureLabeledJumps(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var out []string
	outer:
		for i := 0; i < 4; i++ {
		inner:
			for j := 0; j < 4; j++ {
				switch v := must(aio.Await(val(t, fmt.Sprint("s", i, j), i*10+j))); {
				case v == 1:
					continue inner
				case v == 2:
					break inner
				case v%10 == 3:
					continue outer
				case v == 21:
					out = append(out, "b21")
					break
				case v == 31:
					aio.Await(aio.Yield())
					break outer
				}
				var x any = j
				switch x.(type) {
				case int:
					if j == 0 && i == 2 {
						aio.Await(aio.Yield())
						continue outer
					}
				}
				out = append(out, fmt.Sprint(i, j))
			}
			out = append(out, fmt.Sprint("end", i))
		}
		// A labeled block (not a loop) left by break from an awaiting switch.
		n := 0
	blk:
		switch {
		default:
			for {
				n += must(aio.Await(val(t, "blk", 1)))
				if n == 2 {
					break blk
				}
			}
		}
		return strings.Join(out, " ") + fmt.Sprint(" n=", n), nil
	})
}

func tortureGotoAcross(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		i := 0
		var out []string
	again:
		v := must(aio.Await(val(t, "g", i)))
		out = append(out, fmt.Sprint(v))
		i++
		if i < 3 {
			goto again
		}
		if must(aio.Await(val(t, "skip?", true))) {
			goto skip
		}
		out = append(out, "not skipped")
	skip:
		{
			x := i * 2
			aio.Await(aio.Yield())
			out = append(out, fmt.Sprint("x", x))
		}
		k := 0
	loop:
		if k < 2 {
			k += must(aio.Await(val(t, "k", 1)))
			goto loop
		}
		return strings.Join(out, ",") + fmt.Sprint(" k=", k), nil
	})
}

func tortureFallthrough(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var out []string
		for i := range 4 {
			switch x := i * 2; x {
			case 0:
				out = append(out, "zero")
				fallthrough
			case must(aio.Await(val(t, "case2", 2))):
				out = append(out, must(aio.Await(val(t, "two", "two"))))
				fallthrough
			case 4:
				out = append(out, "four")
				if i == 2 {
					break
				}
				fallthrough
			default:
				out = append(out, "dflt")
			case 100:
				out = append(out, "hundred")
			}
		}
		// Tagless with init and an await in the init.
		switch y := must(aio.Await(val(t, "init", 3))); {
		case y > 5:
			out = append(out, "big")
		case y > must(aio.Await(val(t, "lim", 2))):
			out = append(out, "mid")
			fallthrough
		case false:
			out = append(out, "ft")
		}
		// The default clause first in the source, after the awaiting cases.
		switch must(aio.Await(val(t, "tag", 9))) {
		default:
			out = append(out, "d")
		case must(aio.Await(val(t, "c1", 1))), must(aio.Await(val(t, "c9", 9))):
			out = append(out, "nine")
		case must(aio.Await(val(t, "never", 9))):
			out = append(out, "unreachable")
		}
		return strings.Join(out, ","), nil
	})
}

type shape interface{ area() int }
type sq struct{ s int }
type rect struct{ w, h int }

func (q sq) area() int    { return q.s * q.s }
func (r *rect) area() int { return r.w * r.h }

func tortureTypeSwitchAwait(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		vals := []any{sq{2}, &rect{2, 3}, 7, "s", nil, errors.New("e")}
		var out []string
		for i := range vals {
			switch v := must(aio.Await(val(t, fmt.Sprint("v", i), vals[i]))).(type) {
			case shape:
				out = append(out, fmt.Sprint("shape", must(aio.Await(val(t, "area", v.area())))))
			case int, string:
				aio.Await(aio.Yield())
				out = append(out, fmt.Sprintf("%T:%v", v, v))
			case nil:
				out = append(out, "nil")
				continue
			case error:
				w := v
				aio.Await(aio.Yield())
				out = append(out, "err "+w.Error())
			}
			out = append(out, ";")
		}
		// Type switch with init and no bound name.
		switch x := any(must(aio.Await(val(t, "init", 1.5)))); x.(type) {
		case float64:
			out = append(out, fmt.Sprint("f", x))
		}
		return strings.Join(out, ""), nil
	})
}

func tortureForCondPost(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var out []string
		for i, j := 0, must(aio.Await(val(t, "j0", 10))); i < must(aio.Await(val(t, fmt.Sprint("lim", i), 3))); i, j = i+1, j-must(aio.Await(val(t, "post", 1))) {
			if i == 1 {
				continue
			}
			out = append(out, fmt.Sprint(i, j))
		}
		// Closures over the loop variable capture each iteration's copy,
		// including the copy made before the post statement.
		var fs []func() int
		for i := 0; i < 3; i += must(aio.Await(val(t, "step", 1))) {
			fs = append(fs, func() int { return i })
			i := i * 100 // shadows the loop variable
			fs = append(fs, func() int { return i })
		}
		for _, f := range fs {
			out = append(out, fmt.Sprint(f()))
		}
		return strings.Join(out, " "), nil
	})
}

func tortureSelectJumps(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		ch := make(chan int, 10)
		for i := range 6 {
			ch <- i
		}
		close(ch)
		var out []string
	loop:
		for {
			select {
			case v, ok := <-ch:
				if !ok {
					break loop
				}
				switch {
				case v == 1:
					aio.Await(aio.Yield())
					continue loop
				case v == 4:
					out = append(out, fmt.Sprint("four", must(aio.Await(val(t, "four", v)))))
					break loop
				}
				out = append(out, fmt.Sprint(must(aio.Await(val(t, "sel", v)))))
			}
		}
		return strings.Join(out, ","), nil
	})
}

func tortureRangeAll(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var out []string
		var fs []func() string
		arr := [3]int{1, 2, 3}
		for i, v := range arr {
			arr[2] = 100 // the range works on a copy
			v += must(aio.Await(val(t, "arr", i)))
			fs = append(fs, func() string { return fmt.Sprint("a", i, v) })
		}
		sl := []int{1, 2, 3}
		for i := range sl {
			if i == 0 {
				sl = append(sl, 4) // the length is evaluated once
			}
			sl[i] *= must(aio.Await(val(t, "sl", 2)))
		}
		out = append(out, fmt.Sprint(arr, sl))
		for i, r := range "aé😀" {
			aio.Await(aio.Yield())
			fs = append(fs, func() string { return fmt.Sprintf("s%d%c", i, r) })
		}
		for i := range must(aio.Await(val(t, "n", 3))) {
			if i == 1 {
				continue
			}
			fs = append(fs, func() string { return fmt.Sprint("i", i) })
			aio.Await(aio.Yield())
		}
		pa := &[2]string{"x", "y"}
		for i, s := range pa {
			pa[1] = "changed" // a pointer to an array is not copied
			out = append(out, fmt.Sprint(i, s, must(aio.Await(val(t, "pa", i)))))
		}
		var k int
		for k = range 3 {
			aio.Await(aio.Yield())
		}
		for range 2 {
			out = append(out, "blank")
			aio.Await(aio.Yield())
		}
		for _, f := range fs {
			out = append(out, f())
		}
		out = append(out, fmt.Sprint("k", k))
		return strings.Join(out, " "), nil
	})
}

func tpairs(t *T, n int) iter.Seq2[int, string] {
	return func(yield func(int, string) bool) {
		defer t.P("tpairs done")
		for i := range n {
			if !yield(i, strings.Repeat("*", i)) {
				t.P("tpairs stopped at %d", i)
				return
			}
		}
	}
}

func tortureRangeFuncJumps(t *T) aio.Coro[string] {
	find := func(target int) aio.Coro[string] {
		return aio.Async(func() (string, error) {
			for i, s := range tpairs(t, 5) {
				if must(aio.Await(val(t, "find", i))) == target {
					return s, nil
				}
			}
			return "none", nil
		})
	}
	return aio.Async(func() (string, error) {
		var out []string
		out = append(out, must(aio.Await(find(2))), must(aio.Await(find(9))))
	outer:
		for j := range 3 {
			for i := range tpairs(t, 4) {
				aio.Await(aio.Yield())
				if i == 1 && j == 0 {
					continue outer
				}
				if i == 2 {
					break outer
				}
				out = append(out, fmt.Sprint(j, i))
			}
		}
		var seq iter.Seq[int] = func(yield func(int) bool) {
			for i := 10; i < 13; i++ {
				if !yield(i) {
					return
				}
			}
		}
		var fs []func() int
		for v := range seq {
			fs = append(fs, func() int { return v })
			aio.Await(aio.Yield())
		}
		for range seq {
			out = append(out, "_")
			aio.Await(aio.Yield())
		}
		for _, f := range fs {
			out = append(out, fmt.Sprint(f()))
		}
		return strings.Join(out, " "), nil
	})
}

func tortureRangeMapChan(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		m := map[string]int{"a": 1, "b": 2, "c": 3}
		sum := 0
		var keys []string
		for k, v := range m {
			sum += must(aio.Await(quiet(v)))
			keys = append(keys, k)
		}
		sort.Strings(keys)
		bch := make(chan string, 4)
		bch <- "x"
		bch <- "y"
		bch <- "z"
		close(bch)
		var got []string
		for s := range bch {
			if s == "y" {
				aio.Await(aio.Yield())
				continue
			}
			got = append(got, s+must(aio.Await(val(t, "ch", s))))
		}
		return fmt.Sprint(sum, keys, got), nil
	})
}

func tortureShadowCapture(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		x := 1
		get := func() int { return x }
		{
			x := x + 10
			aio.Await(aio.Yield())
			x += must(aio.Await(val(t, "inner", 1)))
			t.P("inner x=%d outer via closure=%d", x, get())
		}
		x = must(aio.Await(val(t, "set", 5)))
		t.P("after: get=%d", get())
		bump := func() { x *= 2 }
		aio.Await(aio.Yield())
		bump()
		if x := must(aio.Await(val(t, "ifx", "str"))); x != "" {
			t.P("if x=%s, outer=%d", x, get())
			x := len(x)
			aio.Await(aio.Yield())
			t.P("if x=%d", x)
		}
		err := errors.New("outer")
		if v, err := aio.Await(fail(t, "f")); err != nil {
			t.P("inner err %v v=%d", err, v)
		}
		return fmt.Sprint(x, get(), err), nil
	})
}

func tortureDeferLoopRecover(t *T) aio.Coro[string] {
	return aio.Async(func() (res string, err error) {
		defer func() {
			r := recover()
			t.P("outer recover: %v (res=%q)", r, res)
			if r != nil {
				res += fmt.Sprint("|recovered ", r)
			}
		}()
		for i := range 3 {
			defer func() { t.P("loop defer closure %d", i) }()
			defer t.P("loop defer arg %d", must(aio.Await(val(t, "darg", i))))
		}
		// recover returns nil when not panicking, and in a nested call.
		defer func() {
			helper := func() any { return recover() }
			t.P("nested recover %v", helper())
		}()
		defer func() { t.P("plain recover %v", recover()) }()
		res = must(aio.Await(val(t, "res", "before")))
		var m map[string]int
		if must(aio.Await(val(t, "boom?", true))) {
			m["x"] = 1 // nil map write panics after an await
		}
		return "unreachable", nil
	})
}

func torturePanicNested(t *T) aio.Coro[string] {
	var level func(n int) aio.Coro[int]
	level = func(n int) aio.Coro[int] {
		return aio.Async(func() (int, error) {
			defer t.P("level %d unwinds", n)
			if n == 0 {
				aio.Await(aio.Yield())
				panic(fmt.Sprintf("deep %d", n))
			}
			return must(aio.Await(level(n-1))) + 1, nil
		})
	}
	catch := func(c aio.Coro[int]) aio.Coro[string] {
		return aio.Async(func() (s string, err error) {
			defer func() {
				if r := recover(); r != nil {
					if pe, ok := r.(*aio.PanicError); ok {
						r = pe.Value
					}
					s = fmt.Sprint("caught ", r)
				}
			}()
			v, err := aio.Await(c)
			return fmt.Sprint("value ", v), err
		})
	}
	return aio.Async(func() (string, error) {
		a := must(aio.Await(catch(level(2))))
		task := aio.Spawn(level(1))
		b := must(aio.Await(catch(aio.Coro[int](aio.Async(func() (int, error) { return aio.Await(task) })))))
		return a + "; " + b, nil
	})
}

func tortureAsyncCleanup(t *T) aio.Coro[string] {
	return aio.Async(func() (out string, err error) {
		conn := "open"
		defer func() {
			t.P("cleanup starts: out=%q", out)
			aio.Await(aio.Sleep(0))
			conn = must(aio.Await(val(t, "close", "closed")))
			out += "+" + conn
			if r := recover(); r != nil {
				out += fmt.Sprint("+r:", r)
			}
		}()
		defer func() {
			for i := range 2 {
				aio.Await(aio.Yield())
				t.P("cleanup loop %d", i)
			}
			if out == "" {
				panic("empty")
			}
		}()
		out = must(aio.Await(val(t, "work", "")))
		return out, nil
	})
}

func tortureAsyncClosures(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		total := 0
		add := func(n int) aio.Coro[int] {
			return aio.Async(func() (int, error) {
				aio.Await(aio.Yield())
				total += n // shared with the outer body, by reference
				return total, nil
			})
		}
		var tasks []*aio.Task[int]
		for i := range 3 {
			tasks = append(tasks, aio.Spawn(aio.Async(func() (int, error) {
				v := must(aio.Await(val(t, fmt.Sprint("task", i), i*10)))
				return must(aio.Await(add(v))), nil
			})))
		}
		first := must(aio.Await(add(1)))
		var got []int
		for _, tk := range tasks {
			got = append(got, must(aio.Await(tk)))
		}
		// An async closure awaited immediately, returning an error.
		_, err := aio.Await(aio.Async(func() (string, error) {
			total = -total
			return "", fmt.Errorf("closure err %d", total)
		}))
		// A closure that returns an async closure.
		mk := func(s string) func() aio.Coro[string] {
			return func() aio.Coro[string] {
				return aio.Async(func() (string, error) {
					return s + must(aio.Await(val(t, "mk", "!"))), nil
				})
			}
		}
		s := must(aio.Await(mk("hey")()))
		return fmt.Sprint(first, got, total, err, s), nil
	})
}

type tbox[T any] struct {
	t     *T2
	items []T
}

// T2 is the trace type under another name, so tbox's parameter T does not
// shadow it in the methods.
type T2 = T

func (b *tbox[E]) push(v E) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		aio.Await(aio.Yield())
		b.items = append(b.items, v)
		return len(b.items), nil
	})
}

func (b tbox[E]) first() aio.Coro[E] {
	return aio.Async(func() (E, error) {
		var zero E
		if len(b.items) == 0 {
			return zero, errors.New("empty")
		}
		return aio.Await(val(b.t, "first", b.items[0]))
	})
}

func mapAsync[A, B any](xs []A, f func(A) aio.Coro[B]) aio.Coro[[]B] {
	return aio.Async(func() ([]B, error) {
		var out []B
		for _, x := range xs {
			y, err := aio.Await(f(x))
			if err != nil {
				return out, err
			}
			out = append(out, y)
		}
		return out, nil
	})
}

func tortureGenericsMethods(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		b := &tbox[string]{t: t}
		_, err := aio.Await(b.first())
		n := must(aio.Await(b.push("a"))) + must(aio.Await(b.push(must(aio.Await(val(t, "v", "b"))))))
		f := must(aio.Await(b.first()))
		var vb tbox[int]
		vb.t = t
		vb.push(1) //aio:ignore AIO105 never awaited: nothing runs
		m := must(aio.Await(vb.push(7)))
		strs, err2 := aio.Await(mapAsync([]int{1, 2, 3}, func(i int) aio.Coro[string] {
			return aio.Async(func() (string, error) {
				if i == 3 {
					return "", errors.New("three")
				}
				return strings.Repeat(must(aio.Await(b.first())), i), nil
			})
		}))
		return fmt.Sprint(err, n, f, m, vb.items, strs, err2), nil
	})
}

func tortureOddStatements(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {

		{
		}
		var out []string
		{
			{
				aio.Await(aio.Yield())
			}
		}
		if v, err := aio.Await(val(t, "v", 1)); err != nil {
			return "", err
		} else if v > 0 {
			out = append(out, "pos")
		} else {
			out = append(out, "neg")
		}
		if _, err := aio.Await(fail(t, "x")); err != nil {
			out = append(out, err.Error())
		}
		var (
			a, b = must(aio.Await(val(t, "a", 1))), must(aio.Await(val(t, "b", 2)))
			c    = a + b
		)
		const k = 3
		type local struct{ n int }
		l := local{must(aio.Await(val(t, "l", k)))}
		_ = must(aio.Await(val(t, "discard", 0)))
		aio.Await(val(t, "expr stmt", 0))
		func() { t.P("iife") }()
	lbl:
		;
		if c < 0 {
			goto lbl
		}
		return fmt.Sprint(out, a, b, c, l.n), nil
	})
}

func tortureFrameNames(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		PC, Init, Return := 1, 2, 3
		Resume, FrameLocation, CoroFrame, FrameHeader := "a", "b", "c", "d"
		Defers, f, r, aw1 := 4, 5, 6, 7
		aio.Await(aio.Yield())
		PC += must(aio.Await(val(t, "pc", 10)))
		Init += must(aio.Await(val(t, "init", 10)))
		return fmt.Sprint(PC, Init, Return, Resume, FrameLocation, CoroFrame, FrameHeader, Defers, f, r, aw1), nil
	})
}

func tortureGotoFreshVars(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var fs []func() int
		var ps []*int
		i := 0
	again:
		x := i * 10
		fs = append(fs, func() int { return x })
		ps = append(ps, &x)
		aio.Await(aio.Yield())
		x++
		i++
		if i < 3 {
			goto again
		}
		var out []int
		for k, f := range fs {
			out = append(out, f(), *ps[k])
		}
		return fmt.Sprint(out), nil
	})
}

func tortureLoopvarMutation(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var out []string
		var fs []func() string
		// A closure bumps the loop variable: the bump carries into the next
		// iteration's copy.
		for i := 0; i < 6; i++ {
			skip := func() { i++ }
			aio.Await(aio.Yield())
			if i%2 == 0 {
				skip()
			}
			fs = append(fs, func() string { return fmt.Sprint("i", i) })
		}
		var ps []*int
		for j := range 3 {
			ps = append(ps, &j)
			aio.Await(aio.Yield())
			j *= 7 // the range variable of this iteration, not the hidden index
		}
		for _, f := range fs {
			out = append(out, f())
		}
		for _, p := range ps {
			out = append(out, fmt.Sprint(*p))
		}
		// A variable declared in the loop body, captured and address taken.
		var gs []func() int
		for k := 0; k < 3; k++ {
			v := k
			p := &v
			gs = append(gs, func() int { return *p + v })
			*p += must(aio.Await(val(t, "v", 100)))
		}
		for _, g := range gs {
			out = append(out, fmt.Sprint(g()))
		}
		return strings.Join(out, " "), nil
	})
}

type pt struct{ x, y int }

func (p pt) sum(k int) int { return p.x + p.y + k }

type adder interface{ add(int) int }
type addN int

func (a addN) add(k int) int { return int(a) + k }

type addM int

func (a addM) add(k int) int { return int(a)*10 + k }

func tortureOperandTiming(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var out []string
		p := pt{1, 2}
		setP := aio.Async(func() (int, error) { p = pt{10, 20}; return 0, nil })
		out = append(out, fmt.Sprint("recv ", p.sum(must(aio.Await(setP)))))
		m := map[string]int{"a": 1}
		setM := aio.Async(func() (int, error) { m["a"] = 100; return 5, nil })
		out = append(out, fmt.Sprint("map ", m["a"]+must(aio.Await(setM))))
		fn := func(k int) int { return k }
		setFn := aio.Async(func() (int, error) { fn = func(k int) int { return -k }; return 3, nil })
		out = append(out, fmt.Sprint("fn ", fn(must(aio.Await(setFn)))))
		// Another dynamic type: gc devirtualizes a call on a local whose
		// every assignment has one concrete type, and then reads the
		// receiver before the arguments (see the report of this change).
		var a adder = addN(1)
		setA := aio.Async(func() (int, error) { a = addM(1000); return 2, nil })
		out = append(out, fmt.Sprint("iface ", a.add(must(aio.Await(setA)))))
		pp := &pt{1, 1}
		setPP := aio.Async(func() (int, error) { pp = &pt{7, 7}; return 0, nil })
		out = append(out, fmt.Sprint("ptr ", pp.x+must(aio.Await(setPP))))
		xs := []int{1, 2, 3}
		setXs := aio.Async(func() (int, error) { xs = []int{9, 9, 9, 9}; return 1, nil })
		out = append(out, fmt.Sprint("idx ", xs[len(xs)-1]+must(aio.Await(setXs))))
		// Reads inside a call made before the await see the old values.
		q := 1
		setQ := aio.Async(func() (int, error) { q = 50; return 0, nil })
		out = append(out, fmt.Sprint("call ", fn(q)+must(aio.Await(setQ))+q))
		b := p
		p.x = must(aio.Await(val(t, "px", 99)))
		out = append(out, fmt.Sprint("copy ", b, p))
		defer func() { t.P("deferred value receiver: %v", p.sum(0)) }()
		defer t.P("deferred arg %d", p.sum(must(aio.Await(val(t, "k", 1)))))
		p.y = 0
		grid := [][]int{{0, 0}, {0, 0}}
		grid[must(aio.Await(val(t, "row", 1)))][must(aio.Await(val(t, "col", 0)))] = must(aio.Await(val(t, "cell", 5)))
		out = append(out, fmt.Sprint(grid))
		ys := append([]int{0}, must(aio.Await(val(t, "spread", []int{1, 2})))...)
		out = append(out, fmt.Sprint(ys, len(must(aio.Await(val(t, "len", "four"))))))
		return strings.Join(out, "; "), nil
	})
}

func tortureDeferBlockFlow(t *T) aio.Coro[string] {
	run := func(mode int) aio.Coro[string] {
		return aio.Async(func() (res string, err error) {
			defer func() {
				r := recover()
				t.P("mode %d: recover %v", mode, r)
				if r != nil {
					res = fmt.Sprint("recovered:", r)
				}
			}()
			defer func() {
				if mode == 0 {
					t.P("mode 0: early return from the deferred block")
					return
				}
				for i := 0; ; i++ {
					aio.Await(aio.Yield())
					if i == 1 {
						break
					}
				}
				if mode == 2 {
					panic(fmt.Sprint("from defer ", mode))
				}
				res += must(aio.Await(val(t, "defer adds", "+d")))
			}()
			if mode == 3 {
				aio.Await(aio.Yield())
				panic("body")
			}
			return "r", nil
		})
	}
	return aio.Async(func() (string, error) {
		var out []string
		for mode := range 4 {
			out = append(out, must(aio.Await(run(mode))))
		}
		return strings.Join(out, " "), nil
	})
}

func tortureRangeFuncPanic(t *T) aio.Coro[string] {
	return aio.Async(func() (res string, err error) {
		defer func() {
			if r := recover(); r != nil {
				res = fmt.Sprint("recovered ", r)
			}
		}()
		for i := range tpairs(t, 3) {
			aio.Await(aio.Yield())
			if i == 1 {
				goto out
			}
		}
	out:
		t.P("after goto out of the iterator")
		func() {
			// A panic out of the loop body, recovered in the body.
			defer func() { t.P("recovered in plain func: %v", recover()) }()
			for i := range tpairs(t, 3) {
				if i == 1 {
					panic("plain")
				}
			}
		}()
		for i := range tpairs(t, 3) {
			if i == 1 {
				aio.Await(aio.Yield())
				return "returned", nil
			}
		}
		return "", nil
	})
}

// tseq yields 0..n-1 and traces how it ends.
func tseq(t *T, name string, n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		defer t.P("%s done", name)
		for i := range n {
			if !yield(i) {
				t.P("%s stopped at %d", name, i)
				return
			}
		}
	}
}

// rfCatch runs body and returns the panic that escaped it, if any.
func rfCatch(t *T, name string, body func() aio.Coro[string]) aio.Coro[string] {
	return aio.Async(func() (res string, err error) {
		defer func() {
			if r := recover(); r != nil {
				if pe, ok := r.(*aio.PanicError); ok {
					r = pe.Value
				}
				t.P("%s: outer defer recovered %v", name, r)
				res = fmt.Sprint("recovered ", r)
			}
		}()
		return aio.Await(body())
	})
}

func tortureRangeFuncPanicOut(t *T) aio.Coro[string] {
	return aio.Async(func() (res string, err error) {
		defer func() {
			if r := recover(); r != nil {
				res = fmt.Sprint("recovered ", r)
			}
		}()
		for i := range tpairs(t, 3) {
			aio.Await(aio.Yield())
			if i == 1 {
				panic("from the loop body")
			}
		}
		return "", nil
	})
}

// A panic escaping two pulled iterators: the inner one's defers run first,
// then the outer one's, then the body's own defers (including one deferred
// inside the loop body), in Go's order.
func tortureRangeFuncPanicNested(t *T) aio.Coro[string] {
	boom := func(msg string) aio.Coro[int] {
		return aio.Async(func() (int, error) {
			aio.Await(aio.Yield())
			panic(msg)
		})
	}
	nested := func(mode int) aio.Coro[string] {
		return aio.Async(func() (string, error) {
			defer t.P("mode %d: body defer", mode)
			for i := range tseq(t, "outer", 3) {
				defer t.P("mode %d: deferred in outer body %d", mode, i)
				for j, s := range tpairs(t, 3) {
					aio.Await(aio.Yield())
					t.P("mode %d: %d %d %q", mode, i, j, s)
					if i == 1 && j == 1 {
						switch mode {
						case 0:
							panic(fmt.Sprint("inner body ", i, j))
						case 1:
							aio.Await(boom("from an awaited coroutine"))
						}
					}
				}
				if mode == 2 && i == 1 {
					aio.Await(aio.Yield())
					panic("outer body after the inner loop")
				}
			}
			return "done", nil
		})
	}
	// No defer in the body: the panic leaves the frame unrecovered.
	bare := func() aio.Coro[string] {
		return aio.Async(func() (string, error) {
			for i := range tseq(t, "bare outer", 2) {
				for j := range tseq(t, "bare inner", 2) {
					aio.Await(aio.Yield())
					if i == 1 && j == 0 {
						panic("bare")
					}
				}
			}
			return "done", nil
		})
	}
	return aio.Async(func() (string, error) {
		var out []string
		for mode := range 3 {
			out = append(out, must(aio.Await(rfCatch(t, fmt.Sprint("mode ", mode), func() aio.Coro[string] { return nested(mode) }))))
		}
		out = append(out, must(aio.Await(rfCatch(t, "bare", bare))))
		return strings.Join(out, "; "), nil
	})
}

// Labelled break and continue stop the iterators they leave: a later panic
// reaches only the iterators still pulled.
func tortureRangeFuncPanicBreak(t *T) aio.Coro[string] {
	body := func(mode int) aio.Coro[string] {
		return aio.Async(func() (string, error) {
		outer:
			for i := range tseq(t, "a", 3) {
			middle:
				for j := range tseq(t, "b", 3) {
					for k := range tseq(t, "c", 3) {
						aio.Await(aio.Yield())
						t.P("mode %d: %d %d %d", mode, i, j, k)
						if mode == 0 && k == 1 {
							break outer
						}
						if mode == 1 && k == 1 {
							break middle
						}
						if mode == 2 && j == 0 && k == 1 {
							continue middle
						}
						if mode == 2 && j == 1 {
							panic("mode 2 in c")
						}
					}
				}
				if mode == 1 {
					panic("mode 1 in a after break middle")
				}
			}
			if mode == 0 {
				aio.Await(aio.Yield())
				panic("mode 0 after break outer")
			}
			return "done", nil
		})
	}
	return aio.Async(func() (string, error) {
		var out []string
		for mode := range 3 {
			out = append(out, must(aio.Await(rfCatch(t, fmt.Sprint("mode ", mode), func() aio.Coro[string] { return body(mode) }))))
		}
		return strings.Join(out, "; "), nil
	})
}

// Runtime panics from the loop body pass through the iterator like explicit
// ones.
func tortureRangeFuncPanicRuntime(t *T) aio.Coro[string] {
	body := func(mode int) aio.Coro[string] {
		return aio.Async(func() (string, error) {
			var m map[string]int
			xs := []int{1, 2}
			for i, s := range tpairs(t, 3) {
				aio.Await(aio.Yield())
				if i == 1 {
					if mode == 0 {
						m[s] = i
					}
					t.P("mode %d: %d", mode, xs[i*3])
				}
			}
			return "done", nil
		})
	}
	return aio.Async(func() (string, error) {
		var out []string
		for mode := range 2 {
			out = append(out, must(aio.Await(rfCatch(t, fmt.Sprint("mode ", mode), func() aio.Coro[string] { return body(mode) }))))
		}
		return strings.Join(out, "; "), nil
	})
}

// titer is an iterator that recovers a loop body panic: mode "replace"
// panics anew, "return" returns normally, "continue" calls yield again.
func titer(t *T, mode string) iter.Seq[int] {
	return func(yield func(int) bool) {
		defer t.P("titer %s done", mode)
		caught := false
		for i := range 3 {
			func() {
				defer func() {
					if caught {
						return
					}
					if r := recover(); r != nil {
						caught = true
						if pe, ok := r.(*aio.PanicError); ok {
							r = pe.Value
						}
						t.P("titer %s recovered %v", mode, r)
						if mode == "replace" {
							panic(fmt.Sprint("replaced ", r))
						}
					}
				}()
				if !yield(i) {
					t.P("titer %s: yield returned false", mode)
				}
			}()
			if caught && mode == "return" {
				return
			}
		}
	}
}

// An iterator that recovers the loop body's panic: Go's range-over-func
// machinery then panics with a runtime error of its own.
func tortureRangeFuncPanicIterRecovers(t *T) aio.Coro[string] {
	body := func(mode string) aio.Coro[string] {
		return aio.Async(func() (string, error) {
			defer t.P("%s: body defer", mode)
			for i := range titer(t, mode) {
				aio.Await(aio.Yield())
				t.P("%s: body %d", mode, i)
				if i == 1 {
					panic("loop body " + mode)
				}
			}
			return "done", nil
		})
	}
	// An iterator that keeps yielding after the loop body returned false.
	deaf := func(yield func(int) bool) {
		defer t.P("deaf done")
		for i := range 3 {
			yield(i)
		}
	}
	ignored := func() aio.Coro[string] {
		return aio.Async(func() (string, error) {
			defer t.P("ignored: body defer")
			for i := range deaf {
				aio.Await(aio.Yield())
				if i == 1 {
					break
				}
			}
			return "done", nil
		})
	}
	return aio.Async(func() (string, error) {
		var out []string
		for _, mode := range []string{"replace", "return", "continue"} {
			out = append(out, must(aio.Await(rfCatch(t, mode, func() aio.Coro[string] { return body(mode) }))))
		}
		out = append(out, must(aio.Await(rfCatch(t, "ignored", ignored))))
		return strings.Join(out, "; "), nil
	})
}

func tortureElseChainScopes(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var out []string
		for _, in := range []int{1, 7, 3} {
			if a := must(aio.Await(val(t, "a", in))); a > 5 {
				out = append(out, fmt.Sprint("big", a))
			} else if b := must(aio.Await(val(t, "b", a*2))); b > 4 {
				c := a + b
				aio.Await(aio.Yield())
				out = append(out, fmt.Sprint("mid", a, b, c))
			} else {
				out = append(out, fmt.Sprint("small", a, b))
			}
		}
		switch x := must(aio.Await(val(t, "x", 2))); x {
		case 1, 2:
			y := x * 3
			fs := []func() int{func() int { return y }}
			aio.Await(aio.Yield())
			y++
			out = append(out, fmt.Sprint("case", fs[0]()))
		}
		return strings.Join(out, " "), nil
	})
}

func tortureBreakKinds(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var out []string
		ch := make(chan int, 1)
		for i := 0; i < 3; i++ {
			ch <- i
			select {
			case v := <-ch:
				if v == 1 {
					aio.Await(aio.Yield())
					break // leaves the select only
				}
				out = append(out, fmt.Sprint("sel", v))
			}
			switch {
			case i == 0:
				aio.Await(aio.Yield())
				continue // the loop
			case i == 2:
				break // the switch
			}
			out = append(out, fmt.Sprint("after", i))
		}
		var x any = 1
		for k := range 2 {
			switch x.(type) {
			case int:
				if k == 0 {
					aio.Await(aio.Yield())
					break
				}
				out = append(out, "ts")
			}
			out = append(out, fmt.Sprint("k", k))
		}
		for i := range tpairs(t, 3) {
			switch i {
			case 0:
				aio.Await(aio.Yield())
				break
			case 1:
				continue
			}
			out = append(out, fmt.Sprint("it", i))
		}
		return strings.Join(out, " "), nil
	})
}

func tortureNestedClosureBoxes(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var fs []func() string
		var tasks []*aio.Task[string]
		for i := range 2 {
			inner := aio.Async(func() (string, error) {
				var out []string
				for j := range 2 {
					aio.Await(aio.Yield())
					fs = append(fs, func() string { return fmt.Sprint(i, j) })
					out = append(out, fmt.Sprint(i, j))
				}
				i += 10 // the outer iteration's own i
				return strings.Join(out, ","), nil
			})
			tasks = append(tasks, aio.Spawn(inner))
			aio.Await(aio.Yield())
			fs = append(fs, func() string { return fmt.Sprint("outer", i) })
		}
		var out []string
		for _, tk := range tasks {
			out = append(out, must(aio.Await(tk)))
		}
		for _, f := range fs {
			out = append(out, f())
		}
		return strings.Join(out, " "), nil
	})
}

type number interface{ ~int | ~float64 }

func sumAsync[S ~[]E, E number](t *T, xs S) aio.Coro[E] {
	return aio.Async(func() (E, error) {
		var total E
		for i, x := range xs {
			if i == 2 {
				continue
			}
			total += must(aio.Await(val(t, fmt.Sprint("x", i), x)))
		}
		return total, nil
	})
}

func collect[V any](t *T, seq iter.Seq[V], limit int) aio.Coro[[]V] {
	return aio.Async(func() ([]V, error) {
		var out []V
		var fs []func() V
		for v := range seq {
			if len(out) == limit {
				break
			}
			aio.Await(aio.Yield())
			out = append(out, v)
			fs = append(fs, func() V { return v })
		}
		for _, f := range fs {
			out = append(out, f())
		}
		return out, nil
	})
}

type ring[K comparable, V any] struct {
	m    map[K]V
	keys []K
}

func (r *ring[K, V]) put(t *T, k K, v aio.Coro[V]) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		if _, ok := r.m[k]; !ok {
			r.keys = append(r.keys, k)
		}
		r.m[k] = must(aio.Await(v))
		return len(r.keys), nil
	})
}

func tortureGenericRanges(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		type myInts []int
		a := must(aio.Await(sumAsync(t, myInts{1, 2, 3, 4})))
		b := must(aio.Await(sumAsync(t, []float64{0.5, 0.25, 8, 0.125})))
		words := func(yield func(string) bool) {
			for _, w := range []string{"a", "b", "c"} {
				if !yield(w) {
					return
				}
			}
		}
		c := must(aio.Await(collect(t, words, 2)))
		r := &ring[string, int]{m: map[string]int{}}
		n := must(aio.Await(r.put(t, "x", val(t, "put", 1))))
		n = must(aio.Await(r.put(t, "x", quiet(2)))) + n*10
		return fmt.Sprint(a, b, c, n, r.m), nil
	})
}

func tortureSelectAwaits(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var out []string
		in := make(chan int, 2)
		outc := make(chan string, 1)
		outc <- "full" // only one case is ready in each round
		chans := []chan int{in}
		in <- 1 //aio:ignore AIO261 deliberate: a buffered or ready channel the corpus knows cannot block
		for round := range 3 {
			if round == 2 {
				out = append(out, <-outc)
			}
			select { //aio:ignore AIO261 deliberate: a buffered or ready channel the corpus knows cannot block
			case v := <-chans[must(aio.Await(val(t, "which", 0)))]:
				out = append(out, fmt.Sprint("got", v))
				if v == 1 {
					in <- 2 //aio:ignore AIO261 deliberate: a buffered or ready channel the corpus knows cannot block
					continue
				}
			case outc <- must(aio.Await(val(t, "sendv", fmt.Sprint("s", round)))):
				out = append(out, "sent")
				if round == 2 {
					return strings.Join(out, " ") + " early", nil
				}
			}
			out = append(out, fmt.Sprint("r", round))
		}
		return strings.Join(out, " "), nil
	})
}

func torturePhaseAssign(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		xs := []int{0, 0, 0}
		i := 0
		// Index operands on the left are evaluated before the assignment.
		i, xs[i] = 1, must(aio.Await(val(t, "v", 9)))
		j := 0
		xs[j], j = must(aio.Await(val(t, "w", 7))), 2
		p := &xs[2]
		p, *p = nil, must(aio.Await(val(t, "z", 5)))
		var s struct{ a, b int }
		s.a, s.b = s.b+1, must(aio.Await(val(t, "sb", s.a+3)))
		return fmt.Sprint(i, j, xs, p == nil, s), nil
	})
}

func tortureElidedLiterals(t *T) aio.Coro[string] {
	boom := func(n int) aio.Coro[int] {
		return aio.Async(func() (res int, err error) {
			defer func() { err = fmt.Errorf("recovered %v", recover()) }()
			if n > 0 {
				panic(must(aio.Await(val(t, "panic value", n))))
			}
			return n, nil
		})
	}
	return aio.Async(func() (string, error) {
		m := map[pt][]int{{x: must(aio.Await(val(t, "k", 1)))}: {must(aio.Await(val(t, "v", 2)))}}
		ps := []*pt{{tr(t, "px", 3), 0}, {must(aio.Await(val(t, "py", 4))), 5}}
		arr := [][2]string{{"a", tr(t, "b", "b")}, {must(aio.Await(val(t, "c", "c")))}}
		_, err := aio.Await(boom(7))
		y := pt.sum(pt{1, 1}, must(aio.Await[int](val(t, "explicit", 8))))
		return fmt.Sprint(m, *ps[0], *ps[1], arr, err, y), nil
	})
}

func traceAll(t *T, vs ...any) { t.P("traceAll %v", vs) }

func tortureDeferBuiltins(t *T) aio.Coro[string] {
	return aio.Async(func() (res string, err error) {
		m := map[string]int{"a": 1, "b": 2}
		ch := make(chan int, 1)
		defer func() {
			r := recover()
			_, open := <-ch
			res = fmt.Sprint("recovered ", r, " len ", len(m), " open ", open)
		}()
		defer delete(m, must(aio.Await(val(t, "key", "a"))))
		defer close(ch)
		defer traceAll(t, "static", must(aio.Await(val(t, "arg", 1))))
		defer fmt.Print(must(aio.Await(val(t, "printed", ""))))
		defer panic(must(aio.Await(val(t, "panic", "deferred panic"))))
		t.P("body ends")
		return "body", nil
	})
}
