//go:build aiosrc

package corpus

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// Control-flow torture programs, round 2: large bodies with many locals of
// many types, escaping addresses, generics, deep closures, defers, select,
// recursion and names that collide with the generator's.

func init() {
	register("torture2_big_state", torture2BigState)
	register("torture2_escaping", torture2Escaping)
	register("torture2_generics", torture2Generics)
	register("torture2_nested_closures", torture2NestedClosures)
	register("torture2_defer_mix", torture2DeferMix)
	register("torture2_defer_replace_panic", torture2DeferReplacePanic)
	register("torture2_return_call_defer", torture2ReturnCallDefer)
	register("torture2_select_switch", torture2SelectSwitch)
	register("torture2_jumps", torture2Jumps)
	register("torture2_recursion", torture2Recursion)
	register("torture2_names", torture2Names)
	register("torture2_local_types", torture2LocalTypes)
	register("torture2_builtins", torture2Builtins)
	register("torture2_generics_more", torture2GenericsMore)
	register("torture2_loop_defers", torture2LoopDefers)
	register("torture2_misc", torture2Misc)
}

type t2point struct {
	X, Y int
	Tag  string
}

func (p *t2point) inc()          { p.X++; p.Y += 2 }
func (p t2point) String() string { return fmt.Sprintf("%s(%d,%d)", p.Tag, p.X, p.Y) }

type t2counter struct {
	n    int
	hist [4]int
}

func (c *t2counter) add(k int) int { c.n += k; c.hist[c.n%4]++; return c.n }

func torture2BigState(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var arr [5]int
		pts := []t2point{{1, 2, "a"}, {3, 4, "b"}}
		m := map[string]int{"x": 1}
		pt := t2point{Tag: "pt"}
		var c t2counter
		var pp *t2point = &pts[1]
		q := &pt
		f := 1.5
		var b byte = 'A'
		var iface any = pt
		ch := make(chan int, 3)
		s := "s"
		var e error
		i := 0
		for i < len(arr) {
			arr[i] += must(aio.Await(val(t, "arr", i*10)))
			i += must(aio.Await(quiet(1)))
			arr[i%len(arr)]++
		}
		t.P("arr %v i=%d", arr, i)
		i = 1
		arr[i] += must(aio.Await(val(t, "ai", 100))) + i
		t.P("arr %v", arr)
		pt.X = must(aio.Await(val(t, "ptx", 7)))
		pt.inc()
		q.Y += must(aio.Await(val(t, "qy", 5)))
		pt.inc()
		t.P("pt %v q==&pt %v", pt, q == &pt)
		pp.X *= must(aio.Await(val(t, "ppx", 3)))
		pts = append(pts, t2point{Tag: "c"})
		pp.Y = 99 // still the old backing array
		t.P("pts %v pp %v", pts, *pp)
		for k := range 3 {
			c.add(must(aio.Await(quiet(k + 1))))
		}
		t.P("c %d %v", c.n, c.hist)
		m["y"] = must(aio.Await(val(t, "my", 2)))
		m["x"] += m["y"]
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		bump := func() { f *= 2; b++; s += "!"; arr[0] = -1; pt.Tag += "'" }
		bump()
		f += float64(must(aio.Await(val(t, "f", 1))))
		bump()
		t.P("f=%v b=%c s=%s arr=%v pt=%v", f, b, s, arr, pt)
		ch <- must(aio.Await(val(t, "ch", 4)))
		ch <- len(keys)
		close(ch)
		sum := 0
		for v := range ch {
			sum += v + must(aio.Await(quiet(v)))
		}
		if _, e = aio.Await(fail(t, "boom")); e != nil {
			s += e.Error()
		}
		switch v := iface.(type) {
		case t2point:
			v.X = must(aio.Await(val(t, "iv", 42)))
			t.P("iface copy %v orig %v", v, iface)
		}
		grid := [2][3]int{}
		for r := range grid {
			for col := range grid[r] {
				grid[r][col] = r*10 + col + must(aio.Await(quiet(0)))
			}
		}
		row := &grid[1]
		row[2] += must(aio.Await(val(t, "row", 1000)))
		structs := map[string]t2point{"k": {Tag: "mk"}}
		tmp := structs["k"]
		tmp.X = must(aio.Await(quiet(8)))
		structs["k"] = tmp
		var nilp *t2point
		if nilp == nil {
			nilp = &pts[0]
		}
		nilp.inc()
		return fmt.Sprint(arr, pts, m, keys, pt, c.n, f, string(b), s, sum, e, grid, structs, *nilp), nil
	})
}

