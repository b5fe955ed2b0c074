package bench

// Hand-written state machines in exactly the shape `asyncgo gen` emits (see
// runtime/aio/frame.go and runtime/aio/contract_test.go). Each type is marked
// "generated-shape" and carries the source form it stands for; source.go has
// that source form, run by the reference implementation.

import (
	"time"

	"github.com/asyncgo/asyncgo/runtime/aio"
)

// --- yieldOnce: the body of every spawned task in the spawn workload ---

// yieldOnceFrame // generated-shape
//
//	func yieldOnce() aio.Coro[struct{}] {
//		return aio.Async(func() (struct{}, error) {
//			aio.Await(aio.Yield())
//			return struct{}{}, nil
//		})
//	}
type yieldOnceFrame struct {
	aio.CoroFrame[struct{}]
	pc  int
	aw1 aio.SleepOp
}

// YieldOnce returns a coroutine that yields to the loop once and returns.
func YieldOnce() aio.Coro[struct{}] {
	f := &yieldOnceFrame{}
	return f.Init(f)
}

// Resume implements aio.Frame.
func (f *yieldOnceFrame) Resume(r *aio.Runner) {
	switch f.pc {
	case 1:
		goto resume1
	}
	f.aw1 = aio.Yield()
	if !f.aw1.AwaitBegin(r) {
		f.pc = 1
		return
	}
resume1:
	if _, err := f.aw1.AwaitEnd(r); err != nil {
		f.Return(struct{}{}, err)
		return
	}
	f.Return(struct{}{}, nil)
}

// --- spawnAwait: spawn tasks in batches, await each ---

// spawnAwaitFrame // generated-shape
//
//	func SpawnAwait(total, batch int, mk func(int) aio.Coro[struct{}]) aio.Coro[int] {
//		return aio.Async(func() (int, error) {
//			tasks := make([]*aio.Task[struct{}], 0, batch)
//			done := 0
//			for done < total {
//				n := min(batch, total-done)
//				tasks = tasks[:0]
//				for i := 0; i < n; i++ {
//					tasks = append(tasks, aio.Spawn(mk(done+i)))
//				}
//				for _, t := range tasks {
//					if _, err := aio.Await(t); err != nil {
//						return done, err
//					}
//				}
//				done += n
//			}
//			return done, nil
//		})
//	}
type spawnAwaitFrame struct {
	aio.CoroFrame[int]
	pc    int
	total int
	batch int
	mk    func(int) aio.Coro[struct{}]
	tasks []*aio.Task[struct{}]
	done  int
	j     int
	aw1   *aio.Task[struct{}]
}

// SpawnAwait spawns total tasks made by mk, batch at a time, and awaits every
// task of a batch before spawning the next. It returns the number of tasks
// that completed.
func SpawnAwait(total, batch int, mk func(int) aio.Coro[struct{}]) aio.Coro[int] {
	f := &spawnAwaitFrame{total: total, batch: batch, mk: mk}
	return f.Init(f)
}

// Resume implements aio.Frame.
func (f *spawnAwaitFrame) Resume(r *aio.Runner) {
	switch f.pc {
	case 1:
		goto resume1
	}
	f.tasks = make([]*aio.Task[struct{}], 0, f.batch)
	f.done = 0
outer:
	if f.done >= f.total {
		f.Return(f.done, nil)
		return
	}
	{
		n := min(f.batch, f.total-f.done)
		f.tasks = f.tasks[:0]
		for i := 0; i < n; i++ {
			f.tasks = append(f.tasks, aio.Spawn(f.mk(f.done+i)))
		}
	}
	f.j = 0
inner:
	if f.j >= len(f.tasks) {
		f.done += len(f.tasks)
		goto outer
	}
	f.aw1 = f.tasks[f.j]
	if !f.aw1.AwaitBegin(r) {
		f.pc = 1
		return
	}
resume1:
	{
		_, err := f.aw1.AwaitEnd(r)
		f.aw1 = nil
		if err != nil {
			f.Return(f.done, err)
			return
		}
	}
	f.tasks[f.j] = nil
	f.j++
	goto inner
}

