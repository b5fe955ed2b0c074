//go:build aiosrc

// Introspection lists every task of the loop with its async stack while they
// are suspended: which await each task is parked on, and what it waits for.
package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

var out io.Writer = os.Stdout

// fetch pretends to download url.
func fetch(url string, d time.Duration) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		if _, err := aio.Await(aio.Sleep(d)); err != nil {
			return 0, err
		}
		return len(url), nil
	})
}

// crawl fetches the pages one after the other.
func crawl(urls ...string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		total := 0
		for i, u := range urls {
			n, err := aio.Await(fetch(u, time.Duration(i+1)*time.Second))
			if err != nil {
				return total, err
			}
			total += n
		}
		return total, nil
	})
}

// Full paths and line numbers of the runtime vary by machine; keep the base
// name of the file so the output is stable.
var pathRE = regexp.MustCompile(`\(([^():]+):(\d+)\)`)

func program() aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		loop := aio.CurrentLoop()
		a := aio.Spawn(crawl("a.example", "b.example"), aio.WithName("crawler"))
		b := aio.Spawn(fetch("c.example", 5*time.Second), aio.WithName("fetcher"))
		waiter := aio.Spawn(aio.Async(func() (int, error) { return aio.Await(a) }), aio.WithName("waiter"))
		// Take the snapshot from a timer callback rather than from this
		// task, so that every task, this one included, is suspended at an
		// await when it is taken.
		loop.CallLater(1500*time.Millisecond, func() { snapshot(loop) })
		if _, err := aio.Await(aio.Sleep(2 * time.Second)); err != nil {
			return struct{}{}, err
		}
		for _, t := range []aio.AnyTask{a, b, waiter} {
			t.Cancel()
		}
		return struct{}{}, nil
	})
}

// snapshot prints the loop's tasks and their async stacks.
func snapshot(loop *aio.Loop) {
	fmt.Fprintf(out, "tasks at %v:\n", loop.Time())
	for _, t := range loop.AllTasks() {
		fmt.Fprintf(out, "  %s done=%v\n", t.Name(), t.Done())
	}
	var dump strings.Builder
	loop.DumpTasks(&dump)
	fmt.Fprint(out, pathRE.ReplaceAllStringFunc(dump.String(), func(m string) string {
		parts := pathRE.FindStringSubmatch(m)
		return "(" + filepath.Base(parts[1]) + ":" + parts[2] + ")"
	}))
}

func main() {
	if _, err := aio.Run(program()); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