func torture2Escaping(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		x := 1
		p := &x
		aio.Await(aio.Yield())
		*p = must(aio.Await(val(t, "p", 5)))
		t.P("x=%d", x)
		x++
		t.P("*p=%d", *p)
		arr := [4]string{"a", "b", "c", "d"}
		sl := arr[1:3]
		sl[0] = must(aio.Await(val(t, "sl", "B")))
		arr[2] = "C"
		t.P("arr=%v sl=%v", arr, sl)
		sl = append(sl, must(aio.Await(val(t, "ap", "D"))))
		t.P("arr=%v sl=%v", arr, sl)
		var ptrs []*int
		for i := 0; i < 3; i++ {
			ptrs = append(ptrs, &i)
			aio.Await(aio.Yield())
			i += 0
		}
		for j := range 3 {
			pj := &j
			*pj += must(aio.Await(quiet(10)))
			ptrs = append(ptrs, pj)
		}
		var vals []int
		for _, pi := range ptrs {
			vals = append(vals, *pi)
		}
		t.P("vals %v", vals)
		type pair struct {
			a int
			b *int
		}
		y := 7
		pr := pair{1, &y}
		ppr := &pr
		*ppr.b = must(aio.Await(val(t, "pb", 70)))
		ppr.a = must(aio.Await(quiet(2)))
		t.P("y=%d pr.a=%d", y, pr.a)
		pa := &arr
		for idx := range pa {
			pa[idx] = strings.ToUpper(pa[idx]) + must(aio.Await(quiet("")))
		}
		m := map[int]*int{}
		for k := range 2 {
			m[k] = &k
			aio.Await(aio.Yield())
			k += 100
		}
		pz := new(int)
		*pz = must(aio.Await(quiet(3)))
		ps := &struct{ n int }{}
		ps.n = must(aio.Await(quiet(4)))
		return fmt.Sprint(x, *p, arr, sl, vals, *m[0], *m[1], *pz, ps.n), nil
	})
}

type t2num interface {
	~int | ~int64 | ~float64
}

type t2meters int

// t2sum adds values that arrive asynchronously; the zero of N starts it.
func t2sum[N t2num](t *T, xs ...N) aio.Coro[N] {
	return aio.Async(func() (N, error) {
		var total N
		for i, x := range xs {
			v, err := aio.Await(quiet(x))
			if err != nil {
				return total, err
			}
			total += v * N(i+1)
		}
		t.P("sum %T %v", total, total)
		return total, nil
	})
}

// t2first awaits every coroutine and returns the first non-zero result, or
// the zero value and an error.
func t2first[V comparable](t *T, cs ...aio.Coro[V]) aio.Coro[V] {
	return aio.Async(func() (V, error) {
		var zero V
		for _, c := range cs {
			v, err := aio.Await(c)
			if err != nil {
				t.P("first: %v", err)
				continue
			}
			if v != zero {
				return v, nil
			}
		}
		return zero, errors.New("all zero")
	})
}

type t2stack[E any] struct {
	t     *T
	items []E
}

func (s *t2stack[E]) pushAll(es ...E) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for _, e := range es {
			aio.Await(aio.Yield())
			s.items = append(s.items, e)
		}
		return len(s.items), nil
	})
}

func (s *t2stack[E]) pop() aio.Coro[E] {
	return aio.Async(func() (E, error) {
		var zero E
		if len(s.items) == 0 {
			return zero, errors.New("empty")
		}
		top := s.items[len(s.items)-1]
		aio.Await(aio.Yield())
		s.items = s.items[:len(s.items)-1]
		return top, nil
	})
}

// t2mapc maps with an async function over a generic slice type.
func t2mapc[S ~[]E, E, R any](xs S, fn func(E) aio.Coro[R]) aio.Coro[[]R] {
	return aio.Async(func() ([]R, error) {
		out := make([]R, len(xs))
		for i := range xs {
			out[i] = must(aio.Await(fn(xs[i])))
		}
		return out, nil
	})
}

