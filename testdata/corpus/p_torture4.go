//go:build aiosrc

package corpus

import (
	"fmt"
	"strings"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// Torture programs, round 4: how async functions are declared and
// referenced (method values and expressions, interfaces, embedding, func
// values in data structures, variadics, package-level func literals, more
// than one aio.Async per function), and statement-level corners (tagless
// switch evaluation order, select operand order, range copies, shadowed
// named results, defer argument timing, recover in nested funcs).

func init() {
	register("torture4_method_refs", torture4MethodRefs)
	register("torture4_interfaces", torture4Interfaces)
	register("torture4_embedding", torture4Embedding)
	register("torture4_func_values", torture4FuncValues)
	register("torture4_choose_body", torture4ChooseBody)
	register("torture4_lazy_globals", torture4LazyGlobals)
	register("torture4_tagless_switch", torture4TaglessSwitch)
	register("torture4_select_order", torture4SelectOrder)
	register("torture4_range_int", torture4RangeInt)
	register("torture4_range_copies", torture4RangeCopies)
	register("torture4_range_string_map", torture4RangeStringMap)
	register("torture4_named_results", torture4NamedResults)
	register("torture4_defer_args", torture4DeferArgs)
	register("torture4_recover_nested", torture4RecoverNested)
}

// t4acc has async methods on both receiver kinds.
type t4acc struct {
	name string
	n    int
}

// Add is a pointer-receiver async method: its effect on the receiver is
// visible to the caller once the coroutine ran.
func (a *t4acc) Add(t *T, k int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		t.P("%s.Add(%d) from %d", a.name, k, a.n)
		aio.Await(aio.Yield())
		a.n += k
		return a.n, nil
	})
}

// Peek is a value-receiver async method: the receiver is copied when the
// method is called (or the method value made), not when the coroutine runs.
func (a t4acc) Peek(t *T, tag string) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		aio.Await(aio.Yield())
		a.n *= 100 // the copy only
		return fmt.Sprintf("%s:%s=%d", tag, a.name, a.n/100), nil
	})
}

func torture4MethodRefs(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		acc := t4acc{name: "acc", n: 1}
		add := acc.Add   // binds &acc
		peek := acc.Peek // copies acc now (n=1)
		acc.n = 5
		v1, _ := aio.Await(add(t, 2))
		p1, _ := aio.Await(peek(t, "mv"))
		// Method expressions, both receiver kinds.
		v2, _ := aio.Await((*t4acc).Add(&acc, t, 10))
		p2, _ := aio.Await(t4acc.Peek(acc, t, "me"))
		p3, _ := aio.Await((*t4acc).Peek(&acc, t, "mep"))
		// The coroutine made before a change sees the receiver when it runs
		// (pointer) or when it was made (value).
		c1 := acc.Add(t, 1)
		c2 := acc.Peek(t, "early")
		acc.n = 1000
		v3, _ := aio.Await(c1)
		p4, _ := aio.Await(c2)
		// Method values through a pointer and in an interface-free slice.
		pa := &acc
		fs := []func(*T, int) aio.Coro[int]{pa.Add, acc.Add}
		sum := 0
		for i, f := range fs {
			v, _ := aio.Await(f(t, i+1))
			sum += v
		}
		return fmt.Sprint(v1, p1, v2, p2, p3, v3, p4, sum, acc.n), nil
	})
}

// t4shape is implemented by several types whose async bodies differ.
type t4shape interface {
	Area(t *T) aio.Coro[int]
	Name() string
}

type t4sq struct{ s int }
type t4rect struct{ w, h int }
type t4tri struct{ b, h int }

func (q t4sq) Area(t *T) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		aio.Await(aio.Yield())
		return q.s * q.s, nil
	})
}
func (q t4sq) Name() string { return "sq" }

func (r *t4rect) Area(t *T) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		t.P("rect %dx%d", r.w, r.h)
		r.w++ // visible through the interface's pointer
		v, _ := aio.Await(val(t, "rect", (r.w-1)*r.h))
		return v, nil
	})
}
func (r *t4rect) Name() string { return "rect" }

func (tr t4tri) Area(t *T) aio.Coro[int] {
	t.P("tri preamble")
	if tr.b == 0 {
		// An early return of another coroutine: no frame of this body.
		return t4sq{tr.h}.Area(t)
	}
	return aio.Async(func() (int, error) {
		aio.Await(aio.Yield())
		return tr.b * tr.h / 2, nil
	})
}
func (tr t4tri) Name() string { return "tri" }

