// Package blockingreach checks how a blocking call is reached from an async
// body: through closures, callbacks run in place, renamed and dot imports,
// defer, goroutines and the executor.
package blockingreach

import (
	"context"
	"slices"
	"sort"
	"sync"
	. "time"
	tm "time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func Reach(xs []int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		Sleep(Millisecond)       // want `AIO251: time.Sleep blocks the event loop in async function Reach`
		tm.Sleep(tm.Millisecond) // want `AIO251: time.Sleep blocks`
		defer tm.Sleep(1)        // want `AIO251: time.Sleep blocks`
		func() {
			tm.Sleep(1) // want `AIO251: time.Sleep blocks`
		}()

		// A closure called where it stands runs on the loop; reported once,
		// at the blocking call inside it.
		nap := func() {
			tm.Sleep(1) // want `AIO251: time.Sleep blocks`
		}
		nap()
		nap()

		// Callbacks that their callee runs before returning.
		var once sync.Once
		once.Do(func() {
			tm.Sleep(1) // want `AIO251: time.Sleep blocks`
		})
		setup := func() {
			<-tm.After(1) // want `AIO251: receive from time.After blocks`
		}
		once.Do(setup)
		sort.Slice(xs, func(i, j int) bool {
			tm.Sleep(1) // want `AIO251: time.Sleep blocks`
			return xs[i] < xs[j]
		})
		slices.SortFunc(xs, func(a, b int) int {
			tm.Sleep(1) // want `AIO251: time.Sleep blocks`
			return a - b
		})

		// A range-over-func iterator written in place runs on the loop.
		for x := range func(yield func(int) bool) {
			tm.Sleep(1) // want `AIO251: time.Sleep blocks`
			yield(1)
		} {
			_ = x
		}
		return len(xs), nil
	})
}

// Elsewhere: goroutines, the executor, stored callbacks, closures that are
// reassigned (their target is not known) and closures never called.
func Elsewhere(l *aio.Loop) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		go tm.Sleep(1)
		go func() { tm.Sleep(1) }()
		bg := func() { tm.Sleep(1) }
		go bg()
		work := func(context.Context) (int, error) {
			tm.Sleep(1)
			return 1, nil
		}
		v, err := aio.Await(aio.ToThread(work))
		l.CallSoonThreadsafe(func() { tm.Sleep(1) }) // runs later, and on the loop, but not as part of this step
		f := func() {}
		f = func() { tm.Sleep(1) }
		f()
		unused := func() { tm.Sleep(1) }
		_ = unused
		return v, err
	})
}

// Plain functions are not async code.
func Plain() {
	tm.Sleep(1)
	nap := func() { tm.Sleep(1) }
	nap()
}
