// Package corpus is a labelled corpus for measuring the analyzers' precision
// and recall. Every top-level function whose doc comment has a line
// "corpus: <ids>" is one snippet; "corpus: ok" marks correct code that no
// default rule may report. Functions without the label (like these helpers)
// are not scored. The snippets imitate code users write, including cases
// the analyzers are known to get wrong: the score is measured, not assumed.
package corpus

import (
	"context"
	"database/sql"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

var (
	db     *sql.DB
	client = &http.Client{}
	mu     sync.Mutex
	shared = map[string]int{}
)

func compute(n int) int { return n * 2 }

func child(n int) aio.Coro[int] {
	return aio.Async(func() (int, error) { return n, nil })
}

func loadFile(name string) ([]byte, error) { return os.ReadFile(name) }

func readSettings() []byte {
	b, _ := loadFile("settings.json")
	return b
}

func pause() { time.Sleep(10 * time.Millisecond) }

func drain(ch <-chan int) int {
	n := 0
	for v := range ch {
		n += v
	}
	return n
}

func format(n int) string {
	if n > 0 {
		return "pos"
	}
	return "neg"
}

func startWorker(ch chan<- int) {
	go func() {
		time.Sleep(time.Millisecond)
		ch <- 1
	}()
}

func offloadRead(name string) *aio.Future[[]byte] {
	return aio.ToThread(func(context.Context) ([]byte, error) { return os.ReadFile(name) })
}

type Store struct {
	mu   sync.Mutex
	rw   sync.RWMutex
	data map[string]int
}

func (s *Store) get(k string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.data[k]
}

type Service struct{ store *Store }

func (sv *Service) Refresh() aio.Coro[int] {
	return aio.Async(func() (int, error) { return 1, nil })
}
