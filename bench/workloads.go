//go:build aiosrc

package bench

// The benchmark workloads as users write them. asyncgo gen compiles this file
// into workloads_aio.go, which the default build benchmarks: the "aio-gen"
// numbers measure real generator output. Under -tags aiosrc the same file
// runs on the reference implementation: the "aio-src" numbers.

import (
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// YieldOnce: one task that yields once.
func YieldOnce() aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		_, err := aio.Await(aio.Yield())
		return struct{}{}, err
	})
}

// SpawnYielders spawns total tasks that each yield once, batch at a time,
// and awaits them one by one. The spawn is written as users write it,
// aio.Spawn(YieldOnce()), which the generator compiles to one allocation
// per task (task and frame together).
func SpawnYielders(total, batch int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		tasks := make([]*aio.Task[struct{}], 0, batch)
		done := 0
		for done < total {
			n := min(batch, total-done)
			tasks = tasks[:0]
			for i := 0; i < n; i++ {
				tasks = append(tasks, aio.Spawn(YieldOnce()))
			}
			for _, t := range tasks {
				if _, err := aio.Await(t); err != nil {
					return done, err
				}
			}
			done += n
		}
		return done, nil
	})
}

// SpawnGather spawns total tasks that each yield once, batch at a time, and
// awaits each batch with aio.Gather: asyncio's
// gather(*[create_task(f()) for ...]).
func SpawnGather(total, batch int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		aws := make([]aio.Awaitable[struct{}], 0, batch)
		done := 0
		for done < total {
			n := min(batch, total-done)
			aws = aws[:0]
			for i := 0; i < n; i++ {
				aws = append(aws, aio.Spawn(YieldOnce()))
			}
			res, err := aio.Await(aio.Gather(aws...))
			if err != nil {
				return done, err
			}
			done += len(res)
		}
		return done, nil
	})
}

// Ping is the workload as users write it; its state machine is generated.
func Ping(b *PingBox, n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		sum := 0
		for i := 0; i < n; i++ {
			b.Pong = aio.NewFuture[int]()
			b.Ping.SetResult(i)
			v, err := aio.Await(b.Pong)
			if err != nil {
				return sum, err
			}
			sum += v
		}
		return sum, nil
	})
}

// Pong is the workload as users write it; its state machine is generated.
func Pong(b *PingBox, n int) aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		for i := 0; i < n; i++ {
			v, err := aio.Await(b.Ping)
			if err != nil {
				return struct{}{}, err
			}
			b.Ping = aio.NewFuture[int]()
			b.Pong.SetResult(v)
		}
		return struct{}{}, nil
	})
}

// PingPong is the workload as users write it; its state machine is generated.
func PingPong(n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		b := &PingBox{Ping: aio.NewFuture[int]()}
		pong := aio.Spawn(Pong(b, n))
		sum, err := aio.Await(Ping(b, n))
		if err != nil {
			return sum, err
		}
		_, err = aio.Await(pong)
		return sum, err
	})
}

// YieldPing is the workload as users write it; its state machine is generated.
func YieldPing(b *Baton, n int) aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		for i := 0; i < n; i++ {
			b.Seq++
			//aio:ignore AIO110 the hand-off is the workload: each yield passes control to the other task
			for b.Seq%2 == 1 {
				if _, err := aio.Await(aio.Yield()); err != nil {
					return struct{}{}, err
				}
			}
		}
		return struct{}{}, nil
	})
}

// YieldPong is the workload as users write it; its state machine is generated.
func YieldPong(b *Baton, n int) aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		for i := 0; i < n; i++ {
			//aio:ignore AIO110 the hand-off is the workload: each yield passes control to the other task
			for b.Seq%2 == 0 {
				if _, err := aio.Await(aio.Yield()); err != nil {
					return struct{}{}, err
				}
			}
			b.Seq++
		}
		return struct{}{}, nil
	})
}

// Sleeper is the workload as users write it; its state machine is generated.
func Sleeper(d time.Duration) aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		_, err := aio.Await(aio.Sleep(d))
		return struct{}{}, err
	})
}

// SleepMem is SleepMem in source mode, with source-mode sleepers.
func SleepMem(n int, measure func()) aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		for i := 0; i < n; i++ {
			//aio:ignore AIO300 the sleepers are what is measured; Run cancels them at the end
			aio.Spawn(Sleeper(time.Hour))
		}
		if _, err := aio.Await(aio.Sleep(time.Millisecond)); err != nil {
			return struct{}{}, err
		}
		measure()
		return struct{}{}, nil
	})
}

