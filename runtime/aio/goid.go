package aio

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Go has no goroutine-local storage, so "the running loop" (what asyncio
// keeps in a thread-local) is found through a registry. With one loop running
// in the process, the common case, the lookup is a single atomic load; with
// several, the caller's goroutine id selects the loop.
var (
	registryMu sync.Mutex
	loopByG    = map[int64]*Loop{} // loop goroutines and source-mode coroutine goroutines
	running    = map[*Loop]bool{}
	soleLoop   atomic.Pointer[Loop]
	anyLoop    atomic.Bool
)

func enterLoop(l *Loop) {
	registryMu.Lock()
	defer registryMu.Unlock()
	running[l] = true
	loopByG[l.gid] = l
	refreshSole()
}

func leaveLoop(l *Loop) {
	registryMu.Lock()
	defer registryMu.Unlock()
	delete(running, l)
	delete(loopByG, l.gid)
	refreshSole()
}

func refreshSole() {
	anyLoop.Store(len(running) > 0)
	soleLoop.Store(nil)
	if len(running) == 1 {
		for l := range running {
			soleLoop.Store(l)
		}
	}
}

func registerGoroutine(g int64, l *Loop) {
	registryMu.Lock()
	loopByG[g] = l
	registryMu.Unlock()
}

func unregisterGoroutine(g int64) {
	registryMu.Lock()
	delete(loopByG, g)
	registryMu.Unlock()
}

// runningLoop returns the loop running the caller, or nil outside any loop.
func runningLoop() *Loop {
	if l := soleLoop.Load(); l != nil {
		// Only code the loop is executing can be "inside" it, and the loop
		// executes code only between its waits; a goroutine asking while
		// the loop waits is outside. (While it executes, a foreign
		// goroutine is misuse that debug mode catches.)
		if l.executing.Load() {
			return l
		}
		return nil
	}
	if !anyLoop.Load() {
		return nil
	}
	g := goid()
	registryMu.Lock()
	l := loopByG[g]
	registryMu.Unlock()
	return l
}

// insideLoop reports whether the calling goroutine runs a loop, or a
// source-mode coroutine of one. Unlike runningLoop's fast path it asks by
// goroutine id, so it is exact from any goroutine; it is for the rare checks
// that must not be fooled by another goroutine's loop (nested Run).
func insideLoop() bool {
	if !anyLoop.Load() {
		return false
	}
	g := goid()
	registryMu.Lock()
	_, ok := loopByG[g]
	registryMu.Unlock()
	return ok
}

// goid returns the current goroutine's id, parsed from the header line of
// its stack trace ("goroutine 42 [running]:"). It costs about a microsecond,
// so it stays off the hot paths of generated code.
func goid() int64 {
	var buf [64]byte
	b := buf[:runtime.Stack(buf[:], false)]
	const prefix = len("goroutine ")
	var id int64
	for i := prefix; i < len(b) && b[i] >= '0' && b[i] <= '9'; i++ {
		id = id*10 + int64(b[i]-'0')
	}
	return id
}
