package cororeuse

import (
	"errors"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

var errGaveUp = errors.New("gave up")

func Fetch(n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		if _, err := aio.Await(aio.Sleep(time.Millisecond)); err != nil {
			return 0, err
		}
		return n, nil
	})
}

func Twice() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		c := Fetch(1)
		a, _ := aio.Await(c)
		b, err := aio.Await(c) // want `AIO190: coroutine c is awaited again: it was already awaited at line 24 and a coroutine runs only once, so this fails with aio.ErrCoroReused`
		return a + b, err
	})
}

func Retry() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		c := Fetch(2)
		for attempt := 0; attempt < 3; attempt++ {
			v, err := aio.Await(c) // want `AIO190: coroutine c is awaited on every iteration of this loop but runs only once`
			if err == nil {
				return v, nil
			}
		}
		return 0, errGaveUp
	})
}

func RangeLoop(ids []int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		c := Fetch(3)
		t := 0
		for range ids {
			v, _ := aio.Await(c) // want `AIO190: coroutine c is awaited on every iteration`
			t += v
		}
		return t, nil
	})
}

// In an inner loop, every iteration of which awaits it.
func InnerLoop(n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for i := 0; i < n; i++ {
			c := Fetch(i)
			for j := 0; j < 2; j++ {
				aio.Await(c) // want `AIO190: coroutine c is awaited on every iteration`
			}
		}
		return 0, nil
	})
}

// Labeled continue of the outer loop after awaiting.
func Labeled(n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		c := Fetch(1)
	outer:
		for i := 0; i < n; i++ {
			for {
				if _, err := aio.Await(c); err != nil { // want `AIO190: coroutine c is awaited on every iteration`
					continue outer
				}
				break outer
			}
		}
		return 0, nil
	})
}

// Both branches of an if consumed it.
func BothBranches(fast bool) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		c := Fetch(4)
		if fast {
			aio.Spawn(c)
		} else {
			aio.Await(c)
		}
		return aio.Await(c) // want `AIO190: coroutine c is awaited again`
	})
}

func SpawnThenAwait() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		c := Fetch(5)
		t := aio.Spawn(c)
		defer t.Cancel()
		return aio.Await(c) // want `AIO190: coroutine c is awaited again: it was already spawned at line 101`
	})
}

func GatherThenAwait() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		c := Fetch(6)
		aio.Await(aio.Gather[int](c, Fetch(7)))
		return aio.Await(c) // want `AIO190: coroutine c is awaited again`
	})
}

// A parameter is a coroutine too.
func Param(c aio.Coro[int]) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		aio.Await(c)
		return aio.Await(c) // want `AIO190`
	})
}

// Twice in one expression.
func SameExpr() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		c := Fetch(8)
		return add(aio.Await(c))(aio.Await(c)) // want `AIO190`
	})
}

func add(a int, _ error) func(int, error) (int, error) {
	return func(b int, err error) (int, error) { return a + b, err }
}

// Negatives.

func Reassigned() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		c := Fetch(1)
		a, _ := aio.Await(c)
		c = Fetch(2)
		b, err := aio.Await(c)
		return a + b, err
	})
}

// A new coroutine on each iteration.
func InLoop(ids []int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		t := 0
		for _, id := range ids {
			c := Fetch(id)
			v, _ := aio.Await(c)
			t += v
		}
		return t, nil
	})
}

func RangeOverCoros(cs []aio.Coro[int]) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		t := 0
		for _, c := range cs {
			v, _ := aio.Await(c)
			t += v
		}
		return t, nil
	})
}

func ReassignedInLoop() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		c := Fetch(1)
		for attempt := 0; attempt < 3; attempt++ {
			v, err := aio.Await(c)
			if err == nil {
				return v, nil
			}
			c = Fetch(attempt)
		}
		return 0, errGaveUp
	})
}

// Every path after the await leaves the loop.
func LoopOnce() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		c := Fetch(1)
		for {
			v, err := aio.Await(c)
			if err != nil {
				return 0, err
			}
			return v, nil
		}
	})
}

