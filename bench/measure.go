package bench

import (
	"math/rand/v2"
	"runtime"
	"slices"
	"time"
)

// MemSample is a snapshot of the memory that live objects and goroutine
// stacks occupy, taken after a full garbage collection.
type MemSample struct {
	HeapInuse  uint64 // bytes in in-use heap spans
	StackInuse uint64 // bytes in goroutine stack spans
}

// SampleMem collects garbage twice (so finalizer-freed memory is gone too)
// and reads the heap and stack in-use counters.
func SampleMem() MemSample {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return MemSample{HeapInuse: m.HeapInuse, StackInuse: m.StackInuse}
}

// PerTask returns the heap and heap+stack growth from before to after,
// divided by n. Goroutine stacks are not in HeapInuse, so heap+stack is the
// figure that compares tasks with goroutines fairly.
func PerTask(before, after MemSample, n int) (heap, total float64) {
	dh := float64(int64(after.HeapInuse) - int64(before.HeapInuse))
	ds := float64(int64(after.StackInuse) - int64(before.StackInuse))
	return dh / float64(n), (dh + ds) / float64(n)
}

// TimerDurations returns n pseudo-random durations in [0, max), the same
// sequence on every run.
func TimerDurations(n int, max time.Duration) []time.Duration {
	rng := rand.New(rand.NewPCG(2, 100))
	ds := make([]time.Duration, n)
	for i := range ds {
		ds[i] = time.Duration(rng.Int64N(int64(max)))
	}
	return ds
}

// Lateness summarises how late timers fired.
type Lateness struct {
	Mean, P99, Max time.Duration
}

// Summarize computes the mean, 99th percentile and maximum of late. It
// sorts late in place.
func Summarize(late []time.Duration) Lateness {
	if len(late) == 0 {
		return Lateness{}
	}
	slices.Sort(late)
	var sum time.Duration
	for _, d := range late {
		sum += d
	}
	return Lateness{
		Mean: sum / time.Duration(len(late)),
		P99:  late[(len(late)*99)/100],
		Max:  late[len(late)-1],
	}
}
