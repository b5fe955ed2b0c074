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
func Run[T any](c Awaitable[T], opts ...Option) (T, error)               { panic("stub") }
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
func (l *Lock) Release() error          { panic("stub") }

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

var (
	ErrChanClosed         = errors.New("aio: channel is closed")
	ErrCoroReused         = errors.New("aio: coroutine already awaited")
	ErrQueueEmpty         = errors.New("aio: queue is empty")
	ErrQueueFull          = errors.New("aio: queue is full")
	ErrQueueShutDown      = errors.New("aio: queue is shut down")
	ErrStopAsyncIteration = errors.New("aio: StopAsyncIteration")
)

func IsCancelled(err error) bool { panic("stub") }

func WithVirtualClock() Option        { panic("stub") }
func WithName(name string) TaskOption { panic("stub") }
func (l *Loop) Time() time.Duration   { panic("stub") }
func TaskContext() context.Context    { panic("stub") }

func (t *Task[T]) AddDoneCallback(fn func(*Task[T])) { panic("stub") }

func (f *Future[T]) SetResultThreadsafe(v T) error      { panic("stub") }
func (f *Future[T]) SetErrorThreadsafe(err error) error { panic("stub") }

func (l *Lock) TryAcquire() bool { panic("stub") }
func (l *Lock) Locked() bool     { panic("stub") }
func NewLock() *Lock             { panic("stub") }

// TaskGroup is asyncio.TaskGroup: children spawned with InGroup(g) belong
// to the group, which awaits them.
type TaskGroup struct{}

func Group[T any](body func(g *TaskGroup) Coro[T]) Coro[T] { panic("stub") }
func InGroup(g *TaskGroup) TaskOption                      { panic("stub") }

type Queue[T any] struct{}
type QueueGet[T any] struct{}
type QueuePut[T any] struct{}
type QueueJoin struct{}

func (QueueGet[T]) AwaitBegin(*Runner) bool            { panic("stub") }
func (QueueGet[T]) AwaitEnd(*Runner) (T, error)        { panic("stub") }
func (QueuePut[T]) AwaitBegin(*Runner) bool            { panic("stub") }
func (QueuePut[T]) AwaitEnd(*Runner) (struct{}, error) { panic("stub") }
func (QueueJoin) AwaitBegin(*Runner) bool              { panic("stub") }
func (QueueJoin) AwaitEnd(*Runner) (struct{}, error)   { panic("stub") }

func NewQueue[T any](maxsize int) *Queue[T] { panic("stub") }
func (q *Queue[T]) Get() QueueGet[T]        { panic("stub") }
func (q *Queue[T]) Put(v T) QueuePut[T]     { panic("stub") }
func (q *Queue[T]) GetNowait() (T, error)   { panic("stub") }
func (q *Queue[T]) PutNowait(v T) error     { panic("stub") }
func (q *Queue[T]) TaskDone() error         { panic("stub") }
func (q *Queue[T]) Join() QueueJoin         { panic("stub") }
func (q *Queue[T]) Shutdown(immediate bool) { panic("stub") }
func (q *Queue[T]) Len() int                { panic("stub") }
func (q *Queue[T]) Empty() bool             { panic("stub") }

type Semaphore struct{}
type SemaphoreAcquire struct{}

func (SemaphoreAcquire) AwaitBegin(*Runner) bool            { panic("stub") }
func (SemaphoreAcquire) AwaitEnd(*Runner) (struct{}, error) { panic("stub") }

func NewSemaphore(n int) *Semaphore            { panic("stub") }
func (s *Semaphore) Acquire() SemaphoreAcquire { panic("stub") }
func (s *Semaphore) Release() error            { panic("stub") }
func (s *Semaphore) TryAcquire() bool          { panic("stub") }

type RecvOp[T any] struct{}
type SendOp[T any] struct{}
type ContextOp struct{}

func (*RecvOp[T]) AwaitBegin(*Runner) bool            { panic("stub") }
func (*RecvOp[T]) AwaitEnd(*Runner) (T, error)        { panic("stub") }
func (*SendOp[T]) AwaitBegin(*Runner) bool            { panic("stub") }
func (*SendOp[T]) AwaitEnd(*Runner) (struct{}, error) { panic("stub") }
func (*ContextOp) AwaitBegin(*Runner) bool            { panic("stub") }
func (*ContextOp) AwaitEnd(*Runner) (error, error)    { panic("stub") }

func Recv[T any](ch <-chan T) *RecvOp[T]         { panic("stub") }
func Send[T any](ch chan<- T, v T) *SendOp[T]    { panic("stub") }
func WaitContext(ctx context.Context) *ContextOp { panic("stub") }
func FromChan[T any](ch <-chan T) *Future[T]     { panic("stub") }

func RunInExecutor[T any](l *Loop, fn func(ctx context.Context) (T, error)) *Future[T] {
	panic("stub")
}

type Tuple2[A, B any] struct {
	A A
	B B
}

func Gather2[A, B any](a Awaitable[A], b Awaitable[B]) Coro[Tuple2[A, B]] { panic("stub") }

type Completed[T any] struct{}

func AsCompleted[T any](aws ...Awaitable[T]) *Completed[T] { panic("stub") }
func (c *Completed[T]) Next() Coro[T]                      { panic("stub") }
func (c *Completed[T]) Len() int                           { panic("stub") }

type YieldFunc[T any] func(v T) GenYield[T]
type Gen[T any] struct{}
type GenYield[T any] struct{}
type GenNext[T any] struct{}
type GenClose[T any] struct{}

func (GenYield[T]) AwaitBegin(*Runner) bool            { panic("stub") }
func (GenYield[T]) AwaitEnd(*Runner) (any, error)      { panic("stub") }
func (GenNext[T]) AwaitBegin(*Runner) bool             { panic("stub") }
func (GenNext[T]) AwaitEnd(*Runner) (T, error)         { panic("stub") }
func (GenClose[T]) AwaitBegin(*Runner) bool            { panic("stub") }
func (GenClose[T]) AwaitEnd(*Runner) (struct{}, error) { panic("stub") }

func Generator[T any](body func(yield YieldFunc[T]) Coro[struct{}]) *Gen[T] { panic("stub") }
func (g *Gen[T]) Next() GenNext[T]                                          { panic("stub") }
func (g *Gen[T]) Close() GenClose[T]                                        { panic("stub") }
