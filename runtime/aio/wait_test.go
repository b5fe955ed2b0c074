package aio_test

import (
	"errors"
	"testing"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func spawnSleeper(name string, d time.Duration, err error) *aio.Task[string] {
	return aio.Spawn(aio.Async(func() (string, error) {
		if _, e := aio.Await(aio.Sleep(d)); e != nil {
			return "", e
		}
		return name, err
	}), aio.WithName(name))
}

func taskNames(ws []aio.Waitable) []string {
	out := []string{}
	for _, w := range ws {
		out = append(out, w.(*aio.Task[string]).Name())
	}
	return out
}

func eqStrings(a []string, b ...string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestWaitFirstCompletedReturnsAtFirstDone(t *testing.T) {
	runMain(t, func() (struct{}, error) {
		a, b := spawnSleeper("a", ms(30), nil), spawnSleeper("b", ms(10), nil)
		res := await0(aio.Wait([]aio.Waitable{a, b}, aio.FirstCompleted))
		if !eqStrings(taskNames(res.Done), "b") || !eqStrings(taskNames(res.Pending), "a") {
			t.Errorf("done %v pending %v", taskNames(res.Done), taskNames(res.Pending))
		}
		if a.Done() || a.Cancelled() {
			t.Error("Wait touched the pending task")
		}
		await0(a)
		return struct{}{}, nil
	})
}

func TestWaitFirstExceptionIgnoresCancelledTasks(t *testing.T) {
	runMain(t, func() (struct{}, error) {
		x, y := spawnSleeper("x", time.Second, nil), spawnSleeper("y", ms(20), nil)
		z := spawnSleeper("z", ms(40), errors.New("z failed"))
		late := spawnSleeper("late", time.Minute, nil)
		await0(aio.Sleep(ms(5)))
		x.Cancel()
		res := await0(aio.Wait([]aio.Waitable{x, y, z, late}, aio.FirstException))
		if !eqStrings(taskNames(res.Done), "x", "y", "z") || !eqStrings(taskNames(res.Pending), "late") {
			t.Errorf("done %v pending %v", taskNames(res.Done), taskNames(res.Pending))
		}
		late.Cancel()
		return struct{}{}, nil
	})
}

// Results keep the input order, a repeated task counts once, and Wait
// returns no error even when tasks failed.
func TestWaitResultsInInputOrderWithoutDuplicates(t *testing.T) {
	runMain(t, func() (struct{}, error) {
		a, b := spawnSleeper("a", ms(20), errors.New("x")), spawnSleeper("b", ms(10), nil)
		res, err := aio.Await(aio.Wait([]aio.Waitable{a, b, a}, aio.AllCompleted))
		if err != nil || !eqStrings(taskNames(res.Done), "a", "b") || len(res.Pending) != 0 {
			t.Errorf("err %v done %v pending %v", err, taskNames(res.Done), taskNames(res.Pending))
		}
		if a.Err() == nil {
			t.Error("a did not fail")
		}
		return struct{}{}, nil
	})
}

func TestWaitTimeoutReturnsWhatIsPending(t *testing.T) {
	runMain(t, func() (struct{}, error) {
		a, b := spawnSleeper("a", ms(10), nil), spawnSleeper("b", time.Second, nil)
		start := aio.CurrentLoop().Time()
		res, err := aio.Await(aio.WaitTimeout([]aio.Waitable{a, b}, aio.AllCompleted, ms(50)))
		if err != nil || !eqStrings(taskNames(res.Done), "a") || !eqStrings(taskNames(res.Pending), "b") {
			t.Errorf("err %v done %v pending %v", err, taskNames(res.Done), taskNames(res.Pending))
		}
		if d := aio.CurrentLoop().Time() - start; d != ms(50) {
			t.Errorf("returned after %v", d)
		}
		if b.Done() {
			t.Error("timeout cancelled the pending task")
		}
		b.Cancel()
		return struct{}{}, nil
	})
}

func TestWaitRejectsEmptyAndInvalidArguments(t *testing.T) {
	runMain(t, func() (struct{}, error) {
		if _, err := aio.Await(aio.Wait(nil, aio.AllCompleted)); err == nil {
			t.Error("empty Wait succeeded")
		}
		f := aio.NewFuture[int]()
		if _, err := aio.Await(aio.Wait([]aio.Waitable{f}, aio.WaitWhen(9))); err == nil {
			t.Error("invalid WaitWhen accepted")
		}
		if _, err := aio.Await(aio.Wait([]aio.Waitable{nil}, aio.AllCompleted)); err == nil {
			t.Error("nil element accepted")
		}
		return struct{}{}, nil
	})
}

// Wait accepts futures of different result types together.
func TestWaitMixesFuturesOfDifferentTypes(t *testing.T) {
	runMain(t, func() (struct{}, error) {
		fi, fs := aio.NewFuture[int](), aio.NewFuture[string]()
		aio.CurrentLoop().CallLater(ms(5), func() { fs.SetResult("s") })
		res := await0(aio.Wait([]aio.Waitable{fi, fs}, aio.FirstCompleted))
		if len(res.Done) != 1 || res.Done[0] != aio.Waitable(fs) || res.Pending[0] != aio.Waitable(fi) {
			t.Errorf("done %v pending %v", res.Done, res.Pending)
		}
		return struct{}{}, nil
	})
}

// Cancelling the task in Wait cancels only the wait, not the tasks.
func TestWaitCancelledLeavesTasksRunning(t *testing.T) {
	runMain(t, func() (struct{}, error) {
		a := spawnSleeper("a", ms(50), nil)
		w := aio.Spawn(aio.Wait([]aio.Waitable{a}, aio.AllCompleted))
		await0(aio.Sleep(ms(10)))
		w.Cancel()
		if _, err := aio.Await(w); !aio.IsCancelled(err) {
			t.Errorf("wait: %v", err)
		}
		if v := await0(a); v != "a" {
			t.Errorf("a = %q", v)
		}
		return struct{}{}, nil
	})
}
