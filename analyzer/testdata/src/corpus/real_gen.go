package corpus

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// corpus: ok
func Countdown(n int, every time.Duration) *aio.Gen[int] {
	return aio.Generator(func(yield aio.YieldFunc[int]) aio.Coro[struct{}] {
		return aio.Async(func() (struct{}, error) {
			for i := n; i > 0; i-- {
				if _, err := aio.Await(yield(i)); err != nil {
					return struct{}{}, err
				}
				if _, err := aio.Await(aio.Sleep(every)); err != nil {
					return struct{}{}, err
				}
			}
			return struct{}{}, nil
		})
	})
}

// corpus: ok
func Chunks(r io.Reader, size int) *aio.Gen[[]byte] {
	return aio.Generator(func(yield aio.YieldFunc[[]byte]) aio.Coro[struct{}] {
		return aio.Async(func() (struct{}, error) {
			for {
				buf, err := aio.Await(aio.ToThread(func(context.Context) ([]byte, error) {
					b := make([]byte, size)
					n, err := r.Read(b)
					return b[:n], err
				}))
				if len(buf) > 0 {
					if _, err := aio.Await(yield(buf)); err != nil {
						return struct{}{}, err
					}
				}
				if errors.Is(err, io.EOF) {
					return struct{}{}, nil
				}
				if err != nil {
					return struct{}{}, err
				}
			}
		})
	})
}

// corpus: ok
func ConsumeCountdown() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		g := Countdown(3, time.Millisecond)
		defer func() { _, _ = aio.Await(g.Close()) }()
		sum := 0
		for {
			v, err := aio.Await(g.Next())
			if errors.Is(err, aio.ErrStopAsyncIteration) {
				break
			}
			if err != nil {
				return sum, err
			}
			fmt.Println("tick", v)
			sum += v
		}
		return sum, nil
	})
}

// corpus: ok
func CountBytes(name string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		f, err := aio.Await(aio.ToThread(func(context.Context) (*os.File, error) { return os.Open(name) }))
		if err != nil {
			return 0, err
		}
		defer f.Close()
		g := Chunks(f, 4096)
		total := 0
		for {
			b, err := aio.Await(g.Next())
			if err != nil {
				if errors.Is(err, aio.ErrStopAsyncIteration) {
					return total, nil
				}
				return total, err
			}
			total += len(b)
		}
	})
}

// corpus: AIO230
func ChunksDirect(f *os.File) *aio.Gen[string] {
	return aio.Generator(func(yield aio.YieldFunc[string]) aio.Coro[struct{}] {
		return aio.Async(func() (struct{}, error) {
			b := make([]byte, 512)
			for {
				n, err := f.Read(b)
				if n > 0 {
					if _, err := aio.Await(yield(strings.ToUpper(string(b[:n])))); err != nil {
						return struct{}{}, err
					}
				}
				if err != nil {
					return struct{}{}, nil
				}
			}
		})
	})
}

// corpus: AIO301
func ForgotNext(g *aio.Gen[int]) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		g.Next()
		return aio.Await(g.Next())
	})
}
