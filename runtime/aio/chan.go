package aio

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
)

// Go interop: awaitables for channel receive and send and for a
// context.Context, and conversions between futures and channels.
//
// A Go channel offers no way to be notified without a goroutine blocked on
// it, so an operation that cannot complete at once parks one helper
// goroutine for as long as it waits. That goroutine is counted as work in
// flight outside the loop (the virtual clock does not jump while it waits),
// and cancelling the await stops it. Operations that can complete at once
// (a buffered value, a ready sender or receiver, a done context) complete
// without a goroutine and without suspending.

// ErrChanClosed reports a receive from a closed channel (Recv, FromChan) or a
// send on one (Send, which in plain Go would panic).
var ErrChanClosed = errors.New("aio: channel is closed")

// Channel operation states.
const (
	chIdle uint8 = iota
	chWaiting
	chCancelled
	chDone
)

// ---------------------------------------------------------------------------
// Recv

// RecvOp is the awaitable returned by Recv. It is meant to be awaited once.
type RecvOp[T any] struct {
	ch    <-chan T
	v     T
	ok    bool
	got   bool // the helper received (v, ok)
	state uint8
	msg   string
	r     *Runner
	stop  chan struct{}
}

// Recv returns an awaitable that receives a value from ch: `v, err :=
// aio.Await(aio.Recv(ch))` is the async form of `v, ok := <-ch`; a closed
// channel gives ErrChanClosed. Receiving from a nil channel waits until
// cancelled, as in Go.
//
// Cancellation loses no value: if the helper goroutine received a value at
// the very moment the await was cancelled, the value is kept and the next
// Recv (or FromChan) on the same channel returns it first. Plain `<-ch`
// receivers elsewhere in the program do not see kept values.
func Recv[T any](ch <-chan T) *RecvOp[T] { return &RecvOp[T]{ch: ch} }

// AwaitBegin is part of the Awaitable protocol.
func (op *RecvOp[T]) AwaitBegin(r *Runner) bool {
	if v, ok := takeKept(op.ch); ok {
		op.v, op.ok = v.(T), true
		return true
	}
	if op.ch != nil {
		select {
		case v, ok := <-op.ch:
			op.v, op.ok = v, ok
			return true
		default:
		}
	}
	op.r = r
	op.state = chWaiting
	r.waitOn = op
	if op.ch == nil {
		return false // only a cancellation ends this wait
	}
	l := r.fc.loop
	l.external++
	op.stop = make(chan struct{})
	go op.helper(l, op.ch, op.stop)
	return false
}

func (op *RecvOp[T]) helper(l *Loop, ch <-chan T, stop chan struct{}) {
	select {
	case v, ok := <-ch:
		op.v, op.ok, op.got = v, ok, true
	case <-stop:
	}
	l.CallSoonThreadsafe(op.arrive) // if the loop is closed, nobody waits
}

// arrive runs on the loop when the helper is done.
func (op *RecvOp[T]) arrive() {
	r := op.r
	r.fc.loop.external--
	if op.state == chCancelled {
		if op.got && op.ok {
			keep(op.ch, op.v)
		}
		op.state = chDone
		resumeWith(r, newCancelled(op.msg))
		return
	}
	op.state = chDone
	r.step()
}

func (op *RecvOp[T]) cancelWait(msg string) bool {
	if op.state != chWaiting {
		return false
	}
	op.state, op.msg = chCancelled, msg
	if op.stop == nil { // nil channel: no helper to wait for
		op.state = chDone
		op.r.fc.loop.ready.push(entry{c: cancelWake{op.r, msg}})
		return true
	}
	close(op.stop)
	return true
}

// AwaitEnd is part of the Awaitable protocol.
func (op *RecvOp[T]) AwaitEnd(r *Runner) (T, error) {
	if err := r.takeThrow(); err != nil {
		var zero T
		return zero, err
	}
	if !op.ok {
		return op.v, ErrChanClosed
	}
	return op.v, nil
}

// cancelWake resumes a task with a cancellation, through call-soon.
type cancelWake struct {
	r   *Runner
	msg string
}

