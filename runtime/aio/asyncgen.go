package aio

import (
	"errors"
	"fmt"
)

// Async generators: Python's `async def` with `yield`.
//
// A generator's body is an ordinary coroutine, so both build modes run it
// the usual way (generated state machine or source-mode goroutine); only the
// yield is special. The body runs inline in whichever task asks for the next
// value, as a Python async generator runs inside the task awaiting
// __anext__: its frames are pushed onto that task's chain, its awaits
// suspend that task, and a yield detaches the body's frames again (keeping
// them, suspended at the yield, in the Gen) and resumes the asker with the
// value, with no trip through the ready queue.

// ErrStopAsyncIteration is returned by Next and Send once the generator has
// finished: asyncio's StopAsyncIteration.
var ErrStopAsyncIteration = errors.New("aio: StopAsyncIteration: async generator is exhausted")

// ErrGeneratorExit is what a generator suspended at a yield receives when it
// is closed: Python's GeneratorExit. The body should return (its deferred
// cleanup runs, and may await); returning this error or nil both count as a
// clean close.
var ErrGeneratorExit = errors.New("aio: GeneratorExit: async generator is being closed")

// ErrGenRunning is returned by an operation on a generator that is already
// running on behalf of another Next, Send, Throw or Close (Python's
// "asynchronous generator is already running").
var ErrGenRunning = errors.New("aio: async generator is already running")

// ErrGenIgnoredExit is returned by Close when the generator yields a value
// instead of finishing after ErrGeneratorExit (Python's "async generator
// ignored GeneratorExit"). The generator stays suspended at that yield.
var ErrGenIgnoredExit = errors.New("aio: async generator ignored GeneratorExit")

// ErrGenSendNonNil is returned by Send with a non-nil value on a generator
// that has not started: there is no yield yet to receive it.
var ErrGenSendNonNil = errors.New("aio: can't send non-nil value to a just-started async generator")

// ErrYieldOutsideGen is returned by a yield awaited anywhere but in the body
// of its own generator while that generator runs (after the generator
// finished, say, or from another task).
var ErrYieldOutsideGen = errors.New("aio: yield awaited outside its running async generator")

// Gen is an async generator producing values of type T: what calling a
// Python `async def` containing `yield` returns. Nothing runs until the
// first Next. Each Next resumes the body, inline in the awaiting task, until
// it yields a value or returns.
//
//	func Ticks(n int) *aio.Gen[int] {
//		return aio.Generator(func(yield aio.YieldFunc[int]) aio.Coro[struct{}] {
//			return aio.Async(func() (struct{}, error) {
//				for i := range n {
//					if _, err := aio.Await(aio.Sleep(time.Second)); err != nil {
//						return struct{}{}, err
//					}
//					if _, err := aio.Await(yield(i)); err != nil {
//						return struct{}{}, err // closed (ErrGeneratorExit) or thrown
//					}
//				}
//				return struct{}{}, nil
//			})
//		})
//	}
//
// The consumer's `async for` is a loop over Next that ends at
// ErrStopAsyncIteration; leaving it early should close the generator, as
// contextlib.aclosing does, so that the body's deferred cleanup runs now:
//
//	g := Ticks(3)
//	defer func() { aio.Await(g.Close()) }()
//	for {
//		v, err := aio.Await(g.Next())
//		if err == aio.ErrStopAsyncIteration {
//			break
//		}
//		...
//	}
//
// A generator that was started but is still unfinished when aio.Run's main
// coroutine returns is closed by Run, after the leftover tasks are cancelled
// (asyncio.run's shutdown_asyncgens); an error from that close goes to the
// exception handler.
//
// A Gen belongs to one loop and is not safe for use by other goroutines.
type Gen[T any] struct {
	root    *FrameHeader // the body's root frame
	top     *FrameHeader // the body's innermost frame while parked at a yield
	runner  *Runner      // the task running the body, while it runs
	loop    *Loop        // the loop it registered with when it started
	state   genState
	op      genOp // the operation that resumed the body
	ready   bool  // an operation completed; value and err await its AwaitEnd
	resumed bool  // an operation resumed the yield the body is parked at
	value   T
	sent    any   // Send's value, for the resumed yield
	err     error // Throw's error for the yield, then an operation's outcome
	broken  error // the body was not a usable coroutine
	index   int   // place in loop.asyncgens, -1 if none
	started uint64
}