type t2pair[K comparable, V any] struct {
	K K
	V V
}

func t2swap[K comparable, V comparable](p t2pair[K, V]) aio.Coro[t2pair[V, K]] {
	return aio.Async(func() (t2pair[V, K], error) {
		var r t2pair[V, K]
		r.K = must(aio.Await(quiet(p.V)))
		r.V, _ = aio.Await(quiet(p.K))
		pr := &r
		pr.K, pr.V = must(aio.Await(quiet(pr.K))), must(aio.Await(quiet(pr.V)))
		return r, nil
	})
}

func torture2Generics(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		a := must(aio.Await(t2sum(t, 1, 2, 3)))
		b := must(aio.Await(t2sum(t, 1.5, 2.5)))
		c := must(aio.Await(t2sum[t2meters](t, 4, 5)))
		d := must(aio.Await(t2sum[int64](t)))
		e, err := aio.Await(t2first(t, quiet(""), now(t, "n", ""), quiet("hit"), val(t, "never", "x")))
		_, err2 := aio.Await(t2first[t2point](t, quiet(t2point{})))
		st := &t2stack[t2point]{t: t}
		n := must(aio.Await(st.pushAll(t2point{1, 1, "p"}, t2point{2, 2, "q"})))
		top := must(aio.Await(st.pop()))
		var ss t2stack[[]int]
		_, err3 := aio.Await(ss.pop())
		ss.pushAll([]int{1}) //aio:ignore AIO105 never awaited
		n2 := must(aio.Await(ss.pushAll(nil, []int{9})))
		strs := must(aio.Await(t2mapc([]t2point{{Tag: "u"}, {Tag: "v"}}, func(p t2point) aio.Coro[string] {
			return aio.Async(func() (string, error) {
				p.inc()
				return p.String() + must(aio.Await(quiet("!"))), nil
			})
		})))
		sw := must(aio.Await(t2swap(t2pair[string, t2meters]{"k", 3})))
		return fmt.Sprint(a, b, c, d, e, err, err2, n, top, st.items, err3, n2, ss.items, strs, sw), nil
	})
}

func torture2NestedClosures(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		l1 := "L1"
		total := 0
		outer := func(k int) aio.Coro[string] {
			return aio.Async(func() (string, error) {
				l2 := fmt.Sprint("L2.", k)
				mid := func(j int) aio.Coro[string] {
					return aio.Async(func() (string, error) {
						l3 := j * 10
						inner := func() aio.Coro[string] {
							return aio.Async(func() (string, error) {
								aio.Await(aio.Sleep(0))
								total += l3 + k
								l1 += "+"
								return fmt.Sprint(l1, "/", l2, "/", l3), nil
							})
						}
						tk := aio.Spawn(inner())
						l3++ // seen by inner: it has not run yet
						aio.Await(aio.Yield())
						l2 += "'"
						return must(aio.Await(tk)), nil
					})
				}
				ta := aio.Spawn(mid(1))
				tb := aio.Spawn(mid(2))
				rb := must(aio.Await(tb))
				ra := must(aio.Await(ta))
				return ra + " | " + rb, nil
			})
		}
		var tasks []*aio.Task[string]
		for k := range 3 {
			tasks = append(tasks, aio.Spawn(outer(k)))
		}
		var out []string
		for i := len(tasks) - 1; i >= 0; i-- {
			out = append(out, must(aio.Await(tasks[i])))
		}
		// async closures created in a loop capture their iteration's vars
		var cs []aio.Coro[int]
		for i, w := range []int{5, 6, 7} {
			acc := i
			cs = append(cs, aio.Async(func() (int, error) {
				aio.Await(aio.Yield())
				acc += w
				return acc * 100, nil
			}))
			acc += 1000
		}
		vs := must(aio.Await(aio.Gather(cs[2], cs[0], cs[1])))
		return fmt.Sprint(strings.Join(out, "\n"), " total=", total, " l1=", l1, " vs=", vs), nil
	})
}

