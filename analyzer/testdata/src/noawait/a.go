package noawait

import "github.com/asyncgo/asyncgo/runtime/aio"

func Sum(xs []int) aio.Coro[int] { // want `AIO124: async function Sum never awaits`
	return aio.Async(func() (int, error) {
		t := 0
		for _, x := range xs {
			t += x
		}
		f := func() { aio.Await(Child()) } // not run here (and AIO180)
		_ = f
		return t, nil
	})
}

func Child() aio.Coro[int] { // want `AIO124: async function Child never awaits`
	return aio.Async(func() (int, error) { return 1, nil })
}

// Negatives.
func Parent() aio.Coro[int] {
	return aio.Async(func() (int, error) { return aio.Await(Child()) })
}

func Cleanup() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		defer func() { aio.Await(Child()) }() // async cleanup counts
		return 0, nil
	})
}

func closure() {
	_ = aio.Async(func() (int, error) { return 1, nil }) // an async closure, not an async function
}

// A stub that only returns zero values and a method (which may implement an
// interface) are left alone, as flake8-async's ASYNC124 skips empty
// functions and methods.
func Stub() aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) { return struct{}{}, nil })
}

type server struct{ hits int }

func (s *server) Hit() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		s.hits++
		return s.hits, nil
	})
}
