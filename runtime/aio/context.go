package aio

import (
	"context"
	"errors"
)

// taskContext is a task's context.Context, made on first use.
type taskContext struct {
	ctx    context.Context
	cancel context.CancelCauseFunc
}

// Context returns a context.Context for handing to ordinary Go APIs from this
// task: it is cancelled when the task is cancelled (with the cancellation as
// its cause) and when the task ends. If the task later swallows the
// cancellation and Uncancel brings its count to zero, Context returns a fresh
// context from then on. Run's parent context (WithContext) is its parent.
func (r *Runner) Context() context.Context {
	if r.x == nil || r.x.ctx == nil {
		parent := context.Background()
		if r.fc.loop != nil && r.fc.loop.baseCtx != nil {
			parent = r.fc.loop.baseCtx
		}
		ctx, cancel := context.WithCancelCause(parent)
		r.extra().ctx = &taskContext{ctx, cancel}
		if r.fc.done() {
			cancel(errTaskDone)
		} else if r.fc.numCancels > 0 {
			cancel(newCancelled(r.cancelMessage()))
		}
	}
	return r.x.ctx.ctx
}

var errTaskDone = errors.New("aio: task finished")

func (r *Runner) cancelContext(msg string) {
	if r.x != nil && r.x.ctx != nil {
		r.x.ctx.cancel(newCancelled(msg))
	}
}

func (r *Runner) closeContext() {
	if r.x != nil && r.x.ctx != nil {
		r.x.ctx.cancel(errTaskDone)
	}
}

func (r *Runner) renewContext() {
	if r.x != nil && r.x.ctx != nil && r.x.ctx.ctx.Err() != nil {
		r.x.ctx = nil
	}
}

// TaskContext returns the current task's context (see Runner.Context), or
// context.Background() outside a task.
func TaskContext() context.Context {
	if t := currentRunner(); t != nil {
		return t.Context()
	}
	return context.Background()
}
