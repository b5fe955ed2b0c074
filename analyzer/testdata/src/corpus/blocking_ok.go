package corpus

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// corpus: ok
func OkAioSleep(d time.Duration) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		if _, err := aio.Await(aio.Sleep(d)); err != nil {
			return 0, err
		}
		return 1, nil
	})
}

// corpus: ok
func OkToThreadHTTP(u string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Await(aio.ToThread(func(ctx context.Context) (int, error) {
			req, err := http.NewRequestWithContext(ctx, "GET", u, nil)
			if err != nil {
				return 0, err
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				return 0, err
			}
			defer resp.Body.Close()
			b, err := io.ReadAll(resp.Body)
			return len(b), err
		}))
	})
}

// corpus: ok
func OkBuildRequest(u string) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		req, err := http.NewRequest("POST", u, strings.NewReader("x"))
		if err != nil {
			return "", err
		}
		req.Header.Set("Content-Type", "text/plain")
		q := url.Values{}
		q.Set("a", "1")
		return req.URL.String() + "?" + q.Encode(), nil
	})
}

// corpus: ok
func OkTimeArithmetic(start time.Time) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		el := time.Since(start)
		deadline := time.Now().Add(5 * time.Second)
		return el.String() + deadline.Format(time.RFC3339), nil
	})
}

// corpus: ok
func OkTimerStop(d time.Duration) aio.Coro[bool] {
	return aio.Async(func() (bool, error) {
		t := time.NewTimer(d)
		stopped := t.Stop() // Stop does not wait
		return stopped, nil
	})
}

// corpus: ok
func OkGoroutineSleeps(ch chan int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		go func() {
			time.Sleep(time.Second)
			ch <- 1
		}()
		return 0, nil
	})
}

// corpus: ok
func OkSelectDefault(ch chan int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		select {
		case v := <-ch:
			return v, nil
		default:
			return 0, nil
		}
	})
}

// corpus: ok
func OkNonBlockingSend(ch chan int) aio.Coro[bool] {
	return aio.Async(func() (bool, error) {
		select {
		case ch <- 1:
			return true, nil
		default:
			return false, nil
		}
	})
}

// corpus: ok
func OkMakeChan() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		ch := make(chan int, 4)
		close(ch)
		return cap(ch) + len(ch), nil
	})
}

// corpus: ok
func OkToThreadFile(name string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		b, err := aio.Await(aio.ToThread(func(context.Context) ([]byte, error) {
			return os.ReadFile(name)
		}))
		return len(b), err
	})
}

// corpus: ok
func OkOffloadHelper(name string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		b, err := aio.Await(offloadRead(name))
		return len(b), err
	})
}

// corpus: ok
func OkPathManipulation(name string) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		dir, file := filepath.Split(name)
		ext := filepath.Ext(file)
		return filepath.Join(dir, strings.TrimSuffix(file, ext)+".bak"), nil
	})
}

// corpus: ok
func OkEnv() aio.Coro[string] {
	return aio.Async(func() (string, error) {
		home := os.Getenv("HOME")
		if v, ok := os.LookupEnv("APP_MODE"); ok {
			return home + v, nil
		}
		return home, nil
	})
}

// corpus: ok
func OkPrint(n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		fmt.Println("order", n)
		fmt.Fprintf(os.Stderr, "debug %d\n", n)
		log.Printf("n=%d", n)
		return n, nil
	})
}

// corpus: ok
func OkStdoutWrite(msg string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return os.Stdout.WriteString(msg + "\n")
	})
}

// corpus: ok
func OkJSON(v any) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		b, err := json.Marshal(v)
		if err != nil {
			return "", err
		}
		var back map[string]any
		err = json.NewDecoder(bytes.NewReader(b)).Decode(&back)
		return string(b), err
	})
}

// corpus: ok
func OkScanString(s string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		var a, b int
		_, err := fmt.Sscanf(s, "%d %d", &a, &b)
		return a + b, err
	})
}

// corpus: ok
func OkBufioOverString(text string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		sc := bufio.NewScanner(strings.NewReader(text))
		n := 0
		for sc.Scan() {
			n++
		}
		return n, sc.Err()
	})
}

// corpus: ok
func OkMutexShort(s *Store, k string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		s.mu.Lock()
		v := s.data[k]
		s.mu.Unlock()
		return v, nil
	})
}

// corpus: ok
func OkMutexHelper(s *Store, k string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return s.get(k), nil // the helper locks a mutex: short critical sections are not AIO201
	})
}

// corpus: ok
func OkOnce(once *sync.Once) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		once.Do(func() {})
		return 1, nil
	})
}

// corpus: ok
func OkAtomic(n *atomic.Int64) aio.Coro[int64] {
	return aio.Async(func() (int64, error) {
		return n.Add(1), nil
	})
}

// corpus: ok
func OkWaitGroupInGoroutine(ch chan int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		var wg sync.WaitGroup
		wg.Add(2)
		go func() { defer wg.Done() }()
		go func() { defer wg.Done() }()
		go func() {
			wg.Wait()
			close(ch)
		}()
		return 0, nil
	})
}

