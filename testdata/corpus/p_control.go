//go:build aiosrc

package corpus

import (
	"fmt"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func init() {
	register("ctl_if_else_chain", ctlIfElseChain)
	register("ctl_if_init", ctlIfInit)
	register("ctl_for_classic", ctlForClassic)
	register("ctl_for_cond_await", ctlForCondAwait)
	register("ctl_for_post_await", ctlForPostAwait)
	register("ctl_for_infinite_break", ctlForInfiniteBreak)
	register("ctl_for_continue", ctlForContinue)
	register("ctl_labeled_break_continue", ctlLabeledBreakContinue)
	register("ctl_goto", ctlGoto)
	register("ctl_switch", ctlSwitch)
	register("ctl_switch_case_await", ctlSwitchCaseAwait)
	register("ctl_switch_tagless_fallthrough", ctlSwitchTaglessFallthrough)
	register("ctl_switch_init_tag_await", ctlSwitchInitTagAwait)
	register("ctl_type_switch", ctlTypeSwitch)
	register("ctl_type_switch_multi", ctlTypeSwitchMulti)
	register("ctl_select_plain", ctlSelectPlain)
	register("ctl_select_await_in_case", ctlSelectAwaitInCase)
	register("ctl_select_break_labeled", ctlSelectBreakLabeled)
	register("ctl_nested_blocks", ctlNestedBlocks)
	register("ctl_break_in_plain_switch", ctlBreakInPlainSwitch)
	register("ctl_early_return_in_loop", ctlEarlyReturnInLoop)
	register("ctl_while_sleep", ctlWhileSleep)
}

func ctlIfElseChain(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var out []string
		for _, n := range []int{1, 2, 3, 4} {
			if n == 1 {
				out = append(out, must(aio.Await(val(t, "one", "1"))))
			} else if n == must(aio.Await(val(t, "cmp", 2))) {
				out = append(out, "2")
			} else if n == 3 {
				out = append(out, "3")
			} else {
				aio.Await(aio.Yield())
				out = append(out, "else")
			}
		}
		return fmt.Sprint(out), nil
	})
}

func ctlIfInit(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		if v, err := aio.Await(val(t, "init", 5)); err == nil && v > 3 {
			t.P("big %d", v)
		}
		if v := must(aio.Await(val(t, "i2", 1))); v > 3 {
			t.P("no")
		} else {
			w, _ := aio.Await(val(t, "in else", v+1))
			t.P("else %d %d", v, w)
		}
		return "ok", nil
	})
}

func ctlForClassic(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		sum := 0
		for i := 0; i < 4; i++ {
			sum += must(aio.Await(val(t, fmt.Sprint("i", i), i)))
		}
		return fmt.Sprint(sum), nil
	})
}

func ctlForCondAwait(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		n := 0
		for n < must(aio.Await(val(t, "limit", 3))) {
			n++
			t.P("n=%d", n)
		}
		return fmt.Sprint(n), nil
	})
}

func ctlForPostAwait(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var seen []int
		for i := 0; i < 10; i += must(aio.Await(val(t, "step", 3))) {
			seen = append(seen, i)
		}
		for i, j := 0, 10; i < j; i, j = i+1, j-must(aio.Await(val(t, "dec", 2))) {
			t.P("i=%d j=%d", i, j)
		}
		return fmt.Sprint(seen), nil
	})
}

func ctlForInfiniteBreak(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		i := 0
		for {
			aio.Await(aio.Sleep(time.Millisecond))
			i++
			if i == 3 {
				break
			}
		}
		return fmt.Sprint(i), nil
	})
}

func ctlForContinue(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var odd []int
		for i := 0; i < 6; i++ {
			if i%2 == 0 {
				continue
			}
			aio.Await(aio.Yield())
			odd = append(odd, i)
		}
		return fmt.Sprint(odd), nil
	})
}

func ctlLabeledBreakContinue(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var pairs []string
	outer:
		for i := 0; i < 4; i++ {
			for j := 0; j < 4; j++ {
				if j > i {
					continue outer
				}
				if i == 3 {
					break outer
				}
				aio.Await(aio.Yield())
				pairs = append(pairs, fmt.Sprint(i, j))
			}
		}
		// A labeled loop without awaits inside a loop that awaits.
		count := 0
		for k := 0; k < 2; k++ {
			aio.Await(aio.Yield())
		inner:
			for m := 0; m < 5; m++ {
				if m == 2 {
					break inner
				}
				count++
			}
		}
		return fmt.Sprint(pairs, count), nil
	})
}

func ctlGoto(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		i := 0
	again:
		i += must(aio.Await(val(t, "inc", 1)))
		if i < 3 {
			goto again
		}
		if i == 3 {
			goto done
		}
		t.P("skipped")
	done:
		return fmt.Sprint(i), nil
	})
}