func torture2DeferMix(t *T) aio.Coro[string] {
	return aio.Async(func() (res string, err error) {
		n := 0
		defer t.P("defer 1 (args now) n=%d", n)
		defer func() {
			t.P("defer 2 async begins res=%q err=%v", res, err)
			v := must(aio.Await(val(t, "cleanup", 3)))
			res += fmt.Sprint("+cleanup", v)
		}()
		defer func() {
			if r := recover(); r != nil {
				t.P("recovered %v", r)
				err = nil
				res = fmt.Sprint("recovered:", r)
			}
		}()
		for i := range 3 {
			defer func() { t.P("loop defer i=%d n=%d", i, n) }()
			n += must(aio.Await(quiet(i)))
			defer fmt.Sprint(must(aio.Await(val(t, "deferarg", i))))
		}
		defer func() {
			aio.Await(aio.Yield())
			n = 1000
			t.P("async defer sets n")
		}()
		if n == 3 {
			panic(fmt.Sprint("boom n=", n))
		}
		return "unreached", nil
	})
}

func torture2DeferReplacePanic(t *T) aio.Coro[string] {
	return aio.Async(func() (out string, err error) {
		defer func() {
			r := recover()
			t.P("outer recover %v", r)
			out = fmt.Sprint("final:", r)
		}()
		defer func() {
			t.P("async middle begins")
			aio.Await(aio.Yield())
			panic("second")
		}()
		defer func() {
			t.P("first defer, no recover")
		}()
		aio.Await(aio.Yield())
		panic("first")
	})
}

func t2produce(t *T, v int) aio.Coro[int] {
	return aio.Async(func() (r int, err error) {
		defer func() { r *= 2; t.P("produce defer r=%d", r) }()
		return must(aio.Await(val(t, "produce", v))), nil
	})
}

func t2wrap(t *T) aio.Coro[int] {
	return aio.Async(func() (n int, err error) {
		defer func() {
			n += 1
			t.P("wrap defer n=%d err=%v", n, err)
		}()
		defer func() {
			if n > 10 {
				err = fmt.Errorf("too big %d", n)
			}
		}()
		return aio.Await(t2produce(t, 6))
	})
}

func torture2ReturnCallDefer(t *T) aio.Coro[string] {
	return aio.Async(func() (s string, err error) {
		defer func() {
			s = strings.ToUpper(s)
		}()
		n, werr := aio.Await(t2wrap(t))
		t.P("wrap %d %v", n, werr)
		f := func() aio.Coro[string] {
			return aio.Async(func() (x string, err error) {
				defer func() { x += "<f>" }()
				return fmt.Sprint("n=", must(aio.Await(quiet(n)))), nil
			})
		}
		return aio.Await(f())
	})
}

type t2shape interface{ area() int }
type t2sq struct{ s int }
type t2rect struct{ w, h int }

func (q t2sq) area() int    { return q.s * q.s }
func (r *t2rect) area() int { return r.w * r.h }

func t2chan(t *T, name string, vs ...int) aio.Coro[chan int] {
	return aio.Async(func() (chan int, error) {
		t.P("chan %s", name)
		aio.Await(aio.Yield())
		ch := make(chan int, len(vs)+1)
		for _, v := range vs {
			ch <- v //aio:ignore AIO261 deliberate: a buffered or ready channel the corpus knows cannot block
		}
		return ch, nil
	})
}

