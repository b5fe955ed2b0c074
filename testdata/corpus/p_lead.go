//go:build aiosrc

package corpus

// Programs the lead wrote to attack the generator: awaits in for conditions
// and posts, case expressions with fallthrough, nested awaits, index and
// slice operands, method receivers, op-assignment racing another task,
// async cleanup recovering a panic, Go 1.22 loop variables in spawned
// closures, iterator early exit, goto over an await.

import (
	"errors"
	"fmt"
	"iter"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// ldT is the trace of the lead program running now (programs run one at a
// time on their own loop).
var ldT *T

func ldOut(args ...any) { ldT.P("%s", fmt.Sprintln(args...)[:len(fmt.Sprintln(args...))-1]) }

func init() {
	for i, main := range []func() aio.Coro[string]{
		func() aio.Coro[string] { return ldFmt(ldTorture1()) },
		func() aio.Coro[string] { return ldFmt(ldTorture2()) },
		func() aio.Coro[string] { return ldFmt(ldTorture3()) },
		func() aio.Coro[string] { return ldFmt(ldTorture4()) },
		func() aio.Coro[string] { return ldFmt(ldTorture5()) },
		func() aio.Coro[string] { return ldFmt(ldTorture6()) },
	} {
		register(fmt.Sprintf("lead_torture_%d", i+1), func(t *T) aio.Coro[string] {
			ldT = t
			return main()
		})
	}
}

// ldFmt awaits c and formats its outcome.
func ldFmt[V any](c aio.Coro[V]) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		v, err := aio.Await(c)
		return fmt.Sprint(v, " ", err), nil
	})
}

func ldVal[T any](v T) aio.Coro[T] {
	return aio.Async(func() (T, error) {
		aio.Await(aio.Yield())
		return v, nil
	})
}

func ldMust[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func ldTrace(s string) int { ldOut("eval", s); return len(s) }

type ldPair[K comparable, V any] struct {
	k K
	v V
}

func (p *ldPair[K, V]) bump(n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		x, _ := aio.Await(ldVal(n))
		return x + 1, nil
	})
}

func ldSeq(n int) iter.Seq[int] {
	return func(yield func(int) bool) {
		for i := range n {
			if !yield(i) {
				ldOut("ldSeq stopped at", i)
				return
			}
		}
	}
}

func ldTorture1() aio.Coro[int] {
	return aio.Async(func() (total int, err error) {
		defer func() {
			if r := recover(); r != nil {
				ldOut("recovered:", r)
				total = -total
			}
		}()
	outer:
		for i := 0; i < 4; i, _ = i+1, ldTrace("post") {
			switch v, _ := aio.Await(ldVal(i)); {
			case v == 1:
				continue outer
			case v == 3:
				for j := range 3 {
					if j == 1 {
						if x, _ := aio.Await(ldVal(j * 10)); x == 10 {
							total += x
							break outer
						}
					}
				}
			default:
				total += v
			}
		}
		m := map[string]int{"a": ldTrace("a"), "b": ldMust(aio.Await(ldVal(2)))}
		_ = m
		return total, nil
	})
}

func ldTorture2() aio.Coro[[]int] {
	return aio.Async(func() ([]int, error) {
		var fns []func() int
		var tasks []*aio.Task[int]
		for i := range 3 {
			fns = append(fns, func() int { return i * 100 })
			tasks = append(tasks, aio.Spawn(aio.Async(func() (int, error) {
				aio.Await(aio.Sleep(time.Duration(3-i) * time.Second))
				return i, nil
			})))
			aio.Await(aio.Yield())
		}
		var out []int
		for _, t := range tasks {
			v, _ := aio.Await(t)
			out = append(out, v)
		}
		for _, f := range fns {
			out = append(out, f())
		}
		p := &ldPair[string, int]{"k", 5}
		b, _ := aio.Await(p.bump(p.v))
		out = append(out, b)
		for x := range ldSeq(10) {
			y, _ := aio.Await(ldVal(x))
			if y == 2 {
				break
			}
			out = append(out, y)
		}
		n := 0
	again:
		n++
		if v, _ := aio.Await(ldVal(n)); v < 3 {
			goto again
		}
		out = append(out, n)
		ch := make(chan int, 1)
		ch <- 7
	sel:
		for {
			select {
			case v := <-ch:
				w, _ := aio.Await(ldVal(v))
				out = append(out, w)
			default:
				break sel
			}
		}
		return out, nil
	})
}