// --- ping-pong through futures ---

// PingBox is the shared state of a future-based ping-pong: each side awaits
// the future in its slot, and the other side fills it. A fresh future is made
// for every message, as asyncio code (and asyncio.Queue) does.
type PingBox struct {
	Ping, Pong *aio.Future[int]
}

// pingFrame // generated-shape
//
//	func Ping(b *PingBox, n int) aio.Coro[int] {
//		return aio.Async(func() (int, error) {
//			sum := 0
//			for i := 0; i < n; i++ {
//				b.Pong = aio.NewFuture[int]()
//				b.Ping.SetResult(i)
//				v, err := aio.Await(b.Pong)
//				if err != nil {
//					return sum, err
//				}
//				sum += v
//			}
//			return sum, nil
//		})
//	}
type pingFrame struct {
	aio.CoroFrame[int]
	pc  int
	b   *PingBox
	n   int
	sum int
	i   int
	aw1 *aio.Future[int]
}

// Ping sends n pings through b and awaits each pong; it returns the sum of
// the pongs.
func Ping(b *PingBox, n int) aio.Coro[int] {
	f := &pingFrame{b: b, n: n}
	return f.Init(f)
}

// Resume implements aio.Frame.
func (f *pingFrame) Resume(r *aio.Runner) {
	switch f.pc {
	case 1:
		goto resume1
	}
	f.sum = 0
	f.i = 0
loop:
	if f.i >= f.n {
		f.Return(f.sum, nil)
		return
	}
	f.b.Pong = aio.NewFuture[int]()
	f.b.Ping.SetResult(f.i)
	f.aw1 = f.b.Pong
	if !f.aw1.AwaitBegin(r) {
		f.pc = 1
		return
	}
resume1:
	{
		v, err := f.aw1.AwaitEnd(r)
		f.aw1 = nil
		if err != nil {
			f.Return(f.sum, err)
			return
		}
		f.sum += v
	}
	f.i++
	goto loop
}

// pongFrame // generated-shape
//
//	func Pong(b *PingBox, n int) aio.Coro[struct{}] {
//		return aio.Async(func() (struct{}, error) {
//			for i := 0; i < n; i++ {
//				v, err := aio.Await(b.Ping)
//				if err != nil {
//					return struct{}{}, err
//				}
//				b.Ping = aio.NewFuture[int]()
//				b.Pong.SetResult(v)
//			}
//			return struct{}{}, nil
//		})
//	}
type pongFrame struct {
	aio.CoroFrame[struct{}]
	pc  int
	b   *PingBox
	n   int
	i   int
	aw1 *aio.Future[int]
}

// Pong answers n pings through b.
func Pong(b *PingBox, n int) aio.Coro[struct{}] {
	f := &pongFrame{b: b, n: n}
	return f.Init(f)
}

// Resume implements aio.Frame.
func (f *pongFrame) Resume(r *aio.Runner) {
	switch f.pc {
	case 1:
		goto resume1
	}
	f.i = 0
loop:
	if f.i >= f.n {
		f.Return(struct{}{}, nil)
		return
	}
	f.aw1 = f.b.Ping
	if !f.aw1.AwaitBegin(r) {
		f.pc = 1
		return
	}
resume1:
	{
		v, err := f.aw1.AwaitEnd(r)
		f.aw1 = nil
		if err != nil {
			f.Return(struct{}{}, err)
			return
		}
		f.b.Ping = aio.NewFuture[int]()
		f.b.Pong.SetResult(v)
	}
	f.i++
	goto loop
}

