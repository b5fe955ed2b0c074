package semantics

import "github.com/asyncgo/asyncgo/analyzer/internal/rule"

// DocTimeoutNoAwait documents AIO100.
var DocTimeoutNoAwait = rule.Doc{
	ID:    "AIO100",
	Title: "timeout around a coroutine that never awaits",
	Why: "A deadline takes effect by cancelling the task at its current await. A coroutine passed to aio.Timeout, " +
		"aio.TimeoutAt or aio.WaitFor (or returned by the body of aio.TimeoutScopeAt) as an aio.Async literal " +
		"that contains no await runs to completion in one step, so the deadline can never interrupt it: the " +
		"timeout is dead code that suggests a protection the program does not have. Awaits in deferred cleanup and " +
		"in closures called in place count; awaits in a nested func literal that only runs elsewhere do not, nor " +
		"does awaiting another such literal (it runs inline without suspending). A call of an async function is " +
		"assumed to await. aio.WaitFor with a constant limit of zero or less is not reported: it cancels the task " +
		"before it starts. Make the body await, offload synchronous work with aio.ToThread (its await can be " +
		"interrupted, though the goroutine runs on), or drop the timeout.",
	Bad: `v, err := aio.Await(aio.Timeout(time.Second, aio.Async(func() (int, error) {
	return crunch(data), nil // never awaits: the deadline cannot fire
})))`,
	Good: `v, err := aio.Await(aio.WaitFor(aio.ToThread(func(context.Context) (int, error) {
	return crunch(data), nil
}), time.Second))`,
}

// DocBusyWait documents AIO110.
var DocBusyWait = rule.Doc{
	ID:    "AIO110",
	Title: "busy-wait loop that only sleeps while polling",
	Why: "A loop whose body only awaits aio.Sleep (or aio.Yield) while it polls a condition, in the loop's " +
		"condition or in `if cond { break }` checks, trades latency for wasted wake-ups: a short sleep burns loop " +
		"iterations, a long one reacts late. An aio.Event (or a future) set by the code that changes the condition " +
		"wakes the waiter exactly once, at once. Loops doing anything else besides the sleep and the exit checks, " +
		"loops with a post statement, and loops whose condition awaits (polling a remote service) are not reported.",
	Bad: `return aio.Async(func() (int, error) {
	for !s.ready {
		if _, err := aio.Await(aio.Sleep(10 * time.Millisecond)); err != nil {
			return 0, err
		}
	}
	return s.value, nil
})`,
	Good: `// the producer calls s.readyEvent.Set() where it set s.ready
return aio.Async(func() (int, error) {
	if _, err := aio.Await(s.readyEvent.Wait()); err != nil {
		return 0, err
	}
	return s.value, nil
})`,
}

// DocLongSleep documents AIO116.
var DocLongSleep = rule.Doc{
	ID:    "AIO116",
	Title: "sleep of more than a day standing for \"forever\"",
	Why: "aio.Sleep with a constant duration over 24 hours almost always means \"wait until cancelled\". Say so: " +
		"await something that never completes, such as an aio.Event nobody sets or a future nobody resolves. " +
		"Besides the intent, the behaviour differs: under aio.WithVirtualClock time jumps to the next timer when " +
		"every task waits, so a year-long sleep ends at once, while waiting on an event really waits.",
	Bad: `return aio.Async(func() (int, error) {
	_, err := aio.Await(aio.Sleep(math.MaxInt64)) // until cancelled
	return 0, err
})`,
	Good: `return aio.Async(func() (int, error) {
	_, err := aio.Await(aio.NewEvent().Wait()) // until cancelled
	return 0, err
})`,
}

// DocCoroReuse documents AIO190.
var DocCoroReuse = rule.Doc{
	ID:    "AIO190",
	Title: "coroutine awaited twice",
	Why: "A coroutine runs once: awaiting, spawning or gathering it a second time (wrapping it in aio.WaitFor, " +
		"aio.Timeout or aio.Shield counts, as the wrapper runs it) fails with aio.ErrCoroReused " +
		"(asyncio raises \"cannot reuse already awaited coroutine\"). AIO190 reports a coroutine variable consumed " +
		"when every path to that point has already consumed it with no assignment in between, and one consumed " +
		"on every iteration of a loop when it was made outside the loop (a retry loop re-awaiting the same " +
		"coroutine is the classic case); a consumption the loop can skip, such as a start guarded by a flag, is " +
		"left alone. Variables whose address is taken or that other closures assign are not tracked. Call the async " +
		"function again for a new coroutine, or spawn it once and await the *aio.Task, which may be awaited any " +
		"number of times. No flake8-async rule covers this (Python fails at run time the same way), so the id is " +
		"from the 1xx range flake8-async leaves unused.",
	Bad: `return aio.Async(func() (int, error) {
	c := Fetch(url)
	for attempt := 0; attempt < 3; attempt++ {
		v, err := aio.Await(c) // second attempt: ErrCoroReused
		if err == nil {
			return v, nil
		}
	}
	return 0, errGaveUp
})`,
	Good: `return aio.Async(func() (int, error) {
	for attempt := 0; attempt < 3; attempt++ {
		v, err := aio.Await(Fetch(url))
		if err == nil {
			return v, nil
		}
	}
	return 0, errGaveUp
})`,
}