// corpus: ok
func OkWaitGroupToThread() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		var wg sync.WaitGroup
		wg.Add(1)
		go func() { defer wg.Done() }()
		_, err := aio.Await(aio.ToThread(func(context.Context) (struct{}, error) {
			wg.Wait()
			return struct{}{}, nil
		}))
		return 0, err
	})
}

// corpus: ok
func OkContextCreate(parent context.Context) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		ctx, cancel := context.WithTimeout(parent, time.Second)
		defer cancel()
		if ctx.Err() != nil {
			return 0, ctx.Err()
		}
		return 1, nil
	})
}

// corpus: ok
func OkNetParse(addr string) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		host, port, err := net.SplitHostPort(addr)
		if err != nil {
			return "", err
		}
		if ip := net.ParseIP(host); ip == nil {
			return "", errors.New("not an ip")
		}
		return port, nil
	})
}

// corpus: ok
func OkExecPrepare(args []string) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		cmd := exec.Command("echo", args...)
		cmd.Env = append(os.Environ(), "A=1")
		return cmd.String(), nil
	})
}

// corpus: ok
func OkExecToThread(args []string) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		out, err := aio.Await(aio.ToThread(func(ctx context.Context) ([]byte, error) {
			return exec.CommandContext(ctx, "echo", args...).Output()
		}))
		return string(out), err
	})
}

// corpus: ok
func OkDBConfig() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		db.SetMaxOpenConns(10)
		db.SetConnMaxLifetime(time.Minute)
		return db.Stats().OpenConnections, nil
	})
}

// corpus: ok
func OkDBToThread(id int) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		return aio.Await(aio.ToThread(func(ctx context.Context) (string, error) {
			var name string
			err := db.QueryRowContext(ctx, "SELECT name FROM users WHERE id = ?", id).Scan(&name)
			return name, err
		}))
	})
}

// corpus: ok
func OkSortAndConvert(xs []string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		sort.Strings(xs)
		total := 0
		for _, x := range xs {
			n, err := strconv.Atoi(x)
			if err != nil {
				return 0, err
			}
			total += n
		}
		return total, nil
	})
}

// corpus: ok
func OkStoredClosure(d time.Duration) aio.Coro[func()] {
	return aio.Async(func() (func(), error) {
		later := func() { time.Sleep(d) } // returned to a caller that runs it elsewhere
		return later, nil
	})
}

// corpus: ok
func OkEagerPart(name string) aio.Coro[int] {
	b, _ := os.ReadFile(name) // runs when the async function is called, in its caller's context
	return aio.Async(func() (int, error) {
		return len(b), nil
	})
}

// corpus: ok
func OkPlainFunction(name string) ([]byte, error) {
	time.Sleep(time.Millisecond)
	return os.ReadFile(name)
}

// corpus: ok
func OkMainRun() {
	v, err := aio.Run(child(1))
	fmt.Println(v, err)
}

// corpus: ok
func OkAwaitChildren() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		vs, err := aio.Await(aio.Gather(child(1), child(2)))
		if err != nil {
			return 0, err
		}
		return vs[0] + vs[1], nil
	})
}

// corpus: ok
func OkWaitFor() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Await(aio.WaitFor(child(5), time.Second))
	})
}

// corpus: ok
func OkRangeInt(n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		s := 0
		for i := range n {
			if _, err := aio.Await(aio.Yield()); err != nil {
				return s, err
			}
			s += i
		}
		return s, nil
	})
}

// corpus: ok
func OkRangeMap(m map[string]int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		s := 0
		for _, v := range m {
			s += v
		}
		return s, nil
	})
}

// corpus: ok
func OkBytesBuffer() aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var buf bytes.Buffer
		buf.WriteString("hello")
		b, err := io.ReadAll(&buf)
		return string(b), err
	})
}

// corpus: ok
func OkResponseHeaders(resp *http.Response) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		defer resp.Body.Close()
		return resp.Header.Get("Content-Type"), nil
	})
}

// corpus: ok
func OkPureHelpers(n int) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		return format(compute(n)), nil
	})
}

// corpus: ok
func OkFutureResolve() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		f := aio.NewFuture[int]()
		f.SetResult(3)
		return aio.Await(f)
	})
}

// corpus: ok
func OkCancelTask() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		t := aio.Spawn(child(1))
		t.Cancel()
		_, err := aio.Await(t)
		return 0, err
	})
}

// corpus: ok
func OkBackgroundGoroutineHelper(ch chan int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		startWorker(ch) // starts a goroutine: not blocking for the caller
		return 0, nil
	})
}

// corpus: ok
func OkDeferClose(f *os.File) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		defer f.Close()
		return 0, nil
	})
}

// corpus: ok
func OkTimeTickerStop() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		tk := time.NewTicker(time.Second)
		tk.Stop()
		return 0, nil
	})
}