type genState uint8

const (
	genNew       genState = iota // not started
	genSuspended                 // parked at a yield
	genRunning                   // its body is on some task's chain
	genDone                      // returned, closed or failed
)

type genOp uint8

const (
	opNext genOp = iota
	opSend
	opThrow
	opClose
)

// YieldFunc is the yield handed to a generator's body: awaiting yield(v)
// suspends the body and hands v to the Next (or Send, or Throw) that resumed
// it. The await returns, when the body is resumed, the value passed to Send
// (nil for Next), the error passed to Throw, or ErrGeneratorExit on Close.
type YieldFunc[T any] func(v T) GenYield[T]

// Generator returns the async generator whose body is the coroutine
// body(yield). body is called at once, but as with any coroutine the code
// inside its aio.Async runs only when the generator is first advanced.
func Generator[T any](body func(yield YieldFunc[T]) Coro[struct{}]) *Gen[T] {
	g := &Gen[T]{index: -1}
	if body == nil {
		g.state, g.broken = genDone, fmt.Errorf("aio: Generator: nil body: %w", ErrNilCoro)
		return g
	}
	c := body(g.yield)
	switch {
	case c.f == nil:
		g.state, g.broken = genDone, fmt.Errorf("aio: Generator: the body returned a zero Coro: %w", ErrNilCoro)
	case !c.take(): // claimed here, so it is never reported as unawaited
		g.state, g.broken = genDone, fmt.Errorf("aio: Generator: %w", ErrCoroReused)
	default:
		g.root = &c.f.FrameHeader
	}
	return g
}

func (g *Gen[T]) yield(v T) GenYield[T] { return GenYield[T]{g, v} }

// Next returns an awaitable that resumes the generator and returns the next
// value it yields: `await anext(gen)`. It returns ErrStopAsyncIteration once
// the body has returned, and the body's error if it fails.
func (g *Gen[T]) Next() GenNext[T] { return GenNext[T]{g: g, op: opNext} }

// Send is Next that makes the suspended yield return v: `await gen.asend(v)`.
// A generator that has not started can only be sent nil.
func (g *Gen[T]) Send(v any) GenNext[T] { return GenNext[T]{g: g, op: opSend, v: v} }

// Throw is Next that makes the suspended yield return err: `await
// gen.athrow(err)`. It returns the next value yielded, ErrStopAsyncIteration
// if the body returns nil, or the body's error. Thrown into a generator that
// has not started, err comes straight back and the generator is finished
// without running. A nil err is refused (ErrInvalidArgument, asyncio's
// TypeError) and leaves the generator as it was.
func (g *Gen[T]) Throw(err error) GenNext[T] { return GenNext[T]{g: g, op: opThrow, err: err} }

// Close returns an awaitable that closes the generator: `await gen.aclose()`.
// A generator suspended at a yield gets ErrGeneratorExit there and runs to
// its end (deferred cleanup may await). Closing a generator that never
// started or already finished does nothing.
func (g *Gen[T]) Close() GenClose[T] { return GenClose[T]{g} }

// Running reports whether the body is running (Python's ag_running): inside
// a Next, Send, Throw or Close, possibly suspended at an await.
func (g *Gen[T]) Running() bool { return g.state == genRunning }

// Done reports whether the generator has finished: returned, failed or been
// closed.
func (g *Gen[T]) Done() bool { return g.state == genDone }

