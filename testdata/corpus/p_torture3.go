//go:build aiosrc

package corpus

import (
	"cmp"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// Torture programs, round 3: local types in generic async bodies, local
// types declared around the aio.Async literal (preambles, enclosing
// functions), which all move to package level in the generated build.

func init() {
	register("torture3_generic_cache", torture3GenericCache)
	register("torture3_generic_merge", torture3GenericMerge)
	register("torture3_preamble_types", torture3PreambleTypes)
	register("torture3_defers", torture3Defers)
}

// t3Cache is a generic container whose async methods keep local helper
// types across awaits.
type t3Cache[K cmp.Ordered, V any] struct {
	data map[K]V
	log  []string
}

// Fill loads keys one by one, recording each load in a local entry type
// that mentions both type parameters, grouped by a local type built from
// another local type, with a local statistics type that mentions neither
// (Go still makes it a different type per instantiation).
func (c *t3Cache[K, V]) Fill(t *T, keys []K, load func(K) aio.Coro[V]) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		type entry struct {
			key  K
			val  V
			hits int
		}
		type batch []entry
		type stat struct{ loads, skips int }
		type index = map[K]*entry
		var st stat
		var cur batch
		idx := index{}
		for i, k := range keys {
			if e, ok := idx[k]; ok {
				e.hits++
				st.skips++
				continue
			}
			v, err := aio.Await(load(k))
			if err != nil {
				return "", err
			}
			cur = append(cur, entry{key: k, val: v})
			idx[k] = &cur[len(cur)-1]
			st.loads++
			if i%2 == 1 {
				aio.Await(aio.Yield())
			}
			// idx points into cur: rebuild it after a reallocation.
			for j := range cur {
				idx[cur[j].key] = &cur[j]
			}
		}
		// A block without awaits copied as written, with its own type.
		{
			type pairKV struct {
				k K
				v V
			}
			var ps []pairKV
			for _, e := range cur {
				ps = append(ps, pairKV{e.key, e.val})
			}
			c.log = append(c.log, fmt.Sprintf("%T %d", ps, len(ps)))
		}
		sort.Slice(cur, func(i, j int) bool { return cur[i].key < cur[j].key })
		for _, e := range cur {
			if c.data == nil {
				c.data = map[K]V{}
			}
			c.data[e.key] = e.val
			c.log = append(c.log, fmt.Sprintf("%v=%v/%d", e.key, e.val, e.hits))
		}
		// An async closure using the local types: its frame is generic too.
		top, err := aio.Await(aio.Async(func() (entry, error) {
			best := cur[0]
			for _, e := range cur[1:] {
				aio.Await(aio.Yield())
				if e.hits > best.hits {
					best = e
				}
			}
			return best, nil
		}))
		if err != nil {
			return "", err
		}
		var anySt any = st
		_, isStat := anySt.(stat)
		t.P("types %T %T %T %T %v", st, cur, top, idx, isStat)
		return fmt.Sprintf("%+v top=%v/%d", st, top.key, top.hits), nil
	})
}

// t3Loader loads a value for a key through the loop.
func t3Loader[K any, V any](t *T, f func(K) V) func(K) aio.Coro[V] {
	return func(k K) aio.Coro[V] {
		return aio.Async(func() (V, error) {
			aio.Await(aio.Sleep(1))
			v := f(k)
			t.P("load %v -> %v", k, v)
			return v, nil
		})
	}
}

func torture3GenericCache(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var a t3Cache[string, int]
		r1, err := aio.Await(a.Fill(t, []string{"b", "a", "b", "c", "a", "b"}, t3Loader(t, func(s string) int { return len(s) + int(s[0]-'a') })))
		t.P("r1 %s err=%v log=%v", r1, err, a.log)
		var b t3Cache[int, []string]
		r2, err := aio.Await(b.Fill(t, []int{3, 1, 3}, t3Loader(t, func(n int) []string { return strings.Split(strings.Repeat("x", n), "") })))
		t.P("r2 %s err=%v log=%v", r2, err, b.log)
		return fmt.Sprint(len(a.data), len(b.data)), nil
	})
}

