package aio

import (
	"cmp"
	"errors"
	"fmt"
)

// ErrQueueFull is returned by PutNowait on a full queue: asyncio.QueueFull.
var ErrQueueFull = errors.New("aio: queue is full")

// ErrQueueEmpty is returned by GetNowait on an empty queue:
// asyncio.QueueEmpty.
var ErrQueueEmpty = errors.New("aio: queue is empty")

// ErrQueueShutDown is returned by puts on a queue that was shut down and by
// gets on one that is shut down and empty: asyncio.QueueShutDown (3.13).
var ErrQueueShutDown = errors.New("aio: queue is shut down")

// ErrTaskDoneTooMany is returned by TaskDone when called more times than
// items were put: asyncio's ValueError('task_done() called too many
// times').
var ErrTaskDoneTooMany = errors.New("aio: task_done() called too many times")

// store is the item container of a PriorityQueue or LifoQueue; a plain
// Queue uses its built-in FIFO ring (no interface call on its hot path).
type store[T any] interface {
	push(v T)
	pop() T
	len() int
}

// Queue is asyncio.Queue: a FIFO queue for producer and consumer tasks on
// one loop, with the semantics of Python 3.13 (including Shutdown).
//
// Put waits while the queue is full (maxsize > 0), Get while it is empty;
// their waiters are served in FIFO order. A cancelled Get loses no item,
// and a getter woken by a put and then cancelled before it resumes passes
// the wake-up to the next getter (likewise for putters). Like asyncio's,
// the queue is not barging-proof: an item is only taken when the woken
// getter resumes, so a GetNowait in between takes it, and the woken getter
// waits again at the end of the line (oracle 48).
//
// Join waits until TaskDone has been called once per item put. Shutdown
// makes puts fail with ErrQueueShutDown and, once the queue is empty (at
// once with immediate), gets too, waking every blocked producer and
// consumer.
//
// The uncontended Put and Get neither suspend nor allocate. A Queue is not
// safe for use by other goroutines; hand values in with
// Loop.CallSoonThreadsafe or use a Go channel and Recv.
type Queue[T any] struct {
	maxsize    int
	buf        []T // FIFO ring, len(buf) is a power of two
	head, n    int
	alt        store[T] // non-nil for PriorityQueue and LifoQueue
	getters    waitList
	putters    waitList
	unfinished int
	finished   Event
	shutdown   bool
	loop       *Loop
}

// NewQueue returns a FIFO queue holding at most maxsize items; maxsize <= 0
// means unbounded.
func NewQueue[T any](maxsize int) *Queue[T] {
	q := &Queue[T]{}
	q.init(maxsize, nil)
	return q
}

func (q *Queue[T]) init(maxsize int, alt store[T]) {
	q.maxsize = maxsize
	q.alt = alt
	q.finished.set = true
}

// Len returns the number of items in the queue (qsize()).
func (q *Queue[T]) Len() int {
	if q.alt != nil {
		return q.alt.len()
	}
	return q.n
}

// Maxsize returns the capacity given to the constructor (<= 0: unbounded).
func (q *Queue[T]) Maxsize() int { return q.maxsize }

// Empty reports whether the queue holds no item.
func (q *Queue[T]) Empty() bool { return q.Len() == 0 }

// Full reports whether the queue holds maxsize items; an unbounded queue is
// never full.
func (q *Queue[T]) Full() bool { return q.maxsize > 0 && q.Len() >= q.maxsize }

// IsShutDown reports whether Shutdown was called.
func (q *Queue[T]) IsShutDown() bool { return q.shutdown }

// Unfinished returns the number of items put whose TaskDone is pending.
func (q *Queue[T]) Unfinished() int { return q.unfinished }

func (q *Queue[T]) pushItem(v T) {
	if q.alt != nil || q.n == len(q.buf) {
		q.pushSlow(v)
		return
	}
	q.buf[(q.head+q.n)&(len(q.buf)-1)] = v
	q.n++
}

