package flake8parity

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
	tm "time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// ---- ASYNC210: module-level HTTP calls (requests.get, httpx.post, urlopen) ----

// async210: requests.get / head / post.
// corpus: AIO210
func P210Get(u string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		resp, err := http.Get(u)
		if err != nil {
			return 0, err
		}
		resp.Body.Close()
		if _, err := http.Head(u); err != nil {
			return 0, err
		}
		_, err = http.Post(u, "text/plain", strings.NewReader("x"))
		return resp.StatusCode, err
	})
}

// async210: `print(requests.get(requests.get()))`: nested in an argument.
// corpus: AIO210
func P210InArgument(u string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		fmt.Println(http.PostForm(u, url.Values{"q": {"x"}}))
		return 0, nil
	})
}

// async210: `requests.get` not called, `requests.foo()`, and
// `r.get("not a sync http client")` on a dict.
// corpus: ok
func N210NotCalls(u string) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		get := http.Get
		_ = get
		q := url.Values{"a": {"1"}}
		h := http.Header{}
		h.Set("Accept", "text/plain")
		req, err := http.NewRequest("GET", u, nil)
		if err != nil {
			return "", err
		}
		return q.Get("a") + h.Get("Accept") + req.URL.String() + http.StatusText(200), nil
	})
}

// ---- ASYNC212: sync HTTP calls on a client object (reported as AIO210) ----

// async212: client.get/post/send on a client made in the function.
// corpus: AIO210
func P212Client(u string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		c := &http.Client{Timeout: time.Second}
		resp, err := c.Get(u)
		if err != nil {
			return 0, err
		}
		defer resp.Body.Close()
		return resp.StatusCode, nil
	})
}

// async212: a client parameter (`client: httpx.Client`).
// corpus: AIO210
func P212Param(c *http.Client, req *http.Request) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		resp, err := c.Do(req)
		if err != nil {
			return 0, err
		}
		resp.Body.Close()
		return resp.StatusCode, nil
	})
}

// async212: a global client.
// corpus: AIO210
func P212Global(u string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		resp, err := globClient.Head(u)
		if err != nil {
			return 0, err
		}
		return resp.StatusCode, nil
	})
}

// async212: http.DefaultClient and a transport's RoundTrip.
// corpus: AIO210
func P212Default(req *http.Request) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		if _, err := http.DefaultClient.Do(req); err != nil {
			return 0, err
		}
		resp, err := http.DefaultTransport.RoundTrip(req)
		if err != nil {
			return 0, err
		}
		return resp.StatusCode, nil
	})
}

// async212 `sync_global_client`: the same call in a sync function.
// corpus: ok
func N212Sync(u string) (int, error) {
	resp, err := globClient.Get(u)
	if err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}

// async212: client.build_request(), client.anything(), client.is_closed.
// corpus: ok
func N212BuildRequest(u string) aio.Coro[*http.Request] {
	return aio.Async(func() (*http.Request, error) {
		req, err := http.NewRequestWithContext(context.Background(), "GET", u, nil)
		if err != nil {
			return nil, err
		}
		_ = client.Timeout
		_ = client.Jar
		return req, nil
	})
}

// async212 wrapped: the request in aio.ToThread.
// corpus: ok
func N212Thread(u string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Await(aio.ToThread(func(ctx context.Context) (int, error) {
			resp, err := client.Get(u)
			if err != nil {
				return 0, err
			}
			defer resp.Body.Close()
			return resp.StatusCode, nil
		}))
	})
}

// ---- ASYNC220/221/222: processes ----

// async22x: subprocess.Popen.
// corpus: AIO220
func P220Start() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		cmd := exec.Command("sleep", "1")
		if err := cmd.Start(); err != nil {
			return 0, err
		}
		return cmd.Process.Pid, nil
	})
}

// async22x: subprocess.run / check_output / os.system.
// corpus: AIO221
func P221Run() aio.Coro[string] {
	return aio.Async(func() (string, error) {
		if err := exec.Command("true").Run(); err != nil {
			return "", err
		}
		out, err := exec.Command("git", "status").CombinedOutput()
		return string(out), err
	})
}

