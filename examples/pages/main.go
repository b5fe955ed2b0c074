//go:build aiosrc

// Pages reads a paginated listing through an async generator: each page is
// fetched only when the reader asks for more, and a reader that stops early
// closes the generator, whose deferred cleanup then runs (asyncio's async
// generator with aclose).
package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

var out io.Writer = os.Stdout

// catalog is the listing the simulated server pages through.
var catalog = []string{
	"anvil", "bellows", "chisel", "drill", "file", "gouge",
	"hammer", "jack", "knife", "level", "mallet", "nail",
}

// fetchPage simulates one round trip to the server: page n of size items,
// and whether more pages follow.
func fetchPage(n, size int) aio.Coro[[]string] {
	return aio.Async(func() ([]string, error) {
		fmt.Fprintf(out, "  fetching page %d\n", n)
		if _, err := aio.Await(aio.Sleep(100 * time.Millisecond)); err != nil {
			return nil, err
		}
		lo := min(n*size, len(catalog))
		hi := min(lo+size, len(catalog))
		return catalog[lo:hi], nil
	})
}

// items yields every item of the listing, fetching a page at a time as the
// reader consumes them.
func items(pageSize int) *aio.Gen[string] {
	return aio.Generator(func(yield aio.YieldFunc[string]) aio.Coro[struct{}] {
		return aio.Async(func() (struct{}, error) {
			defer fmt.Fprintln(out, "  listing closed")
			for n := 0; ; n++ {
				page, err := aio.Await(fetchPage(n, pageSize))
				if err != nil {
					return struct{}{}, err
				}
				if len(page) == 0 {
					return struct{}{}, nil
				}
				for _, it := range page {
					if _, err := aio.Await(yield(it)); err != nil {
						return struct{}{}, err // closed by the reader (ErrGeneratorExit)
					}
				}
			}
		})
	})
}

// find reads the listing until it sees want, then stops: the pages after
// the one holding want are never fetched.
func find(want string) aio.Coro[bool] {
	return aio.Async(func() (bool, error) {
		g := items(4)
		defer func() { aio.Await(g.Close()) }()
		for {
			it, err := aio.Await(g.Next())
			if errors.Is(err, aio.ErrStopAsyncIteration) {
				return false, nil
			}
			if err != nil {
				return false, err
			}
			fmt.Fprintf(out, "  read %s\n", it)
			if it == want {
				return true, nil
			}
		}
	})
}

func program() aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		loop := aio.CurrentLoop()
		for _, want := range []string{"file", "saw"} {
			start := loop.Time()
			fmt.Fprintf(out, "looking for %s\n", want)
			found, err := aio.Await(find(want))
			if err != nil {
				return struct{}{}, err
			}
			fmt.Fprintf(out, "found=%v after %v\n", found, loop.Time()-start)
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