// t4total awaits through dynamic dispatch.
func t4total(t *T, shapes ...t4shape) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		sum := 0
		for _, s := range shapes {
			a, err := aio.Await(s.Area(t))
			if err != nil {
				return 0, err
			}
			t.P("%s -> %d", s.Name(), a)
			sum += a
		}
		return sum, nil
	})
}

func torture4Interfaces(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		r := &t4rect{2, 3}
		shapes := []t4shape{t4sq{3}, r, t4tri{4, 5}, t4tri{0, 6}, r}
		total, _ := aio.Await(t4total(t, shapes...))
		// Spread of an empty slice and of nil.
		z1, _ := aio.Await(t4total(t))
		z2, _ := aio.Await(t4total(t, []t4shape(nil)...))
		// A method value of an interface.
		var sh t4shape = t4tri{6, 2}
		area := sh.Area
		sh = t4sq{1} // the method value keeps the old receiver
		a1, _ := aio.Await(area(t))
		// An interface method expression.
		a2, _ := aio.Await(t4shape.Area(sh, t))
		// A type switch choosing which coroutine to await.
		var c aio.Coro[int]
		switch s := shapes[1].(type) {
		case t4sq:
			c = s.Area(t)
		case *t4rect:
			s.h = 10
			c = s.Area(t)
		}
		a3, _ := aio.Await(c)
		return fmt.Sprint(total, z1, z2, a1, a2, a3, r.w), nil
	})
}

// Embedding: async methods are promoted through value and pointer
// embedding, and an outer type overrides one.
type t4base struct {
	id  string
	hit int
}

func (b *t4base) Hit(t *T) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		aio.Await(aio.Yield())
		b.hit++
		t.P("base %s hit %d", b.id, b.hit)
		return b.hit, nil
	})
}

func (b t4base) Who(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		aio.Await(aio.Yield())
		return "base:" + b.id, nil
	})
}

type t4byValue struct {
	t4base
	extra int
}

type t4byPtr struct {
	*t4base
}

type t4over struct {
	t4base
}

// Who overrides the promoted method and calls it.
func (o t4over) Who(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		inner, err := aio.Await(o.t4base.Who(t))
		if err != nil {
			return "", err
		}
		return "over(" + inner + ")", nil
	})
}

type t4who interface {
	Who(t *T) aio.Coro[string]
}

func torture4Embedding(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		v := t4byValue{t4base: t4base{id: "v"}}
		shared := &t4base{id: "shared"}
		p1 := t4byPtr{shared}
		p2 := t4byPtr{shared}
		o := t4over{t4base{id: "o"}}
		var log []string
		for _, h := range []func(*T) aio.Coro[int]{v.Hit, p1.Hit, p2.Hit, v.t4base.Hit, o.Hit} {
			n, _ := aio.Await(h(t))
			log = append(log, fmt.Sprint(n))
		}
		// Promoted through a value: v.Hit is (&v.t4base).Hit.
		log = append(log, fmt.Sprint(v.hit, shared.hit, o.hit))
		for _, w := range []t4who{v, p1, o, &o, t4over{t4base{id: "lit"}}} {
			s, _ := aio.Await(w.Who(t))
			log = append(log, s)
		}
		// Method expressions of promoted methods.
		n, _ := aio.Await((*t4byValue).Hit(&v, t))
		s, _ := aio.Await(t4over.Who(o, t))
		log = append(log, fmt.Sprint(n), s)
		return strings.Join(log, " "), nil
	})
}

// Async functions in data structures.
type t4ops struct {
	double func(*T, int) aio.Coro[int]
	table  map[string]func(int) aio.Coro[int]
	chain  []func(int) aio.Coro[int]
}

// t4sumv is variadic.
func t4sumv(t *T, base int, xs ...int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		t.P("sumv %d %v (len %d)", base, xs, len(xs))
		s := base
		for _, x := range xs {
			aio.Await(aio.Yield())
			s += x
		}
		if len(xs) > 0 {
			xs[0] = -1 // visible to a caller that spread its slice
		}
		return s, nil
	})
}

// t4job is a named coroutine type: an alias, so the function is an async
// function; t4task is a defined type, so its result is converted.
type t4job = aio.Coro[int]
type t4task aio.Coro[int]

func t4aliased(t *T, n int) t4job {
	return aio.Async(func() (int, error) {
		aio.Await(aio.Yield())
		return n * 7, nil
	})
}

