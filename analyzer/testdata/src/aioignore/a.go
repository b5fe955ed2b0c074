package aioignore

import (
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func Work(d time.Duration, ch chan int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		time.Sleep(d) //aio:ignore AIO251 calibrating the clock, nothing else runs yet
		//aio:ignore AIO251 // want `AIO001: //aio:ignore AIO251 needs a reason`
		time.Sleep(d) // the line above suppresses (and is reported for its missing reason)
		//aio:ignore AIO251,AIO261 both on the next statement // want `AIO001: unused suppression: no AIO251`
		ch <- int(d)
		x := 1 //aio:ignore AIO261 stale: nothing blocks here any more // want `AIO001: unused suppression: no AIO261 diagnostic here`
		//aio:ignore AIO999 not a rule // want `AIO001: //aio:ignore names unknown rule AIO999`
		y := 2
		//aio:ignore // want `AIO001: //aio:ignore names no rule`
		z := 3
		//aio:ignore AIO124 opt-in rule that is off: not reported as unused
		return x + y + z, nil
	})
}
