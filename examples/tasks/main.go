//go:build aiosrc

// Tasks runs two coroutines concurrently with aio.Spawn and awaits them in
// turn: the program takes 2 seconds, the longer of the two, not 3.
package main

import (
	"fmt"
	"io"
	"os"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

var out io.Writer = os.Stdout

// sayAfter waits for delay, then prints what.
func sayAfter(delay time.Duration, what string) aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		if _, err := aio.Await(aio.Sleep(delay)); err != nil {
			return struct{}{}, err
		}
		fmt.Fprintln(out, what)
		return struct{}{}, nil
	})
}

func program() aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		loop := aio.CurrentLoop()
		task1 := aio.Spawn(sayAfter(time.Second, "hello"))
		task2 := aio.Spawn(sayAfter(2*time.Second, "world"))
		start := loop.Time()
		fmt.Fprintf(out, "started at %v\n", start)
		if _, err := aio.Await(task1); err != nil {
			return struct{}{}, err
		}
		if _, err := aio.Await(task2); err != nil {
			return struct{}{}, err
		}
		fmt.Fprintf(out, "finished after %v\n", loop.Time()-start)
		return struct{}{}, nil
	})
}

func main() {
	if _, err := aio.Run(program()); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
