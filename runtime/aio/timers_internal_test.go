package aio

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// The heap must pop entries in (deadline, registration) order whatever the
// insertion order, across compaction of cancelled entries.
func TestTimerHeapOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var th timerHeap
	var handles []*Handle
	for range 5000 {
		h := &Handle{when: time.Duration(rng.IntN(100)), inHeap: true}
		handles = append(handles, h)
		th.push(h.when, h, 0)
	}
	for _, h := range handles[:3000] {
		h.cancelled = true
		th.cancelled++
	}
	th.compact()
	var got []*Handle
	for th.len() > 0 {
		e := th.pop()
		tg, _ := e.target()
		if h := tg.(*Handle); !h.cancelled {
			got = append(got, h)
		}
	}
	want := slices.Clone(handles[3000:])
	slices.SortStableFunc(want, func(a, b *Handle) int { return int(a.when - b.when) })
	if !slices.Equal(got, want) {
		t.Fatalf("heap order differs from (deadline, registration) order")
	}
}

// An entry must give back the target it was pushed with, of its own type,
// and the target's generation modulo the bits left beside the kind.
func TestTimerEntryTarget(t *testing.T) {
	var th timerHeap
	h, rt, st := &Handle{}, &releaseTimer{}, (*sleepTimer)(&Runner{})
	th.push(3, h, 0)
	th.push(1, st, timerGenMask+6) // wraps to 5
	th.push(2, rt, 0)
	want := []struct {
		t   timerTarget
		gen uint32
	}{{st, 5}, {rt, 0}, {h, 0}}
	for i, w := range want {
		e := th.pop()
		got, gen := e.target()
		if got != w.t || gen != w.gen {
			t.Errorf("pop %d: target %T %p gen %d, want %T %p gen %d", i, got, got, gen, w.t, w.t, w.gen)
		}
	}
}

// BenchmarkTimerHeap arms and fires 100k timers with random deadlines: the
// heap work behind 100k sleeping tasks.
func BenchmarkTimerHeap(b *testing.B) {
	b.ReportAllocs()
	rng := rand.New(rand.NewPCG(1, 2))
	const n = 100_000
	whens := make([]time.Duration, n)
	for i := range whens {
		whens[i] = time.Duration(rng.IntN(100_000_000))
	}
	h := &Handle{}
	var th timerHeap
	b.ResetTimer()
	for range b.N {
		for _, w := range whens {
			th.push(w, h, 0)
		}
		for th.len() > 0 {
			th.pop()
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/timer")
}