func ctlSwitch(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var out []string
		for i := 0; i < 4; i++ {
			switch i {
			case 0:
				out = append(out, must(aio.Await(val(t, "zero", "z"))))
			case 1, 2:
				if i == 2 {
					break
				}
				out = append(out, "one")
			default:
				aio.Await(aio.Yield())
				out = append(out, "d")
			}
		}
		return fmt.Sprint(out), nil
	})
}

func ctlSwitchCaseAwait(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		x := 3
		switch x {
		case must(aio.Await(val(t, "c1", 1))):
			t.P("one")
		case must(aio.Await(val(t, "c2", 3))), must(aio.Await(val(t, "never", 4))):
			t.P("three")
		case 5:
			t.P("five")
		}
		return "ok", nil
	})
}

func ctlSwitchTaglessFallthrough(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		n := 5
		switch {
		case n > 3:
			t.P("gt3")
			aio.Await(aio.Yield())
			fallthrough
		case n > 10:
			t.P("fell")
			fallthrough
		case n > 100:
			t.P("fell again")
		default:
			t.P("default")
		}
		return "ok", nil
	})
}

func ctlSwitchInitTagAwait(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		switch v := must(aio.Await(val(t, "init", 2))); must(aio.Await(val(t, "tag", v*2))) {
		case 4:
			t.P("four %d", v)
		default:
			t.P("other")
		}
		return "ok", nil
	})
}

func ctlTypeSwitch(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var out []string
		for _, x := range []any{1, "s", 2.5, nil, []int{1}} {
			switch v := x.(type) {
			case int:
				n, _ := aio.Await(val(t, "int", v+1))
				out = append(out, fmt.Sprint("int", n))
			case string:
				out = append(out, "str"+v)
			case nil:
				aio.Await(aio.Yield())
				out = append(out, "nil")
			default:
				aio.Await(aio.Yield())
				out = append(out, fmt.Sprintf("%T", v))
			}
		}
		return fmt.Sprint(out), nil
	})
}

func ctlTypeSwitchMulti(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		switch y := must(aio.Await(val[any](t, "x", int8(3)))).(type) {
		case int8, int16:
			aio.Await(aio.Yield())
			t.P("small %v", y)
		case error:
			t.P("err %v", y)
		}
		switch must(aio.Await(val[any](t, "x2", "s"))).(type) {
		case string:
			t.P("string, no binding")
		}
		return "ok", nil
	})
}

func ctlSelectPlain(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		ch := make(chan int, 1)
		ch <- 7
		aio.Await(aio.Yield())
		select {
		case v := <-ch:
			t.P("got %d", v)
		default:
			t.P("none")
		}
		return "ok", nil
	})
}

func ctlSelectAwaitInCase(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		ch := make(chan int, 1)
		done := make(chan struct{})
		ch <- 3
		for i := 0; i < 3; i++ {
			select {
			case v, ok := <-ch:
				w := must(aio.Await(val(t, "in case", v*10)))
				t.P("recv %d %v %d", v, ok, w)
			case <-done:
				t.P("done")
			default:
				aio.Await(aio.Yield())
				t.P("default %d", i)
				if i == 1 {
					close(done)
				}
			}
		}
		return "ok", nil
	})
}

func ctlSelectBreakLabeled(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		ch := make(chan int, 10)
		for i := 0; i < 10; i++ {
			ch <- i
		}
		n := 0
	loop:
		for {
			select {
			case v := <-ch:
				aio.Await(aio.Yield())
				if v == 4 {
					break loop
				}
				if v == 2 {
					break // leaves the select only
				}
				n += v
			}
		}
		return fmt.Sprint(n), nil
	})
}

func ctlNestedBlocks(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		x := 1
		{
			x := 2
			aio.Await(aio.Yield())
			{
				x := x + 10
				aio.Await(aio.Yield())
				t.P("inner x=%d", x)
			}
			t.P("mid x=%d", x)
		}
		return fmt.Sprint(x), nil
	})
}

func ctlBreakInPlainSwitch(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		n := 0
		for i := 0; i < 5; i++ {
			aio.Await(aio.Yield())
			switch {
			case i == 1:
				continue
			case i == 3:
				break
			default:
				n += i
			}
			if i == 4 {
				break
			}
		}
		return fmt.Sprint(n), nil
	})
}

func ctlEarlyReturnInLoop(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		for i := 0; ; i++ {
			v := must(aio.Await(val(t, "probe", i*i)))
			if v > 5 {
				return fmt.Sprint("found ", i), nil
			}
		}
	})
}

func ctlWhileSleep(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		start := aio.CurrentLoop().Time()
		for aio.CurrentLoop().Time()-start < 50*time.Millisecond {
			aio.Await(aio.Sleep(20 * time.Millisecond))
			t.P("tick %v", aio.CurrentLoop().Time()-start)
		}
		return "ok", nil
	})
}
