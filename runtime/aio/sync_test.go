package aio_test

import (
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func cancelArgs(err error) string {
	var ce *aio.CancelledError
	if errors.As(err, &ce) && ce.Message != "" {
		return fmt.Sprintf("('%s',)", ce.Message)
	}
	return "()"
}

// testdata/syncoracle/condition_cancel.py (CPython 3.11).
func TestConditionCancelOracle(t *testing.T) {
	var tr tracer
	syncRun(t, func() error {
		cond := aio.NewCondition(nil)
		waiter := func(name string) aio.Coro[sunit] {
			return aio.Async(func() (sunit, error) {
				aio.Await(cond.Acquire())
				defer cond.Release()
				if _, err := aio.Await(cond.Wait()); err != nil {
					tr.p("%s: cancelled %s, locked=%s", name, cancelArgs(err), pyBool(cond.Locked()))
					return sunit{}, err
				}
				tr.p("%s: notified, locked=%s", name, pyBool(cond.Locked()))
				return sunit{}, nil
			})
		}
		var ts []*aio.Task[sunit]
		for _, n := range []string{"A", "B", "C", "D"} {
			ts = append(ts, aio.Spawn(waiter(n)))
		}
		aio.Await(aio.Sleep(0))
		aio.Await(cond.Acquire())
		cond.Notify(1)
		tr.p("main: notify(1)")
		cond.Release()
		aio.Await(aio.Sleep(0))
		aio.Await(aio.Sleep(0))
		ts[1].Cancel("stop B")
		aio.Await(aio.Sleep(0))
		aio.Await(aio.Sleep(0))
		tr.p("--- cancel C while it re-acquires")
		aio.Await(cond.Acquire())
		cond.NotifyAll()
		tr.p("main: notify_all, holding the lock")
		aio.Await(aio.Sleep(0))
		ts[2].Cancel("stop C")
		aio.Await(aio.Sleep(0))
		tr.p("main: releasing")
		cond.Release()
		awaitEach(ts...)
		var res []string
		for _, t := range ts {
			if t.Cancelled() {
				res = append(res, "'cancelled'")
			} else {
				res = append(res, "'ok'")
			}
		}
		tr.p("results: [%s]", strings.Join(res, ", "))

		tr.p("--- wait_for")
		var box []int
		c := aio.Spawn(aio.Async(func() (sunit, error) {
			aio.Await(cond.Acquire())
			defer cond.Release()
			r, err := aio.Await(cond.WaitFor(func() bool { return len(box) >= 2 }))
			if err != nil {
				return sunit{}, err
			}
			tr.p("consumer: predicate %s box %s", pyBool(r), strings.ReplaceAll(fmt.Sprint(box), " ", ", "))
			return sunit{}, nil
		}))
		for i := range 3 {
			aio.Await(aio.Sleep(0))
			aio.Await(cond.Acquire())
			box = append(box, i)
			tr.p("producer: append %d", i)
			cond.NotifyAll()
			cond.Release()
		}
		aio.Await(c)
		if err := cond.Notify(1); errors.Is(err, aio.ErrConditionNotLocked) {
			tr.p("notify unlocked: cannot notify on un-acquired lock")
		}
		return nil
	})
	tr.check(t, `
main: notify(1)
A: notified, locked=True
B: cancelled ('stop B',), locked=True
--- cancel C while it re-acquires
main: notify_all, holding the lock
main: releasing
D: notified, locked=True
C: cancelled (), locked=True
results: ['ok', 'cancelled', 'cancelled', 'ok']
--- wait_for
producer: append 0
producer: append 1
consumer: predicate True box [0, 1]
producer: append 2
notify unlocked: cannot notify on un-acquired lock`)
}

// testdata/syncoracle/barrier_cancel.py (CPython 3.11).
func TestBarrierCancelOracle(t *testing.T) {
	var tr tracer
	syncRun(t, func() error {
		b, _ := aio.NewBarrier(3)
		party := func(name string) aio.Coro[sunit] {
			return aio.Async(func() (sunit, error) {
				i, err := aio.Await(b.Wait())
				if err != nil {
					tr.p("%s: cancelled, n_waiting=%d", name, b.NWaiting())
					return sunit{}, err
				}
				tr.p("%s: passed %d", name, i)
				return sunit{}, nil
			})
		}
		ts := []*aio.Task[sunit]{aio.Spawn(party("A")), aio.Spawn(party("B"))}
		aio.Await(aio.Sleep(0))
		tr.p("n_waiting %d", b.NWaiting())
		ts[0].Cancel()
		aio.Await(aio.Sleep(0))
		aio.Await(aio.Sleep(0))
		tr.p("n_waiting %d", b.NWaiting())
		ts = append(ts, aio.Spawn(party("C")), aio.Spawn(party("D")))
		awaitEach(ts...)
		tr.p("n_waiting %d broken %s", b.NWaiting(), pyBool(b.Broken()))
		return nil
	})
	tr.check(t, `
n_waiting 2
A: cancelled, n_waiting=1
n_waiting 1
D: passed 2
B: passed 1
C: passed 1
n_waiting 0 broken False`)
}

// A task cancelled while queued for a Lock never holds it; the next waiter
// gets it, in FIFO order.
func TestLockCancelWhileWaiting(t *testing.T) {
	var tr tracer
	syncRun(t, func() error {
		mu := &aio.Lock{}
		aio.Await(mu.Acquire())
		mk := func(name string) *aio.Task[sunit] {
			return aio.Spawn(aio.Async(func() (sunit, error) {
				if _, err := aio.Await(mu.Acquire()); err != nil {
					tr.p("%s: cancelled, locked=%s", name, pyBool(mu.Locked()))
					return sunit{}, err
				}
				tr.p("%s: acquired", name)
				return sunit{}, mu.Release()
			}))
		}
		b, c, d := mk("B"), mk("C"), mk("D")
		aio.Await(aio.Sleep(0))
		c.Cancel() // blocked, not woken
		aio.Await(aio.Sleep(0))
		mu.Release()
		b.Cancel() // woken, then cancelled before it resumes: passes it on
		awaitEach(b, c, d)
		tr.p("locked=%s", pyBool(mu.Locked()))
		return nil
	})
	tr.check(t, `
C: cancelled, locked=True
B: cancelled, locked=False
D: acquired
locked=False`)
}

// Release then immediate re-acquire in the same step queues behind the
// woken waiter (no barging) even though Locked is false in between.
func TestLockNoBargingAfterRelease(t *testing.T) {
	var tr tracer
	syncRun(t, func() error {
		mu := &aio.Lock{}
		aio.Await(mu.Acquire())
		w := aio.Spawn(aio.Async(func() (sunit, error) {
			aio.Await(mu.Acquire())
			tr.p("W: acquired")
			aio.Await(aio.Yield())
			mu.Release()
			return sunit{}, nil
		}))
		aio.Await(aio.Yield())
		mu.Release()
		tr.p("main: locked=%s tryacquire=%s", pyBool(mu.Locked()), pyBool(mu.TryAcquire()))
		aio.Await(mu.Acquire())
		tr.p("main: acquired")
		mu.Release()
		aio.Await(w)
		return nil
	})
	tr.check(t, `
main: locked=False tryacquire=False
W: acquired
main: acquired`)
}

func TestLockReleaseUnlocked(t *testing.T) {
	var mu aio.Lock
	if err := mu.Release(); !errors.Is(err, aio.ErrNotLocked) {
		t.Fatalf("err = %v", err)
	}
}

// A Semaphore waiter cancelled before being handed a permit consumes none.
func TestSemaphoreCancelWhileWaiting(t *testing.T) {
	var tr tracer
	syncRun(t, func() error {
		sem := aio.NewSemaphore(1)
		aio.Await(sem.Acquire())
		mk := func(name string) *aio.Task[sunit] {
			return aio.Spawn(aio.Async(func() (sunit, error) {
				if _, err := aio.Await(sem.Acquire()); err != nil {
					tr.p("%s: cancelled value=%d", name, sem.Value())
					return sunit{}, err
				}
				tr.p("%s: acquired", name)
				return sunit{}, sem.Release()
			}))
		}
		a, b := mk("A"), mk("B")
		aio.Await(aio.Sleep(0))
		a.Cancel()
		aio.Await(aio.Sleep(0))
		tr.p("main: locked=%s", pyBool(sem.Locked()))
		sem.Release()
		awaitEach(a, b)
		tr.p("value=%d locked=%s", sem.Value(), pyBool(sem.Locked()))
		return nil
	})
	tr.check(t, `
A: cancelled value=0
main: locked=True
B: acquired
value=1 locked=False`)
}

func TestBoundedSemaphoreOverRelease(t *testing.T) {
	s := aio.NewBoundedSemaphore(2)
	if !s.TryAcquire() || s.Release() != nil {
		t.Fatal("acquire/release failed")
	}
	if err := s.Release(); !errors.Is(err, aio.ErrSemaphoreOverRelease) {
		t.Fatalf("err = %v", err)
	}
	if s.Value() != 2 {
		t.Fatalf("value = %d", s.Value())
	}
}

// Event.Wait cancelled while blocked is dropped; the others still wake in
// order (oracle 22 covers the rest).
func TestEventWakeOrderAndCancel(t *testing.T) {
	var tr tracer
	syncRun(t, func() error {
		var ev aio.Event
		var ts []*aio.Task[sunit]
		for i := range 5 {
			ts = append(ts, aio.Spawn(aio.Async(func() (sunit, error) {
				if _, err := aio.Await(ev.Wait()); err != nil {
					tr.p("%d: cancelled", i)
					return sunit{}, err
				}
				tr.p("%d: woke", i)
				return sunit{}, nil
			})))
		}
		aio.Await(aio.Yield())
		ts[3].Cancel()
		ts[0].Cancel()
		ev.Set()
		awaitEach(ts...)
		return nil
	})
	tr.check(t, `
3: cancelled
0: cancelled
1: woke
2: woke
4: woke`)
}

func TestConditionWaitWithoutLock(t *testing.T) {
	syncRun(t, func() error {
		c := aio.NewCondition(nil)
		if _, err := aio.Await(c.Wait()); !errors.Is(err, aio.ErrConditionNotLocked) {
			return fmt.Errorf("err = %v", err)
		}
		return nil
	})
}

// Waiting on a primitive must not leak waiters: after many contended rounds
// the lock's internal lists are empty and reused.
func TestLockManyContendedRounds(t *testing.T) {
	syncRun(t, func() error {
		mu := &aio.Lock{}
		var ts []*aio.Task[sunit]
		count := 0
		for range 50 {
			ts = append(ts, aio.Spawn(aio.Async(func() (sunit, error) {
				for range 20 {
					aio.Await(mu.Acquire())
					count++
					aio.Await(aio.Yield())
					mu.Release()
				}
				return sunit{}, nil
			})))
		}
		awaitEach(ts...)
		if count != 1000 || mu.Locked() {
			return fmt.Errorf("count=%d locked=%v", count, mu.Locked())
		}
		return nil
	})
}

// --- benchmarks: Lock contention vs sync.Mutex ------------------------------

const benchContenders = 1000

// lockWorkerFrame is, in generated form:
//
//	for i := 0; i < n; i++ {
//		aio.Await(mu.Acquire())
//		*counter++
//		aio.Await(aio.Yield()) // hold the lock across a suspension
//		mu.Release()
//	}
type lockWorkerFrame struct {
	aio.CoroFrame[sunit]
	pc      int
	mu      *aio.Lock
	counter *int
	i, n    int
	acq     aio.LockAcquire
	y       aio.YieldOp
}

func (f *lockWorkerFrame) Resume(r *aio.Runner) {
	switch f.pc {
	case 1:
		goto resume1
	case 2:
		goto resume2
	}
loop:
	if f.i >= f.n {
		f.Return(r, sunit{}, nil)
		return
	}
	f.acq = f.mu.Acquire()
	if !f.acq.AwaitBegin(r) {
		f.pc = 1
		return
	}
resume1:
	if _, err := f.acq.AwaitEnd(r); err != nil {
		f.Return(r, sunit{}, err)
		return
	}
	*f.counter++
	f.y = aio.Yield()
	if !f.y.AwaitBegin(r) {
		f.pc = 2
		return
	}
resume2:
	f.y.AwaitEnd(r)
	f.mu.Release()
	f.i++
	goto loop
}

// BenchmarkLockContention: 1,000 tasks contend for one Lock, each holding
// it across a yield; one op is one acquire/release.
func BenchmarkLockContention(b *testing.B) {
	b.ReportAllocs()
	per := max(b.N/benchContenders, 1)
	count := 0
	aio.Run(aio.Async(func() (sunit, error) {
		mu := &aio.Lock{}
		ts := make([]*aio.Task[sunit], benchContenders)
		for i := range ts {
			f := &lockWorkerFrame{mu: mu, counter: &count, n: per}
			ts[i] = aio.Spawn(f.Init(f))
		}
		for _, t := range ts {
			aio.Await(t)
		}
		return sunit{}, nil
	}))
	if count != per*benchContenders {
		b.Fatal(count)
	}
}

// BenchmarkMutexContention: 1,000 goroutines contend for a sync.Mutex, each
// yielding the processor while holding it.
func BenchmarkMutexContention(b *testing.B) {
	b.ReportAllocs()
	per := max(b.N/benchContenders, 1)
	var mu sync.Mutex
	var wg sync.WaitGroup
	count := 0
	for range benchContenders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range per {
				mu.Lock()
				count++
				runtime.Gosched()
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if count != per*benchContenders {
		b.Fatal(count)
	}
}

// allocFrame runs uncontended operations inside a task step, the way
// generated code calls them, and measures their allocations.
type allocFrame struct {
	aio.CoroFrame[float64]
}

func (f *allocFrame) Resume(r *aio.Runner) {
	var mu aio.Lock
	var ev aio.Event
	ev.Set()
	sem := aio.NewSemaphore(1)
	q := aio.NewQueue[int](4)
	n := testing.AllocsPerRun(100, func() {
		if a := mu.Acquire(); a.AwaitBegin(r) {
			a.AwaitEnd(r)
		}
		mu.Release()
		if a := sem.Acquire(); a.AwaitBegin(r) {
			a.AwaitEnd(r)
		}
		sem.Release()
		if w := ev.Wait(); w.AwaitBegin(r) {
			w.AwaitEnd(r)
		}
		if p := q.Put(1); p.AwaitBegin(r) {
			p.AwaitEnd(r)
		}
		if g := q.Get(); g.AwaitBegin(r) {
			g.AwaitEnd(r)
		}
		q.TaskDone()
		if j := q.Join(); j.AwaitBegin(r) {
			j.AwaitEnd(r)
		}
	})
	f.Return(r, n, nil)
}

func TestUncontendedPathsDoNotAllocate(t *testing.T) {
	f := &allocFrame{}
	n, err := aio.Run(f.Init(f))
	if err != nil || n != 0 {
		t.Fatalf("allocs per run = %v (%v)", n, err)
	}
}
