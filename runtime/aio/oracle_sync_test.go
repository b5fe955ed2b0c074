package aio_test

// Ports of the asyncio oracle programs about synchronization primitives and
// queues (../../shared/asyncio-oracle/{20,22,32,34,36,38,48}_*.py). Each test
// prints the same events as CPython 3.11 in the same order; values are
// formatted the way Python prints them (True, 'x') so the expected traces are
// the .out files verbatim, except where noted (Go error texts). Gather is
// replaced by spawning the tasks and awaiting them in order, which is
// observably the same in these programs (nothing is printed while gather
// collects results), so the ports depend on the primitives only.

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

type sunit = struct{}

func pyBool(b bool) string {
	if b {
		return "True"
	}
	return "False"
}

// awaitAll awaits each task in turn, ignoring errors: gather(...,
// return_exceptions=True) for these traces.
func awaitEach[T any](ts ...*aio.Task[T]) {
	for _, t := range ts {
		aio.Await(t)
	}
}

func syncRun(t *testing.T, body func() error) {
	t.Helper()
	_, err := aio.Run(aio.Async(func() (sunit, error) { return sunit{}, body() }), aio.WithVirtualClock())
	if err != nil {
		t.Fatal(err)
	}
}

func TestOracle20CancelQueueGet(t *testing.T) {
	var tr tracer
	syncRun(t, func() error {
		q := aio.NewQueue[string](0)
		getter := func(name string) aio.Coro[string] {
			return aio.Async(func() (string, error) {
				item, err := aio.Await(q.Get())
				if err != nil {
					tr.p("%s: cancelled (qsize=%d)", name, q.Len())
					return "", err
				}
				tr.p("%s: got '%s'", name, item)
				return item, nil
			})
		}
		g1 := aio.Spawn(getter("G1"))
		g2 := aio.Spawn(getter("G2"))
		g3 := aio.Spawn(getter("G3"))
		aio.Await(aio.Sleep(0))
		tr.p("--- cancel blocked G1, then put one item")
		g1.Cancel()
		aio.Await(aio.Sleep(0))
		q.PutNowait("x")
		aio.Await(aio.Sleep(0))
		aio.Await(aio.Sleep(0))
		tr.p("G2 done: %s G3 done: %s", pyBool(g2.Done()), pyBool(g3.Done()))

		tr.p("--- race: put wakes G3, but G3 is cancelled before it resumes")
		g4 := aio.Spawn(getter("G4"))
		aio.Await(aio.Sleep(0))
		q.PutNowait("y")
		g3.Cancel()
		aio.Await(aio.Sleep(0))
		aio.Await(aio.Sleep(0))
		aio.Await(aio.Sleep(0))
		tr.p("qsize: %d G4 done: %s", q.Len(), pyBool(g4.Done()))
		awaitEach(g1, g2, g3, g4)
		var res []string
		for _, g := range []*aio.Task[string]{g1, g2, g3, g4} {
			if g.Cancelled() {
				res = append(res, "'cancelled'")
			} else {
				v, _ := g.Result()
				res = append(res, "'"+v+"'")
			}
		}
		tr.p("results: [%s, %s, %s, %s]", res[0], res[1], res[2], res[3])
		return nil
	})
	tr.check(t, `
--- cancel blocked G1, then put one item
G1: cancelled (qsize=0)
G2: got 'x'
G2 done: True G3 done: False
--- race: put wakes G3, but G3 is cancelled before it resumes
G3: cancelled (qsize=1)
G4: got 'y'
qsize: 0 G4 done: True
results: ['cancelled', 'x', 'cancelled', 'y']`)
}

func syncTicker(tr *tracer, n int) aio.Coro[sunit] {
	return aio.Async(func() (sunit, error) {
		for i := range n {
			tr.p("  tick %d", i)
			aio.Await(aio.Sleep(0))
		}
		return sunit{}, nil
	})
}

