package flake8parity

import (
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// ---- ASYNC105: async function called without await ----

// async105: `trio.open_file(par)` as a statement.
// corpus: AIO105
func P105Statement() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		fetch(1)
		return 0, nil
	})
}

// async105: the awaited forms are safe.
// corpus: ok
func N105Awaited() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		v, err := aio.Await(fetch(1))
		if err != nil {
			return 0, err
		}
		_, err = aio.Await(aio.Sleep(5 * time.Second))
		return v, err
	})
}

// async105 `k = open_file(par); await k`: flake8-async reports this as poor
// style it does not parse; in Go holding a coroutine in a variable before
// awaiting it is ordinary, so it is not reported.
// corpus: ok
func N105StoredThenAwaited() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		k := fetch(2)
		return aio.Await(k)
	})
}

// async105: not async at all (trio.run(par) is a plain call).
// corpus: ok
func N105NotAsync() int {
	return work(1)
}

// async105: the coroutine is discarded explicitly.
// corpus: AIO105
func P105Blank() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		_ = fetch(3)
		return 0, nil
	})
}

// async105: `nursery.start(fn)` without await: a group task handed over is
// fine (start_soon), the group awaits it.
// corpus: ok
func N105GroupSpawn() aio.Coro[int] {
	return aio.Group(func(g *aio.TaskGroup) aio.Coro[int] {
		return aio.Async(func() (int, error) {
			aio.Spawn(fetch(1), aio.InGroup(g))
			return 0, nil
		})
	})
}

// ---- ASYNC300: create_task without keeping the task ----

// async300: `asyncio.create_task(...)` as a statement.
// corpus: AIO300
func P300Dropped() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		aio.Spawn(fetch(1))
		return 0, nil
	})
}

// async300: `k = create_task(...)`, stored in a list, passed to a function,
// in a list literal and in a comprehension: all kept.
// corpus: ok
func N300Kept() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		k := aio.Spawn(fetch(1))
		var tasks []*aio.Task[int]
		tasks = append(tasks, aio.Spawn(fetch(2)))
		keep(aio.Spawn(fetch(3)))
		more := []*aio.Task[int]{aio.Spawn(fetch(4))}
		for i := range 3 {
			more = append(more, aio.Spawn(fetch(i)))
		}
		sum := 0
		for _, t := range append(append(tasks, more...), k) {
			v, err := aio.Await(t)
			if err != nil {
				return 0, err
			}
			sum += v
		}
		return sum, nil
	})
}

// async300: returning the task is fine, the caller keeps it.
// corpus: ok
func N300Returned() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		returner := func() *aio.Task[int] { return aio.Spawn(fetch(1)) }
		return aio.Await(returner())
	})
}

// async300: a task used only in a condition is dropped
// (`1 if create_task(...) else 2`).
// corpus: AIO300
func P300InCondition() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		if aio.Spawn(fetch(1)) != nil {
			return 1, nil
		}
		return 2, nil
	})
}

// async300: a method value that is never called is not a spawn
// (`asyncio.create_task` without a call).
// corpus: ok
func N300NoCall() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		spawn := aio.Spawn[int]
		t := spawn(fetch(1))
		return aio.Await(t)
	})
}
