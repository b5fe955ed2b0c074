package aio

import (
	"errors"
	"time"
)

// Completed yields the results of a set of awaitables in the order they
// finish: the iterator asyncio.as_completed returns. Make one with
// AsCompleted or AsCompletedTimeout and await Next Len times:
//
//	ac := aio.AsCompleted(fetch(a), fetch(b), fetch(c))
//	for range ac.Len() {
//		v, err := aio.Await(ac.Next())
//		...
//	}
type Completed[T any] struct {
	args       []Awaitable[T] // until started
	entries    []*completedEntry[T]
	todo       int                  // entries not finished yet
	done       []*completedEntry[T] // finished, not yet handed out; nil = timeout marker
	getters    []*Future[struct{}]  // Next calls waiting for an item, FIFO
	n          int
	issued     int
	timeout    time.Duration
	hasTimeout bool
	handle     *Handle
	started    bool
}

// completedEntry is one distinct child and its done callback.
type completedEntry[T any] struct {
	c       *Completed[T]
	f       resultFuture[T]
	pending bool
}

// ErrNoMoreResults is returned by Completed.Next once Len results have been
// handed out.
var ErrNoMoreResults = errors.New("aio: AsCompleted: no more results")

// AsCompleted starts the awaitables (coroutines are wrapped in tasks, as
// asyncio.as_completed does) and returns an iterator over their results in
// completion order. A repeated argument counts once. Unlike asyncio, whose
// set iteration order is arbitrary, children are started and registered in
// argument order. Called outside a running loop, the children start at the
// first Next.
func AsCompleted[T any](aws ...Awaitable[T]) *Completed[T] {
	c := &Completed[T]{}
	c.init(aws)
	return c
}

// AsCompletedTimeout is AsCompleted with a time limit d, counted from the
// call (or from the first Next outside a loop): once it passes, every
// remaining Next fails with ErrTimeout; the children keep running.
func AsCompletedTimeout[T any](d time.Duration, aws ...Awaitable[T]) *Completed[T] {
	c := &Completed[T]{timeout: d, hasTimeout: true}
	c.init(aws)
	return c
}

func (c *Completed[T]) init(aws []Awaitable[T]) {
	// Deduplicate now so Len is right before the children start.
	var seen map[any]bool // only for long lists; short ones scan
	if len(aws) > 16 {
		seen = make(map[any]bool, len(aws))
	}
	for i, aw := range aws {
		key := awaitableKey(aw)
		dup := false
		switch {
		case key == nil:
		case seen != nil:
			dup = seen[key]
			seen[key] = true
		default:
			for _, prev := range aws[:i] {
				if awaitableKey(prev) == key {
					dup = true
					break
				}
			}
		}
		if !dup {
			c.args = append(c.args, aw)
		}
	}
	c.n = len(c.args)
	if l := runningLoop(); l != nil {
		c.start(l)
	}
}

func (c *Completed[T]) start(l *Loop) {
	if c.started {
		return
	}
	c.started = true
	args := c.args
	c.args = nil
	c.entries = make([]*completedEntry[T], len(args))
	for i, aw := range args {
		f := ensureAny(l, aw, "AsCompleted", i)
		c.entries[i] = &completedEntry[T]{c: c, f: f, pending: true}
	}
	c.todo = len(c.entries)
	for _, e := range c.entries {
		e.f.core().addCallback(e, 0)
	}
	if c.todo > 0 && c.hasTimeout {
		c.handle = l.CallLater(c.timeout, c.onTimeout)
	}
}

// Len returns the number of results Next will produce.
func (c *Completed[T]) Len() int { return c.n }

// onTimeout is as_completed's _on_timeout: every result not in yet becomes
// a timeout.
func (c *Completed[T]) onTimeout() {
	for _, e := range c.entries {
		if e.pending {
			e.pending = false
			e.f.core().removeWaker(e)
			c.put(nil)
		}
	}
	c.todo = 0
}

// invoke is as_completed's _on_completion.
func (e *completedEntry[T]) invoke(*futureCore) {
	c := e.c
	if c.todo == 0 || !e.pending {
		return // the timeout was here first
	}
	e.pending = false
	c.todo--
	c.put(e)
	if c.todo == 0 && c.handle != nil {
		c.handle.Cancel()
	}
}

// put is Queue.put_nowait: queue the item and wake the first waiting Next.
func (c *Completed[T]) put(e *completedEntry[T]) {
	c.done = append(c.done, e)
	c.wakeNext()
}

func (c *Completed[T]) wakeNext() {
	for len(c.getters) > 0 {
		g := c.getters[0]
		c.getters[0] = nil
		c.getters = c.getters[1:]
		if !g.fc.done() {
			g.fc.complete(stateDone, nil)
			return
		}
	}
}

// Next returns a coroutine that waits for the next result to come in and
// returns its value and error (ErrTimeout once the time limit has passed).
// Each Next is one of the Len results; further calls return
// ErrNoMoreResults.
func (c *Completed[T]) Next() Coro[T] {
	f := &nextFrame[T]{c: c}
	if c.issued >= c.n {
		f.exhausted = true
	}
	c.issued++
	return f.Init(f)
}

// nextFrame is as_completed's _wait_for_one, with Queue.get inlined.
type nextFrame[T any] struct {
	CoroFrame[T]
	c         *Completed[T]
	getter    *Future[struct{}]
	exhausted bool
}

func (f *nextFrame[T]) Resume(r *Runner) {
	c := f.c
	var zero T
	if f.exhausted {
		f.Return(r, zero, ErrNoMoreResults)
		return
	}
	c.start(r.fc.loop)
	if f.getter != nil {
		_, err := f.getter.AwaitEnd(r)
		g := f.getter
		f.getter = nil
		if err != nil {
			// Queue.get's cleanup: leave the line and pass a wake-up on.
			g.fc.cancel("")
			for i, x := range c.getters {
				if x == g {
					c.getters = append(c.getters[:i], c.getters[i+1:]...)
					break
				}
			}
			if len(c.done) > 0 && g.fc.state != stateCancelled {
				c.wakeNext()
			}
			f.Return(r, zero, err)
			return
		}
	}
	if len(c.done) == 0 {
		g := newPending(r.fc.loop)
		c.getters = append(c.getters, g)
		f.getter = g
		if !g.AwaitBegin(r) {
			return
		}
	}
	e := c.done[0]
	c.done[0] = nil
	c.done = c.done[1:]
	if e == nil {
		f.Return(r, zero, ErrTimeout)
		return
	}
	v, err := e.f.Result()
	f.Return(r, v, err)
}
