// Package flake8optin translates flake8-async's test cases for its opt-in
// rules (ASYNC109, ASYNC115, ASYNC124, ASYNC913) into aio, labelled like
// package flake8parity and scored with every opt-in rule enabled.
package flake8optin

import (
	"fmt"
	"os"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func condition() bool { return len(os.Args) > 2 }

func foo() aio.Coro[int] {
	return aio.Async(func() (int, error) { return aio.Await(aio.Sleep(time.Millisecond)) })
}

// ---- ASYNC109: timeout parameter ----

// async109 foo_1: a parameter named timeout.
// corpus: AIO109
func Fetch1(url string, timeout time.Duration) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Await(aio.WaitFor(foo(), timeout))
	})
}

// async109 foo_3: a variadic timeout is ignored, as *timeout is.
// corpus: ok
func Fetch3(url string, timeout ...time.Duration) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Await(foo())
	})
}

// async109 foo_5: timeouts, my_timeout, timeout_ are other names.
// corpus: ok
func Fetch5(timeouts []time.Duration, myTimeout, readTimeout time.Duration) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Await(foo())
	})
}

// async109 foo_10: normal functions are not checked.
// corpus: ok
func Plain(timeout time.Duration) int { return int(timeout) }

// ---- ASYNC115: sleep(0) ----

// async115: sleep(0), awaited or not.
// corpus: AIO115
func Zero() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		_, err := aio.Await(aio.Sleep(0))
		return 0, err
	})
}

// async115: sleep(1) and a variable delay.
// corpus: ok
func NonZero(d time.Duration) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		aio.Await(aio.Sleep(1))
		_, err := aio.Await(aio.Sleep(d))
		return 0, err
	})
}

// async115: time.sleep(0) is another rule's business (AIO251).
// corpus: AIO251
func TimeZero() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		time.Sleep(0)
		return aio.Await(foo())
	})
}

// ---- ASYNC124: async function that could be sync ----

// async124 foo_print.
// corpus: AIO124
func FooPrint() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		fmt.Println("hello")
		return 0, nil
	})
}

// async124 conditional_wait: awaits on some path.
// corpus: ok
func ConditionalWait() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		if condition() {
			return aio.Await(foo())
		}
		return 0, nil
	})
}

// async124 foo_nested: only a nested async function awaits.
// corpus: AIO124
func FooNested() aio.Coro[aio.Coro[int]] {
	return aio.Async(func() (aio.Coro[int], error) {
		inner := aio.Async(func() (int, error) { return aio.Await(foo()) })
		return inner, nil
	})
}

// async124 foo_empty / foo_empty_pass: a stub is left alone.
// corpus: ok
func FooEmpty() aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		return struct{}{}, nil
	})
}

// corpus: ok
func FooEmptyInt() aio.Coro[int] {
	return aio.Async(func() (int, error) { return 0, nil })
}

type Handler struct{ n int }

// async124 ignores class methods (they may implement an interface).
// corpus: ok
func (h *Handler) Serve() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		h.n++
		return h.n, nil
	})
}

// async124: awaiting counts wherever the await is (async with / async for).
// corpus: ok
func FooAsyncFor(q *aio.Queue[int]) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		sum := 0
		for range 3 {
			v, err := aio.Await(q.Get())
			if err != nil {
				return sum, err
			}
			sum += v
		}
		return sum, nil
	})
}

// ---- ASYNC913: indefinite loop without a guaranteed checkpoint ----

// async913 foo: while True: ... (never awaiting at all, it is AIO124 too).
// corpus: AIO913 AIO124
func Spin() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		n := 0
		for {
			n++
			if n > 1<<20 {
				return n, nil
			}
		}
	})
}

// async913 foo2: the loop awaits every time.
// corpus: ok
func Awaits() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for {
			if _, err := aio.Await(foo()); err != nil {
				return 0, err
			}
		}
	})
}

// async913 foo3: the await is conditional.
// corpus: AIO913
func CondAwait() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for {
			if condition() {
				if _, err := aio.Await(foo()); err != nil {
					return 0, err
				}
			}
		}
	})
}

// async913 foo_break: a loop with a break is not indefinite.
// corpus: ok
func WithBreak() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		n := 0
		for {
			if condition() {
				break
			}
			n++
		}
		_, err := aio.Await(foo())
		return n, err
	})
}

// async913 foo_nested: the inner loop is reported; it never lets the outer
// one go around.
// corpus: AIO913
func Nested() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		if _, err := aio.Await(foo()); err != nil {
			return 0, err
		}
		for {
			for {
				fmt.Print("")
			}
		}
	})
}

// async913 foo_indef_and_910: awaiting and returning on one branch does not
// make the other branch await.
// corpus: AIO913
func IndefAnd910() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for {
			if condition() {
				return aio.Await(foo())
			}
		}
	})
}

// A break out of a switch or select does not leave the loop; a labelled
// break does.
// corpus: AIO913
func SwitchBreak(ch chan int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		if _, err := aio.Await(foo()); err != nil {
			return 0, err
		}
		for {
			switch {
			case condition():
				break
			}
		}
	})
}

// corpus: ok
func LabelledBreak() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		n := 0
	loop:
		for {
			switch {
			case condition():
				break loop
			}
			n++
		}
		_, err := aio.Await(foo())
		return n, err
	})
}
