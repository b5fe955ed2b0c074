package aio_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// testdata/syncoracle/queue_shutdown.py (CPython 3.13): cancelled and
// woken-then-cancelled putters, shutdown with blocked producers, graceful
// drain, immediate shutdown releasing join.
func TestQueueShutdownOracle(t *testing.T) {
	var tr tracer
	syncRun(t, func() error {
		q := aio.NewQueue[int](1)
		putter := func(name string, item int) aio.Coro[sunit] {
			return aio.Async(func() (sunit, error) {
				_, err := aio.Await(q.Put(item))
				switch {
				case aio.IsCancelled(err):
					tr.p("%s: cancelled (qsize=%d)", name, q.Len())
					return sunit{}, err
				case errors.Is(err, aio.ErrQueueShutDown):
					tr.p("%s: QueueShutDown", name)
				case err == nil:
					tr.p("%s: put %d", name, item)
				}
				return sunit{}, nil
			})
		}
		getter := func(name string) aio.Coro[sunit] {
			return aio.Async(func() (sunit, error) {
				item, err := aio.Await(q.Get())
				switch {
				case aio.IsCancelled(err):
					tr.p("%s: cancelled", name)
					return sunit{}, err
				case errors.Is(err, aio.ErrQueueShutDown):
					tr.p("%s: QueueShutDown", name)
				case err == nil:
					tr.p("%s: got %d", name, item)
					q.TaskDone()
				}
				return sunit{}, nil
			})
		}
		q.PutNowait(0)
		var ps []*aio.Task[sunit]
		for _, i := range []int{1, 2, 3} {
			ps = append(ps, aio.Spawn(putter(fmt.Sprintf("P%d", i), i)))
		}
		aio.Await(aio.Sleep(0))
		ps[0].Cancel()
		aio.Await(aio.Sleep(0))
		tr.p("--- get frees a slot; woken P2 is cancelled before it resumes")
		v, _ := q.GetNowait()
		tr.p("main: get_nowait -> %d", v)
		q.TaskDone()
		ps[1].Cancel()
		aio.Await(aio.Sleep(0))
		aio.Await(aio.Sleep(0))
		tr.p("qsize %d full %s", q.Len(), pyBool(q.Full()))
		awaitEach(ps...)

		tr.p("--- graceful shutdown with blocked producers")
		ps = []*aio.Task[sunit]{aio.Spawn(putter("Q4", 4)), aio.Spawn(putter("Q5", 5))}
		aio.Await(aio.Sleep(0))
		q.Shutdown(false)
		awaitEach(ps...)
		awaitEach(aio.Spawn(getter("G1")), aio.Spawn(getter("G2")))
		if errors.Is(q.PutNowait(9), aio.ErrQueueShutDown) {
			tr.p("put_nowait after shutdown: QueueShutDown")
		}
		aio.Await(q.Join())
		tr.p("join returned")

		tr.p("--- immediate shutdown with blocked consumers and a joiner")
		q = aio.NewQueue[int](0)
		gs := []*aio.Task[sunit]{aio.Spawn(getter("H1")), aio.Spawn(getter("H2"))}
		aio.Await(aio.Sleep(0))
		for _, i := range []int{7, 8, 9} {
			q.PutNowait(i)
		}
		j := aio.Spawn(aio.Async(func() (sunit, error) {
			aio.Await(q.Join())
			tr.p("J: join returned")
			return sunit{}, nil
		}))
		aio.Await(aio.Sleep(0))
		aio.Await(aio.Sleep(0))
		tr.p("qsize %d", q.Len())
		q.Shutdown(true)
		tr.p("after shutdown qsize %d", q.Len())
		k := aio.Spawn(getter("H3"))
		awaitEach(append(gs, j, k)...)
		return nil
	})
	tr.check(t, `
P1: cancelled (qsize=1)
--- get frees a slot; woken P2 is cancelled before it resumes
main: get_nowait -> 0
P2: cancelled (qsize=0)
P3: put 3
qsize 1 full True
--- graceful shutdown with blocked producers
Q4: QueueShutDown
Q5: QueueShutDown
G1: got 3
G2: QueueShutDown
put_nowait after shutdown: QueueShutDown
join returned
--- immediate shutdown with blocked consumers and a joiner
H1: got 7
H2: got 8
qsize 1
after shutdown qsize 0
J: join returned
H3: QueueShutDown`)
}

// Shutdown wakes getters blocked on an empty queue; they fail at once.
func TestQueueShutdownBlockedConsumers(t *testing.T) {
	syncRun(t, func() error {
		q := aio.NewQueue[int](0)
		var errs []error
		var ts []*aio.Task[sunit]
		for range 3 {
			ts = append(ts, aio.Spawn(aio.Async(func() (sunit, error) {
				_, err := aio.Await(q.Get())
				errs = append(errs, err)
				return sunit{}, nil
			})))
		}
		aio.Await(aio.Yield())
		q.Shutdown(false)
		awaitEach(ts...)
		if len(errs) != 3 {
			return fmt.Errorf("errs = %v", errs)
		}
		for _, err := range errs {
			if !errors.Is(err, aio.ErrQueueShutDown) {
				return fmt.Errorf("err = %v", err)
			}
		}
		return nil
	})
}

