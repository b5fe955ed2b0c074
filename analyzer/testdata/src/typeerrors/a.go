// Package typeerrors does not compile; the analyzers must still run on what
// type-checks and must not crash on what does not.
package typeerrors

import (
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func Broken(d time.Duration) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		time.Sleep(d) //aio:ignore AIO251 still honoured in a broken package
		undefinedCall(d)
		var s string = 1
		v, err := aio.Await(missing.Thing())
		<-undefinedChan
		aio.Spawn(undefinedCoro)
		mu.Lock()
		aio.Await(aio.Sleep(d))
		for {
		}
		return v + s, err
	})
}

func Half() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		time.Sleep(time.Second) // want `AIO251`
		return nope, nil
	})
}
