package aio

import (
	"errors"
	"fmt"
)

// Waiters: the suspension record shared by Lock, Event, Condition,
// Semaphore, Barrier and the queues.
//
// CPython's primitives park a task on a fresh Future kept in a deque; the
// task resumes through the future's done callback (one call-soon hop), then
// runs the bookkeeping after its `await fut` (remove the future from the
// deque, take the lock, pass a wake-up on...) before its own code continues.
// asyncgo keeps that exact structure but makes the waiter itself the future:
// a waiter is the task's waitTarget (so Cancel reaches it, as it reaches
// task._fut_waiter) and the callback queued when it is resolved. When that
// callback runs, at the very slot where CPython's task would resume, the
// primitive does the post-await bookkeeping and then steps the task, or,
// when CPython's code would loop and wait again (a queue getter that lost
// its item to a barging GetNowait), re-parks the waiter without stepping the
// task at all. The observable order is CPython's, and an await needs no
// per-await state beyond the waiter, so the awaitables are small values
// (no allocation on an uncontended path).

const (
	wPending   uint8 = iota // parked, not resolved
	wWoken                  // resolved (set_result), wake-up queued
	wCancelled              // cancelled while parked, wake-up queued
)

// waitHandler is the primitive that parked a waiter; woke runs when the
// waiter's wake-up comes off the ready queue.
type waitHandler interface {
	woke(w *waiter)
}

type waiter struct {
	r          *Runner
	h          waitHandler
	prev, next *waiter
	list       *waitList // list the waiter is parked in, nil if none
	pool       *waitList // list whose free list it returns to
	state      uint8
	op         uint8 // which operation of h parked it
	cancelled  bool  // Condition: a re-acquire was cancelled
	msg        string
	err        error // Condition: error to deliver after re-acquiring
}

// invoke makes the waiter a callback: its wake-up.
func (w *waiter) invoke(*futureCore) { w.h.woke(w) }

// cancelWait makes the waiter the task's waitTarget: cancelling the task
// cancels a pending waiter (future.cancel()) and schedules its wake-up.
func (w *waiter) cancelWait(msg string) bool {
	if w.state != wPending {
		return false
	}
	w.state = wCancelled
	w.msg = msg
	if w.list != nil {
		w.list.live--
	}
	w.r.fc.loop.ready.push(entry{c: w})
	return true
}

// wake resolves a pending waiter (future.set_result()): its task resumes
// through call-soon, never synchronously.
func (w *waiter) wake() {
	w.state = wWoken
	w.r.fc.loop.ready.push(entry{c: w})
}

// takeCancel returns the cancellation the resuming task must see at the
// await: the waiter was cancelled, or the task was cancelled after the
// waiter had already been resolved (Task._must_cancel, which the task would
// throw into the coroutine at this very await).
func (w *waiter) takeCancel() error {
	r := w.r
	// The waiter's own cancellation, already on its way, wins over a later
	// cancel request, as CPython's __step keeps an incoming CancelledError.
	if w.state == wCancelled {
		r.fc.clear(tMustCancel)
		return newCancelled(w.msg)
	}
	if r.fc.has(tMustCancel) {
		r.fc.clear(tMustCancel)
		return newCancelled(r.cancelMessage())
	}
	return nil
}

// resume delivers err (nil for success) at the task's await and steps it.
func resumeWith(r *Runner, err error) {
	if err != nil {
		r.setThrow(err)
	}
	r.step()
}

// waitList is an intrusive FIFO of waiters (CPython's deque of futures) with
// O(1) removal, plus a free list so contended waits stop allocating once the
// program reaches its working size.
type waitList struct {
	head, tail *waiter
	n          int // waiters in the list
	live       int // waiters in the list that are not cancelled
	free       *waiter
}

// park takes a waiter for r from the free list (or allocates one), appends
// it and makes it r's wait target.
func (q *waitList) park(r *Runner, h waitHandler, op uint8) *waiter {
	w := q.free
	if w != nil {
		q.free = w.next
		w.next = nil
	} else {
		w = &waiter{pool: q}
	}
	w.r, w.h, w.op, w.state = r, h, op, wPending
	q.pushBack(w)
	r.waitOn = w
	return w
}

