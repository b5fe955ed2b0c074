//go:build aiosrc

// Coffeeshop is a small simulation: customers arrive every 1 to 3 seconds and
// queue their orders, two baristas take orders from the queue and brew each
// coffee for 1 to 5 seconds, concurrently. The random times come from a fixed
// seed and the program runs on a single-threaded loop, so it prints the same
// order log on every run; under aio.WithVirtualClock the minutes of brewing
// pass in milliseconds. The shop closes (Queue.Shutdown) after the last
// customer, and the baristas go home once the queue is empty.
package main

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// out is where the program prints; the golden test captures it.
var out io.Writer = os.Stdout

// customers is how many customers come before the shop closes.
const customers = 6

// order is one customer's coffee.
type order struct {
	customer int
	brew     time.Duration
}

// logf prints a line stamped with the loop's clock. On the real clock the
// time is rounded to a tenth of a second so that scheduling jitter does not
// clutter the log; on the virtual clock it is exact.
func logf(format string, args ...any) {
	now := aio.CurrentLoop().Time().Round(100 * time.Millisecond)
	fmt.Fprintf(out, "%5v  %s\n", now, fmt.Sprintf(format, args...))
}

// seconds returns a whole number of seconds between lo and hi.
func seconds(rng *rand.Rand, lo, hi int) time.Duration {
	return time.Duration(lo+rng.IntN(hi-lo+1)) * time.Second
}

// arrivals lets the customers in, one every 1 to 3 seconds, then closes the
// shop: the queue refuses new orders and drains.
func arrivals(rng *rand.Rand, orders *aio.Queue[order]) aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		defer orders.Shutdown(false)
		for c := 1; c <= customers; c++ {
			if _, err := aio.Await(aio.Sleep(seconds(rng, 1, 3))); err != nil {
				return struct{}{}, err
			}
			o := order{customer: c, brew: seconds(rng, 1, 5)}
			logf("customer %d orders (brews %v)", c, o.brew)
			if _, err := aio.Await(orders.Put(o)); err != nil {
				return struct{}{}, err
			}
		}
		logf("doors close")
		return struct{}{}, nil
	})
}

// barista brews orders until the shop is closed and the queue is empty, and
// returns how many coffees they made.
func barista(name string, orders *aio.Queue[order]) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		made := 0
		for {
			o, err := aio.Await(orders.Get())
			if errors.Is(err, aio.ErrQueueShutDown) {
				logf("%s goes home after %d coffees", name, made)
				return made, nil
			}
			if err != nil {
				return made, err
			}
			logf("%s starts coffee for customer %d", name, o.customer)
			if _, err := aio.Await(aio.Sleep(o.brew)); err != nil {
				return made, err
			}
			made++
			logf("%s serves customer %d", name, o.customer)
		}
	})
}

func program() aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		rng := rand.New(rand.NewPCG(7, 7))
		orders := aio.NewQueue[order](0)
		arrived := aio.Spawn(arrivals(rng, orders), aio.WithName("door"))
		// The baristas wait on the same queue: whoever asked first gets
		// the next order (waiters are served in FIFO order).
		made, err := aio.Await(aio.Gather(barista("Ana", orders), barista("Ben", orders)))
		if err != nil {
			return struct{}{}, err
		}
		if _, err := aio.Await(arrived); err != nil {
			return struct{}{}, err
		}
		logf("closed: %d coffees (Ana %d, Ben %d)", made[0]+made[1], made[0], made[1])
		return struct{}{}, nil
	})
}

func main() {
	if _, err := aio.Run(program()); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
