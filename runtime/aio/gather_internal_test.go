package aio

import (
	"testing"
	"unsafe"
)

// A repeated argument is one child with one done callback, as asyncio's
// arg_to_fut makes it, whichever way gather finds the repeat (scan, map, or
// the callbacks of a pending child).
func TestGatherCountsEachDistinctChildOnce(t *testing.T) {
	for _, n := range []int{3, 40} { // a short gather scans, a long one does not
		var nfuts, nchildren int
		main := Async(func() (struct{}, error) {
			c := Async(func() (int, error) { return 1, nil })
			task := Spawn(Async(func() (int, error) { return 2, nil }))
			done := NewFuture[int]()
			done.SetResult(3)
			pending := NewFuture[int]()
			args := []Awaitable[int]{c, task, done, pending}
			for len(args) < n {
				args = append(args, Async(func() (int, error) { return 0, nil }))
			}
			args = append(args, pending, done, task, c)
			g := Gather(args...)
			nfuts = g.fc.ext().(*gatherer[int]).cnt.nfuts
			nchildren = len(args) - 4
			pending.SetResult(4)
			_, err := Await(g)
			return struct{}{}, err
		})
		if _, err := Run(main); err != nil {
			t.Fatal(err)
		}
		if nfuts != nchildren {
			t.Errorf("%d arguments: %d children registered, want %d", n+4, nfuts, nchildren)
		}
	}
}

// The canceller of a combinator's future sits extOffset before its core,
// and a future's error at one offset after it, for any element type.
func TestExtFutureLayout(t *testing.T) {
	check := func(name string, ext, fc unsafe.Pointer) {
		if uintptr(fc)-uintptr(ext) != extOffset {
			t.Errorf("%s: canceller %d bytes before the core, want %d", name, uintptr(fc)-uintptr(ext), extOffset)
		}
	}
	var a extFuture[struct{}]
	check("struct{}", unsafe.Pointer(&a.ext), unsafe.Pointer(&a.f.fc))
	var b extFuture[byte]
	check("byte", unsafe.Pointer(&b.ext), unsafe.Pointer(&b.f.fc))
	var c extFuture[[3]int64]
	check("[3]int64", unsafe.Pointer(&c.ext), unsafe.Pointer(&c.f.fc))
	var d extFuture[complex128]
	check("complex128", unsafe.Pointer(&d.ext), unsafe.Pointer(&d.f.fc))
	for name, off := range map[string]uintptr{
		"byte":       unsafe.Offsetof(Future[byte]{}.err),
		"[3]int64":   unsafe.Offsetof(Future[[3]int64]{}.err),
		"complex128": unsafe.Offsetof(Future[complex128]{}.err),
	} {
		if off != unsafe.Offsetof(Future[struct{}]{}.err) {
			t.Errorf("Future[%s].err at offset %d, futureErr assumes %d", name, off, unsafe.Offsetof(Future[struct{}]{}.err))
		}
	}
	f := newExtFuture[string]()
	s := &shielder[string]{outer: f}
	f.fc.setExt(s)
	if f.fc.ext() != canceller(s) || NewFuture[int]().fc.ext() != nil {
		t.Error("ext does not read back what setExt stored")
	}
}
