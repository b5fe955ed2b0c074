package unawaitedfix

import (
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func Send(to string) aio.Coro[bool] {
	return aio.Async(func() (bool, error) { return true, nil })
}

func Bad() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		Send("x")              // want `AIO105`
		aio.Sleep(time.Second) // want `AIO301`
		_ = Send("x")          // want `AIO105`
		defer func() {
			Send("cleanup") // want `AIO105`
		}()
		go func() {
			Send("elsewhere") // want `AIO105`
		}()
		return 0, nil
	})
}

func Plain() {
	Send("x") // want `AIO105`
}
