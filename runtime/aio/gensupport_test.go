package aio

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestDefersRunLIFO(t *testing.T) {
	var d Defers
	var got []string
	d.Push(func() { got = append(got, "a") })
	Defer1(&d, func(s string) { got = append(got, s) }, "b")
	Defer2(&d, func(s string, n int) { got = append(got, fmt.Sprint(s, n)) }, "c", 1)
	if n := d.Next(); n != 0 || strings.Join(got, ",") != "c1,b,a" {
		t.Fatalf("Next=%d got %v", n, got)
	}
	if !d.Empty() {
		t.Fatal("not empty")
	}
}

func TestDefersBlocks(t *testing.T) {
	var d Defers
	var got []string
	d.Push(func() { got = append(got, "plain") })
	d.PushBlock(2)
	d.Push(func() { got = append(got, "top") })
	if n := d.Next(); n != 2 || strings.Join(got, ",") != "top" {
		t.Fatalf("Next=%d got %v", n, got)
	}
	if n := d.Next(); n != 0 || strings.Join(got, ",") != "top,plain" {
		t.Fatalf("Next=%d got %v", n, got)
	}
}

func TestDefersRecoverInDeferredFunc(t *testing.T) {
	var d Defers
	var rec any
	// A named function deferred with its argument: recover works in it,
	// as with `defer handle(x)` in Go.
	Defer1(&d, func(tag string) { rec = recover() }, "x")
	d.Panic("boom")
	if n := d.Next(); n != 0 || rec != "boom" {
		t.Fatalf("Next=%d recovered %v", n, rec)
	}
}

func TestDefersRecoverInHelperDoesNotStop(t *testing.T) {
	var d Defers
	helper := func() any { return recover() } // not called directly by the deferred function
	var rec any = "unset"
	d.Push(func() { rec = helper() })
	d.Panic("boom")
	defer func() {
		pe, ok := recover().(*PanicError)
		if !ok || pe.Value != "boom" || rec != nil {
			t.Fatalf("got %v, rec %v", pe, rec)
		}
	}()
	d.Next()
	t.Fatal("Next did not re-panic")
}

func TestDefersNewPanicReplaces(t *testing.T) {
	var d Defers
	var rec any
	d.Push(func() { rec = recover() })
	d.Push(func() { panic("second") })
	d.Panic("first")
	if n := d.Next(); n != 0 || rec != "second" {
		t.Fatalf("Next=%d recovered %v", n, rec)
	}
}

func TestDefersPanicWhileNotPanicking(t *testing.T) {
	var d Defers
	ran := false
	d.Push(func() { ran = true })
	d.Push(func() { panic(errors.New("late")) })
	defer func() {
		pe, _ := recover().(*PanicError)
		if pe == nil || !ran || fmt.Sprint(pe.Value) != "late" {
			t.Fatalf("got %v ran=%v", pe, ran)
		}
	}()
	d.Next()
}

func TestDefersRecoverBlock(t *testing.T) {
	var d Defers
	if d.Recover() != nil {
		t.Fatal("Recover outside a panic")
	}
	d.Panic([]int{1}) // not comparable: must not break anything
	if v, ok := d.Recover().([]int); !ok || v[0] != 1 {
		t.Fatalf("Recover = %v", v)
	}
	if n := d.Next(); n != 0 {
		t.Fatal(n)
	}
}

func TestDefersUncomparablePanicValue(t *testing.T) {
	var d Defers
	d.Push(func() {})
	d.Panic(map[string]int{"a": 1})
	defer func() {
		pe, _ := recover().(*PanicError)
		if m, ok := pe.Value.(map[string]int); !ok || m["a"] != 1 {
			t.Fatalf("got %v", pe)
		}
	}()
	d.Next()
}

func TestMapIterDeleteDuringRange(t *testing.T) {
	m := map[int]int{}
	for i := range 100 {
		m[i] = i * 2
	}
	it := RangeMap(m)
	n := 0
	for {
		k, v, ok := it.Next()
		if !ok {
			break
		}
		if v != k*2 {
			t.Fatalf("%d -> %d", k, v)
		}
		n++
		for j := range 100 {
			if j != k {
				delete(m, j)
			}
		}
	}
	if n != 1 {
		t.Fatalf("produced %d entries after deleting the rest, want 1", n)
	}
	if _, _, ok := it.Next(); ok {
		t.Fatal("Next after the end")
	}
}

func TestMapIterAllocsPerEntry(t *testing.T) {
	m := map[string]int{"a": 1, "b": 2, "c": 3}
	allocs := testing.AllocsPerRun(100, func() {
		it := RangeMap(m)
		for {
			if _, _, ok := it.Next(); !ok {
				break
			}
		}
	})
	// The iterator itself allocates; entries do not.
	if allocs > 6 {
		t.Fatalf("%v allocs for 3 entries", allocs)
	}
}

func TestRangeString(t *testing.T) {
	s := "aé\xff世"
	var got []string
	for i := 0; i < len(s); {
		r, next := RangeString(s, i)
		got = append(got, fmt.Sprintf("%d:%q", i, r))
		i = next
	}
	var want []string
	for i, r := range s {
		want = append(want, fmt.Sprintf("%d:%q", i, r))
	}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("got %v want %v", got, want)
	}
}

func TestNilSafe(t *testing.T) {
	var a Awaitable[int]
	n := NilSafe(a)
	if !n.AwaitBegin(nil) {
		t.Fatal("a nil awaitable must not suspend")
	}
	if v, err := n.AwaitEnd(nil); v != 0 || !errors.Is(err, ErrNilCoro) {
		t.Fatalf("got %v %v", v, err)
	}
	f := NewFuture[int]()
	if NilSafe[int](f) != Awaitable[int](f) {
		t.Fatal("NilSafe changed a non-nil awaitable")
	}
}