// String describes the generator like Python's repr, without the address:
// "<async_generator ticks (suspended)>".
func (g *Gen[T]) String() string {
	name := "?"
	if g.root != nil {
		// A source-mode body would report the function it is suspended
		// in, which may be a helper; the generator is named after its body.
		if b, ok := g.root.self.(interface{ bodyName() string }); ok {
			name = b.bodyName()
		} else if loc, ok := g.root.self.(FrameLocator); ok {
			name, _, _ = loc.FrameLocation()
		}
		name = unqualified(name)
	}
	state := [...]string{"not started", "suspended", "running", "finished"}[g.state]
	return fmt.Sprintf("<async_generator %s (%s)>", name, state)
}

// GenNext is the awaitable returned by Gen.Next, Send and Throw.
type GenNext[T any] struct {
	g   *Gen[T]
	op  genOp
	v   any
	err error
}

// AwaitBegin is part of the Awaitable protocol.
func (a GenNext[T]) AwaitBegin(r *Runner) bool {
	if a.op == opThrow && a.err == nil {
		return true // AwaitEnd refuses it; the generator is untouched
	}
	return a.g.begin(r, a.op, a.v, a.err)
}

// AwaitEnd is part of the Awaitable protocol.
func (a GenNext[T]) AwaitEnd(r *Runner) (T, error) {
	if a.op == opThrow && a.err == nil {
		var zero T
		return zero, errThrowNil
	}
	return a.g.end(r, a.op, a.v)
}

// errThrowNil is athrow(None)'s TypeError.
var errThrowNil = fmt.Errorf("aio: Gen.Throw: nil error: %w", ErrInvalidArgument)

// GenClose is the awaitable returned by Gen.Close.
type GenClose[T any] struct{ g *Gen[T] }

// AwaitBegin is part of the Awaitable protocol.
func (a GenClose[T]) AwaitBegin(r *Runner) bool { return a.g.begin(r, opClose, nil, nil) }

// AwaitEnd is part of the Awaitable protocol.
func (a GenClose[T]) AwaitEnd(r *Runner) (struct{}, error) {
	_, err := a.g.end(r, opClose, nil)
	return struct{}{}, err
}

// begin starts an operation: it runs the body on r (pushing its frames onto
// r's chain, so the caller suspends and the body runs next) or, when there
// is nothing to run, reports true and leaves the answer to end.
func (g *Gen[T]) begin(r *Runner, op genOp, v any, err error) bool {
	switch g.state {
	case genRunning, genDone:
		return true
	case genNew:
		switch {
		case op == opClose:
			g.finish() // never started: no cleanup to run
			return true
		case op == opThrow:
			g.finish()
			g.ready, g.err = true, err
			return true
		case op == opSend && v != nil:
			return true
		}
		g.register(r.fc.loop)
		g.state, g.runner, g.op = genRunning, r, op
		g.root.state = frameQueued
		r.push(g.root)
		return false
	default: // genSuspended: resume the yield, with the body's frames on r
		g.state, g.runner, g.op, g.resumed = genRunning, r, op, true
		g.sent, g.err = v, err
		g.root.parent = r.top
		r.top, g.top = g.top, nil
		return false
	}
}

// end returns an operation's outcome: the value yielded, the body's end, or
// the reason begin had nothing to run.
func (g *Gen[T]) end(r *Runner, op genOp, v any) (T, error) {
	var zero T
	if g.state == genRunning && g.runner == r && g.root.state == frameDone {
		g.bodyReturned(r, op)
	}
	if g.ready {
		v, err := g.value, g.err
		g.ready, g.value, g.err = false, zero, nil
		return v, err
	}
	switch {
	case g.state == genRunning:
		return zero, ErrGenRunning
	case g.state == genNew: // Send(non-nil) before the start
		return zero, ErrGenSendNonNil
	case g.broken != nil:
		return zero, g.broken
	case op == opClose:
		return zero, nil
	default:
		return zero, ErrStopAsyncIteration
	}
}

