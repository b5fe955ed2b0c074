package flake8parity

import (
	"context"
	"fmt"
	"math"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// ---- ASYNC100: a timeout around code without a checkpoint ----

// async100: `with fail_after(10): ...` around nothing.
// corpus: AIO100
func P100Empty() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Await(aio.Timeout(10*time.Second, aio.Async(func() (int, error) {
			return 0, nil
		})))
	})
}

// async100: fail_at / move_on_at.
// corpus: AIO100
func P100At(when time.Duration) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Await(aio.TimeoutAt(when, aio.Async(func() (int, error) {
			fmt.Println("hello")
			return 1, nil
		})))
	})
}

// async100: the asyncio form, asyncio.wait_for around a coroutine that never awaits.
// corpus: AIO100
func P100WaitFor() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Await(aio.WaitFor(aio.Async(func() (int, error) {
			return work(1), nil
		}), time.Second))
	})
}

// async100: `with move_on_after(10): await sleep(1)`.
// corpus: ok
func N100Awaits() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Await(aio.Timeout(10*time.Second, aio.Async(func() (int, error) {
			if _, err := aio.Await(aio.Sleep(time.Second)); err != nil {
				return 0, err
			}
			fmt.Println("hello")
			return 1, nil
		})))
	})
}

// async100: `while True: await sleep(1)` inside the scope: no AIO100, but
// flake8-async's ASYNC110 reports the loop itself (its body is exactly one
// sleep, whatever the condition).
// corpus: AIO110
func P110InScope() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Await(aio.Timeout(10*time.Second, aio.Async(func() (int, error) {
			for {
				if _, err := aio.Await(aio.Sleep(time.Second)); err != nil {
					return 0, err
				}
			}
		})))
	})
}

// async100 issue #295: return on a condition, else sleep. No AIO100; the
// loop is AIO110's exit-check form (`while not condition(): await sleep(1)`
// written with a return), which flake8-async's single-statement match
// misses but describes.
// corpus: AIO110
func P110ReturnOrSleep(limit time.Duration) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Await(aio.Timeout(limit, aio.Async(func() (int, error) {
			for {
				if condition() {
					return 1, nil
				}
				if _, err := aio.Await(aio.Sleep(time.Second)); err != nil {
					return 0, err
				}
			}
		})))
	})
}

// async100: an async function defined inside the scope does not run there.
// corpus: AIO100
func P100NestedDef() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Await(aio.Timeout(10*time.Second, aio.Async(func() (int, error) {
			foo := func() aio.Coro[int] {
				return aio.Async(func() (int, error) {
					return aio.Await(aio.Sleep(time.Second))
				})
			}
			_ = foo
			return 0, nil
		})))
	})
}

// async100: nested scopes, the inner one awaits: neither is reported.
// corpus: ok
func N100NestedAwaits() aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		return aio.Await(aio.Timeout(time.Second, aio.Async(func() (struct{}, error) {
			return aio.Await(aio.Timeout(time.Hour, aio.Async(func() (struct{}, error) {
				return aio.Await(aio.Sleep(time.Second))
			})))
		})))
	})
}

// async100: outer scope whose only content is an inner scope with nothing.
// corpus: AIO100
func P100NestedEmpty() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Await(aio.Timeout(time.Second, aio.Async(func() (int, error) {
			return aio.Await(aio.Timeout(time.Second, aio.Async(func() (int, error) {
				return 0, nil
			})))
		})))
	})
}

// async100: a timeout around a call of an async function: it may await.
// corpus: ok
func N100AroundCall() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Await(aio.Timeout(time.Second, fetch(1)))
	})
}

// async100 `random_ignored_library.fail_after(10)`: a context deadline is
// not an aio timeout.
// corpus: ok
func N100OtherLibrary(ctx context.Context) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		ctx, cancel := context.WithTimeout(ctx, time.Second)
		defer cancel()
		_ = ctx
		return work(2), nil
	})
}

// async100: yield counts as a checkpoint (the caller we yield to may).
// corpus: ok
func N100Yield() *aio.Gen[int] {
	return aio.Generator(func(yield aio.YieldFunc[int]) aio.Coro[struct{}] {
		return aio.Async(func() (struct{}, error) {
			return aio.Await(aio.Timeout(time.Second, aio.Async(func() (struct{}, error) {
				if _, err := aio.Await(yield(1)); err != nil {
					return struct{}{}, err
				}
				return struct{}{}, nil
			})))
		})
	})
}

// ---- ASYNC110: while cond: await sleep() ----

