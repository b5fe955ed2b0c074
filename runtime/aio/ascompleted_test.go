package aio_test

import (
	"errors"
	"testing"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func TestAsCompletedYieldsInCompletionOrder(t *testing.T) {
	var tr tracer
	w := func(name string, d time.Duration) aio.Coro[string] {
		return aio.Async(func() (string, error) {
			await0(aio.Sleep(d))
			if name == "bad" {
				return "", errors.New("bad failed")
			}
			return name, nil
		})
	}
	runMain(t, func() (struct{}, error) {
		tk := aio.Spawn(tickerCoro(&tr, 3))
		ac := aio.AsCompleted(w("slow", ms(30)), w("fast", ms(10)), w("bad", ms(20)))
		for range ac.Len() {
			v, err := aio.Await(ac.Next())
			tr.p("%q %v", v, err)
		}
		_, err := aio.Await(ac.Next())
		tr.p("extra: %v", err)
		await0(tk)
		return struct{}{}, nil
	})
	tr.check(t, `
tick 0
tick 1
tick 2
"fast" <nil>
"" bad failed
"slow" <nil>
extra: aio: AsCompleted: no more results`)
}

func TestAsCompletedTimeoutFailsTheRest(t *testing.T) {
	runMain(t, func() (struct{}, error) {
		slow := aio.Spawn(sleepFor(time.Second, 1))
		ac := aio.AsCompletedTimeout[int](ms(20), sleepFor(ms(10), 2), slow)
		if v, err := aio.Await(ac.Next()); v != 2 || err != nil {
			t.Errorf("first: %v %v", v, err)
		}
		_, err := aio.Await(ac.Next())
		if !errors.Is(err, aio.ErrTimeout) || aio.CurrentLoop().Time() != ms(20) {
			t.Errorf("second: %v at %v", err, aio.CurrentLoop().Time())
		}
		if slow.Done() {
			t.Error("timeout cancelled a child")
		}
		slow.Cancel()
		return struct{}{}, nil
	})
}

func TestAsCompletedCountsRepeatedArgumentsOnce(t *testing.T) {
	runMain(t, func() (struct{}, error) {
		task := aio.Spawn(sleepFor(ms(1), 5))
		ac := aio.AsCompleted[int](task, task, sleepFor(ms(2), 6))
		if ac.Len() != 2 {
			t.Errorf("Len = %d", ac.Len())
		}
		a, b := await0(ac.Next()), await0(ac.Next())
		if a != 5 || b != 6 {
			t.Errorf("got %d %d", a, b)
		}
		return struct{}{}, nil
	})
}

// Results that are already in do not make Next suspend.
func TestAsCompletedReadyResultDoesNotSuspend(t *testing.T) {
	var tr tracer
	runMain(t, func() (struct{}, error) {
		ac := aio.AsCompleted(sleepFor(ms(1), 1), sleepFor(ms(1), 2))
		await0(aio.Sleep(ms(5)))
		tk := aio.Spawn(tickerCoro(&tr, 2))
		a, b := await0(ac.Next()), await0(ac.Next())
		tr.p("got %d %d", a, b)
		await0(tk)
		return struct{}{}, nil
	})
	tr.check(t, "got 1 2\ntick 0\ntick 1")
}
