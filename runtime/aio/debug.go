package aio

import (
	"fmt"
	"runtime"
	"sync/atomic"
)

// debugLoops counts open loops in debug mode; while it is zero, creating a
// coroutine costs nothing extra.
var debugLoops atomic.Int32

// watchNeverAwaited reports a coroutine created on a debug-mode loop that is
// garbage collected without ever being awaited or spawned: the mistake
// Python reports as "coroutine ... was never awaited". Like Python's, the
// report comes when the collector finds the coroutine, so only debug mode
// pays for it.
func watchNeverAwaited(self Frame) {
	l := runningLoop()
	if l == nil || !l.debug {
		return
	}
	name := fmt.Sprintf("%T", self)
	if loc, ok := self.(FrameLocator); ok {
		fn, file, line := loc.FrameLocation()
		name = fmt.Sprintf("%s (%s:%d)", fn, file, line)
	}
	// The finalizer must not capture the frame (or it stays reachable
	// forever); it gets it back as its argument.
	runtime.SetFinalizer(self, func(obj any) {
		if obj.(Frame).header().state != frameNew {
			return
		}
		l.CallSoonThreadsafe(func() {
			l.report(ExceptionContext{Message: "coroutine " + name + " was never awaited"})
		})
	})
}
