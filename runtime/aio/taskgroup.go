package aio

import (
	"errors"
	"fmt"
	"strings"
)

// TaskGroup is a set of child tasks bound to the coroutine that runs the
// group: asyncio.TaskGroup. Create one with Group and add children with
// Spawn(c, InGroup(g)).
type TaskGroup struct {
	loop   *Loop
	parent *Runner

	entered               bool
	exiting               bool
	aborting              bool
	parentCancelRequested bool

	tasks    []*Runner // children in creation order; finished ones are nil
	head     int       // tasks[:head] are all finished
	live     int       // unfinished children
	errs     []error   // child failures, in the order they failed
	baseErr  error     // a panic, which wins over everything
	complete *Future[struct{}]
}

// GroupError is the error of a task group whose children (or body) failed:
// asyncio's ExceptionGroup. Errors holds the child failures in the order
// the children failed, then the body's own error, last. errors.Is and
// errors.As look into every one of them.
type GroupError struct {
	Errors []error
}

// Error lists the member errors, in order, after the count worded as
// Python's str() of the ExceptionGroup words it: "aio: unhandled errors in
// a TaskGroup (2 sub-exceptions); first; second".
func (e *GroupError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "aio: unhandled errors in a TaskGroup (%d sub-exception", len(e.Errors))
	if len(e.Errors) != 1 {
		b.WriteByte('s')
	}
	b.WriteString(")")
	for _, err := range e.Errors {
		b.WriteString("; ")
		b.WriteString(err.Error())
	}
	return b.String()
}

// Unwrap returns the member errors, so errors.Is and errors.As see each.
func (e *GroupError) Unwrap() []error { return e.Errors }

// Group runs the coroutine body(g) inline in the current task with g as its
// task group, then waits until every child of g has finished (including
// children spawned later by other children), and returns body's result:
// `async with asyncio.TaskGroup() as g: ...`, with CPython 3.11's rules:
//
//   - The first child that fails (with an error other than cancellation)
//     aborts the group: every other unfinished child is cancelled, and so is
//     the task running the group, so the body gets a cancellation at its
//     current await. The group undoes its own cancellation of the task
//     (Uncancel) on exit, so that cancellation never leaks out.
//   - The result is then a *GroupError holding every child failure in the
//     order they failed, with the body's own error (other than a
//     cancellation) last.
//   - If the body fails, the children are cancelled, and the body's error
//     is reported (in a *GroupError when children failed too).
//   - If the task running the group is cancelled from outside, the children
//     are cancelled, the group waits for them, and the plain cancellation
//     propagates (no *GroupError unless a child failed).
//   - A child cancelled by someone else is not a failure: the group
//     carries on.
//   - A child that panics aborts the group like a failure, and once every
//     child has finished the panic propagates from Group.
//
// Children are cancelled in creation order (CPython iterates a set).
func Group[T any](body func(g *TaskGroup) Coro[T]) Coro[T] {
	f := &groupFrame[T]{body: body}
	return f.Init(f)
}

// InGroup makes Spawn add the new task to g (asyncio's
// TaskGroup.create_task). Spawning into a group whose coroutine has not
// started, that has finished, or that is shutting down after a failure
// gives a task that has already failed with an error saying so; its
// coroutine never runs.
func InGroup(g *TaskGroup) TaskOption {
	return func(r *Runner) { g.adopt(r) }
}

// ErrGroupClosed is wrapped by the error of a task spawned into a task group
// that no longer accepts children.
var ErrGroupClosed = errors.New("aio: task group does not accept new tasks")

func (g *TaskGroup) adopt(r *Runner) {
	var why string
	switch {
	case g == nil:
		why = "nil TaskGroup"
	case !g.entered:
		why = "TaskGroup has not been entered"
	case g.exiting && g.live == 0:
		why = "TaskGroup is finished"
	case g.aborting:
		why = "TaskGroup is shutting down"
	case r.fc.loop != g.loop:
		why = "TaskGroup belongs to another event loop"
	}
	if why != "" {
		r.fc.complete(stateDone, fmt.Errorf("aio: Spawn: %s: %w", why, ErrGroupClosed))
		return
	}
	r.fc.addCallback(g, 0)
	g.tasks = append(g.tasks, r)
	g.live++
}

// abort is TaskGroup._abort: cancel every unfinished child.
func (g *TaskGroup) abort() {
	g.aborting = true
	for _, t := range g.tasks[g.head:] {
		if t != nil && !t.fc.done() {
			t.Cancel()
		}
	}
}