func TestOracle22EventWaitCancel(t *testing.T) {
	var tr tracer
	syncRun(t, func() error {
		ev := &aio.Event{}
		waiter := func(name string) aio.Coro[sunit] {
			return aio.Async(func() (sunit, error) {
				r, err := aio.Await(ev.Wait())
				if err != nil {
					tr.p("%s: cancelled in wait()", name)
					return sunit{}, err
				}
				tr.p("%s: woke, wait() returned %s", name, pyBool(r))
				return sunit{}, nil
			})
		}
		var ts []*aio.Task[sunit]
		for _, n := range []string{"W1", "W2", "W3", "W4"} {
			ts = append(ts, aio.Spawn(waiter(n)))
		}
		aio.Await(aio.Sleep(0))
		ts[1].Cancel()
		aio.Await(aio.Sleep(0))
		tr.p("main: set()")
		ev.Set()
		tr.p("main: after set(), is_set = %s", pyBool(ev.IsSet()))
		awaitEach(ts...)

		tr.p("--- wait() on a set event does not yield")
		tk := aio.Spawn(syncTicker(&tr, 3))
		aio.Await(aio.Sleep(0))
		r, _ := aio.Await(ev.Wait())
		tr.p("main: wait() -> %s", pyBool(r))
		tr.p("main: still before tick 1")
		aio.Await(tk)

		tr.p("--- set() then clear() before waiters resume")
		ev.Clear()
		a := aio.Spawn(waiter("A"))
		aio.Await(aio.Sleep(0))
		ev.Set()
		ev.Clear()
		b := aio.Spawn(waiter("B"))
		aio.Await(aio.Sleep(10 * time.Millisecond))
		tr.p("A done: %s B done: %s", pyBool(a.Done()), pyBool(b.Done()))
		b.Cancel()
		awaitEach(a, b)
		return nil
	})
	tr.check(t, `
W2: cancelled in wait()
main: set()
main: after set(), is_set = True
W1: woke, wait() returned True
W3: woke, wait() returned True
W4: woke, wait() returned True
--- wait() on a set event does not yield
  tick 0
main: wait() -> True
main: still before tick 1
  tick 1
  tick 2
--- set() then clear() before waiters resume
A: woke, wait() returned True
A done: True B done: False
B: cancelled in wait()`)
}

// semWorker is `async with sem: print; await sleep(hold); print`.
func semWorker(tr *tracer, sem *aio.Semaphore, name string, hold time.Duration) aio.Coro[sunit] {
	return aio.Async(func() (sunit, error) {
		tr.p("%s: wants", name)
		if _, err := aio.Await(sem.Acquire()); err != nil {
			return sunit{}, err
		}
		defer sem.Release()
		tr.p("%s: acquired", name)
		if _, err := aio.Await(aio.Sleep(hold)); err != nil {
			return sunit{}, err
		}
		tr.p("%s: releasing", name)
		return sunit{}, nil
	})
}

func TestOracle32SemaphoreFIFO(t *testing.T) {
	var tr tracer
	ms := time.Millisecond
	syncRun(t, func() error {
		sem := aio.NewSemaphore(2)
		var ts []*aio.Task[sunit]
		for _, w := range []struct {
			n string
			h time.Duration
		}{{"A", 150 * ms}, {"B", 60 * ms}, {"C", 60 * ms}, {"D", 60 * ms}, {"E", 60 * ms}} {
			ts = append(ts, aio.Spawn(semWorker(&tr, sem, w.n, w.h)))
		}
		awaitEach(ts...)

		tr.p("--- handoff prevents barging")
		sem = aio.NewSemaphore(1)
		aio.Await(sem.Acquire())
		w := aio.Spawn(semWorker(&tr, sem, "W", 10*ms))
		aio.Await(aio.Sleep(0))
		sem.Release()
		tr.p("main: released; locked() = %s ; main acquires again at once", pyBool(sem.Locked()))
		aio.Await(sem.Acquire())
		tr.p("main: acquired (after W)")
		sem.Release()
		aio.Await(w)

		tr.p("--- cancelled waiter that was already woken passes the permit on")
		sem = aio.NewSemaphore(1)
		aio.Await(sem.Acquire())
		waiter := func(name string) aio.Coro[sunit] {
			return aio.Async(func() (sunit, error) {
				if _, err := aio.Await(sem.Acquire()); err != nil {
					tr.p("%s: cancelled", name)
					return sunit{}, err
				}
				tr.p("%s: acquired", name)
				sem.Release()
				return sunit{}, nil
			})
		}
		x := aio.Spawn(waiter("X"))
		y := aio.Spawn(waiter("Y"))
		aio.Await(aio.Sleep(0))
		sem.Release()
		x.Cancel()
		awaitEach(x, y)
		tr.p("final locked(): %s", pyBool(sem.Locked()))
		return nil
	})
	tr.check(t, `
A: wants
A: acquired
B: wants
B: acquired
C: wants
D: wants
E: wants
B: releasing
C: acquired
C: releasing
D: acquired
A: releasing
E: acquired
D: releasing
E: releasing
--- handoff prevents barging
W: wants
main: released; locked() = True ; main acquires again at once
W: acquired
W: releasing
main: acquired (after W)
--- cancelled waiter that was already woken passes the permit on
X: cancelled
Y: acquired
final locked(): False`)
}