func (c cancelWake) invoke(*futureCore) { resumeWith(c.r, newCancelled(c.msg)) }

// kept holds values received by a helper whose Recv was cancelled at the
// same moment, per channel, so that no value is lost. kept.n lets the
// common case skip the lock.
var kept struct {
	n  atomic.Int32
	mu sync.Mutex
	m  map[any][]any
}

func keep[T any](ch <-chan T, v T) {
	kept.mu.Lock()
	if kept.m == nil {
		kept.m = map[any][]any{}
	}
	kept.m[ch] = append(kept.m[ch], v)
	kept.n.Add(1)
	kept.mu.Unlock()
}

func takeKept[T any](ch <-chan T) (any, bool) {
	if kept.n.Load() == 0 || ch == nil {
		return nil, false
	}
	kept.mu.Lock()
	defer kept.mu.Unlock()
	vs := kept.m[ch]
	if len(vs) == 0 {
		return nil, false
	}
	v := vs[0]
	if len(vs) == 1 {
		delete(kept.m, ch)
	} else {
		kept.m[ch] = vs[1:]
	}
	kept.n.Add(-1)
	return v, true
}

// ---------------------------------------------------------------------------
// Send

// SendOp is the awaitable returned by Send. It is meant to be awaited once.
type SendOp[T any] struct {
	ch    chan<- T
	v     T
	err   error
	state uint8
	msg   string
	r     *Runner
	stop  chan struct{}
}

// Send returns an awaitable that sends v on ch: the async form of `ch <- v`.
// Sending on a closed channel returns ErrChanClosed instead of panicking;
// sending on a nil channel waits until cancelled. If the await is cancelled
// at the very moment the helper goroutine completes the send, the value has
// been sent but the task still sees the cancellation, as a task cancelled
// right after the future it awaited completed does.
func Send[T any](ch chan<- T, v T) *SendOp[T] { return &SendOp[T]{ch: ch, v: v} }

func trySend[T any](ch chan<- T, v T, block <-chan struct{}) (sent bool, err error) {
	defer func() {
		if recover() != nil {
			sent, err = true, ErrChanClosed
		}
	}()
	if block == nil {
		select {
		case ch <- v:
			return true, nil
		default:
			return false, nil
		}
	}
	select {
	case ch <- v:
		return true, nil
	case <-block:
		return false, nil
	}
}

// AwaitBegin is part of the Awaitable protocol.
func (op *SendOp[T]) AwaitBegin(r *Runner) bool {
	if op.ch != nil {
		if sent, err := trySend(op.ch, op.v, nil); sent {
			op.err = err
			return true
		}
	}
	op.r = r
	op.state = chWaiting
	r.waitOn = op
	if op.ch == nil {
		return false
	}
	l := r.fc.loop
	l.external++
	op.stop = make(chan struct{})
	go func(ch chan<- T, v T, stop chan struct{}) {
		_, op.err = trySend(ch, v, stop)
		l.CallSoonThreadsafe(op.arrive)
	}(op.ch, op.v, op.stop)
	return false
}

func (op *SendOp[T]) arrive() {
	r := op.r
	r.fc.loop.external--
	if op.state == chCancelled {
		op.state = chDone
		resumeWith(r, newCancelled(op.msg))
		return
	}
	op.state = chDone
	r.step()
}

func (op *SendOp[T]) cancelWait(msg string) bool {
	if op.state != chWaiting {
		return false
	}
	op.state, op.msg = chCancelled, msg
	if op.stop == nil {
		op.state = chDone
		op.r.fc.loop.ready.push(entry{c: cancelWake{op.r, msg}})
		return true
	}
	close(op.stop)
	return true
}

// AwaitEnd is part of the Awaitable protocol.
func (op *SendOp[T]) AwaitEnd(r *Runner) (struct{}, error) {
	if err := r.takeThrow(); err != nil {
		return struct{}{}, err
	}
	if op.err != nil {
		return struct{}{}, errSendClosed
	}
	return struct{}{}, nil
}

var errSendClosed = fmt.Errorf("aio: Send: %w", ErrChanClosed)

// ---------------------------------------------------------------------------
// WaitContext

