// Package lib holds ordinary helpers; some block further down.
package lib

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"sync"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

func readAll(f *os.File) []byte { // want readAll:`blocks if f is a file: lib.readAll -> \(\*os.File\).Read`
	buf := make([]byte, 512)
	f.Read(buf)
	return buf
}

func Load(name string) []byte { // want Load:`blocks: lib.Load -> lib.readAll -> \(\*os.File\).Read`
	f := os.NewFile(3, name)
	return readAll(f)
}

type Client struct{ mu sync.Mutex }

func (c *Client) Get(key string) string { // want Get:`blocks: \(\*lib.Client\).Get -> \(\*lib.Client\).wait -> time.Sleep`
	c.mu.Lock() // a mutex alone is not blocking for AIO201
	defer c.mu.Unlock()
	c.wait()
	return key
}

func (c *Client) wait() { time.Sleep(time.Millisecond) } // want wait:`blocks: .*time.Sleep`

// Recursive functions converge.
func Even(n int) bool { // want Even:`blocks: lib.Even -> channel receive`
	if n == 0 {
		<-make(chan int)
		return true
	}
	return Odd(n - 1)
}

func Odd(n int) bool { // want Odd:`blocks: lib.Odd -> lib.Even -> channel receive`
	if n == 0 {
		return false
	}
	return Even(n - 1)
}

// Negatives: no fact.
func Pure(x int) int { return x * 2 }

func Background(d time.Duration) {
	go func() { time.Sleep(d) }() // another goroutine
}

func Offload(name string) *aio.Future[[]byte] {
	return aio.ToThread(func(context.Context) ([]byte, error) { return os.ReadFile(name) })
}

func Later(d time.Duration) func() {
	return func() { time.Sleep(d) } // returned, not called
}

func Fetch(name string) aio.Coro[[]byte] { // an async function: calling it blocks nothing
	return aio.Async(func() ([]byte, error) {
		return os.ReadFile(name)
	})
}

// Closures and callbacks run in place block their caller.
func Settle(d time.Duration) { // want Settle:`blocks: lib.Settle -> time.Sleep`
	nap := func() { time.Sleep(d) }
	nap()
}

var once sync.Once

func Init() { // want Init:`blocks: lib.Init -> os.Remove`
	once.Do(func() { os.Remove("lock") })
}

// A method value bound to a variable is followed like a direct call.
func Poll(c *Client) string { // want Poll:`blocks: lib.Poll -> \(\*lib.Client\).Get -> \(\*lib.Client\).wait -> time.Sleep`
	get := c.Get
	return get("k")
}

// I/O through a file parameter blocks only if the caller passes a file:
// the fact says which parameter, and each call site decides.
func Emit(w *os.File, s string) { w.WriteString(s) } // want Emit:`blocks if w is a file: lib.Emit -> \(\*os.File\).WriteString`

func Printf(w io.Writer, format string, args ...any) { // want Printf:`blocks if w is a file: lib.Printf -> fmt.Fprintf to a file`
	fmt.Fprintf(w, format, args...)
}

func Relay(w io.Writer, s string) { Printf(w, "%s", s) } // want Relay:`blocks if w is a file: lib.Relay -> lib.Printf -> fmt.Fprintf to a file`

func Copy(dst io.Writer, src io.Reader) { // want Copy:`blocks if dst is a file: .*; blocks if src is a file: lib.Copy -> io.Copy from a file`
	io.Copy(dst, src)
}

var auditLog *os.File

func Audit(s string) { Relay(auditLog, s) } // want Audit:`blocks: lib.Audit -> lib.Relay -> lib.Printf -> fmt.Fprintf to a file`

// A parameter reassigned in the body is no longer the caller's argument.
func Reassigned(w *os.File) { // want Reassigned:`blocks: lib.Reassigned -> \(\*os.File\).WriteString`
	w = auditLog
	w.WriteString("x")
}

// No facts: the terminal, memory.
func Log(s string) { Emit(os.Stderr, s); Printf(os.Stdout, "%s\n", s) }

func Format(b *bytes.Buffer, n int) { fmt.Fprintf(b, "%d", n) }

func ToBuffer(s string) string {
	var b bytes.Buffer
	Relay(&b, s)
	return b.String()
}