func torture2SelectSwitch(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var log []string
		full := make(chan int, 1)
		full <- -1
		for round := range 3 {
			var vs []int
			if round < 2 {
				vs = append(vs, round*10)
			} else {
				log = append(log, fmt.Sprint("make room ", <-full))
			}
			// exactly one case is ready: select picks at random among several
			select { //aio:ignore AIO261 deliberate: a buffered or ready channel the corpus knows cannot block
			case v := <-must(aio.Await(t2chan(t, fmt.Sprint("r", round), vs...))):
				log = append(log, fmt.Sprint("recv ", v, must(aio.Await(val(t, "body", round)))))
			case full <- must(aio.Await(val(t, "sendv", round))):
				log = append(log, "sent")
			}
		}
		select {
		case v, ok := <-full:
			aio.Await(aio.Yield())
			log = append(log, fmt.Sprint("drain ", v, ok))
		default:
			log = append(log, "empty")
		}
		shapes := []t2shape{t2sq{2}, &t2rect{2, 3}, nil}
		for _, sh := range shapes {
			switch s := sh.(type) {
			case t2sq:
				s.s = must(aio.Await(val(t, "sq", 5)))
				log = append(log, fmt.Sprint("sq ", s.area(), sh.area()))
			case *t2rect:
				s.w = must(aio.Await(val(t, "rect", 10)))
				log = append(log, fmt.Sprint("rect ", s.area(), sh.area()))
			case nil:
				log = append(log, fmt.Sprint("nil ", must(aio.Await(quiet(0)))))
			}
		}
		switch x := must(aio.Await(val(t, "sw", 2))); x {
		case must(aio.Await(val(t, "case1", 1))):
			log = append(log, "one")
		case must(aio.Await(val(t, "case2", 2))), must(aio.Await(val(t, "case3", 3))):
			x *= must(aio.Await(quiet(7)))
			log = append(log, fmt.Sprint("two x=", x))
		default:
			log = append(log, "default")
		}
		err := errors.New("outer")
		if v, err := aio.Await(fail(t, "inner")); err != nil {
			log = append(log, fmt.Sprint("if init ", v, err))
		} else if w, err := aio.Await(val(t, "unreached", 1)); err == nil {
			log = append(log, fmt.Sprint(w))
		}
		log = append(log, err.Error())
		calls := 0
		yes := func(b bool) aio.Coro[bool] {
			return aio.Async(func() (bool, error) {
				calls++
				t.P("cond %d -> %v", calls, b)
				aio.Await(aio.Yield())
				return b, nil
			})
		}
		c1 := true && must(aio.Await(yes(true))) && calls == 1 && must(aio.Await(yes(true))) && !must(aio.Await(yes(false))) && must(aio.Await(yes(true))) || must(aio.Await(yes(false)))
		c2 := false || calls > 100 || must(aio.Await(yes(false))) || (must(aio.Await(yes(true))) && must(aio.Await(yes(false)))) || must(aio.Await(yes(true))) || must(aio.Await(yes(true)))
		log = append(log, fmt.Sprint("chains ", c1, c2, calls))
		return strings.Join(log, "; "), nil
	})
}

func torture2Jumps(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var log []string
		groups := map[string][]int{"a": {1, 2, 3}, "b": {4, -1, 6}, "c": {7}}
		keys := []string{"c", "a", "b"}
		sort.Strings(keys)
	outer:
		for _, k := range keys {
			for _, v := range groups[k] {
				if v < 0 {
					log = append(log, "neg in "+k)
					continue outer
				}
				if must(aio.Await(quiet(v))) == 3 {
					continue outer
				}
				log = append(log, fmt.Sprint(k, v))
			}
			log = append(log, "end "+k)
		}
		single := map[int]string{1: "one"}
	mloop:
		for k, v := range single {
			for range 3 {
				aio.Await(aio.Yield())
				log = append(log, fmt.Sprint("map ", k, v))
				continue mloop
			}
		}
		i := 0
	again:
		i++
		if must(aio.Await(quiet(i))) < 3 {
			goto again
		}
		{
			goto inblock
		inblock:
			log = append(log, fmt.Sprint("inblock i=", i))
			if i < 5 {
				i += must(aio.Await(quiet(1)))
				goto inblock
			}
		}
		goto skip
	skip:
		for j := 0; ; j++ {
			switch {
			case j == must(aio.Await(quiet(2))):
				continue
			case j > 3:
				goto done
			}
			log = append(log, fmt.Sprint("j", j))
		}
	done:
		return strings.Join(log, ","), nil
	})
}

func t2fib(n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		if n < 2 {
			return n, nil
		}
		a, err := aio.Await(t2fib(n - 1))
		if err != nil {
			return 0, err
		}
		b := must(aio.Await(t2fib(n - 2)))
		return a + b, nil
	})
}

func t2even(n int) aio.Coro[bool] {
	return aio.Async(func() (bool, error) {
		if n == 0 {
			return true, nil
		}
		if n%97 == 0 {
			aio.Await(aio.Yield())
		}
		return aio.Await(t2odd(n - 1))
	})
}

func t2odd(n int) aio.Coro[bool] {
	return aio.Async(func() (bool, error) {
		if n == 0 {
			return false, nil
		}
		return aio.Await(t2even(n - 1))
	})
}

