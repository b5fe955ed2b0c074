package aio

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
)

// StackFrame is one suspended async frame of a task. File is the base name
// of the source file, the same in source mode and in generated code.
type StackFrame struct {
	Function string
	File     string
	Line     int
}

// String formats the frame as "function (file:line)".
func (f StackFrame) String() string { return fmt.Sprintf("%s (%s:%d)", f.Function, f.File, f.Line) }

// currentRunner returns the task being stepped on the running loop.
func currentRunner() *Runner {
	l := runningLoop()
	if l == nil {
		return nil
	}
	return l.current
}

// CurrentTask returns the task running the caller, or nil outside a task.
func CurrentTask() AnyTask {
	if r := currentRunner(); r != nil {
		return r.task()
	}
	return nil
}

// CurrentLoop returns the loop running the caller, or nil outside a loop.
func CurrentLoop() *Loop { return runningLoop() }

// AllTasks returns the unfinished tasks of the running loop, in creation
// order.
func AllTasks() []AnyTask {
	l := runningLoop()
	if l == nil {
		return nil
	}
	return l.AllTasks()
}

// AllTasks returns the loop's unfinished tasks, in creation order.
func (l *Loop) AllTasks() []AnyTask {
	rs := l.tasks.all()
	out := make([]AnyTask, len(rs))
	for i, r := range rs {
		out[i] = r.task()
	}
	return out
}

// Stack returns the task's chain of async frames, innermost first: where each
// coroutine is suspended. A running or finished task has no suspended frames
// beyond the ones still in its chain.
func (r *Runner) Stack() []StackFrame {
	if r.fc.done() {
		return nil // top is the finished root frame, no longer suspended
	}
	var out []StackFrame
	for h := r.top; h != nil; h = h.parent {
		if loc, ok := h.self.(FrameLocator); ok {
			fn, file, line := loc.FrameLocation()
			// Generated frames carry portable, directory-less //line file
			// names; source frames are trimmed to match.
			out = append(out, StackFrame{unqualified(fn), filepath.Base(file), line})
			continue
		}
		out = append(out, StackFrame{Function: fmt.Sprintf("%T", h.self)})
	}
	return out
}

// unqualified drops the package from a function name ("pkg.f" -> "f",
// "pkg.(*T).M" -> "(*T).M"), as Python tracebacks show no module: the name
// is then the same for a main package, its test binary, and generated code.
func unqualified(fn string) string {
	if i := strings.IndexByte(fn, '.'); i >= 0 {
		return fn[i+1:]
	}
	return fn
}

// DumpTasks writes every unfinished task of the loop, what it awaits, and its
// async stack: a snapshot in the spirit of `python -m asyncio pstree`.
func (l *Loop) DumpTasks(w io.Writer) {
	for _, r := range l.tasks.all() {
		state := "ready"
		switch {
		case l.current == r:
			state = "running"
		case r.waitOn != nil:
			state = "awaiting " + describeWait(r.waitOn)
		case r.fc.sleepState == sleepArmed:
			state = "sleeping"
		}
		fmt.Fprintf(w, "%s [%s]\n", r.Name(), state)
		for _, f := range r.Stack() {
			fmt.Fprintf(w, "    %s\n", f)
		}
	}
}

func describeWait(w waitTarget) string {
	switch x := w.(type) {
	case *futureCore:
		if t := x.runner(); t != nil {
			return "task " + t.Name()
		}
		return "a future"
	case *sleepTimer:
		return "sleep"
	}
	return strings.TrimPrefix(fmt.Sprintf("%T", w), "*aio.")
}