// release returns a waiter whose task is about to resume to its pool.
func (w *waiter) release() {
	p := w.pool
	// Clear only what can hold memory or state; the links are already nil,
	// since a waiter is released after it left its list.
	w.r, w.h = nil, nil
	if w.msg != "" || w.err != nil || w.cancelled {
		w.msg, w.err, w.cancelled = "", nil, false
	}
	w.next = p.free
	p.free = w
}

func (q *waitList) pushBack(w *waiter) {
	w.list = q
	w.prev = q.tail
	w.next = nil
	if q.tail == nil {
		q.head = w
	} else {
		q.tail.next = w
	}
	q.tail = w
	q.n++
	if w.state != wCancelled {
		q.live++
	}
}

// remove unlinks w if it is in q (deque.remove, minus the ValueError).
func (q *waitList) remove(w *waiter) {
	if w.list != q {
		return
	}
	if w.prev == nil {
		q.head = w.next
	} else {
		w.prev.next = w.next
	}
	if w.next == nil {
		q.tail = w.prev
	} else {
		w.next.prev = w.prev
	}
	w.prev, w.next, w.list = nil, nil, nil
	q.n--
	if w.state != wCancelled {
		q.live--
	}
}

func (q *waitList) popFront() *waiter {
	w := q.head
	if w != nil {
		q.remove(w)
	}
	return w
}

// wakeupNext pops waiters until it resolves one that is still pending:
// asyncio.Queue._wakeup_next.
func (q *waitList) wakeupNext() {
	if q.head != nil { // inlined: most puts and releases find nobody waiting
		q.wakeFirstPending()
	}
}

func (q *waitList) wakeFirstPending() {
	for q.head != nil {
		w := q.popFront()
		if w.state == wPending {
			w.wake()
			return
		}
	}
}

// checkLoop panics, in debug mode, when a loop-bound primitive is used from
// a goroutine that is not running the loop (a data race otherwise).
func checkLoop(l *Loop, op string) {
	if l != nil && l.debug {
		l.checkThread(op)
	}
}

// ---------------------------------------------------------------------------
// Errors

// ErrNotLocked is returned by Lock.Release (and Condition.Release) on a lock
// that is not locked: asyncio's RuntimeError('Lock is not acquired.').
var ErrNotLocked = errors.New("aio: Lock is not acquired")

// ErrConditionNotLocked is returned by Condition.Wait and Notify when the
// condition's lock is not held: asyncio's RuntimeError('cannot wait on
// un-acquired lock') / ('cannot notify on un-acquired lock').
var ErrConditionNotLocked = errors.New("aio: condition lock is not acquired")

// ErrSemaphoreOverRelease is returned by BoundedSemaphore.Release when it
// would raise the value above its initial value: asyncio's
// ValueError('BoundedSemaphore released too many times').
var ErrSemaphoreOverRelease = errors.New("aio: BoundedSemaphore released too many times")

// ErrBrokenBarrier matches every *BrokenBarrierError under errors.Is.
var ErrBrokenBarrier = errors.New("aio: broken barrier")

// ErrBarrierParties is returned by NewBarrier for parties < 1: asyncio's
// ValueError('parties must be > 0').
var ErrBarrierParties = errors.New("aio: parties must be > 0")

// BrokenBarrierError is asyncio.BrokenBarrierError: the barrier was aborted
// or reset while (or before) the task waited. Message is CPython's:
// "Abort or reset of barrier" for a task that was waiting, "Barrier aborted"
// for one that arrived at a broken barrier.
type BrokenBarrierError struct{ Message string }

// Error reports why the barrier broke.
func (e *BrokenBarrierError) Error() string { return "aio: broken barrier: " + e.Message }

// Is makes a *BrokenBarrierError match ErrBrokenBarrier.
func (e *BrokenBarrierError) Is(target error) bool { return target == ErrBrokenBarrier }

// ---------------------------------------------------------------------------
// Lock