func t4defined(t *T, n int) t4task {
	return t4task(aio.Async(func() (int, error) {
		aio.Await(aio.Yield())
		t.P("defined %d", n)
		return n * 11, nil
	}))
}

func t4double(t *T, x int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		aio.Await(aio.Yield())
		return 2 * x, nil
	})
}

func torture4FuncValues(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		ops := t4ops{
			double: t4double,
			table: map[string]func(int) aio.Coro[int]{
				"inc": func(x int) aio.Coro[int] {
					return aio.Async(func() (int, error) {
						aio.Await(aio.Yield())
						return x + 1, nil
					})
				},
				"sq": func(x int) aio.Coro[int] { return t4aliased(t, x) },
			},
		}
		for i := 1; i <= 3; i++ {
			k := i // captured per step by the async closure
			ops.chain = append(ops.chain, func(x int) aio.Coro[int] {
				return aio.Async(func() (int, error) {
					aio.Await(aio.Yield())
					return x*10 + k, nil
				})
			})
		}
		x, _ := aio.Await(ops.double(t, 3))
		x, _ = aio.Await(ops.table["inc"](x))
		x, _ = aio.Await(ops.table["sq"](x))
		for _, f := range ops.chain {
			x, _ = aio.Await(f(x))
		}
		xs := []int{1, 2, 3}
		s1, _ := aio.Await(t4sumv(t, 100, xs...))
		s2, _ := aio.Await(t4sumv(t, 1))
		s3, _ := aio.Await(t4sumv(t, 2, 5, 6))
		s4, _ := aio.Await(t4sumv(t, 3, xs[1:]...))
		d, _ := aio.Await(aio.Coro[int](t4defined(t, 2)))
		// A variadic async function as a func value.
		var vf func(*T, int, ...int) aio.Coro[int] = t4sumv
		s5, _ := aio.Await(vf(t, 0, must(aio.Await(t4aliased(t, 1))), 1))
		return fmt.Sprint(x, s1, s2, s3, s4, xs, d, s5), nil
	})
}

// t4pick returns one of two aio.Async bodies chosen at run time, or another
// coroutine early.
func t4pick(t *T, mode int) aio.Coro[string] {
	name := fmt.Sprint("m", mode)
	if mode < 0 {
		return now(t, "negative", "neg")
	}
	if mode%2 == 0 {
		return aio.Async(func() (string, error) {
			aio.Await(aio.Yield())
			name += "/even"
			return name, nil
		})
	} else if mode > 10 {
		return t4pick(t, mode-11)
	}
	return aio.Async(func() (string, error) {
		v, _ := aio.Await(val(t, name, mode*3))
		return fmt.Sprintf("%s/odd=%d", name, v), nil
	})
}

// t4casePick chooses among async closures in a switch and a select of
// its preamble, and passes one as an argument on a line of its own: the
// lines after each folded closure keep their positions.
func t4casePick(t *T, mode int) aio.Coro[string] {
	var c aio.Coro[string]
	switch mode {
	case 0:
		c = aio.Async(func() (string, error) {
			aio.Await(aio.Yield())
			return "zero", nil
		})
	case 1, 2:
		c = now(t, "small", "small")
	default:
		c = aio.Async(func() (string, error) {
			return "big", nil
		})
	}
	ch := make(chan int, 1)
	ch <- mode
	select {
	case v := <-ch:
		if v > 5 {
			old := c
			c = aio.Async(func() (string, error) {
				s, err := aio.Await(old)
				return s + "!", err
			})
		}
	default:
	}
	return t4join(
		aio.Async(func() (string, error) {
			return "<", nil
		}),
		c,
		now(t, "close", ">"),
	)
}

func t4join(cs ...aio.Coro[string]) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var b strings.Builder
		for _, c := range cs {
			s, err := aio.Await(c)
			if err != nil {
				return "", err
			}
			b.WriteString(s)
		}
		return b.String(), nil
	})
}

// t4maker returns async closures from an async closure.
func t4maker(t *T, base int) aio.Coro[func(int) aio.Coro[int]] {
	return aio.Async(func() (func(int) aio.Coro[int], error) {
		aio.Await(aio.Yield())
		count := 0
		return func(k int) aio.Coro[int] {
			return aio.Async(func() (int, error) {
				count++
				aio.Await(aio.Yield())
				base += k
				return base*10 + count, nil
			})
		}, nil
	})
}