// pingPongFrame // generated-shape
//
//	func PingPong(n int) aio.Coro[int] {
//		return aio.Async(func() (int, error) {
//			b := &PingBox{Ping: aio.NewFuture[int]()}
//			pong := aio.Spawn(Pong(b, n))
//			sum, err := aio.Await(Ping(b, n))
//			if err != nil {
//				return sum, err
//			}
//			_, err = aio.Await(pong)
//			return sum, err
//		})
//	}
type pingPongFrame struct {
	aio.CoroFrame[int]
	pc   int
	n    int
	pong *aio.Task[struct{}]
	sum  int
	aw1  aio.Coro[int]
	aw2  *aio.Task[struct{}]
}

// PingPong runs n future-based round trips between the main task (running
// Ping inline) and a spawned Pong task; it returns the sum of 0..n-1.
func PingPong(n int) aio.Coro[int] {
	f := &pingPongFrame{n: n}
	return f.Init(f)
}

// Resume implements aio.Frame.
func (f *pingPongFrame) Resume(r *aio.Runner) {
	switch f.pc {
	case 1:
		goto resume1
	case 2:
		goto resume2
	}
	{
		b := &PingBox{Ping: aio.NewFuture[int]()}
		f.pong = aio.Spawn(Pong(b, f.n))
		f.aw1 = Ping(b, f.n)
	}
	if !f.aw1.AwaitBegin(r) {
		f.pc = 1
		return
	}
resume1:
	{
		sum, err := f.aw1.AwaitEnd(r)
		f.aw1 = aio.Coro[int]{}
		f.sum = sum
		if err != nil {
			f.Return(f.sum, err)
			return
		}
	}
	f.aw2 = f.pong
	if !f.aw2.AwaitBegin(r) {
		f.pc = 2
		return
	}
resume2:
	{
		_, err := f.aw2.AwaitEnd(r)
		f.aw2 = nil
		f.Return(f.sum, err)
	}
}

// --- ping-pong through an allocation-free yield hand-off ---

// Baton is the shared state of the yield hand-off: Seq is odd while a ping
// is in flight and even while a pong is. With exactly two tasks on the loop,
// each yield hands control straight to the other task, so every step does
// useful work and nothing is allocated.
type Baton struct {
	Seq int
}

// yieldPingFrame // generated-shape
//
//	func YieldPing(b *Baton, n int) aio.Coro[struct{}] {
//		return aio.Async(func() (struct{}, error) {
//			for i := 0; i < n; i++ {
//				b.Seq++ // ping
//				for b.Seq%2 == 1 {
//					if _, err := aio.Await(aio.Yield()); err != nil {
//						return struct{}{}, err
//					}
//				}
//			}
//			return struct{}{}, nil
//		})
//	}
type yieldPingFrame struct {
	aio.CoroFrame[struct{}]
	pc  int
	b   *Baton
	n   int
	i   int
	aw1 aio.SleepOp
}

// YieldPing sends n pings over b, waiting for each pong.
func YieldPing(b *Baton, n int) aio.Coro[struct{}] {
	f := &yieldPingFrame{b: b, n: n}
	return f.Init(f)
}

// Resume implements aio.Frame.
func (f *yieldPingFrame) Resume(r *aio.Runner) {
	switch f.pc {
	case 1:
		goto resume1
	}
	f.i = 0
loop:
	if f.i >= f.n {
		f.Return(struct{}{}, nil)
		return
	}
	f.b.Seq++
wait:
	if f.b.Seq%2 != 1 {
		f.i++
		goto loop
	}
	f.aw1 = aio.Yield()
	if !f.aw1.AwaitBegin(r) {
		f.pc = 1
		return
	}
resume1:
	if _, err := f.aw1.AwaitEnd(r); err != nil {
		f.Return(struct{}{}, err)
		return
	}
	goto wait
}

// yieldPongFrame // generated-shape
//
//	func YieldPong(b *Baton, n int) aio.Coro[struct{}] {
//		return aio.Async(func() (struct{}, error) {
//			for i := 0; i < n; i++ {
//				for b.Seq%2 == 0 {
//					if _, err := aio.Await(aio.Yield()); err != nil {
//						return struct{}{}, err
//					}
//				}
//				b.Seq++ // pong
//			}
//			return struct{}{}, nil
//		})
//	}
type yieldPongFrame struct {
	aio.CoroFrame[struct{}]
	pc  int
	b   *Baton
	n   int
	i   int
	aw1 aio.SleepOp
}

