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
	s.nsite = runtime.Callers(2, s.site[:])
	if p := currentSource(); p != nil && s.nsite > 0 {
		// An async closure written directly in the body of the running
		// coroutine is named after that body's async function, which may
		// be an inlined copy (see bodyName). Resolved now, so that the
		// closure keeps no reference to the coroutine.
		if f := runtime.FuncForPC(s.site[0] - 1); f != nil && f.Entry() == p.bodyEntry() &&
			f.Name() == runtime.FuncForPC(p.bodyEntry()).Name() {
			s.name = p.bodyName()
		}
	}
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
		return zero, ErrNilCoro // its text names the await; generated code's NilSafe agrees
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
	bodyName() string
	bodyEntry() uintptr
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
	name    string        // bodyName, once resolved
	site    [8]uintptr    // the call stack of Async, to name the body
	nsite   int
}

func (s *srcFrame[T]) bodyEntry() uintptr { return funcPC(s.fn) }

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
//
// The body's closure is named after the function that contains it, but
// when the compiler inlines that function (a small method returning
// aio.Async or aio.Generator, say) the closure of the inlined copy is named
// after the caller instead: "main.main.(*X).Items.func1" for a closure of
// shop's (*X).Items inlined into main, without even the package. The call
// stack of Async, whose frames runtime.CallersFrames expands through the
// inline tree, still holds the function itself, so the name is taken from
// there when the closure turns out to be such a copy.
func (s *srcFrame[T]) bodyName() string {
	if s.name == "" {
		s.name = resolveBodyName(funcPC(s.fn), s.site[:s.nsite])
	}
	return s.name
}

// resolveBodyName names the async function of a body whose closure starts
// at pc and whose Async was called with the call stack site.
func resolveBodyName(pc uintptr, site []uintptr) string {
	f := runtime.FuncForPC(pc)
	if f == nil {
		return "?"
	}
	name := trimFunc(f.Name())
	if len(site) == 0 {
		return name
	}
	frames := runtime.CallersFrames(site)
	for {
		fr, more := frames.Next()
		fn := fr.Function
		switch {
		case strings.HasPrefix(fn, aioPkgPrefix) && !strings.HasPrefix(fn, aioPkgPrefix+"_test"):
			// Generator calls its body func, which calls Async.
		case fr.Func != nil && trimFunc(fn) == name && fn != trimFuncKeepPath(fn):
			// A closure enclosing the body, itself named after the
			// same function (the body func of a Generator).
		default:
			// The first frame that can be the async function. It is the
			// inlined original of the closure's copy if the copy's name
			// holds the function's own unqualified name.
			if fr.Func == nil && fn != "" {
				if short := unqualified(trimFunc(fn)); short != "" &&
					strings.Contains(f.Name(), "."+short+".") && trimFunc(fn) != name {
					return trimFunc(fn)
				}
			}
			return name
		}
		if !more {
			return name
		}
	}
}

// aioPkgPrefix is how this package's functions start in runtime names.
var aioPkgPrefix = func() string {
	name := runtime.FuncForPC(funcPC(trimFunc)).Name()
	return name[:strings.LastIndex(name, ".")+1]
}()

// trimFuncKeepPath is trimFunc without removing the package path: it only
// drops the closure suffixes.
func trimFuncKeepPath(name string) string {
	for {
		i := strings.LastIndex(name, ".func")
		if i < 0 || i < strings.LastIndex(name, "/") {
			return name
		}
		name = name[:i]
	}
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
		return s.bodyName(), file, line
	}
	frames := runtime.CallersFrames([]uintptr{pc})
	fr, _ := frames.Next()
	name := trimFunc(fr.Function)
	if fr.Func != nil && fr.Entry == funcPC(s.fn) {
		name = s.bodyName() // suspended in the body itself
	}
	return name, fr.File, fr.Line
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