func TestQueueNowaitErrors(t *testing.T) {
	q := aio.NewQueue[int](1)
	if _, err := q.GetNowait(); !errors.Is(err, aio.ErrQueueEmpty) {
		t.Fatal(err)
	}
	if err := q.PutNowait(1); err != nil {
		t.Fatal(err)
	}
	if err := q.PutNowait(2); !errors.Is(err, aio.ErrQueueFull) {
		t.Fatal(err)
	}
	if !q.Full() || q.Empty() || q.Len() != 1 {
		t.Fatal("state")
	}
	if err := q.TaskDone(); err != nil {
		t.Fatal(err)
	}
	if err := q.TaskDone(); !errors.Is(err, aio.ErrTaskDoneTooMany) {
		t.Fatal(err)
	}
}

func TestPriorityAndLifoQueues(t *testing.T) {
	syncRun(t, func() error {
		pq := aio.NewOrderedPriorityQueue[int](0)
		lq := aio.NewLifoQueue[string](0)
		type job struct {
			prio int
			name string
		}
		jq := aio.NewPriorityQueue(0, func(a, b job) bool { return a.prio < b.prio })
		for _, v := range []int{5, 1, 4, 2, 3} {
			pq.PutNowait(v)
		}
		for _, v := range []string{"a", "b", "c"} {
			aio.Await(lq.Put(v))
		}
		jq.PutNowait(job{2, "low"})
		jq.PutNowait(job{0, "urgent"})
		var got []any
		for !pq.Empty() {
			v, _ := aio.Await(pq.Get())
			got = append(got, v)
		}
		for !lq.Empty() {
			v, _ := lq.GetNowait()
			got = append(got, v)
		}
		j, _ := aio.Await(jq.Get())
		got = append(got, j.name)
		if fmt.Sprint(got) != "[1 2 3 4 5 c b a urgent]" {
			return fmt.Errorf("got %v", got)
		}
		return nil
	})
}

// Bounded queue back-pressure: a producer faster than its consumer is held
// to maxsize items, and every item arrives once, in order.
func TestQueueBackPressure(t *testing.T) {
	syncRun(t, func() error {
		q := aio.NewQueue[int](3)
		maxLen := 0
		prod := aio.Spawn(aio.Async(func() (sunit, error) {
			for i := range 100 {
				if _, err := aio.Await(q.Put(i)); err != nil {
					return sunit{}, err
				}
				maxLen = max(maxLen, q.Len())
			}
			return sunit{}, nil
		}))
		for i := range 100 {
			v, err := aio.Await(q.Get())
			if err != nil || v != i {
				return fmt.Errorf("got %d, %v; want %d", v, err, i)
			}
			if i%7 == 0 {
				aio.Await(aio.Yield())
			}
		}
		aio.Await(prod)
		if maxLen != 3 {
			return fmt.Errorf("max len %d", maxLen)
		}
		return nil
	})
}

// --- benchmarks: Queue vs a buffered channel -------------------------------

// Hand-written state machines in the shape `asyncgo gen` emits, so the
// benchmarks measure the generated-code path (source mode would measure
// goroutine hand-offs instead).

type qProducer struct {
	aio.CoroFrame[sunit]
	pc   int
	q    *aio.Queue[int]
	i, n int
	aw   aio.QueuePut[int]
}

func (f *qProducer) Resume(r *aio.Runner) {
	if f.pc == 1 {
		goto resume1
	}
loop:
	if f.i >= f.n {
		f.Return(r, sunit{}, nil)
		return
	}
	f.aw = f.q.Put(f.i)
	if !f.aw.AwaitBegin(r) {
		f.pc = 1
		return
	}
resume1:
	if _, err := f.aw.AwaitEnd(r); err != nil {
		f.Return(r, sunit{}, err)
		return
	}
	f.i++
	goto loop
}

type qConsumer struct {
	aio.CoroFrame[int]
	pc        int
	q         *aio.Queue[int]
	i, n, sum int
	aw        aio.QueueGet[int]
}

func (f *qConsumer) Resume(r *aio.Runner) {
	if f.pc == 1 {
		goto resume1
	}
loop:
	if f.i >= f.n {
		f.Return(r, f.sum, nil)
		return
	}
	f.aw = f.q.Get()
	if !f.aw.AwaitBegin(r) {
		f.pc = 1
		return
	}
resume1:
	{
		v, err := f.aw.AwaitEnd(r)
		if err != nil {
			f.Return(r, f.sum, err)
			return
		}
		f.sum += v
	}
	f.i++
	goto loop
}

const benchItems = 1_000_000

// BenchmarkQueue1M moves 1M items from a producer task to a consumer task
// through a Queue of capacity 1024.
func BenchmarkQueue1M(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		sum, err := aio.Run(aio.Async(func() (int, error) {
			q := aio.NewQueue[int](1024)
			p := &qProducer{q: q, n: benchItems}
			c := &qConsumer{q: q, n: benchItems}
			pt := aio.Spawn(p.Init(p))
			s, err := aio.Await(aio.Spawn(c.Init(c)))
			aio.Await(pt)
			return s, err
		}))
		if err != nil || sum != benchItems*(benchItems-1)/2 {
			b.Fatal(sum, err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchItems), "ns/item")
}

// BenchmarkChan1M is the Go-native equivalent: a buffered channel of 1024
// between two goroutines.
func BenchmarkChan1M(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		ch := make(chan int, 1024)
		done := make(chan int)
		go func() {
			s := 0
			for range benchItems {
				s += <-ch
			}
			done <- s
		}()
		for i := range benchItems {
			ch <- i
		}
		if s := <-done; s != benchItems*(benchItems-1)/2 {
			b.Fatal(s)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchItems), "ns/item")
}
