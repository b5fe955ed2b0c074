//go:build aiosrc

// Factorial is the asyncio documentation's gather example ported line by
// line: three factorials are computed concurrently, each awaiting a one-second
// sleep between steps. aio.Gather runs them as tasks, so the steps interleave
// (A, B, C, A, B, C, ...) and the whole program takes as long as the longest
// computation, 3 seconds, not the sum of all of them (6 seconds). The results
// come back in argument order, whatever order the tasks finish in.
package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// out is where the program prints; the golden test captures it.
var out io.Writer = os.Stdout

// factorial computes number! one multiplication per second.
func factorial(name string, number int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		f := 1
		for i := 2; i <= number; i++ {
			fmt.Fprintf(out, "Task %s: Compute factorial(%d), currently i=%d...\n", name, number, i)
			if _, err := aio.Await(aio.Sleep(time.Second)); err != nil {
				return 0, err
			}
			f *= i
		}
		fmt.Fprintf(out, "Task %s: factorial(%d) = %d\n", name, number, f)
		return f, nil
	})
}

func program() aio.Coro[[]int] {
	return aio.Async(func() ([]int, error) {
		start := aio.CurrentLoop().Time()
		results, err := aio.Await(aio.Gather(factorial("A", 2), factorial("B", 3), factorial("C", 4)))
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(out, "results %v after %v\n", results, aio.CurrentLoop().Time()-start)
		return results, nil
	})
}

func main() {
	if _, err := aio.Run(program()); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
