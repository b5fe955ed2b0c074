//go:build aiosrc

// Serverstatus asks several servers for their status at once and gives each
// one two seconds to answer. aio.WaitFor runs every query as a task with its
// own time limit: when the time is up it cancels the slow query, which sees
// the cancellation at its await and can clean up, and reports aio.ErrTimeout
// (errors.Is(err, context.DeadlineExceeded) holds too). aio.GatherResults
// collects every outcome, so one slow server does not hide the others'
// answers; the whole check takes two seconds however slow the slowest server.
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

// limit is how long each server gets to answer.
const limit = 2 * time.Second

// server is a fake server that answers after latency.
type server struct {
	name    string
	latency time.Duration
	status  string
}

// query asks s for its status. It stands for a network round trip.
func query(s server) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		if _, err := aio.Await(aio.Sleep(s.latency)); err != nil {
			// Cancelled by WaitFor: a real client would close its
			// connection here.
			fmt.Fprintf(out, "  %v %s: query cancelled (%v)\n", aio.CurrentLoop().Time(), s.name, err)
			return "", err
		}
		fmt.Fprintf(out, "  %v %s: answered\n", aio.CurrentLoop().Time(), s.name)
		return s.status, nil
	})
}

func program() aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		servers := []server{
			{"alpha", 500 * time.Millisecond, "ok"},
			{"beta", 3 * time.Second, "ok"},
			{"gamma", 1500 * time.Millisecond, "degraded"},
			{"delta", time.Minute, "ok"},
		}
		var checks []aio.Awaitable[string]
		for _, s := range servers {
			checks = append(checks, aio.WaitFor(query(s), limit))
		}
		start := aio.CurrentLoop().Time()
		results, err := aio.Await(aio.GatherResults(checks...))
		if err != nil {
			return struct{}{}, err
		}
		fmt.Fprintf(out, "status after %v:\n", aio.CurrentLoop().Time()-start)
		for i, r := range results {
			switch {
			case errors.Is(r.Err, aio.ErrTimeout):
				fmt.Fprintf(out, "  %-6s no answer within %v (deadline exceeded: %v)\n",
					servers[i].name, limit, errors.Is(r.Err, context.DeadlineExceeded))
			case r.Err != nil:
				fmt.Fprintf(out, "  %-6s error: %v\n", servers[i].name, r.Err)
			default:
				fmt.Fprintf(out, "  %-6s %s\n", servers[i].name, r.Value)
			}
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
