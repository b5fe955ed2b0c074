package aio

import (
	"iter"
	"strings"
	"testing"
)

// pullLike pulls seq as generated code does for a range-over-func loop
// that awaits: a real range loop in the pull coroutine, whose yield panics
// with *pp when the pull is stopped by a panic.
func pullLike(seq iter.Seq[int], pp *any) (func() (int, bool), func()) {
	return iter.Pull(func(yield func(int) bool) {
		for v := range seq {
			if !yield(v) {
				if p := *pp; p != nil {
					panic(p)
				}
				return
			}
		}
	})
}

func TestStopPullsInnermostFirst(t *testing.T) {
	var got []string
	counting := func(name string) iter.Seq[int] {
		return func(yield func(int) bool) {
			defer func() { got = append(got, name+" defer") }()
			for i := 0; ; i++ {
				if !yield(i) {
					return
				}
			}
		}
	}
	var pp any
	next1, stop1 := pullLike(counting("outer"), &pp)
	next2, stop2 := pullLike(counting("inner"), &pp)
	next1()
	next2()
	p := StopPulls("boom", &pp, stop2, nil, stop1)
	if p != "boom" {
		t.Errorf("panic out of StopPulls = %v, want boom", p)
	}
	if pp != nil {
		t.Errorf("pp = %v after StopPulls, want nil", pp)
	}
	if s := strings.Join(got, ", "); s != "inner defer, outer defer" {
		t.Errorf("iterators left in order %q", s)
	}
}

func TestStopPullsIteratorPanics(t *testing.T) {
	var pp any
	// The inner iterator replaces the panic with its own; the outer one
	// recovers it, which Go reports as a range-over-func error.
	next1, stop1 := pullLike(func(yield func(int) bool) {
		defer func() { recover() }()
		yield(1)
		yield(2)
	}, &pp)
	next2, stop2 := pullLike(func(yield func(int) bool) {
		defer func() { panic("inner's own") }()
		yield(1)
	}, &pp)
	next1()
	next2()
	var seen []any
	p := StopPulls("boom", &pp, stop2, func() {
		seen = append(seen, pp)
		stop1()
	})
	if len(seen) != 1 || seen[0] != "inner's own" {
		t.Errorf("outer iterator stopped with %v, want the inner iterator's panic", seen)
	}
	err, ok := p.(error)
	if !ok || !strings.Contains(err.Error(), "range function") {
		t.Errorf("panic out of StopPulls = %v, want Go's range-over-func error", p)
	}
}

func TestStopPullsFinishedIterator(t *testing.T) {
	var pp any
	next, stop := pullLike(func(yield func(int) bool) { yield(1) }, &pp)
	next()
	next()
	if p := StopPulls("boom", &pp, stop); p != "boom" {
		t.Errorf("stopping a finished iterator changed the panic to %v", p)
	}
}
