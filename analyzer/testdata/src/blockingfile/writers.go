package blockingfile

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

type Report struct{ out *os.File }

// Reads and writes through io.Reader and io.Writer are file I/O when the
// operand is an *os.File other than the standard streams.
func (r *Report) Save(name string, n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		f, err := os.Create(name) // want `AIO230: os.Create blocks`
		if err != nil {
			return 0, err
		}
		fmt.Fprintf(f, "%d\n", n)          // want `AIO230: fmt.Fprintf to a file blocks`
		fmt.Fprintln(r.out, "saved")       // want `AIO230: fmt.Fprintln to a file blocks`
		io.WriteString(f, "end\n")         // want `AIO230: io.WriteString to a file blocks`
		io.Copy(f, strings.NewReader("x")) // want `AIO230: io.Copy to a file blocks`
		_, _ = io.ReadAll(f)               // want `AIO230: io.ReadAll from a file blocks`
		var rd io.Reader = f               // the dynamic type is known: *os.File
		buf := make([]byte, 8)
		rd.Read(buf) // want `AIO230: \(io.Reader\).Read from a file blocks`
		br := bufio.NewReader(f)
		line, _ := br.ReadString('\n')                  // want `AIO230: \(\*bufio.Reader\).ReadString from a file blocks`
		for sc := bufio.NewScanner(r.out); sc.Scan(); { // want `AIO230: \(\*bufio.Scanner\).Scan from a file blocks`
		}
		bw := bufio.NewWriter(f)
		bw.WriteString(line) // buffered: touches the file only when full
		bw.Flush()           // want `AIO230: \(\*bufio.Writer\).Flush to a file blocks`
		return n, nil
	})
}

func GoodWriters(w io.Writer, n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		var buf bytes.Buffer
		fmt.Fprintf(&buf, "%d", n) // memory
		fmt.Fprintf(os.Stdout, "%d\n", n)
		fmt.Fprintln(logOut, "to stderr")
		var errw io.Writer = os.Stderr
		fmt.Fprintf(errw, "still the terminal\n")
		errw.Write([]byte("x\n"))
		fmt.Fprintf(w, "%d\n", n) // the dynamic type is unknown: not reported
		var rd io.Reader = strings.NewReader("abc")
		b := make([]byte, 3)
		rd.Read(b)
		var maybe io.Reader = os.Stdin
		maybe = strings.NewReader("reassigned") // no longer a single binding: unknown
		maybe.Read(b)
		bw := bufio.NewWriter(os.Stdout)
		bw.Flush()
		return buf.Len(), nil
	})
}