// async22x: subprocess.getoutput nested in an awaited call's arguments.
// corpus: AIO221
func P221InArgs() aio.Coro[string] {
	return aio.Async(func() (string, error) {
		return aio.Await(echo(exec.Command("hostname").Output()))
	})
}

func echo(b []byte, err error) aio.Coro[string] {
	return aio.Async(func() (string, error) { return string(b), err })
}

// async22x: os.wait / os.waitpid.
// corpus: AIO222
func P222Wait(cmd *exec.Cmd) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		if err := cmd.Wait(); err != nil {
			return 0, err
		}
		st, err := cmd.Process.Wait()
		if err != nil {
			return 0, err
		}
		return st.ExitCode(), nil
	})
}

// async22x: subprocess.anything(), os.spawn (not a real function), building
// the command.
// corpus: ok
func N22xNotCalls() aio.Coro[string] {
	return aio.Async(func() (string, error) {
		cmd := exec.Command("ls")
		cmd.Dir = "/"
		return cmd.String() + os.Getenv("HOME"), nil
	})
}

// ---- ASYNC230/231/232: files ----

// async23x: open("").
// corpus: AIO230
func P230Open(name string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		f, err := os.Open(name)
		if err != nil {
			return 0, err
		}
		defer f.Close()
		return 1, nil
	})
}

// async23x: io.open_code / pathlib read_text.
// corpus: AIO230
func P230ReadFile(name string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		b, err := os.ReadFile(name)
		return len(b), err
	})
}

// async23x: wrapped calls are always okay (trio.wrap_file, to_thread).
// corpus: ok
func N230Wrapped(name string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		b, err := aio.Await(aio.ToThread(func(context.Context) ([]byte, error) {
			return os.ReadFile(name)
		}))
		return len(b), err
	})
}

// async23x foo_sync: open in a sync function.
// corpus: ok
func N230Sync(name string) ([]byte, error) {
	return os.ReadFile(name)
}

// async232: f.read() on a file parameter (`f: io.TextIOWrapper`).
// corpus: AIO230
func P232ReadParam(f *os.File) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		buf := make([]byte, 512)
		return f.Read(buf)
	})
}

// async232: f.readlines() through a scanner over the file.
// corpus: AIO230
func P232Lines(f *os.File) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		sc := bufio.NewScanner(f)
		n := 0
		for sc.Scan() {
			n++
		}
		return n, sc.Err()
	})
}

// async232: write on a global file.
// corpus: AIO230
func P232Global(msg string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return logFile.WriteString(msg)
	})
}

// async232 open_file_6: `ff = open(""); f = ff; f.read()`.
// corpus: AIO230
func P232Alias(dst io.Writer) aio.Coro[int64] {
	return aio.Async(func() (int64, error) {
		var r io.Reader = logFile
		return io.Copy(dst, r)
	})
}

// async232: f.anything() covers close too.
// corpus: AIO230
func P232Close(f *os.File) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return 0, f.Close()
	})
}

// async232 open_file_2: `with open("") as f: print(f)` — the open is the
// finding; printing the name is not I/O.
// corpus: ok
func N232Name(f *os.File) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		fmt.Println(f.Name())
		return f.Name(), nil
	})
}

// async232 noerror: `with blah("") as f: f.read()` on something that is not
// a file.
// corpus: ok
func N232NotFile(s string) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		r := strings.NewReader(s)
		b, err := io.ReadAll(r)
		sc := bufio.NewScanner(strings.NewReader(s))
		for sc.Scan() {
		}
		return string(b), err
	})
}

// async232 inside(f: int): a nested sync function that only runs elsewhere.
// corpus: ok
func N232Nested(f *os.File) aio.Coro[func() error] {
	return aio.Async(func() (func() error, error) {
		closer := func() error { return f.Sync() }
		return closer, nil
	})
}

// printing is not file I/O.
// corpus: ok
func N232Stdout(msg string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		fmt.Fprintln(os.Stderr, msg)
		return os.Stdout.WriteString(msg)
	})
}

// ---- ASYNC240: os.path ----

