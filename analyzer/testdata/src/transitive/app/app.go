package app

import (
	"bytes"
	"context"
	"io"
	"os"
	"time"

	"transitive/lib"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func fetch(name string) []byte { return lib.Load(name) } // want fetch:`blocks: app.fetch -> lib.Load -> lib.readAll`

func Handler(c *lib.Client) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		b := fetch("x") // want `AIO201: fetch blocks the event loop in async function Handler: fetch -> lib.Load -> lib.readAll -> \(\*os.File\).Read \(AIO230\)`
		_ = c.Get("k")  // want `AIO201: \(\*lib.Client\).Get blocks the event loop in async function Handler: \(\*lib.Client\).Get -> \(\*lib.Client\).wait -> time.Sleep \(AIO251\)`
		_ = lib.Even(2) // want `AIO201: lib.Even blocks`
		return len(b), nil
	})
}

func Good() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		n := lib.Pure(2)
		lib.Background(time.Second)
		b, err := aio.Await(lib.Offload("x"))
		_ = lib.Later(time.Second)
		c, _ := aio.Await(lib.Fetch("y"))
		_ = aio.NewFuture[int]().Chan() // the runtime is trusted: its channel hand-offs are not blocking
		go fetch("z")                   // runs on another goroutine
		v, err2 := aio.Await(aio.ToThread(func(context.Context) (int, error) {
			return len(fetch("w")), nil // offloaded
		}))
		_ = err2
		return n + len(b) + len(c) + v, err
	})
}

// Helpers taking a file parameter block when given a file, not when given
// the terminal or a buffer.
func Files(out *os.File, w io.Writer) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		lib.Emit(out, "x")      // want `AIO201: lib.Emit blocks the event loop in async function Files: lib.Emit -> \(\*os.File\).WriteString \(AIO230\)`
		lib.Relay(out, "x")     // want `AIO201: lib.Relay blocks .*lib.Relay -> lib.Printf -> fmt.Fprintf to a file \(AIO230\)`
		var r io.Reader = out   // dynamic type known
		lib.Copy(io.Discard, r) // want `AIO201: lib.Copy blocks .*io.Copy from a file`
		lib.Audit("x")          // want `AIO201: lib.Audit blocks`
		emit := lib.Emit
		emit(out, "x") // want `AIO201: lib.Emit blocks`
		lib.Emit(os.Stdout, "x")
		lib.Printf(os.Stderr, "%d\n", 1)
		stdout := os.Stdout
		emit(stdout, "x")
		lib.Relay(w, "x") // unknown writer: not reported, as fmt.Fprintf(w, ...) in place is not
		var buf bytes.Buffer
		lib.Relay(&buf, "x")
		lib.Log("x")
		_ = lib.ToBuffer("x")
		lib.Format(&buf, 1)
		return buf.Len(), nil
	})
}
