package aio_test

import (
	"strings"
	"testing"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// inlSrc has small methods returning an async generator and a coroutine:
// the compiler inlines them into their callers, and the closures of the
// inlined copies are named after the caller.
type inlSrc struct{ n int }

func (s *inlSrc) Items() *aio.Gen[int] {
	return aio.Generator(func(yield aio.YieldFunc[int]) aio.Coro[struct{}] {
		return aio.Async(func() (struct{}, error) {
			_, err := aio.Await(yield(s.n))
			return struct{}{}, err
		})
	})
}

func (s *inlSrc) Wait() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		_, err := aio.Await(aio.Sleep(time.Second))
		return s.n, err
	})
}

// Nest's body spawns an async closure: it is named after Nest too.
func (s *inlSrc) Nest() aio.Coro[*aio.Task[struct{}]] {
	return aio.Async(func() (*aio.Task[struct{}], error) {
		return aio.Spawn(aio.Async(func() (struct{}, error) { return aio.Await(aio.Sleep(time.Second)) })), nil
	})
}

// Generators and coroutines are named after the async function that wrote
// them even when the compiler inlined it into the caller.
func TestBodyNameOfInlinedFunction(t *testing.T) {
	s := &inlSrc{n: 1}
	g := s.Items()
	if got, want := g.String(), "<async_generator (*inlSrc).Items (not started)>"; got != want {
		t.Errorf("unstarted: %s, want %s", got, want)
	}
	runMain(t, func() (struct{}, error) {
		await0(g.Next())
		if got, want := g.String(), "<async_generator (*inlSrc).Items (suspended)>"; got != want {
			t.Errorf("suspended: %s, want %s", got, want)
		}
		w := aio.Spawn(s.Wait())
		aio.Await(aio.Sleep(0))
		st := w.Stack()
		if len(st) == 0 || st[0].Function != "(*inlSrc).Wait" || !strings.HasSuffix(st[0].File, "source_inline_test.go") {
			t.Errorf("stack of a task in an inlined async method: %v", st)
		}
		if c := s.Wait(); !strings.Contains(c.String(), "(*inlSrc).Wait") {
			t.Errorf("coroutine: %s", c)
		}
		n := await0(s.Nest())
		aio.Await(aio.Sleep(0))
		if st := n.Stack(); len(st) == 0 || st[0].Function != "(*inlSrc).Nest" {
			t.Errorf("stack of an async closure in an inlined async method: %v", st)
		}
		n.Cancel()
		w.Cancel()
		aio.Await(w)
		aio.Await(g.Close())
		return struct{}{}, nil
	})
}
