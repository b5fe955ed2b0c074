package danglingtask

import "github.com/asyncgo/asyncgo/runtime/aio"

func Refresh() aio.Coro[int] {
	return aio.Async(func() (int, error) { return 1, nil })
}

func spawnRefresh() *aio.Task[int] { return aio.Spawn(Refresh()) }

func Bad() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		aio.Spawn(Refresh())     // want `AIO300: the task started by aio.Spawn is dropped`
		_ = aio.Spawn(Refresh()) // want `AIO300: the task started by aio.Spawn is dropped`
		spawnRefresh()           // want `AIO300: the task started by spawnRefresh is dropped`
		return 0, nil
	})
}

func Good() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		t := aio.Spawn(Refresh())
		kept := aio.Spawn(Refresh()) // the task runs; keeping its handle is deliberate
		_ = kept
		tasks := []*aio.Task[int]{aio.Spawn(Refresh())}
		_ = tasks
		return aio.Await(t)
	})
}

// Children of a TaskGroup: the group keeps, awaits and reports them, so
// dropping the handle is the normal way to start one (tg.create_task).
// Options the analysis cannot see through may hold aio.InGroup too.
func GoodGroup(n int, opts ...aio.TaskOption) aio.Coro[int] {
	return aio.Async(func() (int, error) {
		_, err := aio.Await(aio.Group(func(g *aio.TaskGroup) aio.Coro[struct{}] {
			return aio.Async(func() (struct{}, error) {
				for range n {
					aio.Spawn(Refresh(), aio.InGroup(g))
					aio.Spawn(Refresh(), aio.WithName("child"), aio.InGroup(g))
				}
				inG := aio.InGroup(g)
				aio.Spawn(Refresh(), inG)
				aio.Spawn(Refresh(), opts...)
				return struct{}{}, nil
			})
		}))
		return n, err
	})
}

// Stored anywhere, the handle is kept: struct fields, maps, channels,
// arguments, results, closures.
type holder struct {
	t  *aio.Task[int]
	ts map[string]*aio.Task[int]
	ch chan *aio.Task[int]
}

func keep(*aio.Task[int]) {}

func GoodStored(h *holder) aio.Coro[*aio.Task[int]] {
	return aio.Async(func() (*aio.Task[int], error) {
		h.t = aio.Spawn(Refresh())
		h.ts["a"] = aio.Spawn(Refresh())
		select {
		case h.ch <- aio.Spawn(Refresh()):
		default:
		}
		keep(aio.Spawn(Refresh()))
		last := aio.Spawn(Refresh())
		defer func() { last.Cancel() }()
		return aio.Spawn(Refresh()), nil
	})
}

func BadNamed() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		aio.Spawn(Refresh(), aio.WithName("orphan")) // want `AIO300: the task started by aio.Spawn is dropped`
		return 0, nil
	})
}

// A handle that is only compared is dropped after the comparison
// (flake8-async's `1 if create_task(c) else 2`); one kept and compared is not.
func ComparedOnly() aio.Coro[int] {
	return aio.Async(func() (int, error) {
		if aio.Spawn(Refresh()) != nil { // want `AIO300: the task started by aio.Spawn is dropped`
			return 1, nil
		}
		if t := aio.Spawn(Refresh()); t != nil {
			return aio.Await(t)
		}
		return 0, nil
	})
}
