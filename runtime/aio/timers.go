package aio

import (
	"time"
	"unsafe"
)

// timerTarget is what a timer entry wakes. due returns the callback to queue
// when the timer fires, or false when the timer was cancelled meanwhile.
type timerTarget interface {
	due(gen uint32) (callback, bool)
	dropped(gen uint32) // a cancelled entry left the heap
}

// A timer entry is part of every sleeping task's memory, so it is packed to
// 24 bytes: the sequence number is 32 bits and compared with wrap-around
// arithmetic, which orders correctly while fewer than 2^31 timers are
// pending at once, and the target is a bare pointer whose type is kept in
// the top bits of gen (an interface would cost 8 more bytes).
type timerEntry struct {
	when time.Duration
	seq  uint32         // registration order breaks ties: equal deadlines fire FIFO
	gen  uint32         // target kind << timerKindShift | the target's generation
	p    unsafe.Pointer // the target, of the type gen's kind says
}

// Timer target kinds, stored in the top bits of timerEntry.gen. A target's
// generation (which lets it re-arm without a stale entry firing) keeps the
// low bits and is compared modulo timerGenMask+1.
const (
	timerKindShift = 30
	timerGenMask   = 1<<timerKindShift - 1

	timerSleep   = 0 // *sleepTimer: a task's sleep
	timerHandle  = 1 // *Handle: CallLater, CallAt
	timerRelease = 2 // *releaseTimer: a combinator's timeout
)

// target returns the entry's target and its generation.
func (e *timerEntry) target() (timerTarget, uint32) {
	gen := e.gen & timerGenMask
	switch e.gen >> timerKindShift {
	case timerSleep:
		return (*sleepTimer)(e.p), gen
	case timerHandle:
		return (*Handle)(e.p), gen
	default:
		return (*releaseTimer)(e.p), gen
	}
}

// due reports the callback to queue for the entry, or false when its timer
// was cancelled meanwhile.
func (e *timerEntry) due() (callback, bool) {
	t, gen := e.target()
	return t.due(gen)
}

// dropped tells the entry's target that the entry left the heap.
func (e *timerEntry) dropped() {
	t, gen := e.target()
	t.dropped(gen)
}

func (a *timerEntry) less(b *timerEntry) bool {
	if a.when != b.when {
		return a.when < b.when
	}
	return int32(a.seq-b.seq) < 0
}

// timerHeap is a binary min-heap of timer entries stored by value, so arming
// a timer allocates nothing. Cancellation is lazy: a cancelled entry stays in
// the heap until it reaches the top or a compaction sweeps it out.
type timerHeap struct {
	h         []timerEntry
	seq       uint32
	cancelled int // entries in h known to be cancelled
}

func (th *timerHeap) len() int { return len(th.h) }

func (th *timerHeap) push(when time.Duration, t timerTarget, gen uint32) {
	var kind uint32
	var p unsafe.Pointer
	switch x := t.(type) {
	case *sleepTimer:
		kind, p = timerSleep, unsafe.Pointer(x)
	case *Handle:
		kind, p = timerHandle, unsafe.Pointer(x)
	case *releaseTimer:
		kind, p = timerRelease, unsafe.Pointer(x)
	}
	th.seq++
	th.h = append(th.h, timerEntry{when: when, seq: th.seq, gen: kind<<timerKindShift | gen&timerGenMask, p: p})
	th.up(len(th.h) - 1)
}

func (th *timerHeap) pop() timerEntry {
	n := len(th.h) - 1
	top := th.h[0]
	th.h[0] = th.h[n]
	th.h[n] = timerEntry{}
	th.h = th.h[:n]
	if n > 0 {
		th.down(0)
	}
	return top
}

func (th *timerHeap) up(i int) {
	for i > 0 {
		p := (i - 1) / 2
		if !th.h[i].less(&th.h[p]) {
			break
		}
		th.h[i], th.h[p] = th.h[p], th.h[i]
		i = p
	}
}

func (th *timerHeap) down(i int) {
	n := len(th.h)
	for {
		l := 2*i + 1
		if l >= n {
			return
		}
		m := l
		if r := l + 1; r < n && th.h[r].less(&th.h[l]) {
			m = r
		}
		if !th.h[m].less(&th.h[i]) {
			return
		}
		th.h[i], th.h[m] = th.h[m], th.h[i]
		i = m
	}
}

// compact removes cancelled entries once they are both numerous and the
// majority, so cancelled timers (a timeout that did not fire, a sleep that
// was cancelled) cannot keep memory alive indefinitely. The thresholds are
// asyncio's.
func (th *timerHeap) compact() {
	if th.cancelled < 100 || 2*th.cancelled < len(th.h) {
		return
	}
	live := th.h[:0]
	for _, e := range th.h {
		if _, ok := e.due(); ok {
			live = append(live, e)
		} else {
			e.dropped()
		}
	}
	for i := len(live); i < len(th.h); i++ {
		th.h[i] = timerEntry{}
	}
	th.h = live
	th.cancelled = 0
	for i := len(th.h)/2 - 1; i >= 0; i-- {
		th.down(i)
	}
}
