package aio_test

// Hand-written state machines in exactly the shape `asyncgo gen` emits. They
// prove the frame contract: each prints the same trace as the equivalent
// source-mode program (Async/Await on goroutines).

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// --- straight line: two awaits in sequence ---

// Source form:
//
//	func straight(tr *tracer, name string) aio.Coro[string] {
//		return aio.Async(func() (string, error) {
//			tr.p("%s: start", name)
//			if _, err := aio.Await(aio.Sleep(time.Second)); err != nil { return "", err }
//			tr.p("%s: slept", name)
//			aio.Await(aio.Yield())
//			return name + "!", nil
//		})
//	}
type straightFrame struct {
	aio.CoroFrame[string]
	tr   *tracer
	name string
	aw1  aio.SleepOp
	aw2  aio.YieldOp
}

func straightGen(tr *tracer, name string) aio.Coro[string] {
	f := &straightFrame{tr: tr, name: name}
	return f.Init(f)
}

func (f *straightFrame) Resume(r *aio.Runner) {
	switch f.PC {
	case 1:
		goto resume1
	case 2:
		goto resume2
	}
	f.tr.p("%s: start", f.name)
	f.aw1 = aio.Sleep(time.Second)
	if !f.aw1.AwaitBegin(r) {
		f.PC = 1
		return
	}
resume1:
	if _, err := f.aw1.AwaitEnd(r); err != nil {
		f.Return(r, "", err)
		return
	}
	f.tr.p("%s: slept", f.name)
	f.aw2 = aio.Yield()
	if !f.aw2.AwaitBegin(r) {
		f.PC = 2
		return
	}
resume2:
	f.aw2.AwaitEnd(r)
	f.Return(r, f.name+"!", nil)
}

func straightSrc(tr *tracer, name string) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		tr.p("%s: start", name)
		if _, err := aio.Await(aio.Sleep(time.Second)); err != nil {
			return "", err
		}
		tr.p("%s: slept", name)
		aio.Await(aio.Yield())
		return name + "!", nil
	})
}

// --- loop with an await per iteration, awaiting a nested coroutine ---

// Source form:
//
//	func looper(tr *tracer, n int, child func(*tracer, string) aio.Coro[string]) aio.Coro[int] {
//		return aio.Async(func() (int, error) {
//			total := 0
//			for i := 0; i < n; i++ {
//				s, err := aio.Await(child(tr, fmt.Sprint("c", i)))
//				if err != nil { return total, err }
//				total += len(s)
//				tr.p("loop %d: %s", i, s)
//			}
//			return total, nil
//		})
//	}
type looperFrame struct {
	aio.CoroFrame[int]
	tr    *tracer
	n     int
	child func(*tracer, string) aio.Coro[string]
	total int
	i     int
	aw1   aio.Coro[string]
}

func looperGen(tr *tracer, n int, child func(*tracer, string) aio.Coro[string]) aio.Coro[int] {
	f := &looperFrame{tr: tr, n: n, child: child}
	return f.Init(f)
}

func (f *looperFrame) Resume(r *aio.Runner) {
	switch f.PC {
	case 1:
		goto resume1
	}
	f.total = 0
	f.i = 0
loop:
	if !(f.i < f.n) {
		f.Return(r, f.total, nil)
		return
	}
	f.aw1 = f.child(f.tr, "c"+string(rune('0'+f.i)))
	if !f.aw1.AwaitBegin(r) {
		f.PC = 1
		return
	}
resume1:
	{
		s, err := f.aw1.AwaitEnd(r)
		f.aw1 = aio.Coro[string]{}
		if err != nil {
			f.Return(r, f.total, err)
			return
		}
		f.total += len(s)
		f.tr.p("loop %d: %s", f.i, s)
	}
	f.i++
	goto loop
}

func looperSrc(tr *tracer, n int, child func(*tracer, string) aio.Coro[string]) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		total := 0
		for i := 0; i < n; i++ {
			s, err := aio.Await(child(tr, "c"+string(rune('0'+i))))
			if err != nil {
				return total, err
			}
			total += len(s)
			tr.p("loop %d: %s", i, s)
		}
		return total, nil
	})
}

// --- a program mixing them: tasks, a cancellation, a panic ---

type progs struct {
	straight func(*tracer, string) aio.Coro[string]
	looper   func(*tracer, int, func(*tracer, string) aio.Coro[string]) aio.Coro[int]
	boom     func() aio.Coro[int]
}

func program(tr *tracer, p progs) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		a := aio.Spawn(p.looper(tr, 3, p.straight))
		b := aio.Spawn(p.straight(tr, "solo"))
		aio.Await(aio.Sleep(1500 * time.Millisecond))
		tr.p("cancel solo: %v", b.Cancel("enough"))
		_, err := aio.Await(b)
		tr.p("solo: %v cancelled=%v", err, b.Cancelled())
		n, err := aio.Await(a)
		tr.p("looper: %d %v", n, err)
		func() {
			defer func() {
				pe, _ := recover().(*aio.PanicError)
				tr.p("recovered: %v", pe.Value)
			}()
			aio.Await(p.boom())
		}()
		return n, nil
	})
}

type boomFrame struct {
	aio.CoroFrame[int]
}

func boomGen() aio.Coro[int] {
	f := &boomFrame{}
	return f.Init(f)
}

func (f *boomFrame) Resume(r *aio.Runner) { panic("kaboom") }

func boomSrc() aio.Coro[int] {
	return aio.Async(func() (int, error) { panic("kaboom") })
}

func TestFrameContractMatchesSourceMode(t *testing.T) {
	run := func(p progs) []string {
		var tr tracer
		n, err := aio.Run(program(&tr, p), aio.WithVirtualClock())
		tr.p("run: %d %v", n, err)
		return tr.lines
	}
	gen := run(progs{straightGen, looperGen, boomGen})
	src := run(progs{straightSrc, looperSrc, boomSrc})
	// At 1s c0 and solo both wake; after their yields the looper moves on
	// to c1 and solo ends, so main's cancel at 1.5s finds solo done.
	want := []string{
		"c0: start", "solo: start", "c0: slept", "solo: slept",
		"loop 0: c0!", "c1: start", "cancel solo: false", "solo: <nil> cancelled=false",
		"c1: slept", "loop 1: c1!", "c2: start", "c2: slept", "loop 2: c2!",
		"looper: 9 <nil>", "recovered: kaboom", "run: 9 <nil>",
	}
	if strings.Join(gen, "\n") != strings.Join(want, "\n") {
		t.Fatalf("trace:\n%q\nwant:\n%q", gen, want)
	}
	if len(gen) != len(src) {
		t.Fatalf("generated and source traces differ:\n%q\n%q", gen, src)
	}
	for i := range gen {
		if gen[i] != src[i] {
			t.Fatalf("line %d differs: generated %q, source %q\n%q\n%q", i, gen[i], src[i], gen, src)
		}
	}
}

func TestCancelBeforeStartNeverRuns(t *testing.T) {
	for _, mk := range []func(*tracer, string) aio.Coro[string]{straightGen, straightSrc} {
		var tr tracer
		_, err := aio.Run(aio.Async(func() (string, error) {
			task := aio.Spawn(mk(&tr, "x"))
			task.Cancel("early")
			_, err := aio.Await(task)
			return "", err
		}))
		var ce *aio.CancelledError
		if !errors.As(err, &ce) || ce.Message != "early" || len(tr.lines) != 0 {
			t.Errorf("err=%v lines=%q", err, tr.lines)
		}
	}
}