// Lock is asyncio.Lock: a mutual-exclusion lock for tasks on one loop.
//
// Waiters acquire in FIFO order. As in asyncio, Release does not hand the
// lock to the first waiter: Locked reports false right after Release even
// though a waiter was woken, but a newcomer still cannot barge, because an
// Acquire queues behind any waiter that is not cancelled. An uncontended
// Acquire does not suspend (and allocates nothing). The lock has no owner:
// any task may release it. A task cancelled while waiting never holds the
// lock, and a wake-up it had already received is passed on to the next
// waiter.
//
// The zero Lock is unlocked and ready to use. A Lock belongs to the loop its
// tasks run on; it is not safe for use by other goroutines (debug mode
// panics when it is). Use it as
//
//	if _, err := aio.Await(mu.Acquire()); err != nil { return err }
//	defer mu.Release()
type Lock struct {
	locked  bool
	waiters waitList
	loop    *Loop
}

// NewLock returns an unlocked Lock: asyncio.Lock(). The zero Lock works
// too; the constructor is there for symmetry with the other primitives.
func NewLock() *Lock { return &Lock{} }

// Locked reports whether the lock is held (asyncio's locked()).
func (m *Lock) Locked() bool { return m.locked }

// Acquire returns an awaitable that acquires the lock.
func (m *Lock) Acquire() LockAcquire { return LockAcquire{m} }

// TryAcquire acquires the lock if that is possible without waiting (it is
// unlocked and nobody is queued) and reports whether it did.
func (m *Lock) TryAcquire() bool {
	if !m.locked && m.waiters.live == 0 {
		m.locked = true
		return true
	}
	return false
}

// Release unlocks the lock and wakes the first waiter, if it is not already
// woken. Releasing an unlocked lock returns ErrNotLocked.
func (m *Lock) Release() error {
	checkLoop(m.loop, "Lock.Release")
	if !m.locked {
		return errLockNotLocked
	}
	m.locked = false
	m.wakeFirst()
	return nil
}

// wakeFirst is Lock._wake_up_first: only the head of the line is looked at.
func (m *Lock) wakeFirst() {
	if w := m.waiters.head; w != nil && w.state == wPending {
		w.wake()
	}
}

// LockAcquire is the awaitable returned by Lock.Acquire.
type LockAcquire struct{ m *Lock }

// AwaitBegin is part of the Awaitable protocol.
func (a LockAcquire) AwaitBegin(r *Runner) bool {
	m := a.m
	if m.TryAcquire() {
		return true
	}
	m.loop = r.fc.loop
	m.waiters.park(r, m, 0)
	return false
}

// AwaitEnd is part of the Awaitable protocol.
func (a LockAcquire) AwaitEnd(r *Runner) (struct{}, error) {
	return struct{}{}, r.takeThrow()
}

func (m *Lock) woke(w *waiter) {
	r := w.r
	m.waiters.remove(w)
	err := w.takeCancel()
	w.release()
	if err != nil {
		if !m.locked {
			m.wakeFirst()
		}
	} else {
		m.locked = true
	}
	resumeWith(r, err)
}

// ---------------------------------------------------------------------------
// Event

// Event is asyncio.Event: a flag tasks can wait for.
//
// Set wakes every waiter; they resume on the next iteration, in the order
// they began waiting. Wait on a set event returns at once without
// suspending. Set followed by Clear before the waiters resume still wakes
// them (their wake-up was already delivered); later waiters block. A waiter
// cancelled while blocked is simply dropped. The zero Event is clear and
// ready to use.
type Event struct {
	set     bool
	waiters waitList
	loop    *Loop
}

// NewEvent returns a clear Event: asyncio.Event(). The zero Event works too.
func NewEvent() *Event { return &Event{} }

// IsSet reports whether the flag is set.
func (e *Event) IsSet() bool { return e.set }

// Set sets the flag and wakes all waiters.
func (e *Event) Set() {
	checkLoop(e.loop, "Event.Set")
	if e.set {
		return
	}
	e.set = true
	for w := e.waiters.head; w != nil; w = w.next {
		if w.state == wPending {
			w.wake()
		}
	}
}

// Clear resets the flag.
func (e *Event) Clear() { e.set = false }

// Wait returns an awaitable that waits until the flag is set; its value is
// always true, as asyncio's wait() returns True.
func (e *Event) Wait() EventWait { return EventWait{e} }

// EventWait is the awaitable returned by Event.Wait.
type EventWait struct{ e *Event }

// AwaitBegin is part of the Awaitable protocol.
func (a EventWait) AwaitBegin(r *Runner) bool {
	e := a.e
	if e.set {
		return true
	}
	e.loop = r.fc.loop
	e.waiters.park(r, e, 0)
	return false
}