// bodyReturned turns the body's result, which the task holds as it would
// for any coroutine that returned to its awaiter, into the outcome of the
// operation that ran it.
func (g *Gen[T]) bodyReturned(r *Runner, op genOp) {
	err := r.err()
	r.setErr(nil)
	g.root.state = frameConsumed
	g.finish()
	rethrow(err) // a panic in the body reaches the awaiter
	switch {
	case err == nil:
		if op != opClose {
			err = ErrStopAsyncIteration
		}
	case errors.Is(err, ErrGeneratorExit) && op == opClose:
		err = nil
	case errors.Is(err, ErrStopAsyncIteration):
		// As PEP 479 has it, a body cannot end the iteration by raising
		// StopAsyncIteration: that is a bug in the body.
		err = fmt.Errorf("aio: async generator returned ErrStopAsyncIteration: %w", err)
	}
	g.ready, g.err = true, err
}

// finish marks the generator done and forgets its frames.
func (g *Gen[T]) finish() {
	g.state, g.runner, g.top = genDone, nil, nil
	g.sent = nil
	if g.loop != nil {
		g.loop.asyncgens.remove(g)
		g.loop = nil
	}
}

func (g *Gen[T]) register(l *Loop) {
	l.asyncgens.add(g)
	g.loop = l
}

// GenYield is the awaitable returned by a generator's YieldFunc.
type GenYield[T any] struct {
	g *Gen[T]
	v T
}

// AwaitBegin is part of the Awaitable protocol: it parks the body's frames
// in the generator and resumes, inline, the frame that asked for a value.
func (a GenYield[T]) AwaitBegin(r *Runner) bool {
	g := a.g
	if g.state != genRunning || g.runner != r || !g.onChain(r) {
		return true // AwaitEnd reports ErrYieldOutsideGen
	}
	if g.op == opClose {
		g.err = ErrGenIgnoredExit
	} else {
		g.value = a.v
	}
	g.ready = true
	g.state, g.runner = genSuspended, nil
	g.top = r.top
	r.top = g.root.parent
	g.root.parent = nil
	return false
}

// AwaitEnd is part of the Awaitable protocol: it returns what the operation
// that resumed the body brought in.
func (a GenYield[T]) AwaitEnd(r *Runner) (any, error) {
	g := a.g
	if !g.resumed || g.runner != r {
		return nil, ErrYieldOutsideGen
	}
	g.resumed = false
	sent, err := g.sent, g.err
	g.sent, g.err = nil, nil
	switch g.op {
	case opThrow:
		return nil, err
	case opClose:
		return nil, ErrGeneratorExit
	}
	return sent, nil
}

// onChain reports whether the body's root frame is on r's chain, that is,
// whether the yield is awaited by the body or a coroutine it awaits.
func (g *Gen[T]) onChain(r *Runner) bool {
	for h := r.top; h != nil; h = h.parent {
		if h == g.root {
			return true
		}
	}
	return false
}

// asyncGen is the type-erased view of a *Gen[T] the loop keeps to close the
// generators left unfinished when aio.Run's main coroutine returns.
type asyncGen interface {
	genIndex() *int
	genStarted() *uint64
	closeCoro() Coro[struct{}]
	fmt.Stringer
}

func (g *Gen[T]) genIndex() *int            { return &g.index }
func (g *Gen[T]) genStarted() *uint64       { return &g.started }
func (g *Gen[T]) closeCoro() Coro[struct{}] { return awaitCoro[struct{}](g.Close()) }

// genList is the loop's set of started, unfinished generators (asyncio's
// _asyncgens), with O(1) insertion and removal.
type genList struct {
	gens []asyncGen
	seq  uint64
}

func (s *genList) add(g asyncGen) {
	s.seq++
	*g.genStarted() = s.seq
	*g.genIndex() = len(s.gens)
	s.gens = append(s.gens, g)
}

func (s *genList) remove(g asyncGen) {
	i := *g.genIndex()
	if i < 0 || i >= len(s.gens) || s.gens[i] != g {
		return
	}
	last := len(s.gens) - 1
	s.gens[i] = s.gens[last]
	*s.gens[i].genIndex() = i
	s.gens[last] = nil
	s.gens = s.gens[:last]
	*g.genIndex() = -1
}