// YieldPong answers n pings over b.
func YieldPong(b *Baton, n int) aio.Coro[struct{}] {
	f := &yieldPongFrame{b: b, n: n}
	return f.Init(f)
}

// Resume implements aio.Frame.
func (f *yieldPongFrame) Resume(r *aio.Runner) {
	switch f.pc {
	case 1:
		goto resume1
	}
	f.i = 0
loop:
	if f.i >= f.n {
		f.Return(struct{}{}, nil)
		return
	}
wait:
	if f.b.Seq%2 != 0 {
		f.b.Seq++
		f.i++
		goto loop
	}
	f.aw1 = aio.Yield()
	if !f.aw1.AwaitBegin(r) {
		f.pc = 1
		return
	}
resume1:
	if _, err := f.aw1.AwaitEnd(r); err != nil {
		f.Return(struct{}{}, err)
		return
	}
	goto wait
}

// --- sleeping tasks ---

// sleeperFrame // generated-shape
//
//	func Sleeper(d time.Duration) aio.Coro[struct{}] {
//		return aio.Async(func() (struct{}, error) {
//			_, err := aio.Await(aio.Sleep(d))
//			return struct{}{}, err
//		})
//	}
type sleeperFrame struct {
	aio.CoroFrame[struct{}]
	pc  int
	d   time.Duration
	aw1 aio.SleepOp
}

// Sleeper returns a coroutine that sleeps for d.
func Sleeper(d time.Duration) aio.Coro[struct{}] {
	f := &sleeperFrame{d: d}
	return f.Init(f)
}

// Resume implements aio.Frame.
func (f *sleeperFrame) Resume(r *aio.Runner) {
	switch f.pc {
	case 1:
		goto resume1
	}
	f.aw1 = aio.Sleep(f.d)
	if !f.aw1.AwaitBegin(r) {
		f.pc = 1
		return
	}
resume1:
	{
		_, err := f.aw1.AwaitEnd(r)
		f.Return(struct{}{}, err)
	}
}

// sleepMemFrame // generated-shape
//
//	func SleepMem(n int, measure func()) aio.Coro[struct{}] {
//		return aio.Async(func() (struct{}, error) {
//			for i := 0; i < n; i++ {
//				aio.Spawn(Sleeper(time.Hour))
//			}
//			// Every sleeper runs once and suspends in its sleep.
//			if _, err := aio.Await(aio.Sleep(time.Millisecond)); err != nil {
//				return struct{}{}, err
//			}
//			measure()
//			return struct{}{}, nil
//		})
//	}
type sleepMemFrame struct {
	aio.CoroFrame[struct{}]
	pc      int
	n       int
	measure func()
	aw1     aio.SleepOp
}

// SleepMem spawns n tasks that each sleep for an hour, lets them all
// suspend, and calls measure. It keeps no reference to the tasks: only the
// loop does. Run it on a virtual clock; aio.Run cancels the sleepers when
// it returns.
func SleepMem(n int, measure func()) aio.Coro[struct{}] {
	f := &sleepMemFrame{n: n, measure: measure}
	return f.Init(f)
}

// Resume implements aio.Frame.
func (f *sleepMemFrame) Resume(r *aio.Runner) {
	switch f.pc {
	case 1:
		goto resume1
	}
	for i := 0; i < f.n; i++ {
		aio.Spawn(Sleeper(time.Hour))
	}
	f.aw1 = aio.Sleep(time.Millisecond)
	if !f.aw1.AwaitBegin(r) {
		f.pc = 1
		return
	}
resume1:
	if _, err := f.aw1.AwaitEnd(r); err != nil {
		f.Return(struct{}{}, err)
		return
	}
	f.measure()
	f.Return(struct{}{}, nil)
}