// pushSlow is pushItem's rare path, kept out of line so that the common one
// inlines: another store, or a full ring that must grow.
func (q *Queue[T]) pushSlow(v T) {
	if q.alt != nil {
		q.alt.push(v)
		return
	}
	size := max(2*len(q.buf), 16)
	buf := make([]T, size)
	for i := 0; i < q.n; i++ {
		buf[i] = q.buf[(q.head+i)&(len(q.buf)-1)]
	}
	q.buf, q.head = buf, 0
	q.buf[q.n] = v
	q.n++
}

func (q *Queue[T]) popItem() T {
	if q.alt != nil {
		return q.alt.pop()
	}
	var zero T
	v := q.buf[q.head]
	q.buf[q.head] = zero
	q.head = (q.head + 1) & (len(q.buf) - 1)
	q.n--
	return v
}

// PutNowait adds v without waiting. It returns ErrQueueShutDown after
// Shutdown and ErrQueueFull when the queue is full; otherwise it wakes the
// first blocked getter.
func (q *Queue[T]) PutNowait(v T) error {
	checkLoop(q.loop, "Queue.PutNowait")
	return q.put(v, errPutNowaitShutDown)
}

// Errors of operations on a queue that was shut down, and of TaskDone.
var (
	errPutShutDown       = fmt.Errorf("aio: Queue.Put: %w", ErrQueueShutDown)
	errPutNowaitShutDown = fmt.Errorf("aio: Queue.PutNowait: %w", ErrQueueShutDown)
	errGetShutDown       = fmt.Errorf("aio: Queue.Get: %w", ErrQueueShutDown)
	errGetNowaitShutDown = fmt.Errorf("aio: Queue.GetNowait: %w", ErrQueueShutDown)
	errTaskDoneTooMany   = fmt.Errorf("aio: Queue.TaskDone: %w", ErrTaskDoneTooMany)
)

// put is PutNowait, failing with shutErr after Shutdown.
func (q *Queue[T]) put(v T, shutErr error) error {
	if q.shutdown {
		return shutErr
	}
	if q.maxsize > 0 && q.Len() >= q.maxsize {
		return ErrQueueFull
	}
	q.pushItem(v)
	q.unfinished++
	q.finished.set = false // finished.Clear()
	q.getters.wakeupNext()
	return nil
}

// GetNowait removes and returns an item without waiting. On an empty queue
// it returns ErrQueueShutDown after Shutdown, ErrQueueEmpty otherwise. It
// wakes the first blocked putter.
func (q *Queue[T]) GetNowait() (T, error) {
	checkLoop(q.loop, "Queue.GetNowait")
	return q.get(errGetNowaitShutDown)
}

// get is GetNowait, failing with shutErr once shut down and empty.
func (q *Queue[T]) get(shutErr error) (T, error) {
	if q.Empty() {
		var zero T
		if q.shutdown {
			return zero, shutErr
		}
		return zero, ErrQueueEmpty
	}
	v := q.popItem()
	q.putters.wakeupNext()
	return v, nil
}

// Put returns an awaitable that adds v, waiting while the queue is full.
func (q *Queue[T]) Put(v T) QueuePut[T] { return QueuePut[T]{q, v} }

// Get returns an awaitable that removes and returns an item, waiting while
// the queue is empty.
func (q *Queue[T]) Get() QueueGet[T] { return QueueGet[T]{q} }

// TaskDone marks one item put as processed; Join returns once every item
// put has been marked. Calling it more often than items were put returns
// ErrTaskDoneTooMany.
func (q *Queue[T]) TaskDone() error {
	if q.unfinished <= 0 {
		return errTaskDoneTooMany
	}
	q.unfinished--
	if q.unfinished == 0 {
		q.finished.Set()
	}
	return nil
}

// Join returns an awaitable that waits until every item put has been marked
// with TaskDone. With nothing unfinished it does not suspend.
func (q *Queue[T]) Join() QueueJoin { return QueueJoin{&q.unfinished, &q.finished} }