// async110: body is exactly one sleep.
// corpus: AIO110
func P110Sleep() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for !condition() {
			aio.Await(aio.Sleep(10 * time.Millisecond))
		}
		return 1, nil
	})
}

// async110: checking the sleep's error is still only a sleep.
// corpus: AIO110
func P110SleepErr() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for !condition() {
			if _, err := aio.Await(aio.Sleep(10 * time.Millisecond)); err != nil {
				return 0, err
			}
		}
		return 1, nil
	})
}

// async110: looping lowlevel.checkpoint() (aio.Yield) is the same busy-wait.
// corpus: AIO110
func P110Yield() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for !condition() {
			aio.Await(aio.Yield())
		}
		return 1, nil
	})
}

// async110 nested: the inner loop is reported, the outer one is not.
// corpus: AIO110
func P110Nested() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for condition() {
			for !condition() {
				aio.Await(aio.Sleep(time.Millisecond))
			}
			aio.Await(aio.Sleep(time.Millisecond))
		}
		return 1, nil
	})
}

// async110: two sleeps in the body are not reported.
// corpus: ok
func N110TwoSleeps() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for !condition() {
			aio.Await(aio.Sleep(time.Millisecond))
			aio.Await(aio.Sleep(time.Millisecond))
		}
		return 1, nil
	})
}

// async110: other work before the sleep.
// corpus: ok
func N110OtherWork() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		n := 0
		for !condition() {
			n = work(n)
			aio.Await(aio.Sleep(time.Millisecond))
		}
		return n, nil
	})
}

// async110: a user function named sleep is not the library sleep.
// corpus: ok
func N110OwnSleep() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for !condition() {
			aio.Await(sleep())
		}
		return 1, nil
	})
}

func sleep() aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) { return aio.Await(aio.Sleep(time.Millisecond)) })
}

// async110: `for _ in ...: await sleep()` is a counted loop, not a busy-wait.
// corpus: ok
func N110ForRange(items []int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for range items {
			aio.Await(aio.Sleep(time.Millisecond))
		}
		for i := 0; i < 3; i++ {
			aio.Await(aio.Sleep(time.Millisecond))
		}
		return len(items), nil
	})
}

// async110: the sleep is conditional.
// corpus: ok
func N110CondSleep() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for !condition() {
			if condition() {
				aio.Await(aio.Sleep(time.Millisecond))
			}
		}
		return 1, nil
	})
}

// async110: `while await sleep(): ...` — the condition awaits.
// corpus: ok
func N110AwaitInCond() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		n := 0
		for v, _ := aio.Await(fetch(1)); v > 0 && n < 3; v, _ = aio.Await(fetch(v - 1)) {
			n++
		}
		return n, nil
	})
}

// async110: a loop that only defines an async function.
// corpus: ok
func N110DefinesOnly() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		var last aio.Coro[struct{}]
		for i := 0; i < 2; i++ {
			last = aio.Async(func() (struct{}, error) { return aio.Await(aio.Sleep(time.Millisecond)) })
		}
		_, err := aio.Await(last)
		return 0, err
	})
}

// ---- ASYNC116: sleep longer than a day ----

// async116: sleep(100000) seconds.
// corpus: AIO116
func P116Long() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		_, err := aio.Await(aio.Sleep(100000 * time.Second))
		return 0, err
	})
}

// async116: sleep(math.inf).
// corpus: AIO116
func P116Inf() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		_, err := aio.Await(aio.Sleep(math.MaxInt64))
		return 0, err
	})
}

// async116: sleep(86400.01).
// corpus: AIO116
func P116JustOver() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		_, err := aio.Await(aio.Sleep(86400*time.Second + 10*time.Millisecond))
		return 0, err
	})
}

// async116: sleep(86399), sleep(86400): a day is fine.
// corpus: ok
func N116Day() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		aio.Await(aio.Sleep(86399 * time.Second))
		_, err := aio.Await(aio.Sleep(24 * time.Hour))
		return 0, err
	})
}

// async116: sleep(-1), sleep(0) and a computed duration.
// corpus: ok
func N116Other(d time.Duration) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		aio.Await(aio.Sleep(-1))
		aio.Await(aio.Sleep(0))
		_, err := aio.Await(aio.Sleep(d + 86400*time.Second))
		return 0, err
	})
}

// async116: the call need not be awaited nor in async code.
// corpus: AIO116
func P116NotAwaited() aio.SleepOp {
	return aio.Sleep(86401 * time.Second)
}
