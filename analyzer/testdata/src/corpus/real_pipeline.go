package corpus

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"log"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// readLines runs on its own goroutine and feeds a channel.
func readLines(name string, out chan<- string, errc chan<- error) {
	defer close(out)
	f, err := os.Open(name)
	if err != nil {
		errc <- err
		return
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		out <- sc.Text()
	}
	errc <- sc.Err()
}

// corpus: ok
func SumFile(name string) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		lines := make(chan string, 16)
		errc := make(chan error, 1)
		go readLines(name, lines, errc)
		total := 0
		for {
			line, err := aio.Await(aio.Recv(lines))
			if errors.Is(err, aio.ErrChanClosed) {
				break
			}
			if err != nil {
				return 0, err
			}
			n, err := strconv.Atoi(strings.TrimSpace(line))
			if err != nil {
				continue
			}
			total += n
		}
		if err, _ := aio.Await(aio.Recv(errc)); err != nil {
			return total, err
		}
		return total, nil
	})
}

// corpus: ok
func Produce(out chan<- int, n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		defer close(out)
		for i := range n {
			if _, err := aio.Await(aio.Send(out, i*i)); err != nil {
				return i, err
			}
		}
		return n, nil
	})
}

// corpus: ok
func PipelineMain() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		squares := make(chan int)
		doubled := make(chan int)
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer close(doubled)
			for v := range squares {
				doubled <- v * 2
			}
		}()
		prod := aio.Spawn(Produce(squares, 10))
		sum := 0
		for {
			v, err := aio.Await(aio.Recv(doubled))
			if err != nil {
				break
			}
			sum += v
		}
		if _, err := aio.Await(prod); err != nil {
			return sum, err
		}
		_, err := aio.Await(aio.ToThread(func(context.Context) (struct{}, error) {
			wg.Wait()
			return struct{}{}, nil
		}))
		return sum, err
	})
}

// corpus: ok
func TryNotify(events chan<- string, what string) aio.Coro[bool] {
	return aio.Async(func() (bool, error) {
		select {
		case events <- what:
			return true, nil
		default:
			log.Printf("event channel full, dropping %q", what)
			return false, nil
		}
	})
}

// corpus: ok
func PollResults(results <-chan int) aio.Coro[[]int] {
	return aio.Async(func() ([]int, error) {
		var got []int
		for len(got) < 3 {
			select {
			case v, ok := <-results:
				if !ok {
					return got, nil
				}
				got = append(got, v)
			default:
				if _, err := aio.Await(aio.Sleep(5 * time.Millisecond)); err != nil {
					return got, err
				}
			}
		}
		return got, nil
	})
}

// corpus: AIO261
func CollectBlocking(results <-chan int, n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		sum := 0
		for range n {
			sum += <-results
		}
		return sum, nil
	})
}

// corpus: AIO261
func DrainAll(results <-chan int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		sum := 0
		for v := range results {
			sum += v
		}
		return sum, nil
	})
}

// corpus: AIO261
func SendDone(done chan<- struct{}) aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		fmt.Println("finishing")
		done <- struct{}{}
		return struct{}{}, nil
	})
}

// corpus: ok
func WaitCancelled(ctx context.Context) aio.Coro[error] {
	return aio.Async(func() (error, error) {
		cause, err := aio.Await(aio.WaitContext(ctx))
		if err != nil {
			return nil, err
		}
		log.Println("context done:", cause)
		return cause, nil
	})
}

// corpus: ok
func CloseAndFlush(out chan int, buf []int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		n := 0
		for _, v := range buf {
			if _, err := aio.Await(aio.Send(out, v)); err != nil {
				return n, err
			}
			n++
		}
		close(out)
		return n, nil
	})
}

// corpus: ok
func FromFuture(resc <-chan int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Await(aio.FromChan(resc))
	})
}

// corpus: AIO261
func SelectNoDefault(a, b <-chan int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		select {
		case v := <-a:
			return v, nil
		case v := <-b:
			return -v, nil
		}
	})
}

// corpus: ok
func SelectInThread(a <-chan int, ctxTimeout time.Duration) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		return aio.Await(aio.ToThread(func(ctx context.Context) (int, error) {
			select {
			case v := <-a:
				return v, nil
			case <-ctx.Done():
				return 0, ctx.Err()
			case <-time.After(ctxTimeout):
				return 0, errors.New("timeout")
			}
		}))
	})
}