// Shutdown shuts the queue down (asyncio 3.13): later puts fail with
// ErrQueueShutDown, and gets too once the queue is empty. With immediate,
// the remaining items are dropped at once (each counting as TaskDone, which
// may release Join). Every blocked getter and putter is woken so it can
// re-check and fail.
func (q *Queue[T]) Shutdown(immediate bool) {
	checkLoop(q.loop, "Queue.Shutdown")
	q.shutdown = true
	if immediate {
		for !q.Empty() {
			q.popItem()
			if q.unfinished > 0 {
				q.unfinished--
			}
		}
		if q.unfinished == 0 {
			q.finished.Set()
		}
	}
	for q.getters.head != nil {
		if w := q.getters.popFront(); w.state == wPending {
			w.wake()
		}
	}
	for q.putters.head != nil {
		if w := q.putters.popFront(); w.state == wPending {
			w.wake()
		}
	}
}

// Queue waiter operations.
const (
	opGet uint8 = iota
	opPut
)

// QueueGet is the awaitable returned by Queue.Get.
type QueueGet[T any] struct{ q *Queue[T] }

// AwaitBegin is part of the Awaitable protocol.
func (a QueueGet[T]) AwaitBegin(r *Runner) bool {
	q := a.q
	if !q.Empty() || q.shutdown {
		return true // AwaitEnd takes the item or reports the shutdown
	}
	q.loop = r.fc.loop
	q.getters.park(r, q, opGet)
	return false
}

// AwaitEnd is part of the Awaitable protocol.
func (a QueueGet[T]) AwaitEnd(r *Runner) (T, error) {
	if err := r.takeThrow(); err != nil {
		var zero T
		return zero, err
	}
	checkLoop(a.q.loop, "Queue.Get")
	return a.q.get(errGetShutDown)
}

// QueuePut is the awaitable returned by Queue.Put.
type QueuePut[T any] struct {
	q *Queue[T]
	v T
}

// AwaitBegin is part of the Awaitable protocol.
func (a QueuePut[T]) AwaitBegin(r *Runner) bool {
	q := a.q
	if q.maxsize <= 0 || q.Len() < q.maxsize || q.shutdown {
		return true // AwaitEnd puts the item or reports the shutdown
	}
	q.loop = r.fc.loop
	q.putters.park(r, q, opPut)
	return false
}

// AwaitEnd is part of the Awaitable protocol.
func (a QueuePut[T]) AwaitEnd(r *Runner) (struct{}, error) {
	if err := r.takeThrow(); err != nil {
		return struct{}{}, err
	}
	checkLoop(a.q.loop, "Queue.Put")
	return struct{}{}, a.q.put(a.v, errPutShutDown)
}

// woke resumes a getter or putter. It mirrors the code after `await getter`
// in asyncio's get/put loops: on cancellation, drop out of the line and pass
// an unused wake-up on; otherwise, if the item (or slot) was taken by a
// barging GetNowait (PutNowait), wait again at the end of the line without
// resuming the task; else resume it to take the item (AwaitEnd).
func (q *Queue[T]) woke(w *waiter) {
	r := w.r
	list, blocked := &q.getters, q.Empty()
	if w.op == opPut {
		list, blocked = &q.putters, q.Full()
	}
	wasCancelled := w.state == wCancelled
	if err := w.takeCancel(); err != nil {
		list.remove(w)
		if !blocked && !wasCancelled {
			list.wakeupNext()
		}
		w.release()
		resumeWith(r, err)
		return
	}
	if blocked && !q.shutdown {
		w.state = wPending
		list.pushBack(w)
		return
	}
	w.release()
	r.step()
}

// QueueJoin is the awaitable returned by Queue.Join (of any element type).
type QueueJoin struct {
	unfinished *int
	finished   *Event
}

// AwaitBegin is part of the Awaitable protocol.
func (a QueueJoin) AwaitBegin(r *Runner) bool {
	if *a.unfinished == 0 {
		return true
	}
	return a.finished.Wait().AwaitBegin(r)
}

// AwaitEnd is part of the Awaitable protocol.
func (a QueueJoin) AwaitEnd(r *Runner) (struct{}, error) {
	return struct{}{}, r.takeThrow()
}

// ---------------------------------------------------------------------------
// PriorityQueue and LifoQueue