func torture4ChooseBody(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var out []string
		for _, m := range []int{2, 3, -1, 13, 12} {
			s, _ := aio.Await(t4pick(t, m))
			out = append(out, s)
		}
		for _, m := range []int{0, 1, 9} {
			s, _ := aio.Await(t4casePick(t, m))
			out = append(out, s)
		}
		f, _ := aio.Await(t4maker(t, 1))
		g, _ := aio.Await(t4maker(t, 100))
		a, _ := aio.Await(f(1))
		b, _ := aio.Await(g(2))
		c, _ := aio.Await(f(3))
		// Coroutines made before being awaited run in await order.
		c1, c2 := f(10), g(20)
		e2, _ := aio.Await(c2)
		e1, _ := aio.Await(c1)
		return fmt.Sprint(out, a, b, c, e1, e2), nil
	})
}

// Package-level async func literals and lazily built coroutines.
var t4Square = func(t *T, x int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		aio.Await(aio.Yield())
		t.P("square %d", x)
		return x * x, nil
	})
}

var t4Registry = map[string]func(*T, int) aio.Coro[int]{
	"square": t4Square,
	"neg": func(t *T, x int) aio.Coro[int] {
		return aio.Async(func() (int, error) {
			v, err := aio.Await(t4Square(t, x))
			return -v, err
		})
	},
}

var t4Built []func(*T) aio.Coro[int]
var t4InitOrder []string

func init() {
	// Builds coroutine makers without starting anything.
	for i := range 3 {
		t4InitOrder = append(t4InitOrder, fmt.Sprint("mk", i))
		t4Built = append(t4Built, func(t *T) aio.Coro[int] {
			return aio.Async(func() (int, error) {
				t.P("built %d runs", i)
				aio.Await(aio.Yield())
				return i * 5, nil
			})
		})
	}
}

func torture4LazyGlobals(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		a, _ := aio.Await(t4Square(t, 4))
		b, _ := aio.Await(t4Registry["neg"](t, 3))
		sum := 0
		for i := len(t4Built) - 1; i >= 0; i-- {
			v, _ := aio.Await(t4Built[i](t))
			sum += v
		}
		return fmt.Sprint(a, b, sum, t4InitOrder), nil
	})
}

// t4v traces and yields, returning v: an awaited case expression whose
// evaluation shows.
func t4v[V any](t *T, tag string, v V) aio.Coro[V] {
	return aio.Async(func() (V, error) {
		t.P("eval %s", tag)
		aio.Await(aio.Yield())
		return v, nil
	})
}

func torture4TaglessSwitch(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var out []string
		for x := range 4 {
			// Case expressions are evaluated top to bottom, left to right,
			// and stop at the first match.
			switch {
			case must(aio.Await(t4v(t, fmt.Sprint("a", x), x == 0))):
				out = append(out, "A")
			case tr(t, fmt.Sprint("b", x), x == 1), must(aio.Await(t4v(t, fmt.Sprint("c", x), x == 2))):
				out = append(out, "BC")
				if x == 2 {
					break
				}
				out = append(out, "B")
			case x > 2 && must(aio.Await(t4v(t, fmt.Sprint("d", x), true))):
				out = append(out, "D")
				fallthrough
			default:
				out = append(out, "E")
			}
		}
		// A tag switch: the tag is evaluated once, before the cases.
		switch must(aio.Await(t4v(t, "tag", 2))) {
		case tr(t, "k1", 1), must(aio.Await(t4v(t, "k2", 2))), tr(t, "k3", 3):
			out = append(out, "K2")
		case must(aio.Await(t4v(t, "k4", 2))):
			out = append(out, "K4")
		}
		return strings.Join(out, ","), nil
	})
}

func torture4SelectOrder(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		a := make(chan int, 1)
		b := make(chan int, 1)
		// pick returns the channel of a case for iteration i, or nil (a
		// case never ready), so that one case at most is ready each time.
		pick := func(name string, i int) chan int {
			t.P("chan %s%d", name, i)
			switch {
			case name == "a" && (i == 0 || i == 7):
				return a
			case name == "rb" && i < 7, name == "sb" && i%2 == 1 && i < 5:
				return b
			}
			return nil
		}
		var log []string
		// All channel operands and send values are evaluated once, in
		// source order, before the select chooses.
	loop:
		for i := 0; ; i++ {
			select {
			case pick(must(aio.Await(t4v(t, fmt.Sprint("ca", i), "a"))), i) <- must(aio.Await(t4v(t, fmt.Sprint("va", i), i*10))):
				if i == 0 {
					log = append(log, "sent a0")
					break // leaves the select only
				}
				log = append(log, fmt.Sprint("sent a", i))
			case v, ok := <-pick(must(aio.Await(t4v(t, fmt.Sprint("cb", i), "rb"))), i):
				log = append(log, fmt.Sprint("recv b", v, ok))
				if !ok && i > 6 {
					break loop
				}
			case pick("sb", i) <- must(aio.Await(t4v(t, fmt.Sprint("vb", i), i))):
				log = append(log, fmt.Sprint("sent b", i))
			default:
				log = append(log, fmt.Sprint("default", i))
				if i > 7 {
					break loop // leaves the for, not just the select
				}
				<-a //aio:ignore AIO261 a holds a value here: the receive does not block
				close(b)
			}
			log = append(log, "|")
		}
		return strings.Join(log, " "), nil
	})
}

