// Package aio is asyncio's async/await for Go: coroutines, tasks, futures,
// combinators, synchronisation primitives and queues on a single-threaded
// event loop, with asyncio's scheduling, so that a Python asyncio program
// ported line by line prints the same events in the same order.
//
// # Async functions
//
// An async function is an ordinary function whose body returns an
// [Async] literal; calling it runs nothing and returns a [Coro]. Inside the
// literal, [Await] waits for a coroutine, a [Task], a [Future] or any other
// [Awaitable] and returns its value and error:
//
//	func fetch(id int) aio.Coro[string] {
//		return aio.Async(func() (string, error) {
//			if _, err := aio.Await(aio.Sleep(time.Second)); err != nil {
//				return "", err // cancelled
//			}
//			return fmt.Sprint("item ", id), nil
//		})
//	}
//
//	items, err := aio.Run(aio.Gather(fetch(1), fetch(2)))
//
// [Run] is asyncio.run: it makes a loop, runs the awaitable to completion,
// cancels the tasks left over and closes the loop. [Spawn] is create_task;
// awaiting a coroutine runs it inline in the awaiting task, as in asyncio.
//
// # Two builds of the same source
//
// Files holding async code carry the build constraint aiosrc. Built with
// -tags aiosrc, the source runs as written: Async and Await have a reference
// implementation that gives every coroutine a goroutine and hands control
// strictly back and forth. The default build uses the twins that
// `asyncgo gen` writes, where each async body is a resumable state machine
// costing a few hundred bytes while suspended. Both builds schedule
// identically and print the same trace. The exported names documented "for
// generated code only" (Runner's frame protocol, [FrameHeader], [CoroFrame],
// [Defers] and the helpers in gensupport.go) are the contract between the
// generator and this package, like protoimpl's for protobuf; programs do not
// use them.
//
// # One goroutine
//
// A loop and everything on it (tasks, futures, primitives, queues) belongs to
// the goroutine running the loop. User code between two awaits never runs
// concurrently with other user code, so shared state needs no locks. Other
// goroutines reach a loop only through [Loop.CallSoonThreadsafe] and the
// methods built on it ([Future.SetResultThreadsafe], [Submit], [Call]);
// blocking Go functions run off the loop with [ToThread]. [WithDebug] turns
// a loop-only call from another goroutine into a panic naming the fix.
//
// # Cancellation, timeouts and errors
//
// A task's Cancel delivers [ErrCancelled] at the task's current await,
// innermost coroutine first, and cancels what that await waits for, as in
// asyncio; a coroutine may catch it and carry on. [WaitFor], [Timeout] and
// [TimeoutScopeAt] turn a deadline into [ErrTimeout]. ErrCancelled matches
// context.Canceled and ErrTimeout matches context.DeadlineExceeded under
// errors.Is.
//
// Errors that name a sentinel in these docs wrap it, with the operation
// prefixed ("aio: Queue.Put: ..."): test them with errors.Is. The exceptions
// are the flow-control sentinels ([ErrQueueEmpty], [ErrQueueFull],
// [ErrStopAsyncIteration], the [ErrChanClosed] of [Recv]), returned bare so
// that they can be compared like io.EOF. A panic in a coroutine is never
// swallowed: its task finishes with a [*PanicError] carrying the value and
// the original stack, awaiting the task panics again with it, and a panic
// nobody observed goes to the loop's exception handler and fails Run.
//
// # Determinism and introspection
//
// [WithVirtualClock] makes time jump to the next timer whenever every task
// waits, so a program that sleeps for minutes finishes in milliseconds with
// the same trace: tests use it instead of wall-clock timing. [CurrentTask],
// [AllTasks], a task's Stack and [Loop.DumpTasks] show what each task is
// suspended at, with file:line.
package aio