// t3Merge merges sorted runs, awaiting between steps. Its local types use
// the type parameters (a constraint mentioning another parameter), a local
// constant as an array length, and each other.
func t3Merge[S ~[]E, E cmp.Ordered](t *T, runs ...S) aio.Coro[S] {
	return aio.Async(func() (S, error) {
		const window = 2
		type cursor struct {
			run S
			pos int
		}
		type heads [window + 1]E
		type state struct {
			cs   []cursor
			last heads
		}
		var st state
		for _, r := range runs {
			st.cs = append(st.cs, cursor{run: r})
		}
		var out S
		for {
			best := -1
			for i, c := range st.cs {
				if c.pos < len(c.run) && (best < 0 || c.run[c.pos] < st.cs[best].run[st.cs[best].pos]) {
					best = i
				}
			}
			if best < 0 {
				break
			}
			v := st.cs[best].run[st.cs[best].pos]
			st.cs[best].pos++
			copy(st.last[1:], st.last[:window])
			st.last[0] = v
			out = append(out, must(aio.Await(quiet(v))))
			if len(out)%3 == 0 {
				t.P("merge %v last=%v", out, st.last)
			}
		}
		var x, y any = heads{}, st.last
		t.P("merged %T %T zero=%v", st, st.cs, x == y)
		return out, nil
	})
}

type t3Words []string

func torture3GenericMerge(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		ints, err := aio.Await(t3Merge(t, []int{1, 4, 9}, []int{2, 3, 10}, nil, []int{5}))
		if err != nil {
			return "", err
		}
		words, err := aio.Await(t3Merge(t, t3Words{"kiwi", "pear"}, t3Words{"apple", "lime", "plum"}))
		if err != nil {
			return "", err
		}
		return fmt.Sprintf("%v %v %T", ints, words, words), nil
	})
}

// t3Tally is an async function whose preamble declares the types its body
// uses (by a captured variable and by name).
func t3Tally(t *T, words []string) aio.Coro[string] {
	type count struct {
		word string
		n    int
	}
	type counts []count
	var seed counts
	for _, w := range words[:1] {
		seed = append(seed, count{w, 0})
	}
	return aio.Async(func() (string, error) {
		cs := seed
		for _, w := range words {
			n := must(aio.Await(quiet(len(w))))
			found := false
			for i := range cs {
				if cs[i].word == w {
					cs[i].n += n
					found = true
				}
			}
			if !found {
				cs = append(cs, count{w, n})
			}
		}
		slices.SortStableFunc(cs, func(a, b count) int { return cmp.Compare(b.n, a.n) })
		t.P("tally %T %v", cs, cs)
		return fmt.Sprint(cs[0]), nil
	})
}

// t3Pairs is a generic async function with a preamble type.
func t3Pairs[A, B any](t *T, as []A, bs []B) aio.Coro[int] {
	type couple struct {
		a A
		b B
	}
	var probe [2]bool
	type slots [len(probe)]B // probe has no other use
	n := min(len(as), len(bs))
	ps := make([]couple, 0, n)
	return aio.Async(func() (int, error) {
		var last slots
		for i := range n {
			ps = append(ps, couple{as[i], must(aio.Await(quiet(bs[i])))})
			last[i%len(last)] = ps[i].b
		}
		t.P("couples %T %v %T %v", ps, ps, last, last)
		return len(ps), nil
	})
}

// t3Around is a plain function around async closures sharing its local
// types and variables.
func t3Around(t *T) (aio.Coro[string], func() string) {
	type level int
	type note struct {
		lv   level
		text string
	}
	var notes []note
	add := aio.Async(func() (string, error) {
		for i, s := range []string{"warm", "hot", "boil"} {
			notes = append(notes, note{level(i), must(aio.Await(val(t, "note", s)))})
		}
		return fmt.Sprintf("%T", notes), nil
	})
	dump := func() string { return fmt.Sprint(notes) }
	return add, dump
}

func torture3PreambleTypes(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		r1 := must(aio.Await(t3Tally(t, []string{"go", "async", "go", "await"})))
		r2 := must(aio.Await(t3Pairs(t, []string{"x", "y", "z"}, []float64{1.5, 2.5})))
		add, dump := t3Around(t)
		r3 := must(aio.Await(add))
		return fmt.Sprint(r1, " ", r2, " ", r3, " ", dump()), nil
	})
}

// t3Resource is a resource released asynchronously.
type t3Resource struct {
	name   string
	closed bool
}

func (r *t3Resource) Close(t *T) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		aio.Await(aio.Sleep(1))
		r.closed = true
		t.P("closed %s", r.name)
		return len(r.name), nil
	})
}

