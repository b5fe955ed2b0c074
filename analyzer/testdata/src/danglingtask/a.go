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