// AwaitEnd is part of the Awaitable protocol.
func (a EventWait) AwaitEnd(r *Runner) (bool, error) {
	if err := r.takeThrow(); err != nil {
		return false, err
	}
	return true, nil
}

func (e *Event) woke(w *waiter) {
	r := w.r
	e.waiters.remove(w)
	err := w.takeCancel()
	w.release()
	resumeWith(r, err)
}

// ---------------------------------------------------------------------------
// Semaphore

// Semaphore is asyncio.Semaphore: at most n concurrent holders.
//
// Blocked acquirers are served strictly FIFO. Unlike Lock, Release hands the
// permit straight to the first waiter, so Locked stays true and a newcomer
// in the same step queues behind it. A waiter that was handed a permit and
// is cancelled before it resumes passes the permit on. Locked is also true
// while non-cancelled waiters exist, even if permits are free.
type Semaphore struct {
	value   int
	bound   int  // BoundedSemaphore: the initial value
	bounded bool // a BoundedSemaphore
	waiters waitList
	loop    *Loop
}

// NewSemaphore returns a semaphore with n permits. A negative n panics with
// an error wrapping ErrInvalidArgument (asyncio raises ValueError).
func NewSemaphore(n int) *Semaphore {
	checkPermits("NewSemaphore", n)
	return &Semaphore{value: n}
}

func checkPermits(op string, n int) {
	if n < 0 {
		panic(fmt.Errorf("aio: %s: negative value %d: %w", op, n, ErrInvalidArgument))
	}
}

// Errors of releasing what is not held.
var (
	errLockNotLocked = fmt.Errorf("aio: Lock.Release: %w", ErrNotLocked)
	errCondNotLocked = fmt.Errorf("aio: Condition.Release: %w", ErrNotLocked)
	errOverRelease   = fmt.Errorf("aio: BoundedSemaphore.Release: %w", ErrSemaphoreOverRelease)
	errCondWait      = fmt.Errorf("aio: Condition.Wait: %w", ErrConditionNotLocked)
	errCondNotify    = fmt.Errorf("aio: Condition.Notify: %w", ErrConditionNotLocked)
	errCondNotifyAll = fmt.Errorf("aio: Condition.NotifyAll: %w", ErrConditionNotLocked)
)

// Locked reports whether an Acquire would wait.
func (s *Semaphore) Locked() bool { return s.value == 0 || s.waiters.live > 0 }

// Value returns the number of free permits.
func (s *Semaphore) Value() int { return s.value }

// Acquire returns an awaitable that takes a permit.
func (s *Semaphore) Acquire() SemaphoreAcquire { return SemaphoreAcquire{s} }

// TryAcquire takes a permit if that is possible without waiting and reports
// whether it did.
func (s *Semaphore) TryAcquire() bool {
	if s.Locked() {
		return false
	}
	s.value--
	return true
}

// Release returns a permit, handing it to the first waiter if any. On a
// BoundedSemaphore, releasing more than was acquired returns
// ErrSemaphoreOverRelease and changes nothing.
func (s *Semaphore) Release() error {
	checkLoop(s.loop, "Semaphore.Release")
	if s.bounded && s.value >= s.bound {
		return errOverRelease
	}
	s.value++
	s.wakeNext()
	return nil
}

// wakeNext is Semaphore._wake_up_next: the permit goes to the first waiter
// that is not done.
func (s *Semaphore) wakeNext() {
	for w := s.waiters.head; w != nil; w = w.next {
		if w.state == wPending {
			s.value--
			w.wake()
			return
		}
	}
}

// SemaphoreAcquire is the awaitable returned by Semaphore.Acquire.
type SemaphoreAcquire struct{ s *Semaphore }

// AwaitBegin is part of the Awaitable protocol.
func (a SemaphoreAcquire) AwaitBegin(r *Runner) bool {
	s := a.s
	if s.TryAcquire() {
		return true
	}
	s.loop = r.fc.loop
	s.waiters.park(r, s, 0)
	return false
}

// AwaitEnd is part of the Awaitable protocol.
func (a SemaphoreAcquire) AwaitEnd(r *Runner) (struct{}, error) {
	return struct{}{}, r.takeThrow()
}