func torture4RangeInt(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		n := 3
		var out []int
		// The range count is evaluated once.
		for range n {
			aio.Await(aio.Yield())
			n++
			out = append(out, n)
		}
		for i := range n {
			if i%2 == 0 {
				n--
				continue
			}
			v, _ := aio.Await(t4v(t, fmt.Sprint("i", i), i))
			i += 100 // the next iteration's i is fresh
			out = append(out, v, i)
		}
		type small int8
		var m small = 3
		for j := range m {
			v := must(aio.Await(quiet(j)))
			out = append(out, int(v)*1000)
		}
		var fs []func() int
		for k := range must(aio.Await(t4v(t, "count", 3))) {
			fs = append(fs, func() int { return k })
			aio.Await(aio.Yield())
		}
		for _, f := range fs {
			out = append(out, f())
		}
		return fmt.Sprint(out, n), nil
	})
}

func torture4RangeCopies(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		arr := [4]int{1, 2, 3, 4}
		var seen []int
		// Ranging over an array value copies it: writes during the loop
		// do not show.
		for i, v := range arr {
			aio.Await(aio.Yield())
			if i+1 < len(arr) {
				arr[i+1] += 10
			}
			seen = append(seen, v)
		}
		// A pointer to an array is not copied.
		arr2 := [4]int{1, 2, 3, 4}
		for i, v := range &arr2 {
			aio.Await(aio.Yield())
			if i+1 < len(arr2) {
				arr2[i+1] += 10
			}
			seen = append(seen, v)
		}
		// Neither is a slice's backing array; its length is read once.
		sl := []int{1, 2, 3}
		for i, v := range sl {
			aio.Await(aio.Yield())
			if i == 0 {
				sl[2] = 30
				sl = append(sl, 99) // a new slice: the loop keeps the old one
				sl[1] = 20          // the new backing array
			}
			seen = append(seen, v)
		}
		// Ranging over an array with only the index does not copy (nor
		// evaluate beyond the length); over a struct field array it copies.
		type holder struct{ a [3]string }
		h := holder{[3]string{"x", "y", "z"}}
		var s []string
		for _, v := range h.a {
			h.a[2] = "Z"
			s = append(s, v+must(aio.Await(quiet(""))))
		}
		for i := range h.a {
			h.a[i] = must(aio.Await(quiet(fmt.Sprint(i))))
		}
		return fmt.Sprint(seen, arr, arr2, sl, s, h.a), nil
	})
}

func torture4RangeStringMap(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var out []string
		str := "aé€😀\xffz"
		for i, r := range str {
			aio.Await(aio.Yield())
			str = "changed" // the range has its own copy
			out = append(out, fmt.Sprintf("%d:%q", i, r))
		}
		for i := range "héllo" {
			out = append(out, fmt.Sprint(must(aio.Await(quiet(i)))))
		}
		// Map: one key, deleted and re-inserted during the loop.
		m := map[string]int{"k": 1}
		n := 0
		for k, v := range m {
			n++
			aio.Await(aio.Yield())
			delete(m, k)
			m[k+"2"] = v + 1 // may or may not be produced: stop after 3
			if n > 3 {
				break
			}
		}
		out = append(out, fmt.Sprint(len(m) == 1))
		// A key deleted before it is reached is not produced.
		m2 := map[int]bool{1: true}
		for k := range m2 {
			aio.Await(aio.Yield())
			delete(m2, k)
			out = append(out, fmt.Sprint("m2 ", k))
		}
		// Ranging over a nil map and an empty string runs no iteration.
		var nm map[int]int
		for range nm {
			aio.Await(aio.Yield())
			out = append(out, "never")
		}
		for range "" {
			aio.Await(aio.Yield())
			out = append(out, "never")
		}
		return strings.Join(out, " "), nil
	})
}

