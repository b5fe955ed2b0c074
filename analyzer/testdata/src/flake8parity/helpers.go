// Package flake8parity translates flake8-async's own test cases (its
// tests/eval_files and the examples of its rule documentation) into Go with
// the aio API: the positives it reports and the negatives it deliberately
// leaves alone. Same convention as package corpus: every top-level function
// whose doc comment has a line "corpus: <ids>" is one snippet, "corpus: ok"
// marks code no default rule may report. Each snippet names the flake8-async
// case it stands for. Where Go idiom argues for a different answer than
// flake8-async gives, the label follows asyncgo's documented rule and the
// comment says why.
package flake8parity

import (
	"net/http"
	"os"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

var (
	client     = &http.Client{}
	globClient = &http.Client{}
	logFile    *os.File
)

func condition() bool { return len(os.Args) > 3 }

func work(n int) int { return n + 1 }

func fetch(n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		if _, err := aio.Await(aio.Sleep(1)); err != nil {
			return 0, err
		}
		return n, nil
	})
}

func keep(t *aio.Task[int]) {}
