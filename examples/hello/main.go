//go:build aiosrc

// Hello shows the first thing to know about async functions: calling one runs
// nothing. It returns a coroutine, which runs only when something awaits it,
// here aio.Run.
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

// hello greets name after a second.
func hello(name string) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		fmt.Fprintf(out, "hello: running for %s\n", name)
		if _, err := aio.Await(aio.Sleep(time.Second)); err != nil {
			return "", err
		}
		fmt.Fprintln(out, "hello: woke up after a second")
		return "Hello, " + name + "!", nil
	})
}

func run(opts ...aio.Option) error {
	c := hello("world")
	fmt.Fprintln(out, "created", c, "- nothing has run yet")
	greeting, err := aio.Run(c, opts...)
	if err != nil {
		return err
	}
	fmt.Fprintln(out, greeting)
	fmt.Fprintln(out, "after the run:", c)
	return nil
}

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