// invoke is TaskGroup._on_task_done, run through call-soon as each child
// finishes.
func (g *TaskGroup) invoke(fc *futureCore) {
	g.discard(fc.runner())
	if g.complete != nil && g.live == 0 && !g.complete.fc.done() {
		g.complete.fc.complete(stateDone, nil)
	}
	if fc.state == stateCancelled || fc.error() == nil {
		return
	}
	fc.retrieved = true
	err := fc.error()
	g.errs = append(g.errs, err)
	if _, ok := err.(*PanicError); ok && g.baseErr == nil {
		g.baseErr = err
	}
	if g.parent.fc.done() {
		g.loop.report(ExceptionContext{
			Message: fmt.Sprintf("Task %s has errored out but its parent task %s is already completed",
				fc.runner().Name(), g.parent.Name()),
			Err:  err,
			Task: fc.runner().task(),
		})
		return
	}
	if !g.aborting && !g.parentCancelRequested {
		// Abort whatever the body is doing; exit undoes this cancel.
		g.abort()
		g.parentCancelRequested = true
		g.parent.Cancel()
	}
}

// discard removes a finished child. The list keeps creation order with
// holes; head skips the finished prefix, so children finishing roughly in
// creation order cost O(1) each, and the list is compacted when it is
// mostly holes.
func (g *TaskGroup) discard(r *Runner) {
	for i := g.head; i < len(g.tasks); i++ {
		if g.tasks[i] == r {
			g.tasks[i] = nil
			g.live--
			break
		}
	}
	for g.head < len(g.tasks) && g.tasks[g.head] == nil {
		g.head++
	}
	if g.live == 0 {
		clear(g.tasks)
		g.tasks, g.head = g.tasks[:0], 0
	} else if len(g.tasks) > 32 && 2*g.live < len(g.tasks) {
		kept := g.tasks[:0]
		for _, t := range g.tasks[g.head:] {
			if t != nil {
				kept = append(kept, t)
			}
		}
		clear(g.tasks[len(kept):])
		g.tasks, g.head = kept, 0
	}
}

type groupFrame[T any] struct {
	CoroFrame[T]
	g         TaskGroup
	body      func(*TaskGroup) Coro[T]
	c         Coro[T]
	pc        int
	value     T
	err       error // the body's outcome: __aexit__'s exc
	propagate error // propagate_cancellation_error
}

const (
	groupStart = iota
	groupBody
	groupWaiting
)

func (f *groupFrame[T]) Resume(r *Runner) {
	g := &f.g
	switch f.pc {
	case groupStart:
		// __aenter__
		g.loop = r.fc.loop
		g.parent = r
		g.entered = true
		var c Coro[T]
		var perr error
		if f.body == nil {
			c = errCoro[T](fmt.Errorf("aio: Group: nil body: %w", ErrNilCoro))
		} else if c, perr = callBody(f.body, g); perr == nil && c.f == nil {
			c = errCoro[T](fmt.Errorf("aio: Group: the body returned a zero Coro: %w", ErrNilCoro))
		}
		f.body = nil
		f.pc = groupBody
		if perr != nil {
			f.err = perr
			f.exit(r)
			return
		}
		f.c = c
		if !c.AwaitBegin(r) {
			return // the body runs now, inline
		}
		fallthrough
	case groupBody:
		f.value, f.err = awaitEndRecover(f.c, r)
		f.c = Coro[T]{}
		f.exit(r)
	case groupWaiting:
		_, err := g.complete.AwaitEnd(r)
		if IsCancelled(err) && !g.aborting {
			// The task running the group is being cancelled while
			// children are still running.
			f.propagate = err
			g.abort()
		}
		g.complete = nil
		f.exit(r)
	}
}

// exit is TaskGroup.__aexit__, re-entered after each wait for the children.
func (f *groupFrame[T]) exit(r *Runner) {
	g := &f.g
	if f.pc != groupWaiting {
		g.exiting = true
		if _, ok := f.err.(*PanicError); ok && g.baseErr == nil {
			g.baseErr = f.err
		}
		if IsCancelled(f.err) {
			f.propagate = f.err
		}
		if g.parentCancelRequested {
			// We cancelled our own task: undo it; with no other request
			// pending, the cancellation is not to propagate.
			if g.parent.Uncancel() == 0 {
				f.propagate = nil
			}
		}
		if f.err != nil && !g.aborting {
			g.abort()
		}
		f.pc = groupWaiting
	}
	for g.live > 0 {
		if g.complete == nil {
			g.complete = newPending(g.loop)
		}
		if !g.complete.AwaitBegin(r) {
			return // resumed in Resume's groupWaiting case
		}
		_, err := g.complete.AwaitEnd(r)
		if IsCancelled(err) && !g.aborting {
			f.propagate = err
			g.abort()
		}
		g.complete = nil
	}
	var zero T
	if g.baseErr != nil {
		panic(g.baseErr)
	}
	if f.propagate != nil && len(g.errs) == 0 {
		f.Return(r, zero, f.propagate)
		return
	}
	if f.err != nil && !IsCancelled(f.err) {
		g.errs = append(g.errs, f.err)
	}
	if len(g.errs) > 0 {
		errs := g.errs
		g.errs = nil
		f.Return(r, zero, &GroupError{Errors: errs})
		return
	}
	f.Return(r, f.value, f.err)
}