// PriorityQueue is asyncio.PriorityQueue: Get returns the smallest item
// first, by the less function given to NewPriorityQueue (or the natural
// order for NewOrderedPriorityQueue). Items that compare equal come out in
// the order Python's heapq gives them, not insertion order, exactly as from
// asyncio.PriorityQueue; add a sequence number to the key if that matters. It has every method of Queue.
type PriorityQueue[T any] struct{ Queue[T] }

// NewPriorityQueue returns a priority queue ordered by less, holding at most
// maxsize items (maxsize <= 0: unbounded). A nil less panics with an error
// wrapping ErrInvalidArgument.
func NewPriorityQueue[T any](maxsize int, less func(a, b T) bool) *PriorityQueue[T] {
	if less == nil {
		panic(fmt.Errorf("aio: NewPriorityQueue: nil less func: %w", ErrInvalidArgument))
	}
	q := &PriorityQueue[T]{}
	q.init(maxsize, &heapStore[T]{less: less})
	return q
}

// NewOrderedPriorityQueue returns a priority queue of ordered values,
// smallest first.
func NewOrderedPriorityQueue[T cmp.Ordered](maxsize int) *PriorityQueue[T] {
	return NewPriorityQueue(maxsize, cmp.Less[T])
}

// LifoQueue is asyncio.LifoQueue: Get returns the most recently put item
// first. It has every method of Queue.
type LifoQueue[T any] struct{ Queue[T] }

// NewLifoQueue returns a LIFO queue holding at most maxsize items (maxsize
// <= 0: unbounded).
func NewLifoQueue[T any](maxsize int) *LifoQueue[T] {
	q := &LifoQueue[T]{}
	q.init(maxsize, &stackStore[T]{})
	return q
}

// heapStore is a binary min-heap run by exactly the algorithm of Python's
// heapq (heappush's _siftdown, heappop's bottom-up _siftup), comparing only
// with less as heapq compares only with <. Items that compare equal
// therefore come out in the same order as from asyncio.PriorityQueue, which
// container/heap's different pop does not give.
type heapStore[T any] struct {
	items []T
	less  func(a, b T) bool
}

// push is heapq.heappush.
func (h *heapStore[T]) push(v T) {
	h.items = append(h.items, v)
	h.siftDown(0, len(h.items)-1)
}

// pop is heapq.heappop.
func (h *heapStore[T]) pop() T {
	var zero T
	n := len(h.items) - 1
	last := h.items[n]
	h.items[n] = zero
	h.items = h.items[:n]
	if n == 0 {
		return last
	}
	top := h.items[0]
	h.items[0] = last
	h.siftUp(0)
	return top
}

func (h *heapStore[T]) len() int { return len(h.items) }

// siftDown is heapq._siftdown: the item at pos moves towards start while
// it is less than its parent.
func (h *heapStore[T]) siftDown(start, pos int) {
	it := h.items[pos]
	for pos > start {
		parent := (pos - 1) >> 1
		if !h.less(it, h.items[parent]) {
			break
		}
		h.items[pos] = h.items[parent]
		pos = parent
	}
	h.items[pos] = it
}

// siftUp is heapq._siftup: the smaller child moves up until a leaf is
// reached (the right one unless the left is strictly less), then the item
// that was at pos sifts down from there.
func (h *heapStore[T]) siftUp(pos int) {
	end, start := len(h.items), pos
	it := h.items[pos]
	child := 2*pos + 1
	for child < end {
		if right := child + 1; right < end && !h.less(h.items[child], h.items[right]) {
			child = right
		}
		h.items[pos] = h.items[child]
		pos = child
		child = 2*pos + 1
	}
	h.items[pos] = it
	h.siftDown(start, pos)
}

type stackStore[T any] struct{ items []T }

func (s *stackStore[T]) push(v T) { s.items = append(s.items, v) }
func (s *stackStore[T]) pop() T {
	var zero T
	n := len(s.items) - 1
	v := s.items[n]
	s.items[n] = zero
	s.items = s.items[:n]
	return v
}
func (s *stackStore[T]) len() int { return len(s.items) }
