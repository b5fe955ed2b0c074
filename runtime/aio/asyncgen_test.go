package aio_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// valueError stands for Python's ValueError in the oracle ports.
type valueError struct{ msg string }

func (e *valueError) Error() string { return "ValueError('" + e.msg + "')" }

// oracleGen is oracle 40's gen(name, n): it sleeps, yields 0..n-1 (printing
// what Send brought in), recovers from a thrown valueError by yielding
// "recovered", and awaits in its cleanup.
func oracleGen(tr *tracer, name string, n int) *aio.Gen[any] {
	return aio.Generator(func(yield aio.YieldFunc[any]) aio.Coro[struct{}] {
		return aio.Async(func() (struct{}, error) {
			defer func() { // finally
				tr.p("%s: finally (cleanup)", name)
				await0(aio.Sleep(0))
				tr.p("%s: finally done", name)
			}()
			for i := range n {
				await0(aio.Sleep(0))
				tr.p("%s: yield %d", name, i)
				got, err := aio.Await(yield(i))
				if ve := (*valueError)(nil); errors.As(err, &ve) {
					tr.p("%s: caught thrown %v", name, err)
					_, err = aio.Await(yield("recovered"))
					return struct{}{}, err
				}
				if err != nil {
					return struct{}{}, err
				}
				if got != nil {
					tr.p("%s: received '%v'", name, got)
				}
			}
			tr.p("%s: exhausted", name)
			return struct{}{}, nil
		})
	})
}

// Oracle 40: async generators are lazy and run in the consumer's task;
// Close runs the body's cleanup (which may await) and ends the iteration;
// closing an unstarted generator runs nothing; Send and Throw resume the
// yield with a value or an error.
func TestOracle40AsyncGenerator(t *testing.T) {
	var tr tracer
	main := aio.Async(func() (struct{}, error) {
		tr.p("--- full iteration")
		g1 := oracleGen(&tr, "G1", 2)
		for {
			v, err := aio.Await(g1.Next())
			if err == aio.ErrStopAsyncIteration {
				break
			}
			tr.p("consumer got %v", v)
		}

		tr.p("--- explicit aclose mid-way")
		g2 := oracleGen(&tr, "G2", 5)
		tr.p("first %v", await0(g2.Next()))
		await0(g2.Close())
		tr.p("after aclose")
		if _, err := aio.Await(g2.Next()); err == aio.ErrStopAsyncIteration {
			tr.p("anext after aclose -> StopAsyncIteration")
		}

		tr.p("--- aclose on a never-started generator")
		g0 := oracleGen(&tr, "G0", 3)
		await0(g0.Close())
		tr.p("closed without running finally")

		tr.p("--- break inside aclosing()")
		await0(aio.Async(func() (struct{}, error) {
			g3 := oracleGen(&tr, "G3", 5)
			defer func() { await0(g3.Close()) }()
			for {
				v, err := aio.Await(g3.Next())
				if err != nil {
					return struct{}{}, err
				}
				tr.p("consumer got %v", v)
				if v == 1 {
					tr.p("consumer: break")
					break
				}
			}
			return struct{}{}, nil
		}))
		tr.p("after aclosing block")

		tr.p("--- asend / athrow")
		g5 := oracleGen(&tr, "G5", 3)
		tr.p("first %v", await0(g5.Send(nil)))
		tr.p("next %v", await0(g5.Send("hello")))
		tr.p("athrow -> %v", await0(g5.Throw(&valueError{"boom"})))
		await0(g5.Close())
		return struct{}{}, nil
	})
	if _, err := aio.Run(main, aio.WithVirtualClock()); err != nil {
		t.Fatal(err)
	}
	tr.check(t, `
--- full iteration
G1: yield 0
consumer got 0
G1: yield 1
consumer got 1
G1: exhausted
G1: finally (cleanup)
G1: finally done
--- explicit aclose mid-way
G2: yield 0
first 0
G2: finally (cleanup)
G2: finally done
after aclose
anext after aclose -> StopAsyncIteration
--- aclose on a never-started generator
closed without running finally
--- break inside aclosing()
G3: yield 0
consumer got 0
G3: yield 1
consumer got 1
consumer: break
G3: finally (cleanup)
G3: finally done
after aclosing block
--- asend / athrow
G5: yield 0
first 0
G5: received 'hello'
G5: yield 1
next 1
G5: caught thrown ValueError('boom')
athrow -> recovered
G5: finally (cleanup)
G5: finally done`)
}

