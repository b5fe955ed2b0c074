package longsleep

import (
	"math"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

const forever = 365 * 24 * time.Hour

func Forever() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		_, err := aio.Await(aio.Sleep(math.MaxInt64)) // want `AIO116: this aio.Sleep lasts 2562047h47m16.854775807s, more than a day, which usually stands for "forever"`
		return 0, err
	})
}

func Cases() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		aio.Await(aio.Sleep(forever))                // want `AIO116: this aio.Sleep lasts 8760h0m0s`
		aio.Await(aio.Sleep(86401 * time.Second))    // want `AIO116: this aio.Sleep lasts 24h0m1s`
		aio.Await(aio.Sleep(24*time.Hour + 1))       // want `AIO116`
		aio.Await(aio.Sleep(aio.NoDeadline))         // want `AIO116`
		aio.Await(aio.Sleep(time.Duration(1 << 62))) // want `AIO116`
		aio.Await(aio.Sleep(1e18))                   // want `AIO116: this aio.Sleep lasts 277777h46m40s`
		aio.Await(aio.Sleep(1.5 * 24 * time.Hour))   // want `AIO116: this aio.Sleep lasts 36h0m0s`
		return 0, nil
	})
}

// The call need not be awaited nor in async code to be reported.
func Main() {
	aio.Run(aio.Async(func() (int, error) {
		s := aio.Sleep(48 * time.Hour) // want `AIO116`
		_, err := aio.Await(s)
		return 0, err
	}))
}

// Negatives.
func Short(d time.Duration) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		aio.Await(aio.Sleep(24 * time.Hour)) // exactly a day: a daily job
		aio.Await(aio.Sleep(time.Hour))
		aio.Await(aio.Sleep(d)) // not a constant
		aio.Await(aio.Sleep(d * 1000 * time.Hour))
		aio.Await(aio.Sleep(-time.Second))
		aio.Await(aio.Sleep(0))
		time.Sleep(0) // not aio's
		return 0, nil
	})
}

func Event() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		_, err := aio.Await(aio.NewEvent().Wait())
		return 0, err
	})
}
