package aio_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// tracer collects a program's printed lines so a test can compare them with
// the trace CPython's asyncio prints for the same program.
type tracer struct{ lines []string }

func (t *tracer) p(format string, args ...any) {
	t.lines = append(t.lines, fmt.Sprintf(format, args...))
}

func (t *tracer) check(tb testing.TB, want string) {
	tb.Helper()
	got := strings.Join(t.lines, "\n")
	want = strings.TrimSpace(want)
	if got != want {
		tb.Errorf("trace mismatch\n--- got\n%s\n--- want\n%s", got, want)
	}
}

func await0[T any](a aio.Awaitable[T]) T {
	v, err := aio.Await(a)
	if err != nil {
		panic(err)
	}
	return v
}

// Oracle 06: exact hop counts of common wake-ups against a ticker.
func TestOracle06HopCounting(t *testing.T) {
	var tr tracer
	ticker := func(n int) aio.Coro[struct{}] {
		return aio.Async(func() (struct{}, error) {
			for i := range n {
				tr.p("tick %d", i)
				await0(aio.Sleep(0))
			}
			return struct{}{}, nil
		})
	}
	quick := func() aio.Coro[int] {
		return aio.Async(func() (int, error) {
			tr.p("quick: runs and returns")
			return 1, nil
		})
	}
	setter := func(f *aio.Future[int]) aio.Coro[struct{}] {
		return aio.Async(func() (struct{}, error) {
			tr.p("setter: set_result(3)")
			f.SetResult(3)
			tr.p("setter: after set_result (waiter not resumed yet)")
			return struct{}{}, nil
		})
	}
	main := aio.Async(func() (struct{}, error) {
		tk := aio.Spawn(ticker(12))
		await0(aio.Sleep(0))
		tr.p("main: create quick and await it")
		tr.p("main: quick -> %d", await0(aio.Spawn(quick())))

		fut := aio.NewFuture[int]()
		aio.CurrentLoop().CallSoon(func() { tr.p("cb: set_result(2)"); fut.SetResult(2) })
		tr.p("main: await future resolved by call_soon callback")
		tr.p("main: fut -> %d", await0(fut))

		fut2 := aio.NewFuture[int]()
		aio.Spawn(setter(fut2))
		tr.p("main: await future resolved by another task")
		tr.p("main: fut2 -> %d", await0(fut2))

		fut3 := aio.NewFuture[int]()
		fut3.SetResult(4)
		tr.p("main: fut3 (already done) -> %d", await0(fut3))
		await0(tk)
		return struct{}{}, nil
	})
	if _, err := aio.Run(main); err != nil {
		t.Fatal(err)
	}
	tr.check(t, `
tick 0
main: create quick and await it
tick 1
quick: runs and returns
tick 2
main: quick -> 1
main: await future resolved by call_soon callback
tick 3
cb: set_result(2)
tick 4
main: fut -> 2
main: await future resolved by another task
tick 5
setter: set_result(3)
setter: after set_result (waiter not resumed yet)
tick 6
main: fut2 -> 3
main: fut3 (already done) -> 4
tick 7
tick 8
tick 9
tick 10
tick 11`)
}