// counter yields 0..n-1 without awaiting anything else.
func counter(n int) *aio.Gen[int] {
	return aio.Generator(func(yield aio.YieldFunc[int]) aio.Coro[struct{}] {
		return aio.Async(func() (struct{}, error) {
			for i := range n {
				if _, err := aio.Await(yield(i)); err != nil {
					return struct{}{}, err
				}
			}
			return struct{}{}, nil
		})
	})
}

// A yield hands the value straight to the awaiting task: a generator that
// never awaits anything else costs no loop iteration (like a nested
// coroutine), so a ticker task gets no turn in between.
func TestAsyncGenYieldCostsNoIteration(t *testing.T) {
	var tr tracer
	main := aio.Async(func() (struct{}, error) {
		tick := aio.Spawn(aio.Async(func() (struct{}, error) {
			for i := range 3 {
				tr.p("tick %d", i)
				await0(aio.Sleep(0))
			}
			return struct{}{}, nil
		}))
		g := counter(3)
		for {
			v, err := aio.Await(g.Next())
			if err != nil {
				tr.p("end: %v", err == aio.ErrStopAsyncIteration)
				break
			}
			tr.p("got %d", v)
		}
		await0(tick)
		return struct{}{}, nil
	})
	if _, err := aio.Run(main); err != nil {
		t.Fatal(err)
	}
	tr.check(t, `
got 0
got 1
got 2
end: true
tick 0
tick 1
tick 2`)
}

// Python's edge cases, checked against CPython 3.11: Send(non-nil) before
// the start, Throw into an unstarted generator, operations on a finished
// generator, a body that yields after GeneratorExit, and an operation while
// the generator runs on behalf of another task.
func TestAsyncGenEdgeCases(t *testing.T) {
	var tr tracer
	stubborn := func() *aio.Gen[int] {
		return aio.Generator(func(yield aio.YieldFunc[int]) aio.Coro[struct{}] {
			return aio.Async(func() (struct{}, error) {
				for {
					if _, err := aio.Await(yield(1)); err == aio.ErrGeneratorExit {
						tr.p("ignoring exit")
					}
				}
			})
		})
	}
	slow := func() *aio.Gen[int] {
		return aio.Generator(func(yield aio.YieldFunc[int]) aio.Coro[struct{}] {
			return aio.Async(func() (struct{}, error) {
				await0(aio.Sleep(0))
				_, err := aio.Await(yield(7))
				return struct{}{}, err
			})
		})
	}
	main := aio.Async(func() (struct{}, error) {
		g := counter(2)
		_, err := aio.Await(g.Send(5))
		tr.p("send unstarted: %v", err == aio.ErrGenSendNonNil)
		tr.p("next: %d", await0(g.Next()))
		await0(g.Close())
		_, err = aio.Await(g.Send(nil))
		tr.p("send closed: %v done=%v", err == aio.ErrStopAsyncIteration, g.Done())

		g2 := counter(2)
		boom := errors.New("boom")
		_, err = aio.Await(g2.Throw(boom))
		tr.p("throw unstarted: %v", err == boom)
		_, err = aio.Await(g2.Next())
		tr.p("next after: %v", err == aio.ErrStopAsyncIteration)

		s := stubborn()
		await0(s.Next())
		_, err = aio.Await(s.Close())
		tr.p("close stubborn: %v", err == aio.ErrGenIgnoredExit)
		tr.p("next stubborn: %d", await0(s.Next()))

		g3 := counter(2)
		await0(g3.Next())
		_, err = aio.Await(g3.Throw(boom))
		tr.p("throw uncaught: %v", err == boom)
		_, err = aio.Await(g3.Next())
		tr.p("next after: %v", err == aio.ErrStopAsyncIteration)

		sl := slow()
		other := aio.Spawn(aio.Async(func() (int, error) { return aio.Await(sl.Next()) }))
		await0(aio.Yield()) // other starts sl and is suspended inside it
		tr.p("running: %v", sl.Running())
		_, err = aio.Await(sl.Next())
		tr.p("next while running: %v", err == aio.ErrGenRunning)
		tr.p("other got %d", await0(other))
		tr.p("%v", sl)
		return struct{}{}, nil
	})
	quiet := aio.WithExceptionHandler(func(*aio.Loop, aio.ExceptionContext) {})
	if _, err := aio.Run(main, quiet); err != nil {
		t.Fatal(err)
	}
	// The stubborn generator is still suspended when main returns: Run
	// closes it, it ignores the exit again, and the exception handler hears
	// of it.
	tr.check(t, `
send unstarted: true
next: 0
send closed: true done=true
throw unstarted: true
next after: true
ignoring exit
close stubborn: true
next stubborn: 1
throw uncaught: true
next after: true
running: true
next while running: true
other got 7
<async_generator TestAsyncGenEdgeCases (suspended)>
ignoring exit`)
}