func lockWorker(tr *tracer, mu *aio.Lock, name string, hold time.Duration) aio.Coro[sunit] {
	return aio.Async(func() (sunit, error) {
		tr.p("%s: wants", name)
		if _, err := aio.Await(mu.Acquire()); err != nil {
			return sunit{}, err
		}
		defer mu.Release()
		tr.p("%s: acquired", name)
		if _, err := aio.Await(aio.Sleep(hold)); err != nil {
			return sunit{}, err
		}
		tr.p("%s: releasing", name)
		return sunit{}, nil
	})
}

func TestOracle34LockFairness(t *testing.T) {
	var tr tracer
	ms := time.Millisecond
	syncRun(t, func() error {
		mu := &aio.Lock{}
		var ts []*aio.Task[sunit]
		for _, n := range []string{"A", "B", "C", "D"} {
			ts = append(ts, aio.Spawn(lockWorker(&tr, mu, n, 10*ms)))
		}
		awaitEach(ts...)

		tr.p("--- no barging after release")
		aio.Await(mu.Acquire())
		w := aio.Spawn(lockWorker(&tr, mu, "W", 10*ms))
		aio.Await(aio.Sleep(0))
		mu.Release()
		tr.p("main: released; locked() = %s ; main acquires again at once", pyBool(mu.Locked()))
		aio.Await(mu.Acquire())
		tr.p("main: acquired (after W)")
		mu.Release()
		aio.Await(w)

		tr.p("--- errors and ownership")
		if err := mu.Release(); errors.Is(err, aio.ErrNotLocked) {
			tr.p("release unlocked: Lock is not acquired.")
		}
		aio.Await(mu.Acquire())
		aio.Await(aio.Spawn(aio.Async(func() (sunit, error) {
			mu.Release()
			tr.p("other task released a lock it did not acquire")
			return sunit{}, nil
		})))
		tr.p("locked(): %s", pyBool(mu.Locked()))

		tr.p("--- uncontended acquire does not yield")
		tk := aio.Spawn(syncTicker(&tr, 2))
		aio.Await(aio.Sleep(0))
		aio.Await(mu.Acquire())
		tr.p("main: got lock without yielding")
		mu.Release()
		aio.Await(tk)
		return nil
	})
	tr.check(t, `
A: wants
A: acquired
B: wants
C: wants
D: wants
A: releasing
B: acquired
B: releasing
C: acquired
C: releasing
D: acquired
D: releasing
--- no barging after release
W: wants
main: released; locked() = False ; main acquires again at once
W: acquired
W: releasing
main: acquired (after W)
--- errors and ownership
release unlocked: Lock is not acquired.
other task released a lock it did not acquire
locked(): False
--- uncontended acquire does not yield
  tick 0
main: got lock without yielding
  tick 1`)
}

