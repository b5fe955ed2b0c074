package corpus

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"os/signal"
	"sync"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

type Server struct {
	mux      *http.ServeMux
	srv      *http.Server
	mu       sync.Mutex
	counters map[string]int
	once     sync.Once
	logger   *slog.Logger
}

// corpus: ok
func (s *Server) Serve(addr string) aio.Coro[error] {
	return aio.Async(func() (error, error) {
		s.srv = &http.Server{Addr: addr, Handler: s.mux}
		errc := make(chan error, 1)
		go func() { errc <- s.srv.ListenAndServe() }()
		ctx := aio.TaskContext()
		select {
		case err := <-errc:
			return err, nil
		default:
		}
		cause, err := aio.Await(aio.WaitContext(ctx))
		shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_, serr := aio.Await(aio.ToThread(func(context.Context) (struct{}, error) {
			return struct{}{}, s.srv.Shutdown(shutdownCtx)
		}))
		if serr != nil {
			return serr, nil
		}
		return cause, err
	})
}

// corpus: ok
func (s *Server) count(name string) {
	s.mu.Lock()
	s.counters[name]++
	s.mu.Unlock()
}

// corpus: ok
func (s *Server) Stats() aio.Coro[[]byte] {
	return aio.Async(func() ([]byte, error) {
		s.once.Do(func() { s.logger = slog.Default() })
		s.mu.Lock()
		snapshot := make(map[string]int, len(s.counters))
		for k, v := range s.counters {
			snapshot[k] = v
		}
		s.mu.Unlock()
		s.logger.Info("stats", "n", len(snapshot))
		return json.Marshal(snapshot)
	})
}

// corpus: ok
func WaitForSignal() aio.Coro[os.Signal] {
	return aio.Async(func() (os.Signal, error) {
		sigs := make(chan os.Signal, 1)
		signal.Notify(sigs, os.Interrupt)
		defer signal.Stop(sigs)
		return aio.Await(aio.Recv(sigs))
	})
}

// corpus: ok
func WithCancelCtx(parent context.Context, u string) aio.Coro[[]byte] {
	return aio.Async(func() ([]byte, error) {
		ctx, cancel := context.WithTimeout(parent, 2*time.Second)
		defer cancel()
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		return aio.Await(aio.ToThread(func(context.Context) ([]byte, error) {
			req, err := http.NewRequestWithContext(ctx, "GET", u, nil)
			if err != nil {
				return nil, err
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				return nil, err
			}
			defer resp.Body.Close()
			return io.ReadAll(resp.Body)
		}))
	})
}

// corpus: AIO261
func BlockOnCtx(ctx context.Context) aio.Coro[error] {
	return aio.Async(func() (error, error) {
		<-ctx.Done()
		return ctx.Err(), nil
	})
}

// corpus: ok
func CheckCtx(ctx context.Context, items []string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for i, it := range items {
			select {
			case <-ctx.Done():
				return i, ctx.Err()
			default:
			}
			fmt.Println("processing", it)
			if _, err := aio.Await(aio.Yield()); err != nil {
				return i, err
			}
		}
		return len(items), nil
	})
}

// corpus: AIO210
func (s *Server) ProxyDirect(u string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		req, err := http.NewRequestWithContext(aio.TaskContext(), "GET", u, nil)
		if err != nil {
			return 0, err
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return 0, err
		}
		defer resp.Body.Close()
		return resp.StatusCode, nil
	})
}

// corpus: ok
func (s *Server) handler() http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.count(r.URL.Path)
		time.Sleep(time.Millisecond)
		b, _ := io.ReadAll(r.Body)
		w.Write(b)
	}
}

// corpus: ok
func ReadConfigOnStart(name string) aio.Coro[map[string]any] {
	return aio.Async(func() (map[string]any, error) {
		b, err := aio.Await(aio.ToThread(func(context.Context) ([]byte, error) { return os.ReadFile(name) }))
		if err != nil {
			return nil, err
		}
		var cfg map[string]any
		if err := json.Unmarshal(b, &cfg); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		fmt.Fprintf(os.Stderr, "loaded %d keys from %s\n", len(cfg), name)
		return cfg, nil
	})
}

// corpus: ok
func Env() aio.Coro[string] {
	return aio.Async(func() (string, error) {
		host, _ := os.Hostname()
		return os.Getenv("HOME") + "@" + host, nil
	})
}

// corpus: ok
func RunMain() {
	v, err := aio.Run(ChatMain(), aio.WithDebug())
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	_ = v
	time.Sleep(10 * time.Millisecond)
}

// corpus: ok
func LoopCallbacks() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		loop := aio.CurrentLoop()
		f := aio.NewFuture[int]()
		loop.CallLater(10*time.Millisecond, func() { f.SetResult(42) })
		go func() {
			v := compute2()
			loop.CallSoonThreadsafe(func() { fmt.Println("computed", v) })
		}()
		return aio.Await(f)
	})
}

func compute2() int { time.Sleep(time.Millisecond); return 1 }

// corpus: ok
func ThreadsafeResult() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		f := aio.NewFuture[int]()
		go func() {
			f.SetResultThreadsafe(compute2())
		}()
		return aio.Await(f)
	})
}

// corpus: AIO150
func RacySetResult() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		f := aio.NewFuture[int]()
		go func() {
			f.SetResult(compute2())
		}()
		return aio.Await(f)
	})
}
