//go:build aiosrc

// Executor shows why blocking Go code must not run on the event loop, and
// how aio.ToThread moves it off. The loop is one goroutine: while a task runs
// a CPU-heavy function (crunch) or a blocking call (slowRead, a stand-in for
// a driver or a cgo library), no other task runs. The first part calls them
// directly and the heartbeat task stays silent until they return; asyncgo vet
// flags such calls (AIO201 for a function that blocks further down, AIO251
// for time.Sleep, AIO230 for file I/O, ...), so the deliberate ones below
// carry //aio:ignore. The second part hands the same functions to
// aio.ToThread, which runs them on the loop's bounded goroutine pool and
// returns a future: the heartbeat keeps printing while they run.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// out is where the program prints; the golden test captures it.
var out io.Writer = os.Stdout

// chunks is how many parts crunch splits its work into.
const chunks = 4

// crunch is CPU-heavy: it counts the primes below n by trial division, in
// chunks, and sends the percentage done on progress after each chunk. It
// closes progress when it is done.
func crunch(n int, progress chan<- int) int {
	defer close(progress)
	count := 0
	for c := range chunks {
		for i := c * n / chunks; i < (c+1)*n/chunks; i++ {
			if isPrime(i) {
				count++
			}
		}
		progress <- (c + 1) * 100 / chunks
	}
	return count
}

// isPrime reports whether n is prime.
func isPrime(n int) bool {
	if n < 2 {
		return false
	}
	for d := 2; d*d <= n; d++ {
		if n%d == 0 {
			return false
		}
	}
	return true
}

// slowRead stands for a blocking API: it holds its goroutine for a while
// (real time: the virtual clock does not apply to it) and returns a result.
func slowRead() string {
	time.Sleep(20 * time.Millisecond)
	return "42 records"
}

// heartbeat prints a line for every progress report until progress is
// closed, and returns how many it printed. It can only print when the loop
// is free to run it.
//
// It ticks on crunch's progress rather than on a timer so that the output is
// the same on every run: under the virtual clock, time stands still while an
// executor job is in flight, so a heartbeat driven by aio.Sleep would not
// tick during the job, while one driven by the job's reports ticks exactly
// once per chunk.
func heartbeat(progress <-chan int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		beats := 0
		for {
			p, err := aio.Await(aio.Recv(progress))
			if errors.Is(err, aio.ErrChanClosed) {
				return beats, nil
			}
			if err != nil {
				return beats, err
			}
			beats++
			fmt.Fprintf(out, "  ♥ heartbeat %d: crunch is %d%% done\n", beats, p)
		}
	})
}

// blocking runs crunch and slowRead on the loop itself.
func blocking() aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		fmt.Fprintln(out, "== calling them on the loop")
		// Buffered: crunch runs on the loop, so nobody could receive its
		// reports while it runs; an unbuffered send would deadlock.
		progress := make(chan int, chunks)
		hb := aio.Spawn(heartbeat(progress))
		primes := crunch(200_000, progress) //aio:ignore AIO201 the demo blocks the loop on purpose
		fmt.Fprintf(out, "  crunch: %d primes\n", primes)
		rec := slowRead() //aio:ignore AIO201 the demo blocks the loop on purpose
		fmt.Fprintf(out, "  slowRead: %s\n", rec)
		fmt.Fprintln(out, "  (the heartbeat had no chance to run yet)")
		_, err := aio.Await(hb)
		return struct{}{}, err
	})
}

// offloaded runs the same functions with aio.ToThread.
func offloaded() aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		fmt.Fprintln(out, "== offloading them with aio.ToThread")
		progress := make(chan int)
		hb := aio.Spawn(heartbeat(progress))
		// Cancelling the awaiting task cancels ctx; these functions are
		// short and ignore it, a long job should watch it.
		primes := aio.ToThread(func(ctx context.Context) (int, error) {
			return crunch(200_000, progress), nil
		})
		rec := aio.ToThread(func(ctx context.Context) (string, error) {
			return slowRead(), nil
		})
		fmt.Fprintln(out, "  jobs started; the loop is free")
		res, err := aio.Await(aio.Gather2(primes, rec))
		if err != nil {
			return struct{}{}, err
		}
		// Both jobs are done, but the heartbeat's last line may still be on
		// its way to the loop: wait for it before printing the results.
		if _, err := aio.Await(hb); err != nil {
			return struct{}{}, err
		}
		fmt.Fprintf(out, "  crunch: %d primes\n", res.V1)
		fmt.Fprintf(out, "  slowRead: %s\n", res.V2)
		return struct{}{}, nil
	})
}

func program() aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		if _, err := aio.Await(blocking()); err != nil {
			return struct{}{}, err
		}
		return aio.Await(offloaded())
	})
}

func main() {
	if _, err := aio.Run(program()); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
