package awaitoutside

import "github.com/asyncgo/asyncgo/runtime/aio"

func Child() aio.Coro[int] {
	return aio.Async(func() (int, error) { return 1, nil })
}

func Plain() int {
	v, _ := aio.Await(Child()) // want `AIO180: aio.Await in an ordinary function`
	return v
}

func Nested() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		f := func() int {
			v, _ := aio.Await(Child()) // want `AIO180: aio.Await in a func literal that is not an async body`
			return v
		}
		go func() {
			aio.Await(Child()) // want `AIO180: aio.Await in a go statement`
		}()
		func() {
			aio.Await(Child()) // want `AIO180: aio.Await in a func literal`
		}()
		return f(), nil
	})
}

var global, _ = aio.Await(Child()) // want `AIO180: aio.Await outside any function`

// Negatives.
func Good() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		defer func() {
			aio.Await(Child()) // async cleanup: allowed
		}()
		inner := aio.Async(func() (int, error) {
			return aio.Await(Child()) // a nested async closure
		})
		v, err := aio.Await(inner)
		if err == nil && v > 0 {
			w, _ := aio.Await(Child())
			v += w
		}
		return v, err
	})
}
