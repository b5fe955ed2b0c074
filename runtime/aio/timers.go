package aio

import "time"

// timerTarget is what a timer entry wakes. due returns the callback to queue
// when the timer fires, or false when the timer was cancelled meanwhile.
type timerTarget interface {
	due(gen uint32) (callback, bool)
	dropped(gen uint32) // a cancelled entry left the heap
}

// A timer entry is part of every sleeping task's memory, so it is packed to
// 32 bytes: the sequence number is 32 bits and compared with wrap-around
// arithmetic, which orders correctly while fewer than 2^31 timers are
// pending at once.
type timerEntry struct {
	when time.Duration
	seq  uint32 // registration order breaks ties: equal deadlines fire FIFO
	gen  uint32 // lets a target re-arm without the stale entry firing
	t    timerTarget
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
	th.seq++
	th.h = append(th.h, timerEntry{when: when, seq: th.seq, t: t, gen: gen})
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
		if _, ok := e.t.due(e.gen); ok {
			live = append(live, e)
		} else {
			e.t.dropped(e.gen)
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