func (s *Semaphore) woke(w *waiter) {
	r := w.r
	s.waiters.remove(w)
	wasCancelled := w.state == wCancelled
	err := w.takeCancel()
	w.release()
	if err != nil {
		if !wasCancelled {
			// Handed a permit, then cancelled: give it to the next one.
			s.value++
			s.wakeNext()
		}
	} else if s.value > 0 {
		s.wakeNext()
	}
	resumeWith(r, err)
}

// BoundedSemaphore is asyncio.BoundedSemaphore: a Semaphore whose Release
// fails with ErrSemaphoreOverRelease instead of raising the value above its
// initial value.
type BoundedSemaphore struct{ Semaphore }

// NewBoundedSemaphore returns a bounded semaphore with n permits. A negative
// n panics as in NewSemaphore; with n = 0, as in asyncio, every Acquire
// waits and every Release fails.
func NewBoundedSemaphore(n int) *BoundedSemaphore {
	checkPermits("NewBoundedSemaphore", n)
	return &BoundedSemaphore{Semaphore{value: n, bound: n, bounded: true}}
}

// ---------------------------------------------------------------------------
// Condition

// Condition is asyncio.Condition: tasks wait, holding a Lock, until another
// task notifies them.
//
// Wait releases the lock, waits for Notify, then re-acquires the lock before
// returning, even when cancelled: a cancellation while re-acquiring is
// remembered, the re-acquire is retried, and the cancellation is reported
// afterwards, exactly as CPython does. Notify wakes waiters in the order
// they began waiting.
type Condition struct {
	lock    *Lock
	waiters waitList
}

// NewCondition returns a condition using lock, or a new Lock if lock is nil.
func NewCondition(lock *Lock) *Condition {
	if lock == nil {
		lock = &Lock{}
	}
	return &Condition{lock: lock}
}

// Lock returns the condition's lock.
func (c *Condition) Lock() *Lock { return c.lock }

// Locked reports whether the condition's lock is held.
func (c *Condition) Locked() bool { return c.lock.locked }

// Acquire returns an awaitable that acquires the condition's lock.
func (c *Condition) Acquire() LockAcquire { return c.lock.Acquire() }

// Release releases the condition's lock.
func (c *Condition) Release() error {
	if err := c.lock.Release(); err != nil {
		return errCondNotLocked
	}
	return nil
}

// Wait returns an awaitable that releases the lock, waits to be notified and
// re-acquires the lock. Its value is true, as asyncio's wait() returns True;
// awaiting it without holding the lock returns ErrConditionNotLocked.
func (c *Condition) Wait() CondWait { return CondWait{c} }

// Notify wakes up to n waiters. It returns ErrConditionNotLocked unless the
// lock is held. A woken waiter returns from Wait only once it re-acquires
// the lock, so the notifier must release it.
func (c *Condition) Notify(n int) error {
	checkLoop(c.lock.loop, "Condition.Notify")
	if !c.lock.locked {
		return errCondNotify
	}
	return c.notify(n)
}

func (c *Condition) notify(n int) error {
	i := 0
	for w := c.waiters.head; w != nil && i < n; w = w.next {
		if w.state == wPending {
			i++
			w.wake()
		}
	}
	return nil
}

// NotifyAll wakes every waiter.
func (c *Condition) NotifyAll() error {
	checkLoop(c.lock.loop, "Condition.NotifyAll")
	if !c.lock.locked {
		return errCondNotifyAll
	}
	return c.notify(c.waiters.n)
}

// WaitFor returns a coroutine that waits until pred returns true: pred is
// checked first, then after every wake-up, with the lock held. Its value is
// the last result of pred (true unless an error ended the wait).
func (c *Condition) WaitFor(pred func() bool) Coro[bool] {
	if pred == nil {
		return errCoro[bool](fmt.Errorf("aio: Condition.WaitFor: nil predicate: %w", ErrInvalidArgument))
	}
	f := &condWaitForFrame{c: c, pred: pred}
	return f.Init(f)
}

// CondWait is the awaitable returned by Condition.Wait.
type CondWait struct{ c *Condition }

// Operations of a Condition's waiter.
const (
	condNotify  uint8 = iota // parked in c.waiters
	condAcquire              // parked in the lock's waiters
)

