package aio

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
)

// ErrCancelled is the error every cancelled await, task and future reports.
// Test for it with errors.Is: the concrete error is a *CancelledError that may
// carry a message. errors.Is(err, context.Canceled) also holds, so code that
// already understands context cancellation treats it the same way.
var ErrCancelled error = &CancelledError{}

// ErrTimeout is the error WaitFor and timeout scopes report when their time is
// up. errors.Is(err, context.DeadlineExceeded) also holds.
var ErrTimeout error = timeoutError{}

// ErrInvalidState reports an operation that the future or task's state does
// not allow: reading the result of a pending future, resolving a done one.
var ErrInvalidState = errors.New("aio: invalid state")

// ErrNoRunningLoop reports a call that needs a running event loop (Spawn,
// CurrentTask, Loop-bound operations) made from outside one.
var ErrNoRunningLoop = errors.New("aio: no running event loop")

// ErrLoopClosed reports use of a loop after Close.
var ErrLoopClosed = errors.New("aio: event loop is closed")

// ErrLoopRunning reports an operation that a running loop forbids: Run or
// RunForever from inside a running loop, RunForever of a loop already
// running, Close of a running loop, Call from a loop (it would block it).
var ErrLoopRunning = errors.New("aio: event loop is already running")

// ErrInvalidArgument reports an argument no call accepts: a nil function or
// channel, a negative size, an empty set of tasks to wait for (asyncio's
// ValueError and TypeError cases).
var ErrInvalidArgument = errors.New("aio: invalid argument")

// ErrCoroReused reports a coroutine awaited or spawned a second time; a
// coroutine runs exactly once, like a Python coroutine object.
var ErrCoroReused = errors.New("aio: coroutine already awaited")

// ErrNilCoro reports an await of the zero Coro value.
var ErrNilCoro = errors.New("aio: await of a nil coroutine")

// ErrNotAsync reports aio.Await called outside an async body (for example in
// a plain function or a goroutine started by a `go` statement).
var ErrNotAsync = errors.New("aio: Await called outside an async function")

// CancelledError is the concrete error of a cancellation. Message is the
// optional message given to Cancel.
type CancelledError struct {
	Message string
}

// Error reports the cancellation and its message, if any.
func (e *CancelledError) Error() string {
	if e.Message == "" {
		return "aio: cancelled"
	}
	return "aio: cancelled: " + e.Message
}

// Is makes every *CancelledError match ErrCancelled and context.Canceled.
func (e *CancelledError) Is(target error) bool {
	return target == ErrCancelled || target == context.Canceled
}

func newCancelled(msg string) error {
	if msg == "" {
		return ErrCancelled
	}
	return &CancelledError{Message: msg}
}

// cancelMessage returns the message of a cancellation error, "" if none.
func cancelMessage(err error) string {
	var ce *CancelledError
	if errors.As(err, &ce) {
		return ce.Message
	}
	return ""
}

// IsCancelled reports whether err is (or wraps) a cancellation.
func IsCancelled(err error) bool { return err != nil && errors.Is(err, ErrCancelled) }

type timeoutError struct{}

func (timeoutError) Error() string { return "aio: timeout" }

// Is makes ErrTimeout match context.DeadlineExceeded.
func (timeoutError) Is(target error) bool { return target == context.DeadlineExceeded }

// Timeout reports true, as net.Error does for timeouts.
func (timeoutError) Timeout() bool { return true }

// PanicError carries a panic out of the coroutine that raised it. A task or
// coroutine that panics finishes with a *PanicError; awaiting it re-panics
// with the same *PanicError in the awaiter, so a panic is never swallowed and
// keeps its original stack. Result and Err report it as an ordinary error.
type PanicError struct {
	// Value is the value passed to panic.
	Value any
	// Stack is the stack of the goroutine at the panic, as debug.Stack
	// formats it.
	Stack []byte
}

// NewPanicError wraps a recovered panic value, capturing the current stack.
// Called from a deferred recover, the stack still shows where the panic
// started. A value that already is a *PanicError is returned unchanged so a
// panic crossing several awaits keeps its first stack.
func NewPanicError(v any) *PanicError {
	if pe, ok := v.(*PanicError); ok {
		return pe
	}
	return &PanicError{Value: v, Stack: debug.Stack()}
}

// Error reports the panic value followed by the stack where it happened.
func (e *PanicError) Error() string {
	return fmt.Sprintf("aio: panic: %v\n\n%s", e.Value, e.Stack)
}

// Unwrap returns the panic value when it is an error.
func (e *PanicError) Unwrap() error {
	err, _ := e.Value.(error)
	return err
}

// rethrow panics when err carries a panic, so awaiting something that
// panicked panics in the awaiter.
func rethrow(err error) {
	if pe, ok := err.(*PanicError); ok {
		panic(pe)
	}
}
