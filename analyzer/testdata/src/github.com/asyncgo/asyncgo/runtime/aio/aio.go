// Package aio is a test stub of asyncgo's runtime: only the declarations the
// analyzers look at, with bodies that panic.
package aio

import (
	"context"
	"errors"
	"time"
)

var (
	ErrCancelled = errors.New("cancelled")
	ErrTimeout   = errors.New("timeout")
)

type Runner struct{}

type Awaitable[T any] interface {
	AwaitBegin(*Runner) bool
	AwaitEnd(*Runner) (T, error)
}

type Coro[T any] struct{ fn func() (T, error) }

func (c Coro[T]) AwaitBegin(*Runner) bool     { panic("stub") }
func (c Coro[T]) AwaitEnd(*Runner) (T, error) { panic("stub") }

type Task[T any] struct{}

func (t *Task[T]) AwaitBegin(*Runner) bool     { panic("stub") }
func (t *Task[T]) AwaitEnd(*Runner) (T, error) { panic("stub") }
func (t *Task[T]) Cancel(msg ...string) bool   { panic("stub") }
func (t *Task[T]) Done() bool                  { panic("stub") }
func (t *Task[T]) Result() (T, error)          { panic("stub") }
func (t *Task[T]) Err() error                  { panic("stub") }
func (t *Task[T]) Name() string                { panic("stub") }

type AnyTask interface {
	Name() string
	Done() bool
}

type Future[T any] struct{}

func (f *Future[T]) AwaitBegin(*Runner) bool          { panic("stub") }
func (f *Future[T]) AwaitEnd(*Runner) (T, error)      { panic("stub") }
func (f *Future[T]) SetResult(v T)                    { panic("stub") }
func (f *Future[T]) SetError(err error)               { panic("stub") }
func (f *Future[T]) Cancel(msg ...string) bool        { panic("stub") }
func (f *Future[T]) Done() bool                       { panic("stub") }
func (f *Future[T]) Result() (T, error)               { panic("stub") }
func (f *Future[T]) Err() error                       { panic("stub") }
func (f *Future[T]) AddDoneCallback(func(*Future[T])) { panic("stub") }
func (f *Future[T]) Chan() <-chan struct{}            { return chanOf() }

type SleepOp struct{ d time.Duration }

func (s SleepOp) AwaitBegin(*Runner) bool            { panic("stub") }
func (s SleepOp) AwaitEnd(*Runner) (struct{}, error) { panic("stub") }

type YieldOp struct{}

func (YieldOp) AwaitBegin(*Runner) bool            { panic("stub") }
func (YieldOp) AwaitEnd(*Runner) (struct{}, error) { panic("stub") }

type Option func()
type TaskOption func()

type Handle struct{}

func (h *Handle) Cancel() { panic("stub") }

type Loop struct{}

func (l *Loop) RunForever() error                            { panic("stub") }
func (l *Loop) Stop()                                        { panic("stub") }
func (l *Loop) CallSoon(fn func()) *Handle                   { panic("stub") }
func (l *Loop) CallSoonThreadsafe(fn func()) *Handle         { panic("stub") }
func (l *Loop) CallLater(d time.Duration, fn func()) *Handle { panic("stub") }

func NewLoop() *Loop     { panic("stub") }
func CurrentLoop() *Loop { panic("stub") }

func Async[T any](fn func() (T, error)) Coro[T]                          { panic("stub") }
func Await[T any](a Awaitable[T]) (T, error)                             { panic("stub") }
func Run[T any](c Coro[T], opts ...Option) (T, error)                    { panic("stub") }
func Spawn[T any](c Coro[T], opts ...TaskOption) *Task[T]                { panic("stub") }
func Sleep(d time.Duration) SleepOp                                      { panic("stub") }
func Yield() YieldOp                                                     { panic("stub") }
func Gather[T any](aws ...Awaitable[T]) *Future[[]T]                     { panic("stub") }
func WaitFor[T any](aw Awaitable[T], d time.Duration) Coro[T]            { panic("stub") }
func Shield[T any](aw Awaitable[T]) *Future[T]                           { panic("stub") }
func NewFuture[T any]() *Future[T]                                       { panic("stub") }
func ToThread[T any](fn func(ctx context.Context) (T, error)) *Future[T] { panic("stub") }
func CurrentTask() AnyTask                                               { panic("stub") }
func WithDebug() Option                                                  { panic("stub") }

// chanOf sends on a buffered channel, as the real runtime's Future.Chan
// does: the runtime is trusted by AIO201, so calling Chan is not reported.
func chanOf() <-chan struct{} {
	ch := make(chan struct{}, 1)
	ch <- struct{}{}
	return ch
}

type LoopGroup struct{}

func (g *LoopGroup) Loop(i int) *Loop { panic("stub") }
func (g *LoopGroup) Close() error     { panic("stub") }

func NewLoopGroup(n int, opts ...Option) *LoopGroup                                { panic("stub") }
func RunLoops[T any](n int, main func(i int) Coro[T], opts ...Option) ([]T, error) { panic("stub") }
func Call[T any](ctx context.Context, l *Loop, fn func() Coro[T]) (T, error)       { panic("stub") }
func Submit[T any](target *Loop, fn func() Coro[T]) *Future[T]                     { panic("stub") }

// Lock is the loop-aware lock: awaiting it never blocks the loop.
type Lock struct{}

func (l *Lock) Acquire() Coro[struct{}] { panic("stub") }
func (l *Lock) Release()                { panic("stub") }

// NoDeadline disables a timeout scope's deadline.
const NoDeadline time.Duration = 1<<63 - 1

// TimeoutScope is the state of a running timeout scope.
type TimeoutScope struct{}

func (s *TimeoutScope) When() time.Duration                 { panic("stub") }
func (s *TimeoutScope) Expired() bool                       { panic("stub") }
func (s *TimeoutScope) Reschedule(when time.Duration) error { panic("stub") }

func Timeout[T any](d time.Duration, c Coro[T]) Coro[T]      { panic("stub") }
func TimeoutAt[T any](when time.Duration, c Coro[T]) Coro[T] { panic("stub") }
func TimeoutScopeAt[T any](when time.Duration, body func(s *TimeoutScope) Coro[T]) Coro[T] {
	panic("stub")
}

type Result[T any] struct {
	Value T
	Err   error
}

func GatherResults[T any](aws ...Awaitable[T]) *Future[[]Result[T]] { panic("stub") }

// Event is the loop-aware event.
type Event struct{}

type EventWait struct{}

func (EventWait) AwaitBegin(*Runner) bool        { panic("stub") }
func (EventWait) AwaitEnd(*Runner) (bool, error) { panic("stub") }

func NewEvent() *Event           { panic("stub") }
func (e *Event) Set()            { panic("stub") }
func (e *Event) IsSet() bool     { panic("stub") }
func (e *Event) Wait() EventWait { panic("stub") }