// --- timers: lateness of a real sleep ---

// timerFrame // generated-shape
//
//	func Timer(d time.Duration, late *time.Duration) aio.Coro[struct{}] {
//		return aio.Async(func() (struct{}, error) {
//			start := time.Now()
//			if _, err := aio.Await(aio.Sleep(d)); err != nil {
//				return struct{}{}, err
//			}
//			*late = time.Since(start) - d
//			return struct{}{}, nil
//		})
//	}
type timerFrame struct {
	aio.CoroFrame[struct{}]
	pc    int
	d     time.Duration
	late  *time.Duration
	start time.Time
	aw1   aio.SleepOp
}

// Timer sleeps for d on the loop's clock and stores in *late how much later
// than asked it woke up.
func Timer(d time.Duration, late *time.Duration) aio.Coro[struct{}] {
	f := &timerFrame{d: d, late: late}
	return f.Init(f)
}

// Resume implements aio.Frame.
func (f *timerFrame) Resume(r *aio.Runner) {
	switch f.pc {
	case 1:
		goto resume1
	}
	f.start = time.Now()
	f.aw1 = aio.Sleep(f.d)
	if !f.aw1.AwaitBegin(r) {
		f.pc = 1
		return
	}
resume1:
	if _, err := f.aw1.AwaitEnd(r); err != nil {
		f.Return(struct{}{}, err)
		return
	}
	*f.late = time.Since(f.start) - f.d
	f.Return(struct{}{}, nil)
}

// --- awaiting an already-done future ---

// awaitDoneFrame // generated-shape
//
//	func AwaitDone(fut *aio.Future[int], n int) aio.Coro[int] {
//		return aio.Async(func() (int, error) {
//			sum := 0
//			for i := 0; i < n; i++ {
//				v, err := aio.Await(fut)
//				if err != nil {
//					return sum, err
//				}
//				sum += v
//			}
//			return sum, nil
//		})
//	}
type awaitDoneFrame struct {
	aio.CoroFrame[int]
	pc  int
	fut *aio.Future[int]
	n   int
	sum int
	i   int
	aw1 *aio.Future[int]
}

// AwaitDone awaits fut n times and returns the sum of its values. When fut is
// already done no await suspends.
func AwaitDone(fut *aio.Future[int], n int) aio.Coro[int] {
	f := &awaitDoneFrame{fut: fut, n: n}
	return f.Init(f)
}

// Resume implements aio.Frame.
func (f *awaitDoneFrame) Resume(r *aio.Runner) {
	switch f.pc {
	case 1:
		goto resume1
	}
	f.sum = 0
	f.i = 0
loop:
	if f.i >= f.n {
		f.Return(f.sum, nil)
		return
	}
	f.aw1 = f.fut
	if !f.aw1.AwaitBegin(r) {
		f.pc = 1
		return
	}
resume1:
	{
		v, err := f.aw1.AwaitEnd(r)
		f.aw1 = nil
		if err != nil {
			f.Return(f.sum, err)
			return
		}
		f.sum += v
	}
	f.i++
	goto loop
}

// --- nested coroutine calls ---

// leafFrame // generated-shape
//
//	func Leaf(x int) aio.Coro[int] {
//		return aio.Async(func() (int, error) { return x + 1, nil })
//	}
type leafFrame struct {
	aio.CoroFrame[int]
	x int
}

// Leaf returns x+1 without suspending.
func Leaf(x int) aio.Coro[int] {
	f := &leafFrame{x: x}
	return f.Init(f)
}

// Resume implements aio.Frame.
func (f *leafFrame) Resume(r *aio.Runner) { f.Return(f.x+1, nil) }

