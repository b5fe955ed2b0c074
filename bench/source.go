//asyncgo:nogen

package bench

// The same async bodies as workloads.go, in source mode: aio.Async / aio.Await
// run by the goroutine-based reference implementation. They are the
// secondary comparison; compiled asyncgo programs run the generated shape.

import (
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// YieldOnceSrc is YieldOnce in source mode.
func YieldOnceSrc() aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		_, err := aio.Await(aio.Yield())
		return struct{}{}, err
	})
}

// SpawnAwaitSrc is SpawnAwait in source mode.
func SpawnAwaitSrc(total, batch int, mk func(int) aio.Coro[struct{}]) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		tasks := make([]*aio.Task[struct{}], 0, batch)
		done := 0
		for done < total {
			n := min(batch, total-done)
			tasks = tasks[:0]
			for i := 0; i < n; i++ {
				tasks = append(tasks, aio.Spawn(mk(done+i)))
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

// PingSrc is Ping in source mode.
func PingSrc(b *PingBox, n int) aio.Coro[int] {
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

// PongSrc is Pong in source mode.
func PongSrc(b *PingBox, n int) aio.Coro[struct{}] {
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

// PingPongSrc is PingPong in source mode.
func PingPongSrc(n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		b := &PingBox{Ping: aio.NewFuture[int]()}
		pong := aio.Spawn(PongSrc(b, n))
		sum, err := aio.Await(PingSrc(b, n))
		if err != nil {
			return sum, err
		}
		_, err = aio.Await(pong)
		return sum, err
	})
}

// YieldPingSrc is YieldPing in source mode.
func YieldPingSrc(b *Baton, n int) aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		for i := 0; i < n; i++ {
			b.Seq++
			for b.Seq%2 == 1 {
				if _, err := aio.Await(aio.Yield()); err != nil {
					return struct{}{}, err
				}
			}
		}
		return struct{}{}, nil
	})
}

// YieldPongSrc is YieldPong in source mode.
func YieldPongSrc(b *Baton, n int) aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		for i := 0; i < n; i++ {
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

// SleeperSrc is Sleeper in source mode.
func SleeperSrc(d time.Duration) aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		_, err := aio.Await(aio.Sleep(d))
		return struct{}{}, err
	})
}

// SleepMemSrc is SleepMem in source mode, with source-mode sleepers.
func SleepMemSrc(n int, measure func()) aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		for i := 0; i < n; i++ {
			aio.Spawn(SleeperSrc(time.Hour))
		}
		if _, err := aio.Await(aio.Sleep(time.Millisecond)); err != nil {
			return struct{}{}, err
		}
		measure()
		return struct{}{}, nil
	})
}

// TimerSrc is Timer in source mode.
func TimerSrc(d time.Duration, late *time.Duration) aio.Coro[struct{}] {
	return aio.Async(func() (struct{}, error) {
		start := time.Now()
		if _, err := aio.Await(aio.Sleep(d)); err != nil {
			return struct{}{}, err
		}
		*late = time.Since(start) - d
		return struct{}{}, nil
	})
}

// AwaitDoneSrc is AwaitDone in source mode.
func AwaitDoneSrc(fut *aio.Future[int], n int) aio.Coro[int] {
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

// LeafSrc is Leaf in source mode.
func LeafSrc(x int) aio.Coro[int] {
	return aio.Async(func() (int, error) { return x + 1, nil })
}

// CallerSrc is Caller in source mode.
func CallerSrc(n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		x := 0
		for i := 0; i < n; i++ {
			v, err := aio.Await(LeafSrc(x))
			if err != nil {
				return x, err
			}
			x = v
		}
		return x, nil
	})
}

// YieldPingPongSrc is YieldPingPong in source mode.
func YieldPingPongSrc(n int) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		b := &Baton{}
		pong := aio.Spawn(YieldPongSrc(b, n))
		if _, err := aio.Await(YieldPingSrc(b, n)); err != nil {
			return b.Seq, err
		}
		_, err := aio.Await(pong)
		return b.Seq, err
	})
}

// GatherBatchesSrc is GatherBatches in source mode.
func GatherBatchesSrc(total, batch int, mk func(int) aio.Coro[struct{}]) aio.Coro[int] {
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

// QueuePingPongSrc is QueuePingPong in source mode.
func QueuePingPongSrc(n int) aio.Coro[int] {
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