// ContextOp is the awaitable returned by WaitContext.
type ContextOp struct {
	ctx   context.Context
	state uint8
	msg   string
	r     *Runner
	stop  func() bool
}

var errWaitContextNil = fmt.Errorf("aio: WaitContext: nil context: %w", ErrInvalidArgument)

// WaitContext returns an awaitable that waits until ctx is done and yields
// context.Cause(ctx) as its value (the await's error is only for the
// task's own cancellation). A done context does not suspend; a context that
// can never be done (Done() == nil) waits until the task is cancelled. No
// goroutine waits on the context: context.AfterFunc wakes the loop.
func WaitContext(ctx context.Context) *ContextOp { return &ContextOp{ctx: ctx} }

// AwaitBegin is part of the Awaitable protocol.
func (op *ContextOp) AwaitBegin(r *Runner) bool {
	if op.ctx == nil || op.ctx.Err() != nil {
		return true
	}
	op.r = r
	op.state = chWaiting
	r.waitOn = op
	if op.ctx.Done() == nil {
		return false
	}
	l := r.fc.loop
	l.external++
	op.stop = context.AfterFunc(op.ctx, func() { l.CallSoonThreadsafe(op.arrive) })
	return false
}

func (op *ContextOp) arrive() {
	r := op.r
	r.fc.loop.external--
	if op.state == chCancelled {
		op.state = chDone
		resumeWith(r, newCancelled(op.msg))
		return
	}
	op.state = chDone
	r.step()
}

func (op *ContextOp) cancelWait(msg string) bool {
	if op.state != chWaiting {
		return false
	}
	if op.stop == nil || op.stop() {
		// The AfterFunc will never run: wake the task now, via call-soon.
		if op.stop != nil {
			op.r.fc.loop.external--
		}
		op.state = chDone
		op.r.fc.loop.ready.push(entry{c: cancelWake{op.r, msg}})
		return true
	}
	op.state, op.msg = chCancelled, msg // arrive is on its way
	return true
}

// AwaitEnd is part of the Awaitable protocol.
func (op *ContextOp) AwaitEnd(r *Runner) (error, error) {
	if err := r.takeThrow(); err != nil {
		return nil, err
	}
	if op.ctx == nil {
		return nil, errWaitContextNil
	}
	return context.Cause(op.ctx), nil
}

// ---------------------------------------------------------------------------
// Futures and channels

// Chan returns a channel that receives the future's outcome once it is done
// (then is closed), so goroutines outside the loop can wait for it. It must
// be called on the future's loop; the channel can be read anywhere. Reading
// the outcome counts as retrieving the error.
func (f *Future[T]) Chan() <-chan Result[T] {
	ch := make(chan Result[T], 1)
	if f.fc.loop == nil {
		f.fc.bind(runningLoop())
	}
	if f.fc.loop == nil && f.fc.done() {
		v, err := f.Result()
		ch <- Result[T]{v, err}
		close(ch)
		return ch
	}
	f.fc.addCallback(&chanNotify[T]{ch: ch, res: f.Result}, 0)
	return ch
}

// Chan returns a channel that receives the task's outcome once it is done
// (then is closed). It must be called on the task's loop.
func (t *Task[T]) Chan() <-chan Result[T] {
	ch := make(chan Result[T], 1)
	t.fc.addCallback(&chanNotify[T]{ch: ch, res: t.Result}, 0)
	return ch
}

type chanNotify[T any] struct {
	ch  chan Result[T]
	res func() (T, error)
}

func (c *chanNotify[T]) invoke(*futureCore) {
	v, err := c.res()
	c.ch <- Result[T]{v, err}
	close(c.ch)
}