// callerFrame // generated-shape
//
//	func Caller(n int) aio.Coro[int] {
//		return aio.Async(func() (int, error) {
//			x := 0
//			for i := 0; i < n; i++ {
//				v, err := aio.Await(Leaf(x))
//				if err != nil {
//					return x, err
//				}
//				x = v
//			}
//			return x, nil
//		})
//	}
type callerFrame struct {
	aio.CoroFrame[int]
	pc  int
	n   int
	x   int
	i   int
	aw1 aio.Coro[int]
}

// Caller awaits n nested Leaf coroutines in sequence, inline in its task, and
// returns n.
func Caller(n int) aio.Coro[int] {
	f := &callerFrame{n: n}
	return f.Init(f)
}

// Resume implements aio.Frame.
func (f *callerFrame) Resume(r *aio.Runner) {
	switch f.pc {
	case 1:
		goto resume1
	}
	f.x = 0
	f.i = 0
loop:
	if f.i >= f.n {
		f.Return(f.x, nil)
		return
	}
	f.aw1 = Leaf(f.x)
	if !f.aw1.AwaitBegin(r) {
		f.pc = 1
		return
	}
resume1:
	{
		v, err := f.aw1.AwaitEnd(r)
		f.aw1 = aio.Coro[int]{}
		if err != nil {
			f.Return(f.x, err)
			return
		}
		f.x = v
	}
	f.i++
	goto loop
}

// yieldPingPongFrame // generated-shape
//
//	func YieldPingPong(n int) aio.Coro[int] {
//		return aio.Async(func() (int, error) {
//			b := &Baton{}
//			pong := aio.Spawn(YieldPong(b, n))
//			if _, err := aio.Await(YieldPing(b, n)); err != nil {
//				return b.Seq, err
//			}
//			_, err := aio.Await(pong)
//			return b.Seq, err
//		})
//	}
type yieldPingPongFrame struct {
	aio.CoroFrame[int]
	pc   int
	n    int
	b    *Baton
	pong *aio.Task[struct{}]
	aw1  aio.Coro[struct{}]
	aw2  *aio.Task[struct{}]
}

// YieldPingPong runs n yield hand-off round trips between the main task
// (running YieldPing inline) and a spawned YieldPong task; it returns 2n.
func YieldPingPong(n int) aio.Coro[int] {
	f := &yieldPingPongFrame{n: n}
	return f.Init(f)
}

// Resume implements aio.Frame.
func (f *yieldPingPongFrame) Resume(r *aio.Runner) {
	switch f.pc {
	case 1:
		goto resume1
	case 2:
		goto resume2
	}
	f.b = &Baton{}
	f.pong = aio.Spawn(YieldPong(f.b, f.n))
	f.aw1 = YieldPing(f.b, f.n)
	if !f.aw1.AwaitBegin(r) {
		f.pc = 1
		return
	}
resume1:
	{
		_, err := f.aw1.AwaitEnd(r)
		f.aw1 = aio.Coro[struct{}]{}
		if err != nil {
			f.Return(f.b.Seq, err)
			return
		}
	}
	f.aw2 = f.pong
	if !f.aw2.AwaitBegin(r) {
		f.pc = 2
		return
	}
resume2:
	{
		_, err := f.aw2.AwaitEnd(r)
		f.aw2 = nil
		f.Return(f.b.Seq, err)
	}
}

// --- spawn+gather ---

// gatherBatchesFrame // generated-shape
//
//	func GatherBatches(total, batch int, mk func(int) aio.Coro[struct{}]) aio.Coro[int] {
//		return aio.Async(func() (int, error) {
//			aws := make([]aio.Awaitable[struct{}], 0, batch)
//			done := 0
//			for done < total {
//				n := min(batch, total-done)
//				aws = aws[:0]
//				for i := 0; i < n; i++ {
//					aws = append(aws, mk(done+i))
//				}
//				res, err := aio.Await(aio.Gather(aws...))
//				if err != nil {
//					return done, err
//				}
//				done += len(res)
//			}
//			return done, nil
//		})
//	}
type gatherBatchesFrame struct {
	aio.CoroFrame[int]
	pc    int
	total int
	batch int
	mk    func(int) aio.Coro[struct{}]
	aws   []aio.Awaitable[struct{}]
	done  int
	aw1   *aio.Future[[]struct{}]
}

