//go:build aiosrc

// Mightfail shows what aio.Gather does when one of its children fails. In the
// fail-fast form (asyncio.gather) the await returns the first error as soon as
// it happens, and the other children keep running: they are not cancelled,
// and their results are simply not reported. In the results form
// (aio.GatherResults, asyncio's return_exceptions=True) the await waits for
// every child and returns one aio.Result per argument, the failure in its
// place among the values.
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// out is where the program prints; the golden test captures it.
var out io.Writer = os.Stdout

// errUnlucky is what mightFail fails with.
var errUnlucky = errors.New("unlucky")

// mightFail waits d, then returns n * 10, or errUnlucky when fail is set.
func mightFail(n int, d time.Duration, fail bool) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		if _, err := aio.Await(aio.Sleep(d)); err != nil {
			return 0, err
		}
		if fail {
			fmt.Fprintf(out, "  job %d fails at %v\n", n, aio.CurrentLoop().Time())
			return 0, fmt.Errorf("job %d: %w", n, errUnlucky)
		}
		fmt.Fprintf(out, "  job %d done at %v\n", n, aio.CurrentLoop().Time())
		return n * 10, nil
	})
}

func program() aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		fmt.Fprintln(out, "fail-fast: aio.Gather")
		values, err := aio.Await(aio.Gather(
			mightFail(1, 1*time.Second, false),
			mightFail(2, 2*time.Second, true),
			mightFail(3, 3*time.Second, false),
		))
		fmt.Fprintf(out, "  gather returned values=%v err=%q (errors.Is unlucky: %v) at %v\n",
			values, err, errors.Is(err, errUnlucky), aio.CurrentLoop().Time())
		// Job 3 was not cancelled: it is still running. Give it time to
		// finish so that its line does not land in the middle of the next part.
		if _, err := aio.Await(aio.Sleep(2 * time.Second)); err != nil {
			return struct{}{}, err
		}

		fmt.Fprintln(out, "results: aio.GatherResults")
		results, err := aio.Await(aio.GatherResults(
			mightFail(4, 1*time.Second, false),
			mightFail(5, 2*time.Second, true),
			mightFail(6, 3*time.Second, false),
		))
		if err != nil {
			return struct{}{}, err // only a cancellation of the gather itself
		}
		for i, r := range results {
			fmt.Fprintf(out, "  result %d: value=%d err=%v\n", i, r.Value, r.Err)
		}
		return struct{}{}, nil
	})
}

func main() {
	if _, err := aio.Run(program()); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