// Timer is the workload as users write it; its state machine is generated.
func Timer(d time.Duration, late *time.Duration) aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		start := time.Now()
		if _, err := aio.Await(aio.Sleep(d)); err != nil {
			return struct{}{}, err
		}
		*late = time.Since(start) - d
		return struct{}{}, nil
	})
}

// Timers spawns one Timer per duration, as users write it, and awaits them
// all: the timers workload.
func Timers(ds, late []time.Duration) aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		tasks := make([]*aio.Task[struct{}], len(ds))
		for i, d := range ds {
			tasks[i] = aio.Spawn(Timer(d, &late[i]))
		}
		for _, t := range tasks {
			if _, err := aio.Await(t); err != nil {
				return struct{}{}, err
			}
		}
		return struct{}{}, nil
	})
}

// AwaitDone is the workload as users write it; its state machine is generated.
func AwaitDone(fut *aio.Future[int], n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		sum := 0
		for i := 0; i < n; i++ {
			v, err := aio.Await(fut)
			if err != nil {
				return sum, err
			}
			sum += v
		}
		return sum, nil
	})
}

// Leaf is the workload as users write it; its state machine is generated.
func Leaf(x int) aio.Coro[int] {
	return aio.Async(func() (int, error) { return x + 1, nil })
}

// Caller is the workload as users write it; its state machine is generated.
func Caller(n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		x := 0
		for i := 0; i < n; i++ {
			v, err := aio.Await(Leaf(x))
			if err != nil {
				return x, err
			}
			x = v
		}
		return x, nil
	})
}

// YieldPingPong is the workload as users write it; its state machine is generated.
func YieldPingPong(n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		b := &Baton{}
		pong := aio.Spawn(YieldPong(b, n))
		if _, err := aio.Await(YieldPing(b, n)); err != nil {
			return b.Seq, err
		}
		_, err := aio.Await(pong)
		return b.Seq, err
	})
}

// GatherBatches is the workload as users write it; its state machine is generated.
func GatherBatches(total, batch int, mk func(int) aio.Coro[struct{}]) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		aws := make([]aio.Awaitable[struct{}], 0, batch)
		done := 0
		for done < total {
			n := min(batch, total-done)
			aws = aws[:0]
			for i := 0; i < n; i++ {
				aws = append(aws, mk(done+i))
			}
			res, err := aio.Await(aio.Gather(aws...))
			if err != nil {
				return done, err
			}
			done += len(res)
		}
		return done, nil
	})
}

// QueuePingPong is the workload as users write it; its state machine is generated.
func QueuePingPong(n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		ping, pong := aio.NewQueue[int](0), aio.NewQueue[int](0)
		t := aio.Spawn(aio.Async(func() (struct{}, error) {
			for i := 0; i < n; i++ {
				v, err := aio.Await(ping.Get())
				if err != nil {
					return struct{}{}, err
				}
				if _, err := aio.Await(pong.Put(v)); err != nil {
					return struct{}{}, err
				}
			}
			return struct{}{}, nil
		}))
		sum := 0
		for i := 0; i < n; i++ {
			if _, err := aio.Await(ping.Put(i)); err != nil {
				return sum, err
			}
			v, err := aio.Await(pong.Get())
			if err != nil {
				return sum, err
			}
			sum += v
		}
		_, err := aio.Await(t)
		return sum, err
	})
}

// Naturals is an async generator yielding 0..n-1.
func Naturals(n int) *aio.Gen[int] {
	return aio.Generator(func(yield aio.YieldFunc[int]) aio.Coro[struct{}] {
		return aio.Async(func() (struct{}, error) {
			for i := 0; i < n; i++ {
				if _, err := aio.Await(yield(i)); err != nil {
					return struct{}{}, err
				}
			}
			return struct{}{}, nil
		})
	})
}

// SumNaturals iterates Naturals(n) to its end: one op is one value through
// an async generator (`async for`).
func SumNaturals(n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		g := Naturals(n)
		sum := 0
		for {
			v, err := aio.Await(g.Next())
			if err == aio.ErrStopAsyncIteration {
				return sum, nil
			}
			if err != nil {
				return sum, err
			}
			sum += v
		}
	})
}