// GatherBatches runs total coroutines made by mk as tasks, batch at a time,
// through aio.Gather. It returns the number of results gathered.
func GatherBatches(total, batch int, mk func(int) aio.Coro[struct{}]) aio.Coro[int] {
	f := &gatherBatchesFrame{total: total, batch: batch, mk: mk}
	return f.Init(f)
}

// Resume implements aio.Frame.
func (f *gatherBatchesFrame) Resume(r *aio.Runner) {
	switch f.pc {
	case 1:
		goto resume1
	}
	f.aws = make([]aio.Awaitable[struct{}], 0, f.batch)
	f.done = 0
loop:
	if f.done >= f.total {
		f.Return(f.done, nil)
		return
	}
	{
		n := min(f.batch, f.total-f.done)
		f.aws = f.aws[:0]
		for i := 0; i < n; i++ {
			f.aws = append(f.aws, f.mk(f.done+i))
		}
	}
	f.aw1 = aio.Gather(f.aws...)
	if !f.aw1.AwaitBegin(r) {
		f.pc = 1
		return
	}
resume1:
	{
		res, err := f.aw1.AwaitEnd(r)
		f.aw1 = nil
		if err != nil {
			f.Return(f.done, err)
			return
		}
		f.done += len(res)
	}
	goto loop
}

// --- ping-pong through two aio.Queues ---

// queuePingFrame // generated-shape
//
//	func QueuePing(out, in *aio.Queue[int], n int) aio.Coro[int] {
//		return aio.Async(func() (int, error) {
//			sum := 0
//			for i := 0; i < n; i++ {
//				if _, err := aio.Await(out.Put(i)); err != nil {
//					return sum, err
//				}
//				v, err := aio.Await(in.Get())
//				if err != nil {
//					return sum, err
//				}
//				sum += v
//			}
//			return sum, nil
//		})
//	}
type queuePingFrame struct {
	aio.CoroFrame[int]
	pc  int
	out *aio.Queue[int]
	in  *aio.Queue[int]
	n   int
	sum int
	i   int
	aw1 aio.QueuePut[int]
	aw2 aio.QueueGet[int]
}

// QueuePing puts 0..n-1 on out, awaiting an answer on in after each, and
// returns the sum of the answers.
func QueuePing(out, in *aio.Queue[int], n int) aio.Coro[int] {
	f := &queuePingFrame{out: out, in: in, n: n}
	return f.Init(f)
}

// Resume implements aio.Frame.
func (f *queuePingFrame) Resume(r *aio.Runner) {
	switch f.pc {
	case 1:
		goto resume1
	case 2:
		goto resume2
	}
	f.sum = 0
	f.i = 0
loop:
	if f.i >= f.n {
		f.Return(f.sum, nil)
		return
	}
	f.aw1 = f.out.Put(f.i)
	if !f.aw1.AwaitBegin(r) {
		f.pc = 1
		return
	}
resume1:
	if _, err := f.aw1.AwaitEnd(r); err != nil {
		f.Return(f.sum, err)
		return
	}
	f.aw1 = aio.QueuePut[int]{}
	f.aw2 = f.in.Get()
	if !f.aw2.AwaitBegin(r) {
		f.pc = 2
		return
	}
resume2:
	{
		v, err := f.aw2.AwaitEnd(r)
		f.aw2 = aio.QueueGet[int]{}
		if err != nil {
			f.Return(f.sum, err)
			return
		}
		f.sum += v
	}
	f.i++
	goto loop
}