// AwaitBegin is part of the Awaitable protocol.
func (a CondWait) AwaitBegin(r *Runner) bool {
	c := a.c
	if !c.lock.locked {
		return true // AwaitEnd reports the misuse
	}
	c.lock.Release()
	c.lock.loop = r.fc.loop
	c.waiters.park(r, c, condNotify)
	return false
}

// AwaitEnd is part of the Awaitable protocol.
func (a CondWait) AwaitEnd(r *Runner) (bool, error) {
	if err := r.takeThrow(); err != nil {
		return false, err
	}
	if !a.c.lock.locked {
		return false, errCondWait
	}
	return true, nil
}

func (c *Condition) woke(w *waiter) {
	m := c.lock
	switch w.op {
	case condNotify:
		c.waiters.remove(w)
		w.err = w.takeCancel() // the error `await fut` raised, if any
	case condAcquire:
		m.waiters.remove(w)
		if err := w.takeCancel(); err != nil {
			if !m.locked {
				m.wakeFirst()
			}
			w.cancelled = true
		} else {
			m.locked = true
			c.finishWait(w)
			return
		}
	}
	// The `finally: while True: await self.acquire()` loop. An
	// uncontended acquire does not suspend.
	if m.TryAcquire() {
		c.finishWait(w)
		return
	}
	w.state, w.op = wPending, condAcquire
	m.waiters.pushBack(w)
	w.r.waitOn = w
}

func (c *Condition) finishWait(w *waiter) {
	r, err := w.r, w.err
	if w.cancelled {
		err = ErrCancelled // `raise exceptions.CancelledError`: no message
	}
	w.release()
	resumeWith(r, err)
}

// condWaitForFrame is Condition.wait_for as a state machine:
//
//	result = predicate()
//	while not result:
//	    await self.wait()
//	    result = predicate()
//	return result
type condWaitForFrame struct {
	CoroFrame[bool]
	c    *Condition
	pred func() bool
	pc   int
	aw   CondWait
}

func (f *condWaitForFrame) Resume(r *Runner) {
	if f.pc == 1 {
		goto resume1
	}
check:
	if f.pred() {
		f.Return(r, true, nil)
		return
	}
	f.aw = f.c.Wait()
	if !f.aw.AwaitBegin(r) {
		f.pc = 1
		return
	}
resume1:
	if _, err := f.aw.AwaitEnd(r); err != nil {
		f.Return(r, false, err)
		return
	}
	goto check
}

// ---------------------------------------------------------------------------
// Barrier

type barrierState uint8

const (
	barrierFilling barrierState = iota
	barrierDraining
	barrierResetting
	barrierBroken
)

// Barrier is asyncio.Barrier: parties tasks wait until all have arrived.
//
// Wait returns the arrival index, 0 to parties-1. The last arrival does not
// block and returns first; the others then return in arrival order. The
// barrier is cyclic: arrivals while the previous round drains wait for the
// next round. Abort breaks it for good (current waiters get a
// *BrokenBarrierError "Abort or reset of barrier", later ones "Barrier
// aborted"); Reset breaks the current waiters but leaves it usable. The
// implementation is CPython's, built on a Condition, so the wake-up order is
// the same.
type Barrier struct {
	cond    *Condition
	parties int
	state   barrierState
	count   int
}

// NewBarrier returns a barrier for parties tasks; parties < 1 returns
// ErrBarrierParties.
func NewBarrier(parties int) (*Barrier, error) {
	if parties < 1 {
		return nil, fmt.Errorf("aio: NewBarrier: %d parties: %w", parties, ErrBarrierParties)
	}
	return &Barrier{cond: NewCondition(nil), parties: parties}, nil
}

// Parties returns the number of tasks needed to trip the barrier.
func (b *Barrier) Parties() int { return b.parties }

// NWaiting returns the number of tasks waiting in the current round.
func (b *Barrier) NWaiting() int {
	if b.state == barrierFilling {
		return b.count
	}
	return 0
}

// Broken reports whether the barrier was aborted.
func (b *Barrier) Broken() bool { return b.state == barrierBroken }

// Wait returns a coroutine that waits for the barrier and returns this
// task's arrival index.
func (b *Barrier) Wait() Coro[int] {
	f := &barrierWaitFrame{b: b}
	return f.Init(f)
}

