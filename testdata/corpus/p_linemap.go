//go:build aiosrc

package corpus

import (
	"fmt"
	"path/filepath"
	"runtime"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// Line mapping around code the generator changes the length of: an async
// closure replaced by a one-line constructor call, comments and blank
// lines it does not copy, a return that becomes two statements. Panics
// and runtime.Caller after them must name the same lines in both builds.

func init() {
	register("line_after_closure", lineAfterClosure)
}

// panicSite runs f and returns the file:line its panic was raised at, as
// the stack shows it: the frame below runtime.gopanic.
func panicSite(f func()) (site string) {
	defer func() {
		recover()
		pc := make([]uintptr, 50)
		frames := runtime.CallersFrames(pc[:runtime.Callers(0, pc)])
		after := false
		for {
			fr, more := frames.Next()
			if after {
				site = fmt.Sprintf("%s:%d", filepath.Base(fr.File), fr.Line)
				return
			}
			after = fr.Function == "runtime.gopanic"
			if !more {
				return
			}
		}
	}()
	f()
	return "no panic"
}

// closureThenPanic is a plain function holding an async closure, which
// the generated code replaces with a one-line constructor call: the
// statements after it keep their lines.
func closureThenPanic(t *T) {
	c := func(n int) aio.Coro[int] {
		return aio.Async(func() (int, error) {
			aio.Await(aio.Yield())
			t.P("closure %d", n)
			return n, nil
		})
	}
	_ = c
	panic("after the closure") // line 58
}

// preambleThenPanic panics in the preamble of an async function (the code
// before `return aio.Async`, run at call time), after an async closure.
func preambleThenPanic(t *T, boom bool) aio.Coro[string] {
	c := func() aio.Coro[int] {
		return aio.Async(func() (int, error) {
			aio.Await(aio.Yield())
			return 1, nil
		})
	}
	// A comment and a blank line the generated code does not copy.

	if boom {
		panic("in the preamble") // line 73
	}
	return aio.Async(func() (string, error) {
		n, _ := aio.Await(c())
		return fmt.Sprint(n), nil
	})
}

func lineAfterClosure(t *T) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		t.P("plain function: panic at %s", panicSite(func() { closureThenPanic(t) }))
		t.P("preamble: panic at %s", panicSite(func() { preambleThenPanic(t, true) })) //aio:ignore AIO105 deliberately never awaited: the corpus checks its body never runs
		s, _ := aio.Await(preambleThenPanic(t, false))
		t.P("preamble without panic: %s", s)
		aio.Await(aio.Yield())
		// A block without awaits is copied as written, with the async
		// closure in it replaced and its return rewritten.
		for i := 0; i < 3; i++ {
			c := aio.Async(func() (int, error) { //aio:ignore AIO105 deliberately never awaited: the corpus checks its body never runs
				aio.Await(aio.Yield())
				return i, nil
			})
			_ = c
			if i == 0 {
				continue
			} else if i == 1 {
				t.P("copied block: panic at %s", panicSite(func() {
					panic("in a copied block") // line 100
				}))
			} else {
				return "", fmt.Errorf("return at %s", here()) // line 103
			}
		}
		return "", nil
	})
}