func TestOracle36Barrier(t *testing.T) {
	var tr tracer
	ms := time.Millisecond
	party := func(b *aio.Barrier, name string, d time.Duration) aio.Coro[int] {
		return aio.Async(func() (int, error) {
			if d > 0 {
				aio.Await(aio.Sleep(d))
			}
			tr.p("%s: arrives (n_waiting before = %d)", name, b.NWaiting())
			idx, err := aio.Await(b.Wait())
			if err != nil {
				return 0, err
			}
			tr.p("%s: passed with index %d", name, idx)
			return idx, nil
		})
	}
	breaker := func(b *aio.Barrier, name string) aio.Coro[sunit] {
		return aio.Async(func() (sunit, error) {
			_, err := aio.Await(b.Wait())
			var be *aio.BrokenBarrierError
			if errors.As(err, &be) {
				tr.p("%s: BrokenBarrierError ('%s',)", name, be.Message)
			} else {
				tr.p("%s: passed (unexpected) %v", name, err)
			}
			return sunit{}, nil
		})
	}
	results := func(ts []*aio.Task[int]) string {
		s := "["
		for i, t := range ts {
			v, _ := aio.Await(t)
			if i > 0 {
				s += ", "
			}
			s += fmt.Sprint(v)
		}
		return s + "]"
	}
	syncRun(t, func() error {
		b, _ := aio.NewBarrier(3)
		var ts []*aio.Task[int]
		for _, p := range []struct {
			n string
			d time.Duration
		}{{"A", 10 * ms}, {"B", 50 * ms}, {"C", 90 * ms}} {
			ts = append(ts, aio.Spawn(party(b, p.n, p.d)))
		}
		results(ts)
		tr.p("round 2 (cyclic), D arrives immediately after round 1 left")
		ts = nil
		for _, p := range []struct {
			n string
			d time.Duration
		}{{"D", 0}, {"E", 40 * ms}, {"F", 80 * ms}} {
			ts = append(ts, aio.Spawn(party(b, p.n, p.d)))
		}
		results(ts)
		tr.p("parties: %d broken: %s", b.Parties(), pyBool(b.Broken()))

		tr.p("--- Barrier(2), four parties arrive in the same iteration")
		b4, _ := aio.NewBarrier(2)
		ts = nil
		for i := 1; i <= 4; i++ {
			ts = append(ts, aio.Spawn(party(b4, fmt.Sprintf("G%d", i), 0)))
		}
		tr.p("indices: %s", results(ts))

		tr.p("--- abort")
		b2, _ := aio.NewBarrier(3)
		ws := []*aio.Task[sunit]{aio.Spawn(breaker(b2, "X")), aio.Spawn(breaker(b2, "Y"))}
		aio.Await(aio.Sleep(10 * ms))
		tr.p("n_waiting: %d", b2.NWaiting())
		aio.Await(b2.Abort())
		awaitEach(ws...)
		tr.p("broken: %s", pyBool(b2.Broken()))
		aio.Await(breaker(b2, "Late"))

		tr.p("--- reset")
		b3, _ := aio.NewBarrier(2)
		w := aio.Spawn(breaker(b3, "R"))
		aio.Await(aio.Sleep(10 * ms))
		aio.Await(b3.Reset())
		aio.Await(w)
		tr.p("after reset broken: %s", pyBool(b3.Broken()))
		tr.p("reused after reset: %s", results([]*aio.Task[int]{aio.Spawn(party(b3, "S1", 0)), aio.Spawn(party(b3, "S2", 0))}))

		if _, err := aio.NewBarrier(0); errors.Is(err, aio.ErrBarrierParties) {
			tr.p("Barrier(0): parties must be > 0")
		}
		return nil
	})
	tr.check(t, `
A: arrives (n_waiting before = 0)
B: arrives (n_waiting before = 1)
C: arrives (n_waiting before = 2)
C: passed with index 2
A: passed with index 0
B: passed with index 1
round 2 (cyclic), D arrives immediately after round 1 left
D: arrives (n_waiting before = 0)
E: arrives (n_waiting before = 1)
F: arrives (n_waiting before = 2)
F: passed with index 2
D: passed with index 0
E: passed with index 1
parties: 3 broken: False
--- Barrier(2), four parties arrive in the same iteration
G1: arrives (n_waiting before = 0)
G2: arrives (n_waiting before = 1)
G2: passed with index 1
G3: arrives (n_waiting before = 0)
G4: arrives (n_waiting before = 0)
G1: passed with index 0
G4: passed with index 1
G3: passed with index 0
indices: [0, 1, 0, 1]
--- abort
n_waiting: 2
X: BrokenBarrierError ('Abort or reset of barrier',)
Y: BrokenBarrierError ('Abort or reset of barrier',)
broken: True
Late: BrokenBarrierError ('Barrier aborted',)
--- reset
R: BrokenBarrierError ('Abort or reset of barrier',)
after reset broken: False
S1: arrives (n_waiting before = 0)
S2: arrives (n_waiting before = 1)
S2: passed with index 1
S1: passed with index 0
reused after reset: [0, 1]
Barrier(0): parties must be > 0`)
}