// Abort returns a coroutine that puts the barrier in the broken state
// (after acquiring its lock, as asyncio's abort does).
func (b *Barrier) Abort() Coro[struct{}] {
	f := &barrierCtlFrame{b: b, abort: true}
	return f.Init(f)
}

// Reset returns a coroutine that returns the barrier to its initial state;
// tasks waiting in the current round get a *BrokenBarrierError.
func (b *Barrier) Reset() Coro[struct{}] {
	f := &barrierCtlFrame{b: b}
	return f.Init(f)
}

func (b *Barrier) blockDone() bool {
	return b.state != barrierDraining && b.state != barrierResetting
}

func (b *Barrier) filled() bool { return b.state != barrierFilling }

func (b *Barrier) exit() {
	if b.count == 0 {
		if b.state == barrierResetting || b.state == barrierDraining {
			b.state = barrierFilling
		}
		b.cond.NotifyAll()
	}
}

// barrierWaitFrame is Barrier.wait as a state machine:
//
//	async with self._cond:
//	    await self._block()   # wait_for(not draining/resetting); raise if broken
//	    try:
//	        index = self._count; self._count += 1
//	        if index + 1 == self._parties: await self._release()
//	        else: await self._wait()   # wait_for(not filling); raise if broken/resetting
//	        return index
//	    finally:
//	        self._count -= 1; self._exit()
type barrierWaitFrame struct {
	CoroFrame[int]
	b     *Barrier
	pc    int
	index int
	acq   LockAcquire
	wait  CondWait
}

func (f *barrierWaitFrame) Resume(r *Runner) {
	b := f.b
	var err error
	switch f.pc {
	case 1:
		goto resume1
	case 2:
		goto resume2
	case 3:
		goto resume3
	}
	f.acq = b.cond.Acquire()
	if !f.acq.AwaitBegin(r) {
		f.pc = 1
		return
	}
resume1:
	if _, err := f.acq.AwaitEnd(r); err != nil {
		f.Return(r, 0, err)
		return
	}
	// _block
block:
	if b.blockDone() {
		goto blocked
	}
	f.wait = b.cond.Wait()
	if !f.wait.AwaitBegin(r) {
		f.pc = 2
		return
	}
resume2:
	if _, err := f.wait.AwaitEnd(r); err != nil {
		b.cond.Release()
		f.Return(r, 0, err)
		return
	}
	goto block
blocked:
	if b.state == barrierBroken {
		b.cond.Release()
		f.Return(r, 0, &BrokenBarrierError{"Barrier aborted"})
		return
	}
	f.index = b.count
	b.count++
	if f.index+1 == b.parties {
		b.state = barrierDraining // _release
		b.cond.NotifyAll()
		goto finally
	}
	// _wait
wait:
	if b.filled() {
		goto waited
	}
	f.wait = b.cond.Wait()
	if !f.wait.AwaitBegin(r) {
		f.pc = 3
		return
	}
resume3:
	if _, err = f.wait.AwaitEnd(r); err != nil {
		goto finally
	}
	goto wait
waited:
	if b.state == barrierBroken || b.state == barrierResetting {
		err = &BrokenBarrierError{"Abort or reset of barrier"}
	}
finally:
	b.count--
	b.exit()
	b.cond.Release()
	if err != nil {
		f.Return(r, 0, err)
		return
	}
	f.Return(r, f.index, nil)
}

// barrierCtlFrame is Barrier.abort / Barrier.reset:
//
//	async with self._cond:
//	    (change the state)
//	    self._cond.notify_all()
type barrierCtlFrame struct {
	CoroFrame[struct{}]
	b       *Barrier
	abort   bool
	started bool
	acq     LockAcquire
}

func (f *barrierCtlFrame) Resume(r *Runner) {
	b := f.b
	if !f.started {
		f.started = true
		f.acq = b.cond.Acquire()
		if !f.acq.AwaitBegin(r) {
			return
		}
	}
	if _, err := f.acq.AwaitEnd(r); err != nil {
		f.Return(r, struct{}{}, err)
		return
	}
	switch {
	case f.abort:
		b.state = barrierBroken
	case b.count > 0:
		b.state = barrierResetting
	default:
		b.state = barrierFilling
	}
	b.cond.NotifyAll()
	b.cond.Release()
	f.Return(r, struct{}{}, nil)
}