// queuePongFrame // generated-shape
//
//	func QueuePong(in, out *aio.Queue[int], n int) aio.Coro[struct{}] {
//		return aio.Async(func() (struct{}, error) {
//			for i := 0; i < n; i++ {
//				v, err := aio.Await(in.Get())
//				if err != nil {
//					return struct{}{}, err
//				}
//				if _, err := aio.Await(out.Put(v)); err != nil {
//					return struct{}{}, err
//				}
//			}
//			return struct{}{}, nil
//		})
//	}
type queuePongFrame struct {
	aio.CoroFrame[struct{}]
	pc  int
	in  *aio.Queue[int]
	out *aio.Queue[int]
	n   int
	i   int
	v   int
	aw1 aio.QueueGet[int]
	aw2 aio.QueuePut[int]
}

// QueuePong answers n values from in by putting them back on out.
func QueuePong(in, out *aio.Queue[int], n int) aio.Coro[struct{}] {
	f := &queuePongFrame{in: in, out: out, n: n}
	return f.Init(f)
}

// Resume implements aio.Frame.
func (f *queuePongFrame) Resume(r *aio.Runner) {
	switch f.pc {
	case 1:
		goto resume1
	case 2:
		goto resume2
	}
	f.i = 0
loop:
	if f.i >= f.n {
		f.Return(struct{}{}, nil)
		return
	}
	f.aw1 = f.in.Get()
	if !f.aw1.AwaitBegin(r) {
		f.pc = 1
		return
	}
resume1:
	{
		v, err := f.aw1.AwaitEnd(r)
		f.aw1 = aio.QueueGet[int]{}
		if err != nil {
			f.Return(struct{}{}, err)
			return
		}
		f.v = v
	}
	f.aw2 = f.out.Put(f.v)
	if !f.aw2.AwaitBegin(r) {
		f.pc = 2
		return
	}
resume2:
	if _, err := f.aw2.AwaitEnd(r); err != nil {
		f.Return(struct{}{}, err)
		return
	}
	f.aw2 = aio.QueuePut[int]{}
	f.i++
	goto loop
}

// queuePingPongFrame // generated-shape
//
//	func QueuePingPong(n int) aio.Coro[int] {
//		return aio.Async(func() (int, error) {
//			ping, pong := aio.NewQueue[int](0), aio.NewQueue[int](0)
//			t := aio.Spawn(QueuePong(ping, pong, n))
//			sum, err := aio.Await(QueuePing(ping, pong, n))
//			if err != nil {
//				return sum, err
//			}
//			_, err = aio.Await(t)
//			return sum, err
//		})
//	}
type queuePingPongFrame struct {
	aio.CoroFrame[int]
	pc  int
	n   int
	t   *aio.Task[struct{}]
	sum int
	aw1 aio.Coro[int]
	aw2 *aio.Task[struct{}]
}

// QueuePingPong runs n round trips through two unbounded aio.Queues between
// the main task (running QueuePing inline) and a spawned QueuePong task.
func QueuePingPong(n int) aio.Coro[int] {
	f := &queuePingPongFrame{n: n}
	return f.Init(f)
}

// Resume implements aio.Frame.
func (f *queuePingPongFrame) Resume(r *aio.Runner) {
	switch f.pc {
	case 1:
		goto resume1
	case 2:
		goto resume2
	}
	{
		ping, pong := aio.NewQueue[int](0), aio.NewQueue[int](0)
		f.t = aio.Spawn(QueuePong(ping, pong, f.n))
		f.aw1 = QueuePing(ping, pong, f.n)
	}
	if !f.aw1.AwaitBegin(r) {
		f.pc = 1
		return
	}
resume1:
	{
		sum, err := f.aw1.AwaitEnd(r)
		f.aw1 = aio.Coro[int]{}
		f.sum = sum
		if err != nil {
			f.Return(f.sum, err)
			return
		}
	}
	f.aw2 = f.t
	if !f.aw2.AwaitBegin(r) {
		f.pc = 2
		return
	}
resume2:
	{
		_, err := f.aw2.AwaitEnd(r)
		f.aw2 = nil
		f.Return(f.sum, err)
	}
}
