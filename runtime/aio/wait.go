package aio

import (
	"fmt"
	"time"
)

// Waitable is a task or future of any result type, as Wait accepts:
// *Task[T] and *Future[T] satisfy it. Coroutines do not (asyncio's wait
// refuses them too): spawn them first.
type Waitable interface {
	Done() bool
	Cancelled() bool
	Err() error
	core() *futureCore
}

// WaitWhen says when Wait returns: asyncio's return_when.
type WaitWhen uint8

const (
	// AllCompleted returns when every task or future is done (the
	// default, the zero value).
	AllCompleted WaitWhen = iota
	// FirstCompleted returns when any one is done.
	FirstCompleted
	// FirstException returns when any one fails with an error other than
	// cancellation, or when all are done.
	FirstException
)

// String returns the constant's Go name.
func (w WaitWhen) String() string {
	switch w {
	case AllCompleted:
		return "AllCompleted"
	case FirstCompleted:
		return "FirstCompleted"
	case FirstException:
		return "FirstException"
	}
	return fmt.Sprintf("WaitWhen(%d)", uint8(w))
}

// WaitResult is what Wait returns: the tasks and futures that are done and
// those still pending, each in the order they were given.
type WaitResult struct {
	Done, Pending []Waitable
}

// Wait waits until the condition when holds for fs and returns which are
// done and which are pending: asyncio.wait. It neither cancels pending ones
// nor reports their errors (read them from each task). A task or future
// given twice counts once. Like asyncio, Wait suspends even when everything
// is already done: completion is observed through done callbacks, which run
// through call-soon (two loop iterations). An empty fs or an unknown when is
// an error.
func Wait(fs []Waitable, when WaitWhen) Coro[WaitResult] {
	f := &waitFrame{fs: fs, when: when}
	return f.Init(f)
}

// WaitTimeout is Wait with a time limit: when d passes first, it returns
// what is done and pending at that moment, with no error (as asyncio.wait
// with timeout=d).
func WaitTimeout(fs []Waitable, when WaitWhen, d time.Duration) Coro[WaitResult] {
	f := &waitFrame{fs: fs, when: when, timeout: d, hasTimeout: true}
	return f.Init(f)
}

var errWaitEmpty = fmt.Errorf("aio: Wait: no tasks or futures to wait for: %w", ErrInvalidArgument)

type waitFrame struct {
	CoroFrame[WaitResult]
	fs         []Waitable
	when       WaitWhen
	timeout    time.Duration
	hasTimeout bool
	started    bool
	counter    int
	waiter     Future[struct{}]
	timer      releaseTimer
}

func (f *waitFrame) Resume(r *Runner) {
	if !f.started {
		f.started = true
		if err := f.begin(r.fc.loop); err != nil {
			f.Return(r, WaitResult{}, err)
			return
		}
		if !f.waiter.AwaitBegin(r) {
			return
		}
	}
	_, err := f.waiter.AwaitEnd(r)
	// finally: stop the timer and unregister from everything.
	f.timer.cancel()
	for _, w := range f.fs {
		w.core().removeWaker(f)
	}
	if err != nil {
		f.Return(r, WaitResult{}, err)
		return
	}
	var res WaitResult
	for _, w := range f.fs {
		if w.core().done() {
			res.Done = append(res.Done, w)
		} else {
			res.Pending = append(res.Pending, w)
		}
	}
	f.fs = nil
	f.Return(r, res, nil)
}

// begin validates fs, removes duplicates and registers the completion
// callback on each, as wait() and _wait() do before awaiting the waiter.
func (f *waitFrame) begin(l *Loop) error {
	if len(f.fs) == 0 {
		return errWaitEmpty
	}
	if f.when > FirstException {
		return fmt.Errorf("aio: Wait: invalid WaitWhen %d: %w", uint8(f.when), ErrInvalidArgument)
	}
	var seen map[*futureCore]bool // only for long lists; short ones scan
	if len(f.fs) > 16 {
		seen = make(map[*futureCore]bool, len(f.fs))
	}
	fs := make([]Waitable, 0, len(f.fs))
	for i, w := range f.fs {
		if err := waitableErr(w); err != nil {
			return fmt.Errorf("aio: Wait: element %d: %w", i, err)
		}
		fc := w.core()
		if seen != nil {
			if seen[fc] {
				continue
			}
			seen[fc] = true
		} else if containsCore(fs, fc) {
			continue
		}
		fs = append(fs, w)
	}
	f.fs = fs
	f.waiter.fc.loop = l
	if f.hasTimeout {
		f.timer.arm(l, l.Time()+f.timeout, &f.waiter.fc)
	}
	f.counter = len(fs)
	for _, w := range fs {
		fc := w.core()
		fc.bind(l)
		fc.addCallback(f, 0)
	}
	return nil
}

// invoke is _wait's _on_completion, run for each task or future as it
// finishes.
func (f *waitFrame) invoke(fc *futureCore) {
	f.counter--
	fire := f.counter <= 0 || f.when == FirstCompleted
	if !fire && f.when == FirstException && fc.state == stateDone {
		fc.retrieved = true // f.exception() was called
		fire = fc.error() != nil
	}
	if fire {
		f.timer.cancel()
		if !f.waiter.fc.done() {
			f.waiter.fc.complete(stateDone, nil)
		}
	}
}

// waitableErr is awaitableErr for a Waitable.
func waitableErr(w Waitable) error {
	if w == nil {
		return errNilAwaitable
	}
	if v, ok := w.(interface{ invalid() error }); ok {
		return v.invalid()
	}
	return nil
}

func containsCore(fs []Waitable, fc *futureCore) bool {
	for _, w := range fs {
		if w.core() == fc {
			return true
		}
	}
	return false
}