func t2deep(t *T, n int) aio.Coro[int] {
	return aio.Async(func() (depth int, err error) {
		defer func() {
			if n%250 == 0 {
				t.P("unwind %d depth=%d", n, depth)
			}
		}()
		if n == 0 {
			aio.Await(aio.Sleep(0))
			return 0, nil
		}
		d, err := aio.Await(t2deep(t, n-1))
		return d + 1, err
	})
}

func t2deepPanic(n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		if n == 0 {
			aio.Await(aio.Yield())
			panic("bottom")
		}
		return aio.Await(t2deepPanic(n - 1))
	})
}

func torture2Recursion(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		f := must(aio.Await(t2fib(15)))
		e := must(aio.Await(t2even(1000)))
		o := must(aio.Await(t2odd(777)))
		d := must(aio.Await(t2deep(t, 1000)))
		tk := aio.Spawn(t2deep(t, 1000))
		d2 := must(aio.Await(tk))
		var rec any
		func() {
			defer func() { rec = recover() }()
		}()
		caught := func() aio.Coro[string] {
			return aio.Async(func() (s string, err error) {
				defer func() {
					if r := recover(); r != nil {
						if pe, ok := r.(*aio.PanicError); ok {
							r = pe.Value
						}
						s = fmt.Sprint("caught ", r)
					}
				}()
				n, _ := aio.Await(t2deepPanic(1000))
				return fmt.Sprint(n), nil
			})
		}
		c := must(aio.Await(caught()))
		return fmt.Sprint(f, e, o, d, d2, rec, c), nil
	})
}

func torture2Names(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		f, r, pc, state, self := 1, 2, 3, "st", "me"
		aw1, aw2, ppanic, stop, unwind := 4, 5, 6, 7, 8
		resume1, loop1, cont1, brk1, defer1 := 1, 2, 3, 4, 5
		var err error
		_ = must(aio.Await(val(t, "blank", 0)))
		_, _ = aio.Await(quiet(1))
		fmt := func(a ...any) string { return strings.TrimSpace(strings.Repeat("x", len(a))) }
		x1 := fmt(f, r) + fmt(must(aio.Await(quiet(pc))))
		aio := "aio!"
		σ, 数 := 1.5, 2
		Ωmega := []string{"ω"}
		for _, é := range []int{1, 2} {
			数 += é
		}
		t.P("%v %v %v %v %v %v", f, r, pc, state, self, aio)
		return strings.Join([]string{x1, aio, strings.Join(Ωmega, "")}, "/") +
			strings.Repeat(".", σ2i(σ)+数+aw1+aw2+ppanic+stop+unwind+resume1+loop1+cont1+brk1+defer1) +
			errString(err), nil
	})
}

func σ2i(f float64) int { return int(f) }

func errString(err error) string {
	if err == nil {
		return "<nil>"
	}
	return err.Error()
}

// torture2LocalTypes declares local types whose names are taken at package
// level (by a package type, by another function's local type in another
// file, by another block of the same body): the moved types are renamed.
func torture2LocalTypes(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		type t2point struct{ name string }
		type pair struct{ l, r t2point }
		const n = 2
		const m = n + 1
		type grid [n][m]rune
		var g grid
		g[1][2] = must(aio.Await(quiet('z')))
		var out []string
		{
			type node struct{ v int }
			ns := []node{{1}}
			ns = append(ns, node{must(aio.Await(quiet(2)))})
			out = append(out, fmt.Sprint(ns))
		}
		{
			type node struct{ s string }
			m := map[string]*node{"k": {"a"}}
			m["k"].s += must(aio.Await(quiet("b")))
			out = append(out, m["k"].s)
		}
		p := pair{t2point{"L"}, t2point{must(aio.Await(val(t, "r", "R")))}}
		ch := make(chan pair, 1)
		ch <- p
		q := <-ch
		q.l.name += must(aio.Await(quiet("'")))
		fn := func(x pair) t2point { return x.r }
		return fmt.Sprint(out, p, q, fn(q), string(g[1][2]), len(g[0])), nil
	})
}