// async240: os.path.exists / isfile / getsize.
// corpus: AIO240
func P240Stat(p string) aio.Coro[bool] {
	return aio.Async(func() (bool, error) {
		_, err := os.Stat(p)
		return err == nil, nil
	})
}

// async240: os.path.islink / lexists.
// corpus: AIO240
func P240Lstat(p string) aio.Coro[bool] {
	return aio.Async(func() (bool, error) {
		fi, err := os.Lstat(p)
		return err == nil && fi.Mode()&os.ModeSymlink != 0, nil
	})
}

// async240: os.path.realpath.
// corpus: AIO240
func P240Realpath(p string) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		return filepath.EvalSymlinks(p)
	})
}

// async240: `print(os.path.isfile(""))` in an argument.
// corpus: AIO240
func P240InArg(p string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		fmt.Println(os.Stat(p))
		return 0, nil
	})
}

// async240: os.path.abspath is not reported, nor are path/filepath's pure
// string functions (normpath/relpath are reported by flake8-async because
// it recommends trio.Path for everything; filepath.Clean and filepath.Rel
// never touch the file system).
// corpus: ok
func N240Pure(base, p string) aio.Coro[string] {
	return aio.Async(func() (string, error) {
		abs, err := filepath.Abs(p)
		if err != nil {
			return "", err
		}
		rel, err := filepath.Rel(base, filepath.Clean(abs))
		return filepath.Join(base, rel, filepath.Base(p), filepath.Ext(p)), err
	})
}

// async240 foo2: os.path in a sync function.
// corpus: ok
func N240Sync(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// ---- ASYNC250: input() ----

// async250: input().
// corpus: AIO250
func P250Input() aio.Coro[string] {
	return aio.Async(func() (string, error) {
		var s string
		_, err := fmt.Scanln(&s)
		return s, err
	})
}

// async250: reading a line from stdin.
// corpus: AIO250
func P250Reader() aio.Coro[string] {
	return aio.Async(func() (string, error) {
		return bufio.NewReader(os.Stdin).ReadString('\n')
	})
}

// async250: input in a thread, and scanning a string.
// corpus: ok
func N250Thread(line string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		var n int
		if _, err := fmt.Sscan(line, &n); err != nil {
			return 0, err
		}
		s, err := aio.Await(aio.ToThread(func(context.Context) (string, error) {
			var s string
			_, err := fmt.Scanln(&s)
			return s, err
		}))
		return n + len(s), err
	})
}

// ---- ASYNC251: time.sleep ----

// async251: time.sleep(5).
// corpus: AIO251
func P251Sleep() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		time.Sleep(5 * time.Second)
		return 0, nil
	})
}

// async251: `time.sleep(5) if 5 else time.sleep(5)`.
// corpus: AIO251
func P251Branches(fast bool) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		if fast {
			time.Sleep(time.Millisecond)
		} else {
			time.Sleep(time.Second)
		}
		return 0, nil
	})
}

// async251 `from time import sleep`: an alias resolves to time.Sleep.
// corpus: AIO251
func P251Alias() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		tm.Sleep(5 * tm.Second)
		return 0, nil
	})
}

// async251: time.sleep in a sync function, in a goroutine and in a thread.
// corpus: ok
func N251Elsewhere() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		go func() { time.Sleep(time.Second) }()
		_, err := aio.Await(aio.ToThread(func(context.Context) (int, error) {
			time.Sleep(time.Second)
			return 0, nil
		}))
		return 0, err
	})
}

// async251: the async sleep.
// corpus: ok
func N251AioSleep() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		_, err := aio.Await(aio.Sleep(5 * time.Second))
		return 0, err
	})
}

// async232 sync_fun: an async closure made in a sync function is async code.
// corpus: AIO230
func P232ClosureInSync(f *os.File) func() aio.Coro[int] {
	return func() aio.Coro[int] {
		return aio.Async(func() (int, error) {
			return f.Write([]byte("x"))
		})
	}
}

// async232 file_text_4: the read guarded by a nil check is still a read.
// corpus: AIO230
func P232NilCheck(f *os.File) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		if f != nil {
			return f.Read(make([]byte, 8))
		}
		return 0, nil
	})
}