func TestOracle38QueueJoinTaskDone(t *testing.T) {
	var tr tracer
	syncRun(t, func() error {
		q := aio.NewQueue[int](0)
		worker := func(name string) aio.Coro[sunit] {
			return aio.Async(func() (sunit, error) {
				for {
					item, err := aio.Await(q.Get())
					if err != nil {
						return sunit{}, err
					}
					tr.p("%s: processing %d", name, item)
					if _, err := aio.Await(aio.Sleep(time.Duration(item) * 30 * time.Millisecond)); err != nil {
						return sunit{}, err
					}
					tr.p("%s: task_done %d", name, item)
					q.TaskDone()
				}
			})
		}
		joiner := func(name string) aio.Coro[sunit] {
			return aio.Async(func() (sunit, error) {
				tr.p("%s: join", name)
				aio.Await(q.Join())
				tr.p("%s: join returned", name)
				return sunit{}, nil
			})
		}
		aio.Await(q.Join())
		tr.p("join on fresh queue returns immediately: ok")
		for _, i := range []int{1, 2, 3} {
			q.PutNowait(i)
		}
		ws := []*aio.Task[sunit]{aio.Spawn(worker("W1")), aio.Spawn(worker("W2"))}
		js := []*aio.Task[sunit]{aio.Spawn(joiner("J1")), aio.Spawn(joiner("J2"))}
		awaitEach(js...)
		tr.p("qsize %d", q.Len())
		for _, w := range ws {
			w.Cancel()
		}
		awaitEach(ws...)

		tr.p("--- get() alone does not satisfy join()")
		q.PutNowait(9)
		q.GetNowait()
		// wait_for(q.join(), 0.02), without depending on WaitFor.
		j := aio.Spawn(aio.Async(func() (sunit, error) { return aio.Await(q.Join()) }))
		aio.Await(aio.Sleep(20 * time.Millisecond))
		if !j.Done() {
			j.Cancel()
			aio.Await(j)
			tr.p("join timed out (item got but not task_done)")
		}
		q.TaskDone()
		aio.Await(q.Join())
		tr.p("join ok after task_done")
		if err := q.TaskDone(); errors.Is(err, aio.ErrTaskDoneTooMany) {
			tr.p("extra task_done: task_done() called too many times")
		}
		return nil
	})
	// Python prints the first line in two parts around the join (end=" ").
	tr.check(t, `
join on fresh queue returns immediately: ok
W1: processing 1
W2: processing 2
J1: join
J2: join
W1: task_done 1
W1: processing 3
W2: task_done 2
W1: task_done 3
J1: join returned
J2: join returned
qsize 0
--- get() alone does not satisfy join()
join timed out (item got but not task_done)
join ok after task_done
extra task_done: task_done() called too many times`)
}

func TestOracle48QueueBarging(t *testing.T) {
	var tr tracer
	syncRun(t, func() error {
		q := aio.NewQueue[string](0)
		getter := func(name string) aio.Coro[sunit] {
			return aio.Async(func() (sunit, error) {
				item, err := aio.Await(q.Get())
				if err != nil {
					return sunit{}, err
				}
				tr.p("%s: got '%s'", name, item)
				return sunit{}, nil
			})
		}
		g1 := aio.Spawn(getter("G1"))
		g2 := aio.Spawn(getter("G2"))
		aio.Await(aio.Sleep(0))
		q.PutNowait("a")
		v, _ := q.GetNowait()
		tr.p("main: barging get_nowait -> %s", v)
		aio.Await(aio.Sleep(0))
		aio.Await(aio.Sleep(0))
		tr.p("G1 done: %s G2 done: %s", pyBool(g1.Done()), pyBool(g2.Done()))
		q.PutNowait("b")
		aio.Await(aio.Sleep(0))
		tr.p("after put b: G1 done: %s G2 done: %s", pyBool(g1.Done()), pyBool(g2.Done()))
		q.PutNowait("c")
		awaitEach(g1, g2)

		tr.p("--- putter barging on a full queue")
		q = aio.NewQueue[string](1)
		q.PutNowait("x")
		p := aio.Spawn(aio.Async(func() (sunit, error) {
			if _, err := aio.Await(q.Put("p-item")); err != nil {
				return sunit{}, err
			}
			tr.p("P: put 'p-item' done")
			return sunit{}, nil
		}))
		aio.Await(aio.Sleep(0))
		v, _ = q.GetNowait()
		tr.p("main: get_nowait -> %s", v)
		if q.PutNowait("barged") == nil {
			tr.p("main: put_nowait('barged') succeeded; full = %s", pyBool(q.Full()))
		}
		aio.Await(aio.Sleep(0))
		tr.p("P done: %s", pyBool(p.Done()))
		v, _ = q.GetNowait()
		tr.p("main: get_nowait -> %s", v)
		aio.Await(p)
		v, _ = q.GetNowait()
		tr.p("main: get_nowait -> %s", v)
		return nil
	})
	tr.check(t, `
main: barging get_nowait -> a
G1 done: False G2 done: False
G2: got 'b'
after put b: G1 done: False G2 done: True
G1: got 'c'
--- putter barging on a full queue
main: get_nowait -> x
main: put_nowait('barged') succeeded; full = True
P done: False
main: get_nowait -> barged
P: put 'p-item' done
main: get_nowait -> p-item`)
}