// torture2Builtins shadows builtins and package names the generated code
// may use, in blocks around awaits.
func torture2Builtins(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var out []string
		{
			aio := "shadow"
			out = append(out, aio)
		}
		aio.Await(aio.Yield())
		{
			fmt := 3
			strings := []int{fmt}
			out = append(out, fmt2(sort.IntsAreSorted(strings) && fmt == 3 && len(strings) == 1))
		}
		for i := range 2 {
			new, len, panic := i, "len", true
			v := must(aio.Await(quiet(new)))
			out = append(out, fmt.Sprint(new, len, panic, v))
		}
		var got string
		{
			append, cap, recover := 1, 2, 3
			copy, close, delete, any, string := 4, 5, 6, 7, "str"
			xs := [3]int{}
			for i := range xs {
				xs[i] = must(aio.Await(quiet(i))) + append + cap + recover
			}
			got = fmt.Sprint(xs, copy, close, delete, any, string)
		}
		out = append(out, got)
		m := map[int]int{1: 1}
		for k, v := range m {
			int, bool, error := k, v == 1, "e"
			int += must(aio.Await(quiet(10)))
			out = append(out, fmt.Sprint(int, bool, error))
		}
		ch := make(chan int, 1)
		ch <- 5
		close(ch)
		for v := range ch {
			nil, true, false, iota := v, 0, 1, 2
			nil += must(aio.Await(quiet(true + false + iota)))
			out = append(out, fmt.Sprint(nil, true, false))
		}
		return strings.Join(out, ";"), nil
	})
}

func fmt2(b bool) string { return fmt.Sprint(b) }

type t2ring[T any] struct {
	t    *T2log
	buf  [3]T
	head int
}

// T2log is a trace handle for generic types (T is taken by type params).
type T2log = T

func (r *t2ring[T]) put(v T) aio.Coro[T] {
	return aio.Async(func() (T, error) {
		var zero T
		old := r.buf[r.head]
		p := &r.buf[r.head]
		aio.Await(aio.Yield())
		*p = v
		r.head = (r.head + 1) % len(r.buf)
		if any(old) == any(zero) {
			r.t.P("put %v over zero", v)
		}
		return old, nil
	})
}

func (r *t2ring[T]) drain(each func(T) aio.Coro[bool]) aio.Coro[[]T] {
	return aio.Async(func() ([]T, error) {
		var kept []T
		for i := range r.buf {
			el := r.buf[(r.head+i)%len(r.buf)]
			keep, err := aio.Await(each(el))
			if err != nil {
				return kept, err
			}
			if !keep {
				continue
			}
			kept = append(kept, el)
		}
		return kept, nil
	})
}

// t2reduce folds asynchronously, spawning one async closure per element
// and awaiting them in reverse.
func t2reduce[T any, A any](xs []T, init A, step func(A, T) aio.Coro[A]) aio.Coro[A] {
	return aio.Async(func() (A, error) {
		acc := init
		var tasks []*aio.Task[T]
		for i, x := range xs {
			tasks = append(tasks, aio.Spawn(aio.Async(func() (T, error) {
				aio.Await(aio.Yield())
				if i%2 == 1 {
					var zero T
					return zero, nil
				}
				return x, nil
			})))
		}
		for i := len(tasks) - 1; i >= 0; i-- {
			v := must(aio.Await(tasks[i]))
			acc = must(aio.Await(step(acc, v)))
		}
		return acc, nil
	})
}

type t2ord interface {
	~int | ~string
}

func t2max[K t2ord](t *T, ks ...K) aio.Coro[K] {
	return aio.Async(func() (best K, err error) {
		defer func() {
			if r := recover(); r != nil {
				t.P("max recovered %v", r)
				err = fmt.Errorf("%v", r)
			}
		}()
		if len(ks) == 0 {
			panic("no keys")
		}
		best = ks[0]
		for _, k := range ks[1:] {
			switch c := must(aio.Await(quiet(k))); {
			case c > best:
				best = c
			case c == best:
				t.P("tie %v", c)
			}
		}
		return
	})
}

