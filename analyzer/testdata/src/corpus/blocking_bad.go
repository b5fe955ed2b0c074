package corpus

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// corpus: AIO251
func BadSleepRetry(url string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for i := 0; i < 3; i++ {
			if i > 0 {
				time.Sleep(time.Duration(i) * time.Second)
			}
		}
		return 0, nil
	})
}

// corpus: AIO251
func BadTimeAfter(d time.Duration) aio.Coro[bool] {
	return aio.Async(func() (bool, error) {
		<-time.After(d)
		return true, nil
	})
}

// corpus: AIO251
func BadTimerC(d time.Duration) aio.Coro[bool] {
	return aio.Async(func() (bool, error) {
		t := time.NewTimer(d)
		defer t.Stop()
		<-t.C
		return true, nil
	})
}

// corpus: AIO251
func BadSleepInIf(debug bool) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		if debug {
			time.Sleep(500 * time.Millisecond)
		}
		return 1, nil
	})
}

// corpus: AIO251
func BadSleepDefer() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		defer time.Sleep(time.Millisecond)
		return 1, nil
	})
}

// corpus: AIO251
func BadSleepClosureMethod(o *Store) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		n := func() int { time.Sleep(time.Millisecond); return 2 }()
		return n, nil
	})
}

// corpus: AIO210
func BadHTTPGet(url string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		resp, err := http.Get(url)
		if err != nil {
			return 0, err
		}
		defer resp.Body.Close()
		return resp.StatusCode, nil
	})
}

// corpus: AIO210
func BadClientDo(req *http.Request) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		resp, err := client.Do(req)
		if err != nil {
			return 0, err
		}
		return resp.StatusCode, resp.Body.Close()
	})
}

// corpus: AIO210
func BadReadBody(resp *http.Response) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		b, err := io.ReadAll(resp.Body)
		return string(b), err
	})
}

// corpus: AIO210
func BadPostForm(url string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		resp, err := http.PostForm(url, nil)
		if err != nil {
			return 0, err
		}
		return resp.StatusCode, nil
	})
}

// corpus: AIO210
func BadServe(srv *http.Server) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return 0, srv.ListenAndServe()
	})
}

// corpus: AIO215
func BadDial(addr string) aio.Coro[net.Conn] {
	return aio.Async(func() (net.Conn, error) {
		return net.Dial("tcp", addr)
	})
}

// corpus: AIO215
func BadAcceptLoop(ln net.Listener) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		n := 0
		for {
			c, err := ln.Accept()
			if err != nil {
				return n, err
			}
			n++
			c.Close()
		}
	})
}

// corpus: AIO215
func BadConnRead(c net.Conn) aio.Coro[[]byte] {
	return aio.Async(func() ([]byte, error) {
		buf := make([]byte, 1024)
		n, err := c.Read(buf)
		return buf[:n], err
	})
}

// corpus: AIO215
func BadLookup(host string) aio.Coro[[]string] {
	return aio.Async(func() ([]string, error) {
		return net.LookupHost(host)
	})
}

// corpus: AIO215
func BadDialer(d *net.Dialer, addr string) aio.Coro[net.Conn] {
	return aio.Async(func() (net.Conn, error) {
		return d.DialContext(context.Background(), "tcp", addr)
	})
}

// corpus: AIO221
func BadExecOutput() aio.Coro[string] {
	return aio.Async(func() (string, error) {
		out, err := exec.Command("git", "rev-parse", "HEAD").Output()
		return string(out), err
	})
}

// corpus: AIO220 AIO222
func BadStartWait() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		cmd := exec.Command("sleep", "1")
		if err := cmd.Start(); err != nil {
			return 0, err
		}
		return 0, cmd.Wait()
	})
}

// corpus: AIO221
func BadExecRun(name string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		cmd := exec.Command(name)
		cmd.Stdout = os.Stdout
		return 0, cmd.Run()
	})
}

// corpus: AIO222
func BadProcessWait(p *os.Process) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		st, err := p.Wait()
		if err != nil {
			return 0, err
		}
		return st.ExitCode(), nil
	})
}

// corpus: AIO230
func BadReadFile(name string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		b, err := os.ReadFile(name)
		return len(b), err
	})
}