// t4named: shadowed named results and bare returns after awaits.
func t4named(t *T, mode int) aio.Coro[int] {
	return aio.Async(func() (n int, err error) {
		n = must(aio.Await(t4v(t, fmt.Sprint("named", mode), 5)))
		if mode == 0 {
			return // 5, nil
		}
		{
			err := fmt.Errorf("shadow %d", mode)
			n := n * 2
			aio.Await(aio.Yield())
			if mode == 1 {
				t.P("inner %v %d", err, n)
				return n + 1, err // explicit: the shadowed values
			}
		}
		if mode == 2 {
			n += 100
			return // outer n, nil err
		}
		if n, err := aio.Await(t4v(t, "shadow-if", 9)); err == nil && mode == 3 {
			_ = n
			err = fmt.Errorf("inner only")
			return 42, err
		}
		err = fmt.Errorf("outer %d", n)
		return
	})
}

// t4namedDefer: a deferred func changes named results after a bare return.
func t4namedDefer(t *T) aio.Coro[string] {
	return aio.Async(func() (s string, err error) {
		defer func() {
			v, _ := aio.Await(t4v(t, "defer", "!"))
			s += v
			if err != nil {
				s += "(" + err.Error() + ")"
				err = nil
			}
		}()
		s = "body"
		err = fmt.Errorf("e")
		aio.Await(aio.Yield())
		return
	})
}

func torture4NamedResults(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var out []string
		for mode := range 5 {
			n, err := aio.Await(t4named(t, mode))
			out = append(out, fmt.Sprint(n, err))
		}
		s, err := aio.Await(t4namedDefer(t))
		out = append(out, fmt.Sprint(s, err))
		return strings.Join(out, "; "), nil
	})
}

func t4show(t *T, tag string, vs ...any) { t.P("deferred %s %v", tag, vs) }

func torture4DeferArgs(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		x := 1
		// Arguments are evaluated when the defer statement runs, awaits
		// included; the deferred call sees them, not later values.
		defer t4show(t, "a", x, must(aio.Await(t4v(t, "arg", x*10))), tr(t, "after", x))
		x = 2
		obj := &t4acc{name: "o", n: 7}
		// The receiver of a deferred method value is evaluated at defer
		// time too (a copy, for a value receiver).
		defer func(s string) { t.P("deferred method result %s", s) }(obj.name + fmt.Sprint(must(aio.Await(t4v(t, "recv", obj.n)))))
		defer t4show(t, "value", t4acc{name: "copy", n: x}.name, obj.n)
		obj.n = 8
		f := func(tag string) { t.P("f1 %s", tag) }
		defer f(must(aio.Await(t4v(t, "which", "old f"))))
		f = func(tag string) { t.P("f2 %s", tag) } // the deferred f is the old one
		for i := range 2 {
			defer t4show(t, "loop", i, must(aio.Await(t4v(t, fmt.Sprint("loop", i), i*i))))
		}
		x = 3
		return fmt.Sprint("x=", x), nil
	})
}

// t4helper calls recover in a nested func: that returns nil, so the panic
// goes on.
func t4helper(t *T) {
	t.P("helper recover: %v", recover())
}

func t4recoverNested(t *T, mode int) aio.Coro[string] {
	return aio.Async(func() (res string, err error) {
		defer func() {
			if r := recover(); r != nil {
				res = fmt.Sprint("outer recovered: ", r)
			}
		}()
		switch mode {
		case 0:
			defer func() {
				func() {
					t.P("nested recover: %v", recover()) // nil: not called by the deferred func directly
				}()
			}()
		case 1:
			defer t4helper(t) // a named deferred function: recovers
		case 2:
			defer func() {
				t4helper(t) // called by a deferred func: nil
			}()
		case 3:
			defer func() {
				aio.Await(aio.Yield())
				t.P("awaiting recover: %v", recover())
				func() { t.P("nested in awaiting: %v", recover()) }()
			}()
		}
		aio.Await(aio.Yield())
		panic(fmt.Sprint("boom", mode))
	})
}

func torture4RecoverNested(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var out []string
		for mode := range 4 {
			s, err := aio.Await(t4recoverNested(t, mode))
			out = append(out, fmt.Sprint(s, "|", err))
		}
		return strings.Join(out, "; "), nil
	})
}
