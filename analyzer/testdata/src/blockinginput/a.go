package blockinginput

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

var stdin = bufio.NewScanner(os.Stdin)

func Ask() aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var s string
		fmt.Scanln(&s) // want `AIO250: fmt.Scanln blocks`
		r := bufio.NewReader(os.Stdin)
		line, _ := r.ReadString('\n') // want `AIO250: read from os.Stdin via \(\*bufio.Reader\).ReadString`
		stdin.Scan()                  // want `AIO250: read from os.Stdin via \(\*bufio.Scanner\).Scan`
		_, _ = io.ReadAll(os.Stdin)   // want `AIO250: read from os.Stdin`
		return s + line, nil
	})
}

func Good(text string) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		sc := bufio.NewScanner(strings.NewReader(text)) // in-memory input
		for sc.Scan() {
		}
		var n int
		fmt.Sscan(text, &n) // parses a string
		return aio.Await(aio.ToThread(func(context.Context) (string, error) {
			r := bufio.NewReader(os.Stdin)
			return r.ReadString('\n')
		}))
	})
}