// Run closes the generators still suspended when main returns, after the
// leftover tasks are cancelled, so their cleanup runs (asyncio.run's
// shutdown_asyncgens); an error from a close goes to the exception handler.
func TestRunClosesUnfinishedAsyncGens(t *testing.T) {
	var tr tracer
	var reports []string
	main := aio.Async(func() (struct{}, error) {
		g := oracleGen(&tr, "A", 5)
		tr.p("got %v", await0(g.Next()))
		never := oracleGen(&tr, "never", 5) // not started: nothing to close
		_ = never
		bad := aio.Generator(func(yield aio.YieldFunc[int]) aio.Coro[struct{}] {
			return aio.Async(func() (struct{}, error) {
				aio.Await(yield(1))
				return struct{}{}, errors.New("cleanup failed")
			})
		})
		await0(bad.Next())
		tr.p("main returns")
		return struct{}{}, nil
	})
	handler := aio.WithExceptionHandler(func(_ *aio.Loop, c aio.ExceptionContext) {
		reports = append(reports, c.Message+": "+c.Err.Error())
	})
	if _, err := aio.Run(main, handler, aio.WithVirtualClock()); err != nil {
		t.Fatal(err)
	}
	tr.p("%s", strings.Join(reports, "; "))
	tr.check(t, `
A: yield 0
got 0
main returns
A: finally (cleanup)
A: finally done
an error occurred during closing of asynchronous generator <async_generator TestRunClosesUnfinishedAsyncGens (finished)>: cleanup failed`)
}

// A panic in the body reaches the awaiter of Next, and the generator is
// finished.
func TestAsyncGenPanicReachesAwaiter(t *testing.T) {
	g := aio.Generator(func(yield aio.YieldFunc[int]) aio.Coro[struct{}] {
		return aio.Async(func() (struct{}, error) {
			aio.Await(yield(1))
			panic("bad generator")
		})
	})
	var got any
	main := aio.Async(func() (struct{}, error) {
		await0(g.Next())
		defer func() { got = recover() }()
		aio.Await(g.Next())
		return struct{}{}, nil
	})
	aio.Run(main)
	pe, ok := got.(*aio.PanicError)
	if !ok || pe.Value != "bad generator" || !g.Done() {
		t.Fatalf("recovered %v (done=%v), want the body's panic", got, g.Done())
	}
}

// A yield awaited anywhere but in its generator's running body fails
// instead of hijacking the caller.
func TestAsyncGenYieldOutside(t *testing.T) {
	var leaked aio.YieldFunc[int]
	g := aio.Generator(func(yield aio.YieldFunc[int]) aio.Coro[struct{}] {
		leaked = yield
		return aio.Async(func() (struct{}, error) { return struct{}{}, nil })
	})
	_, err := aio.Run(aio.Async(func() (any, error) {
		aio.Await(g.Next())
		return aio.Await(leaked(1))
	}))
	if err != aio.ErrYieldOutsideGen {
		t.Fatalf("err = %v, want ErrYieldOutsideGen", err)
	}
}