// One branch or the other.
func EitherBranch(fast bool) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		c := Fetch(1)
		if fast {
			return aio.Await(c)
		}
		t := aio.Spawn(c)
		return aio.Await(t)
	})
}

// Only one of two correlated branches runs: not every path consumed it.
func Correlated(fast bool) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		c := Fetch(1)
		if fast {
			aio.Await(c)
		}
		if !fast {
			aio.Await(c)
		}
		return 0, nil
	})
}

// A task may be awaited any number of times.
func TaskTwice() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		t := aio.Spawn(Fetch(1))
		a, _ := aio.Await(t)
		b, err := aio.Await(t)
		return a + b, err
	})
}

// Futures too.
func FutureTwice(f *aio.Future[int]) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		a, _ := aio.Await(f)
		b, err := aio.Await(f)
		return a + b, err
	})
}

// Calling the async function twice makes two coroutines.
func CallTwice() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		a, _ := aio.Await(Fetch(1))
		b, err := aio.Await(Fetch(1))
		return a + b, err
	})
}

// Another closure may assign it: not tracked.
func AssignedInClosure() aio.Coro[int] {
	c := Fetch(1)
	renew := func() { c = Fetch(2) }
	return aio.Async(func() (int, error) {
		aio.Await(c)
		renew()
		return aio.Await(c)
	})
}

// Address taken: not tracked.
func AddressTaken() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		c := Fetch(1)
		aio.Await(c)
		renew(&c)
		return aio.Await(c)
	})
}

func renew(c *aio.Coro[int]) { *c = Fetch(3) }

// Deferred await runs at the end, once.
func Deferred() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		c := Fetch(1)
		defer aio.Await(c)
		return 0, nil
	})
}

// Passing it to a wrapper does not start it; awaiting the wrapper does.
func Wrapped() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		c := Fetch(1)
		return aio.Await(aio.WaitFor(c, time.Second))
	})
}

// Different async bodies each await their own capture once.
func Separate() aio.Coro[int] {
	c := Fetch(1)
	return aio.Async(func() (int, error) {
		return aio.Await(c)
	})
}

// A flag guards the single start: the consumption is conditional in the
// loop, so it is not reported.
func Guarded(n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		c := Fetch(1)
		var t *aio.Task[int]
		for i := 0; i < n; i++ {
			if t == nil {
				t = aio.Spawn(c)
			}
			aio.Await(aio.Yield())
		}
		return aio.Await(t)
	})
}

func FirstOnly() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		c := Fetch(1)
		for i := range 3 {
			if i == 0 {
				aio.Await(c)
			}
		}
		return 0, nil
	})
}

// Control flow the CFG must survive.
func Goto(n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		c := Fetch(1)
		i := 0
	again:
		if i < n {
			i++
			goto again
		}
		switch {
		case n > 0:
			fallthrough
		default:
			return aio.Await(c)
		}
	})
}

// Wrappers run the coroutine they wrap: wrapping it again in a retry loop
// reuses it.
func BadWrapped(d time.Duration) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		c := Fetch(1)
		for i := 0; i < 3; i++ {
			v, err := aio.Await(aio.WaitFor(c, d)) // want `AIO190: coroutine c is wrapped in aio.WaitFor on every iteration`
			if err == nil {
				return v, nil
			}
		}
		c2 := Fetch(1)
		_, _ = aio.Await(aio.Timeout(d, c2))
		_, _ = aio.Await(aio.Shield(c2)) // want `AIO190: coroutine c2 is wrapped in aio.Shield again: it was already wrapped in aio.Timeout`
		c3 := Fetch(1)
		_, _ = aio.Await(aio.Gather2(c3, Fetch(1)))
		return aio.Await(c3) // want `AIO190: coroutine c3 is awaited again: it was already gathered`
	})
}

func GoodWrapped(d time.Duration) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for i := 0; i < 3; i++ {
			v, err := aio.Await(aio.WaitFor(Fetch(1), d)) // a new coroutine each attempt
			if err == nil {
				return v, nil
			}
		}
		return 0, nil
	})
}