func torture2GenericsMore(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		r := &t2ring[t2point]{t: t}
		for i := range 4 {
			old := must(aio.Await(r.put(t2point{X: i, Tag: "r"})))
			t.P("old %v", old)
		}
		kept := must(aio.Await(r.drain(func(p t2point) aio.Coro[bool] {
			return aio.Async(func() (bool, error) {
				aio.Await(aio.Yield())
				return p.X != 2, nil
			})
		})))
		rs := t2ring[string]{t: t}
		rs.put("lazy") //aio:ignore AIO105 never awaited
		s1 := must(aio.Await(rs.put("a")))
		sum := must(aio.Await(t2reduce([]int{1, 2, 3, 4, 5}, "", func(acc string, v int) aio.Coro[string] {
			return aio.Async(func() (string, error) {
				return acc + fmt.Sprint(v), nil
			})
		})))
		pts := must(aio.Await(t2reduce([]t2point{{Tag: "a"}, {Tag: "b"}, {Tag: "c"}}, 0, func(n int, p t2point) aio.Coro[int] {
			return aio.Async(func() (int, error) {
				return n + len(p.Tag) + must(aio.Await(quiet(p.X))), nil
			})
		})))
		m1 := must(aio.Await(t2max(t, 3, 9, 2, 9)))
		m2 := must(aio.Await(t2max(t, "b", "a", "c")))
		m3, err := aio.Await(t2max[t2meters](t))
		return fmt.Sprint(kept, r.buf, r.head, s1 == "", rs.buf, sum, pts, m1, m2, m3, err), nil
	})
}

func torture2LoopDefers(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var log []string
		for i := range 4 {
			// each iteration a fresh async closure with its own defers
			res, err := aio.Await(aio.Async(func() (s string, err error) {
				defer func() {
					if r := recover(); r != nil {
						s = fmt.Sprint("rec", i, ":", r)
					}
				}()
				for j := range i {
					defer func() { s += fmt.Sprint("<", j) }()
					aio.Await(aio.Yield())
				}
				if i == 2 {
					panic(fmt.Sprint("p", must(aio.Await(quiet(i)))))
				}
				if i == 3 {
					return "", errors.New("e3")
				}
				return fmt.Sprint("ok", i), nil
			}))
			log = append(log, fmt.Sprint(res, "|", err))
		}
		// a method value bound to an addressable local, called across awaits
		var c t2counter
		add := c.add
		pc := &c
		for k := range 3 {
			add(must(aio.Await(quiet(k + 1))))
			pc.add(1)
		}
		incs := []func(){}
		arr := [3]t2point{}
		for i := range arr {
			incs = append(incs, arr[i].inc)
			aio.Await(aio.Yield())
		}
		for _, f := range incs {
			f()
			aio.Await(aio.Yield())
		}
		arr[1].inc()
		log = append(log, fmt.Sprint(c.n, c.hist, arr))
		return strings.Join(log, "\n"), nil
	})
}

func torture2Misc(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var log []string
		// a recursive async closure through a variable
		var fact func(n int) aio.Coro[int]
		fact = func(n int) aio.Coro[int] {
			return aio.Async(func() (int, error) {
				if n <= 1 {
					return 1, nil
				}
				return n * must(aio.Await(fact(n-1))), nil
			})
		}
		log = append(log, fmt.Sprint(must(aio.Await(fact(10)))))
		// a type switch on an awaited guard
		for _, v := range []any{1, "s", t2point{Tag: "p"}} {
			switch x := must(aio.Await(quiet(v))).(type) {
			case int:
				log = append(log, fmt.Sprint("int ", x+must(aio.Await(quiet(1)))))
			case fmt.Stringer:
				log = append(log, "stringer "+x.String())
			default:
				log = append(log, fmt.Sprintf("other %v", x))
			}
		}
		// break inside select binds to the select; a labeled one leaves the loop
		ch := make(chan int, 5)
		for i := range 5 {
			ch <- i
		}
	loop:
		for {
			select {
			case v := <-ch:
				if must(aio.Await(quiet(v))) == 1 {
					break
				}
				if v == 3 {
					break loop
				}
				log = append(log, fmt.Sprint("sel ", v))
			}
		}
		// array values copied across awaits
		a := [3]int{1, 2, 3}
		b := a
		for i, v := range a {
			a[(i+1)%3] = must(aio.Await(quiet(v * 10)))
		}
		pa := &a
		c := *pa
		pa[0]++
		m := map[[2]int]string{{1, 2}: "k"}
		key := [2]int{1, must(aio.Await(quiet(2)))}
		m[key] += must(aio.Await(quiet("!")))
		log = append(log, fmt.Sprint(a, b, c, m))
		return strings.Join(log, "; "), nil
	})
}