// FromChan returns a future, bound to the running loop, of the first value
// received from ch (ErrChanClosed if ch is closed first). Cancelling the
// future stops the receive; a value received at that very moment is kept for
// the next Recv or FromChan on ch, as with Recv. Outside a running loop the
// future has failed with ErrNoRunningLoop.
func FromChan[T any](ch <-chan T) *Future[T] {
	f := newExtFuture[T]()
	l := runningLoop()
	if l == nil {
		f.fc.complete(stateDone, fmt.Errorf("aio: FromChan: %w", ErrNoRunningLoop))
		return f
	}
	l.checkThread("FromChan")
	f.fc.loop = l
	if v, ok := takeKept(ch); ok {
		f.SetResult(v.(T))
		return f
	}
	select {
	case v, ok := <-ch:
		if !ok {
			f.SetError(ErrChanClosed)
		} else {
			f.SetResult(v)
		}
		return f
	default:
	}
	fr := &fromChan[T]{f: f, ch: ch, l: l, stop: make(chan struct{})}
	f.fc.setExt(fr)
	if ch == nil {
		return f
	}
	l.external++
	go func() {
		select {
		case v, ok := <-ch:
			fr.v, fr.ok, fr.got = v, ok, true
		case <-fr.stop:
		}
		l.CallSoonThreadsafe(fr.arrive)
	}()
	return f
}

type fromChan[T any] struct {
	f       *Future[T]
	ch      <-chan T
	l       *Loop
	stop    chan struct{}
	v       T
	ok, got bool
}

func (fr *fromChan[T]) arrive() {
	fr.l.external--
	if fr.f.fc.done() { // cancelled meanwhile
		if fr.got && fr.ok {
			keep(fr.ch, fr.v)
		}
		return
	}
	if !fr.ok {
		fr.f.SetError(ErrChanClosed)
		return
	}
	fr.f.SetResult(fr.v)
}

func (fr *fromChan[T]) cancelFuture(msg string) bool {
	if fr.f.fc.done() {
		return false
	}
	close(fr.stop)
	fr.f.fc.complete(stateCancelled, newCancelled(msg))
	return true
}

// SetResultThreadsafe completes the future with v from any goroutine: it
// schedules SetResult on the future's loop with CallSoonThreadsafe. The
// future must have been created on a loop (NewFuture called by a task or
// callback); otherwise, or once the loop is closed, it returns an error.
// Calling SetResult itself from another goroutine is a data race, which
// debug mode reports with a panic.
//
// The future may be done by the time the loop runs the SetResult: a
// cancelled one (its awaiter timed out or was cancelled) ignores the value,
// as asyncio's own executor bridge does; one already completed goes to the
// loop's exception handler, since two results means a bug in the caller
// (asyncio reports the InvalidStateError of its callback the same way).
func (f *Future[T]) SetResultThreadsafe(v T) error {
	l := f.fc.loop
	if l == nil {
		return fmt.Errorf("aio: Future.SetResultThreadsafe: future has no loop: %w", ErrNoRunningLoop)
	}
	if _, err := l.CallSoonThreadsafe(func() { f.settleThreadsafe(l, "SetResultThreadsafe", f.SetResult(v)) }); err != nil {
		return fmt.Errorf("aio: Future.SetResultThreadsafe: %w", ErrLoopClosed)
	}
	return nil
}

// settleThreadsafe handles the outcome of a SetResult or SetError that a
// thread-safe call scheduled on l (see SetResultThreadsafe).
func (f *Future[T]) settleThreadsafe(l *Loop, op string, err error) {
	if err == nil || f.fc.state == stateCancelled {
		return
	}
	l.report(ExceptionContext{Message: "Exception in callback Future." + op, Err: err})
}

// SetErrorThreadsafe is SetResultThreadsafe for an error: a cancelled
// future ignores it, a completed one reports it to the exception handler.
func (f *Future[T]) SetErrorThreadsafe(err error) error {
	l := f.fc.loop
	if l == nil {
		return fmt.Errorf("aio: Future.SetErrorThreadsafe: future has no loop: %w", ErrNoRunningLoop)
	}
	if err == nil {
		return fmt.Errorf("aio: Future.SetErrorThreadsafe: nil error: %w", ErrInvalidArgument)
	}
	if _, e := l.CallSoonThreadsafe(func() { f.settleThreadsafe(l, "SetErrorThreadsafe", f.SetError(err)) }); e != nil {
		return fmt.Errorf("aio: Future.SetErrorThreadsafe: %w", ErrLoopClosed)
	}
	return nil
}