// corpus: AIO230
func BadCreateWrite(name string, data []byte) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		f, err := os.Create(name)
		if err != nil {
			return 0, err
		}
		defer f.Close()
		return f.Write(data)
	})
}

// corpus: AIO230
func BadMkdir(dir string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return 0, os.MkdirAll(dir, 0o755)
	})
}

// corpus: AIO240
func BadStat(name string) aio.Coro[bool] {
	return aio.Async(func() (bool, error) {
		_, err := os.Stat(name)
		return err == nil, nil
	})
}

// corpus: AIO240
func BadWalk(root string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		n := 0
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			n++
			return err
		})
		return n, err
	})
}

// corpus: AIO240
func BadGlob(pat string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		m, err := filepath.Glob(pat)
		return len(m), err
	})
}

// corpus: AIO250
func BadScan() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		var n int
		_, err := fmt.Scan(&n)
		return n, err
	})
}

// corpus: AIO250
func BadStdinScanner() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		sc := bufio.NewScanner(os.Stdin)
		n := 0
		for sc.Scan() {
			n++
		}
		return n, sc.Err()
	})
}

// corpus: AIO260
func BadWaitGroup(urls []string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		var wg sync.WaitGroup
		for range urls {
			wg.Add(1)
			go func() { defer wg.Done() }()
		}
		wg.Wait()
		return len(urls), nil
	})
}

// corpus: AIO260
func BadErrgroup(g *errgroup.Group) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return 0, g.Wait()
	})
}

// corpus: AIO260
func BadCondWait(c *sync.Cond, ready *bool) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		c.L.Lock()
		for !*ready {
			c.Wait()
		}
		c.L.Unlock()
		return 1, nil
	})
}

// corpus: AIO261
func BadRecv(results chan int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return <-results, nil
	})
}

// corpus: AIO261
func BadSend(jobs chan<- string, j string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		jobs <- j
		return 0, nil
	})
}

// corpus: AIO261
func BadRangeChan(ch <-chan int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		s := 0
		for v := range ch {
			s += v
		}
		return s, nil
	})
}

// corpus: AIO261
func BadSelect(a, b <-chan int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		select {
		case v := <-a:
			return v, nil
		case v := <-b:
			return v, nil
		}
	})
}

// corpus: AIO261
func BadCtxDone(ctx context.Context) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		<-ctx.Done()
		return 0, ctx.Err()
	})
}

// corpus: AIO261
func BadFutureChan(f *aio.Future[int]) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		<-f.Chan()
		return f.Result()
	})
}

// corpus: AIO261
func BadWorkerResult() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		ch := make(chan int)
		startWorker(ch)
		return <-ch, nil
	})
}

// corpus: AIO270
func BadQueryRow(id int) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var name string
		err := db.QueryRow("SELECT name FROM users WHERE id = ?", id).Scan(&name)
		return name, err
	})
}

// corpus: AIO270
func BadExec() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		res, err := db.Exec("DELETE FROM sessions")
		if err != nil {
			return 0, err
		}
		n, _ := res.RowsAffected()
		return int(n), nil
	})
}

// corpus: AIO270
func BadTx() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		tx, err := db.BeginTx(context.Background(), nil)
		if err != nil {
			return 0, err
		}
		return 0, tx.Rollback()
	})
}

// corpus: AIO181
func BadNestedRun() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Run(child(1))
	})
}

// corpus: AIO251
func BadSleepInClosureCoro() {
	c := aio.Async(func() (int, error) {
		time.Sleep(time.Second)
		return 0, nil
	})
	_, _ = aio.Run(c)
}

// corpus: AIO230
func BadFileInLoop(names []string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		total := 0
		for _, n := range names {
			if _, err := aio.Await(aio.Yield()); err != nil {
				return 0, err
			}
			b, err := os.ReadFile(n)
			if err != nil {
				return 0, err
			}
			total += len(b)
		}
		return total, nil
	})
}

// corpus: AIO230
func BadWriteAfterAwait(name string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		v, err := aio.Await(child(3))
		if err != nil {
			return 0, err
		}
		return v, os.WriteFile(name, []byte(format(v)), 0o644)
	})
}

// corpus: AIO261
func BadMethodRecv(s *Service, updates chan int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		if _, err := aio.Await(s.Refresh()); err != nil {
			return 0, err
		}
		v := <-updates
		return v, nil
	})
}
