package aio

import (
	"runtime"
	"strings"
	"sync"
)

// This file is the reference implementation of Async and Await, used when a
// program is built with -tags aiosrc (and by any async code that was not
// generated). Each coroutine runs on its own goroutine, and control passes
// between the loop and that goroutine by strict hand-off: exactly one of them
// runs at a time, so source mode schedules exactly as generated code does.

// Async turns fn, the body of an async function, into a coroutine. The body
// does not run until the coroutine is awaited or spawned.
//
//	func Fetch(url string) aio.Coro[string] {
//		return aio.Async(func() (string, error) { ... aio.Await(...) ... })
//	}
//
// `asyncgo gen` compiles such functions into state machines; this function is
// the behaviour they reproduce.
func Async[T any](fn func() (T, error)) Coro[T] {
	s := &srcFrame[T]{fn: fn}
	return s.Init(s)
}

// Await waits for a (a coroutine, task, future, Sleep...) and returns its
// value and error. It may only be called directly in the body of an Async
// function; elsewhere it returns ErrNotAsync. Awaiting a coroutine runs it
// inline in the current task; awaiting something already done does not
// suspend.
func Await[T any](a Awaitable[T]) (T, error) {
	var zero T
	if a == nil {
		return zero, ErrNilCoro
	}
	s := currentSource()
	if s == nil {
		return zero, ErrNotAsync
	}
	r := s.runner()
	if a.AwaitBegin(r) {
		return a.AwaitEnd(r)
	}
	s.suspend()
	// Read the runner again: an async generator's body may be resumed by
	// another task than the one it suspended in.
	return a.AwaitEnd(s.runner())
}

// srcCoroutine is the non-generic view of a srcFrame.
type srcCoroutine interface {
	runner() *Runner
	suspend()
}

var (
	sourceMu  sync.Mutex
	sourceByG = map[int64]srcCoroutine{}
)

func currentSource() srcCoroutine {
	g := goid()
	sourceMu.Lock()
	s := sourceByG[g]
	sourceMu.Unlock()
	return s
}

type srcFrame[T any] struct {
	CoroFrame[T]
	fn      func() (T, error)
	r       *Runner
	g       int64
	started bool
	wake    chan struct{} // loop -> coroutine: run
	yield   chan struct{} // coroutine -> loop: suspended or done
	pc      uintptr       // where the coroutine is suspended, for Stack
}

func (s *srcFrame[T]) runner() *Runner { return s.r }

// Resume hands control to the coroutine's goroutine and waits until it
// suspends or finishes.
func (s *srcFrame[T]) Resume(r *Runner) {
	s.r = r
	if !s.started {
		s.started = true
		s.wake = make(chan struct{})
		s.yield = make(chan struct{})
		go s.run()
	} else {
		r.extra().srcGoid = s.g
		s.wake <- struct{}{}
	}
	<-s.yield
	r.extra().srcGoid = 0
}

func (s *srcFrame[T]) run() {
	s.g = goid()
	s.r.extra().srcGoid = s.g
	sourceMu.Lock()
	sourceByG[s.g] = s
	sourceMu.Unlock()
	registerGoroutine(s.g, s.r.fc.loop)
	defer func() {
		v := recover()
		if v != nil {
			var zero T
			s.Return(s.r, zero, NewPanicError(v))
		} else if s.state != frameDone {
			var zero T
			s.Return(s.r, zero, &PanicError{Value: "aio: coroutine called runtime.Goexit"})
		}
		sourceMu.Lock()
		delete(sourceByG, s.g)
		sourceMu.Unlock()
		unregisterGoroutine(s.g)
		s.yield <- struct{}{}
	}()
	v, err := s.fn()
	s.Return(s.r, v, err)
}

// suspend hands control back to the loop and blocks until resumed.
func (s *srcFrame[T]) suspend() {
	var pcs [1]uintptr
	if runtime.Callers(3, pcs[:]) == 1 {
		s.pc = pcs[0]
	}
	s.yield <- struct{}{}
	<-s.wake
	// Keep pc: while the coroutine runs, its location is the await it last
	// resumed from, which is what a generated frame reports too.
}

// bodyName is the async function that wrote the body, wherever the body is
// suspended now.
func (s *srcFrame[T]) bodyName() string {
	if f := runtime.FuncForPC(funcPC(s.fn)); f != nil {
		return trimFunc(f.Name())
	}
	return "?"
}

// FrameLocation reports the Await call where the coroutine is suspended (or
// last resumed from, while it runs), or the body's start if it has never
// suspended.
func (s *srcFrame[T]) FrameLocation() (string, string, int) {
	pc := s.pc
	if pc == 0 {
		pc = funcPC(s.fn)
		f := runtime.FuncForPC(pc)
		if f == nil {
			return "?", "?", 0
		}
		file, line := f.FileLine(pc)
		return trimFunc(f.Name()), file, line
	}
	frames := runtime.CallersFrames([]uintptr{pc})
	fr, _ := frames.Next()
	return trimFunc(fr.Function), fr.File, fr.Line
}

// trimFunc turns "pkg/path.Outer.func1" into "pkg.Outer", the async function
// that wrote the body.
func trimFunc(name string) string {
	if i := strings.LastIndex(name, "/"); i >= 0 {
		name = name[i+1:]
	}
	for {
		i := strings.LastIndex(name, ".func")
		if i < 0 {
			return name
		}
		name = name[:i]
	}
}
