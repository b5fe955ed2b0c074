package corpus

import (
	"context"
	"errors"
	"fmt"
	"log"
	"math/rand"
	"os/exec"
	"sync"
	"sync/atomic"
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

type Job struct {
	ID   int
	Args []string
}

type Result struct {
	ID  int
	Out []byte
}

// corpus: ok
func runJob(j Job) aio.Coro[Result] {
	return aio.Async(func() (Result, error) {
		out, err := aio.Await(aio.ToThread(func(ctx context.Context) ([]byte, error) {
			return exec.CommandContext(ctx, j.Args[0], j.Args[1:]...).CombinedOutput()
		}))
		return Result{ID: j.ID, Out: out}, err
	})
}

// corpus: ok
func RunAll(jobs []Job, workers int) aio.Coro[[]Result] {
	return aio.Async(func() ([]Result, error) {
		q := aio.NewQueue[Job](0)
		for _, j := range jobs {
			if err := q.PutNowait(j); err != nil {
				return nil, err
			}
		}
		q.Shutdown(false)
		var mu sync.Mutex
		results := make([]Result, 0, len(jobs))
		var done atomic.Int32
		_, err := aio.Await(aio.Group(func(g *aio.TaskGroup) aio.Coro[struct{}] {
			return aio.Async(func() (struct{}, error) {
				for w := range workers {
					aio.Spawn(worker(w, q, func(r Result) {
						mu.Lock()
						results = append(results, r)
						mu.Unlock()
						done.Add(1)
					}), aio.InGroup(g), aio.WithName(fmt.Sprintf("worker-%d", w)))
				}
				return struct{}{}, nil
			})
		}))
		log.Printf("%d jobs done", done.Load())
		return results, err
	})
}

// corpus: ok
func worker(id int, q *aio.Queue[Job], emit func(Result)) aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		for {
			j, err := aio.Await(q.Get())
			if errors.Is(err, aio.ErrQueueShutDown) {
				return struct{}{}, nil
			}
			if err != nil {
				return struct{}{}, err
			}
			r, err := aio.Await(runJob(j))
			q.TaskDone()
			if err != nil {
				return struct{}{}, fmt.Errorf("worker %d job %d: %w", id, j.ID, err)
			}
			emit(r)
		}
	})
}

// corpus: ok
func GroupWithTasks(n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		var tasks []*aio.Task[int]
		_, err := aio.Await(aio.Group(func(g *aio.TaskGroup) aio.Coro[struct{}] {
			return aio.Async(func() (struct{}, error) {
				for i := range n {
					tasks = append(tasks, aio.Spawn(square(i), aio.InGroup(g)))
				}
				return struct{}{}, nil
			})
		}))
		if err != nil {
			return 0, err
		}
		sum := 0
		for _, t := range tasks {
			v, _ := t.Result()
			sum += v
		}
		return sum, nil
	})
}

// corpus: ok
func square(i int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		if _, err := aio.Await(aio.Sleep(time.Duration(rand.Intn(10)) * time.Millisecond)); err != nil {
			return 0, err
		}
		return i * i, nil
	})
}

// corpus: AIO221
func RunJobInline(j Job) aio.Coro[Result] {
	return aio.Async(func() (Result, error) {
		out, err := exec.Command(j.Args[0], j.Args[1:]...).Output()
		return Result{ID: j.ID, Out: out}, err
	})
}

// corpus: AIO260
func WaitForWorkers(jobs []Job) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		var wg sync.WaitGroup
		var n atomic.Int64
		for _, j := range jobs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				out, _ := exec.Command(j.Args[0]).Output()
				n.Add(int64(len(out)))
			}()
		}
		wg.Wait()
		return int(n.Load()), nil
	})
}

// corpus: ok
func SpawnAndCollect(ids []int) aio.Coro[[]int] {
	return aio.Async(func() ([]int, error) {
		tasks := make(map[int]*aio.Task[int], len(ids))
		for _, id := range ids {
			tasks[id] = aio.Spawn(square(id))
		}
		out := make([]int, 0, len(ids))
		for _, id := range ids {
			v, err := aio.Await(tasks[id])
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	})
}

type supervisor struct {
	running []*aio.Task[int]
	ch      chan *aio.Task[int]
}

// corpus: ok
func (s *supervisor) start(n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for i := range n {
			t := aio.Spawn(square(i))
			t.AddDoneCallback(func(t *aio.Task[int]) {
				if _, err := t.Result(); err != nil && !aio.IsCancelled(err) {
					log.Printf("task %s failed: %v", t.Name(), err)
				}
			})
			s.running = append(s.running, t)
		}
		go func(t *aio.Task[int]) { s.ch <- t }(aio.Spawn(square(n)))
		return len(s.running), nil
	})
}

// corpus: ok
func spawnReturn(i int) aio.Coro[*aio.Task[int]] {
	return aio.Async(func() (*aio.Task[int], error) {
		return aio.Spawn(square(i)), nil
	})
}

// corpus: ok
func spawnInClosure(n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		var ts []*aio.Task[int]
		start := func(i int) { ts = append(ts, aio.Spawn(square(i))) }
		for i := range n {
			start(i)
		}
		res, err := aio.Await(aio.Gather(taskAws(ts)...))
		return len(res), err
	})
}

func taskAws[T any](ts []*aio.Task[T]) []aio.Awaitable[T] {
	out := make([]aio.Awaitable[T], 0, len(ts))
	for _, t := range ts {
		out = append(out, t)
	}
	return out
}

// corpus: AIO300
func fireAndForget(ids []int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for _, id := range ids {
			_ = aio.Spawn(square(id))
		}
		return len(ids), nil
	})
}

// corpus: AIO105
func forgotAwaitInLoop(ids []int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		for _, id := range ids {
			square(id)
		}
		return len(ids), nil
	})
}
