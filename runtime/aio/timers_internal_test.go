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
		if h := e.t.(*Handle); !h.cancelled {
			got = append(got, h)
		}
	}
	want := slices.Clone(handles[3000:])
	slices.SortStableFunc(want, func(a, b *Handle) int { return int(a.when - b.when) })
	if !slices.Equal(got, want) {
		t.Fatalf("heap order differs from (deadline, registration) order")
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
