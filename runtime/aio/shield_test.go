package aio_test

import (
	"errors"
	"testing"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func TestShieldInnerKeepsRunningWhenAwaiterIsCancelled(t *testing.T) {
	runMain(t, func() (struct{}, error) {
		inner := aio.Spawn(sleepFor(ms(30), 7))
		w := aio.Spawn(aio.Async(func() (int, error) { return aio.Await(aio.Shield[int](inner)) }))
		await0(aio.Sleep(ms(10)))
		w.Cancel()
		if _, err := aio.Await(w); !aio.IsCancelled(err) {
			t.Errorf("awaiter: %v", err)
		}
		if aio.CurrentLoop().Time() != ms(10) {
			t.Error("awaiter was not cancelled at once")
		}
		if inner.Done() {
			t.Error("inner stopped")
		}
		if v := await0(inner); v != 7 {
			t.Errorf("inner = %d", v)
		}
		return struct{}{}, nil
	})
}

func TestShieldCancelledInnerCancelsOuter(t *testing.T) {
	runMain(t, func() (struct{}, error) {
		inner := aio.Spawn(sleepFor(time.Second, 1))
		s := aio.Shield[int](inner)
		await0(aio.Sleep(ms(1)))
		inner.Cancel()
		if _, err := aio.Await(s); !aio.IsCancelled(err) || !s.Cancelled() {
			t.Errorf("shield: %v cancelled=%v", err, s.Cancelled())
		}
		return struct{}{}, nil
	})
}

func TestShieldPassesValueAndError(t *testing.T) {
	runMain(t, func() (struct{}, error) {
		if v := await0(aio.Shield(sleepFor(ms(1), 3))); v != 3 {
			t.Errorf("value %d", v)
		}
		boom := errors.New("boom")
		_, err := aio.Await(aio.Shield(aio.Async(func() (int, error) { return 0, boom })))
		if err != boom {
			t.Errorf("error %v", err)
		}
		return struct{}{}, nil
	})
}

func TestShieldOfDoneFutureReturnsSameFuture(t *testing.T) {
	skipIfForeignLoop(t)
	f := aio.NewFuture[int]()
	f.SetResult(1)
	if aio.Shield[int](f) != f {
		t.Fatal("Shield(done future) made a new future")
	}
	runMain(t, func() (struct{}, error) {
		task := aio.Spawn(sleepFor(0, 4))
		await0(task)
		s := aio.Shield[int](task)
		if v, err := s.Result(); !s.Done() || v != 4 || err != nil {
			t.Errorf("Shield(done task): %v %v", v, err)
		}
		return struct{}{}, nil
	})
}

// When the inner fails in the same iteration the shield is cancelled, the
// inner's error counts as retrieved (asyncio's inner.exception() call), so
// it is not reported. (If the shield is cancelled earlier, asyncio unhooks
// it from the inner and a later failure is reported as usual.)
func TestShieldMarksInnerErrorRetrievedAfterOuterCancel(t *testing.T) {
	var reports []string
	runMain(t, func() (struct{}, error) {
		inner := aio.NewFuture[int]()
		s := aio.Shield[int](inner)
		aio.CurrentLoop().CallSoon(func() {
			inner.SetError(errors.New("late"))
			s.Cancel()
		})
		await0(aio.Sleep(ms(20)))
		return struct{}{}, nil
	}, aio.WithExceptionHandler(func(_ *aio.Loop, c aio.ExceptionContext) { reports = append(reports, c.Message) }))
	if len(reports) != 0 {
		t.Errorf("reports: %q", reports)
	}
}

func TestShieldOutsideLoopStartsWhenAwaited(t *testing.T) {
	skipIfForeignLoop(t)
	ran := false
	s := aio.Shield(aio.Async(func() (int, error) { ran = true; return 2, nil }))
	if ran {
		t.Fatal("ran before a loop")
	}
	v, err := aio.Run[int](s, aio.WithVirtualClock())
	if v != 2 || err != nil || !ran {
		t.Fatalf("Run(Shield) = %v %v", v, err)
	}
}
