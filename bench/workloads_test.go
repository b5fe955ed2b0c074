package bench

import (
	"testing"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// TestWorkloads runs every workload (generated, or in source mode under
// -tags aiosrc) at a tiny size and checks its result, so the benchmarks cannot silently measure
// a broken program. It is quick enough for every `go test ./...`.
func TestWorkloads(t *testing.T) {
	yield := func(int) aio.Coro[struct{}] { return YieldOnce() }
	const n = 50
	sum := n * (n - 1) / 2
	fut := aio.NewFuture[int]()
	fut.SetResult(1)
	checks := []struct {
		name string
		c    aio.Coro[int]
		want int
	}{
		{"SpawnYielders", SpawnYielders(n, 7), n},
		{"SpawnGather", SpawnGather(n, 7), n},
		{"GatherBatches", GatherBatches(n, 7, yield), n},
		{"PingPong", PingPong(n), sum},
		{"QueuePingPong", QueuePingPong(n), sum},
		{"YieldPingPong", YieldPingPong(n), 2 * n},
		{"AwaitDone", AwaitDone(fut, n), n},
		{"Caller", Caller(n), n},
	}
	for _, c := range checks {
		if got, err := aio.Run(c.c, aio.WithVirtualClock()); got != c.want || err != nil {
			t.Errorf("%s = %d, %v; want %d", c.name, got, err, c.want)
		}
	}
}

// TestSleepAndTimerWorkloads checks that the sleeping-task experiment sees
// every sleeper suspended and that timers record their lateness, on a
// virtual clock (no wall-clock timing in tests).
func TestSleepAndTimerWorkloads(t *testing.T) {
	for _, mk := range []func(int, func()) aio.Coro[struct{}]{SleepMem} {
		var tasks int
		if _, err := aio.Run(mk(20, func() { tasks = len(aio.AllTasks()) }), aio.WithVirtualClock()); err != nil {
			t.Fatal(err)
		}
		if tasks != 21 { // 20 sleepers + main
			t.Errorf("%d tasks alive while measuring, want 21", tasks)
		}
	}
	ds := TimerDurations(100, 100*time.Millisecond)
	late := make([]time.Duration, len(ds))
	const unset = -1000 * time.Hour // wall-clock lateness on a virtual clock is negative, never this
	for i := range late {
		late[i] = unset
	}
	if _, err := aio.Run(Timers(ds, late), aio.WithVirtualClock()); err != nil {
		t.Fatal(err)
	}
	for i, d := range late {
		if d == unset {
			t.Fatalf("timer %d recorded no lateness", i)
		}
	}
}