// torture3DeferLoop opens resources in loops and releases each with an
// awaiting deferred literal that uses the iteration's variables (async
// cleanup, asyncio's async with in a loop): every deferred call must see
// its own iteration's variables, as Go closures do.
func torture3DeferLoop(t *T) aio.Coro[string] {
	return aio.Async(func() (out string, err error) {
		var report []func() string
		defer func() {
			// Runs last: the closures built by the other blocks still see
			// their own iterations' variables.
			for _, f := range report {
				out += " " + f()
			}
		}()
		// A loop without other awaits (copied as written).
		for i := range 3 {
			label := fmt.Sprint("plain", i)
			defer func() {
				n := must(aio.Await(quiet(i * 10)))
				t.P("plain defer i=%d label=%s n=%d", i, label, n)
				label += "!"
				report = append(report, func() string { return label })
			}()
		}
		// A loop that awaits: its variables live in boxes.
		for _, name := range []string{"db", "cache"} {
			r := &t3Resource{name: name}
			size := must(aio.Await(val(t, "open", len(name))))
			defer func() {
				n, err := aio.Await(r.Close(t))
				t.P("released %s size=%d n=%d err=%v", name, size, n, err)
				size += n
				report = append(report, func() string { return fmt.Sprint(name, size, r.closed) })
			}()
		}
		// A 3-clause loop: each iteration's copy of j.
		for j := 0; j < 6; j += 2 {
			if j == 2 {
				continue
			}
			defer func() {
				aio.Await(aio.Yield())
				t.P("three-clause j=%d", j)
				j = -j // its own copy: the loop is over anyway
			}()
			aio.Await(aio.Yield())
		}
		// A block copied as written.
		if k := len(report) + 7; k > 0 {
			defer func() {
				aio.Await(aio.Sleep(2))
				k *= 2
				t.P("block k=%d", k)
			}()
		}
		// A switch case and a nested block, with a named result.
		switch mode := "fast"; mode {
		case "fast":
			tag := mode + "!"
			{
				inner := tag + "?"
				defer func() {
					v := must(aio.Await(quiet(inner)))
					out = "[" + v + "]" + out
				}()
			}
		}
		t.P("body done")
		return "body", nil
	})
}

// torture3DeferLoopPanic: deferred blocks of a loop recover a panic, and a
// backward goto declares a new variable each time it runs.
func torture3DeferLoopPanic(t *T) aio.Coro[string] {
	return aio.Async(func() (res string, err error) {
		n := 0
	again:
		step := n * 100
		defer func() {
			aio.Await(aio.Yield())
			t.P("goto defer step=%d", step)
			res += fmt.Sprint(" s", step)
		}()
		n++
		if n < 3 {
			goto again
		}
		for i, w := range []string{"a", "b", "c"} {
			defer func() {
				if r := recover(); r != nil {
					v := must(aio.Await(quiet(w)))
					t.P("recovered %v at %d/%s", r, i, v)
					res = fmt.Sprint("rec:", r, "@", i)
				}
			}()
			if w == "b" {
				panic("bad " + w)
			}
		}
		return "unreached", nil
	})
}

// t3Seq is an iterator function.
func t3Seq(n int) func(func(int) bool) {
	return func(yield func(int) bool) {
		for i := range n {
			if !yield(i) {
				return
			}
		}
	}
}

// torture3DeferShapes: awaiting deferred literals using type switch
// variables (copied and flattened clauses), iterator-function loop
// variables, and channel loop variables from a nested plain defer.
func torture3DeferShapes(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var log []string
		defer func() { t.P("shapes %v", log) }()
		for _, v := range []any{1, "s", 2.5} {
			switch x := v.(type) {
			case int:
				defer func() { aio.Await(aio.Yield()); log = append(log, fmt.Sprint("int", x)) }()
			case string:
				aio.Await(aio.Yield())
				defer func() { aio.Await(aio.Yield()); log = append(log, fmt.Sprint("str", x)) }()
			default:
				defer func() { aio.Await(aio.Yield()); log = append(log, fmt.Sprint("def", x)) }()
			}
		}
		for i := range t3Seq(3) {
			sq := i * i
			defer func() {
				aio.Await(aio.Yield())
				log = append(log, fmt.Sprint("seq", i, sq))
			}()
			aio.Await(aio.Yield())
		}
		for i := range t3Seq(2) {
			defer func() {
				aio.Await(aio.Yield())
				log = append(log, fmt.Sprint("seqplain", i))
			}()
		}
		ch := make(chan int, 3)
		ch <- 7
		ch <- 8
		close(ch)
		for c := range ch {
			defer func() {
				defer func() { log = append(log, fmt.Sprint("inner", c)) }()
				aio.Await(aio.Yield())
			}()
		}
		return "shapes", nil
	})
}

func torture3Defers(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		a, err := aio.Await(torture3DeferLoop(t))
		t.P("loop: %s err=%v", a, err)
		b, err := aio.Await(torture3DeferLoopPanic(t))
		t.P("panic: %s err=%v", b, err)
		c, err := aio.Await(torture3DeferShapes(t))
		t.P("shapes: %s err=%v", c, err)
		return a + "|" + b + "|" + c, nil
	})
}