func ldTorture3() aio.Coro[string] {
	return aio.Async(func() (res string, err error) {
		defer func() {
			ldOut("deferred sees", res, err)
			res += "+deferred"
		}()
		for i := range 2 {
			defer ldOut("defer in loop", i)
		}
		_, err = aio.Await(aio.Async(func() (int, error) {
			aio.Await(aio.Yield())
			return 0, errors.New("inner failed")
		}))
		if err != nil {
			return "failed", err
		}
		return "ok", nil
	})
}

func ldTorture4() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		x := 1
		a := []int{0, 0, 0}
		a[ldTrace("idx")%3], x = ldMust(aio.Await(ldVal(9))), x+ldTrace("rhs")
		ldOut(a, x)
		ok := ldTrace("left") > 100 && ldMust(aio.Await(ldVal(true)))
		ok2 := ldTrace("left2") > 0 || ldMust(aio.Await(ldVal(false)))
		ok3 := ldTrace("left3") < 0 || ldMust(aio.Await(ldVal(ldTrace("inner") > 0)))
		ldOut(ok, ok2, ok3)
		s := "héllo"
		for i, r := range s {
			if r == 'é' {
				v, _ := aio.Await(ldVal(i))
				x += v
			}
		}
		var iface any = x
		switch v := iface.(type) {
		case string:
			return 0, nil
		case int:
			w, _ := aio.Await(ldVal(v))
			return w, nil
		}
		return -1, nil
	})
}

type ldCounter struct{ n int }

func (c *ldCounter) inc() int { c.n++; return c.n }

func ldGetCounter(c *ldCounter) aio.Coro[*ldCounter] {
	return aio.Async(func() (*ldCounter, error) {
		aio.Await(aio.Yield())
		return c, nil
	})
}

func ldFib(n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		if n < 2 {
			return n, nil
		}
		a, _ := aio.Await(ldFib(n - 1))
		b, _ := aio.Await(ldFib(n - 2))
		return a + b, nil
	})
}

var ldShared int

func ldBumper() aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		ldShared += 100
		return struct{}{}, nil
	})
}

func ldTorture5() aio.Coro[string] {
	return aio.Async(func() (out string, err error) {
		i := 0
		for ldMust(aio.Await(ldVal(i))) < 3 {
			out += fmt.Sprint(i)
			i = ldMust(aio.Await(ldVal(i + 1)))
		}
		for j := ldMust(aio.Await(ldVal(0))); j < 6; j += ldMust(aio.Await(ldVal(2))) {
			out += fmt.Sprint("j", j)
		}
		switch x := 2; ldMust(aio.Await(ldVal(x))) {
		case ldMust(aio.Await(ldVal(1))):
			out += "one"
		case ldMust(aio.Await(ldVal(2))):
			out += "two"
			fallthrough
		case ldMust(aio.Await(ldVal(99))):
			out += "-fell"
		default:
			out += "default"
		}
		arr := []int{10, 20, 30, 40}
		out += fmt.Sprint(arr[ldMust(aio.Await(ldVal(1)))], arr[ldMust(aio.Await(ldVal(1))):ldMust(aio.Await(ldVal(3)))])
		out += fmt.Sprint(ldMust(aio.Await(ldVal(ldMust(aio.Await(ldVal(3)))))))
		c := &ldCounter{}
		out += fmt.Sprint(ldMust(aio.Await(ldGetCounter(c))).inc(), c.n)
		ldShared = 1
		t := aio.Spawn(ldBumper())
		_ = t
		ldShared += ldMust(aio.Await(ldVal(2)))
		out += fmt.Sprint(" ldShared=", ldShared)
		f, _ := aio.Await(ldFib(10))
		out += fmt.Sprint(" ldFib=", f)
		k := 0
		incr := func() { k++ }
		incr()
		aio.Await(aio.Yield())
		incr()
		out += fmt.Sprint(" k=", k)
		return
	})
}

func ldTorture6() aio.Coro[int] {
	return aio.Async(func() (n int, err error) {
		defer func() {
			aio.Await(aio.Yield())
			if r := recover(); r != nil {
				ldOut("async cleanup recovered", r)
				n = 42
			}
		}()
		defer func() {
			ldOut("plain defer runs first")
		}()
		v, _ := aio.Await(ldVal(5))
		if v == 5 {
			panic(fmt.Sprint("boom ", v))
		}
		return v, nil
	})
}
