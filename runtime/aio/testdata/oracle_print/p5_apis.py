# Less-travelled APIs and what they print.
import asyncio
import vclock


async def work(v, d=1):
    await asyncio.sleep(d)
    return v


async def fail(tag, d=0):
    await asyncio.sleep(d)
    raise ValueError(tag)


async def main():
    loop = asyncio.get_running_loop()
    print("--- get_coro")
    c = work(1)
    t = asyncio.create_task(c)
    print(f"get_coro is coro: {t.get_coro() is c}")
    await t
    print("--- exception() / result() of a cancelled future")
    f = loop.create_future()
    f.cancel("gone")
    for op in (f.exception, f.result):
        try:
            op()
        except asyncio.CancelledError as e:
            print(f"{op.__name__}: CancelledError {e.args}")
    t = asyncio.create_task(work(2))
    await asyncio.sleep(0)
    t.cancel()
    await asyncio.sleep(0)
    try:
        t.exception()
    except asyncio.CancelledError as e:
        print(f"task exception(): CancelledError {e.args}")
    print("--- current_task outside a task")
    def cb():
        print(f"in callback current_task={asyncio.current_task()}")
    loop.call_soon(cb)
    await asyncio.sleep(0)
    print("--- all_tasks excludes done tasks")
    a = asyncio.create_task(work("a", 1), name="a")
    b = asyncio.create_task(work("b", 2), name="b")
    await asyncio.sleep(0)
    print(sorted(x.get_name() for x in asyncio.all_tasks()))
    await a
    print(sorted(x.get_name() for x in asyncio.all_tasks()))
    await b
    print(sorted(x.get_name() for x in asyncio.all_tasks()))
    print("--- Event set/clear cycles")
    ev = asyncio.Event()
    async def ewait(i):
        r = await ev.wait()
        print(f"ewait {i}: {r} is_set={ev.is_set()}")
    w1 = asyncio.create_task(ewait(1))
    await asyncio.sleep(0)
    ev.set()
    ev.clear()
    w2 = asyncio.create_task(ewait(2))
    await asyncio.sleep(0)
    print(f"after set+clear: w1 done={w1.done()} w2 done={w2.done()}")
    ev.set()
    print(f"wait on set event -> {await ev.wait()}")
    await asyncio.sleep(0)
    print(f"w2 done={w2.done()}")
    print("--- Condition.wait_for predicate calls")
    cond = asyncio.Condition()
    n = 0
    calls = 0
    def pred():
        nonlocal calls
        calls += 1
        print(f"pred call {calls}: n={n}")
        return n >= 2
    async def cwaiter():
        async with cond:
            r = await cond.wait_for(pred)
            print(f"wait_for -> {r}")
    cw = asyncio.create_task(cwaiter())
    await asyncio.sleep(0)
    for _ in range(3):
        async with cond:
            n += 1
            cond.notify()
        await asyncio.sleep(0)
    await cw
    print(f"pred called {calls} times")
    print("--- Semaphore.locked")
    s = asyncio.Semaphore(1)
    print(f"locked={s.locked()}")
    await s.acquire()
    print(f"locked={s.locked()}")
    s.release()
    print(f"locked={s.locked()}")
    s0 = asyncio.Semaphore(0)
    print(f"Semaphore(0) locked={s0.locked()}")
    print("--- Queue introspection")
    q = asyncio.Queue(2)
    print(f"qsize={q.qsize()} maxsize={q.maxsize} empty={q.empty()} full={q.full()}")
    q.put_nowait(1)
    q.put_nowait(2)
    print(f"qsize={q.qsize()} maxsize={q.maxsize} empty={q.empty()} full={q.full()}")
    q0 = asyncio.Queue()
    print(f"unbounded maxsize={q0.maxsize} full={q0.full()}")
    print("--- Lock.locked across a cancellation")
    lock = asyncio.Lock()
    await lock.acquire()
    async def lwait():
        async with lock:
            print("lwait got the lock")
    lw = asyncio.create_task(lwait())
    await asyncio.sleep(0)
    print(f"locked={lock.locked()}")
    lw.cancel()
    await asyncio.sleep(0)
    print(f"after cancel: locked={lock.locked()} lw cancelled={lw.cancelled()}")
    lock.release()
    print(f"after release: locked={lock.locked()}")
    lw2 = asyncio.create_task(lwait())
    await asyncio.sleep(0)
    lock2 = asyncio.Lock()
    await lock2.acquire()
    lw3 = asyncio.create_task(lock2.acquire())
    await asyncio.sleep(0)
    lock2.release()
    lw3.cancel()
    await asyncio.sleep(0)
    print(f"release then cancel waiter: locked={lock2.locked()} cancelled={lw3.cancelled()}")
    print("--- Barrier introspection")
    bar = asyncio.Barrier(3)
    print(f"parties={bar.parties} n_waiting={bar.n_waiting} broken={bar.broken}")
    b1 = asyncio.create_task(bar.wait())
    b2 = asyncio.create_task(bar.wait())
    await asyncio.sleep(0)
    print(f"parties={bar.parties} n_waiting={bar.n_waiting} broken={bar.broken}")
    r = await bar.wait()
    print(f"main index={r} others={[await b1, await b2]} n_waiting={bar.n_waiting}")
    b3 = asyncio.create_task(bar.wait())
    await asyncio.sleep(0)
    await bar.reset()
    print(f"after reset: n_waiting={bar.n_waiting} broken={bar.broken}")
    try:
        await b3
    except asyncio.BrokenBarrierError:
        print("b3: BrokenBarrierError")
    print(f"after b3: broken={bar.broken}")
    print("--- sleep with a result")
    print(f"sleep(0, 'x') -> {await asyncio.sleep(0, 'x')!r}")
    print(f"sleep(1, 7) -> {await asyncio.sleep(1, 7)!r}")
    print("--- wait_for with timeout None")
    print(f"wait_for(None) -> {await asyncio.wait_for(work('n', 5), None)}")
    print("--- shield of a done future")
    f = loop.create_future()
    f.set_result("done")
    sh = asyncio.shield(f)
    print(f"shield is f: {sh is f} -> {await sh}")
    print("--- gather(return_exceptions) mixing cancelled and failed")
    c1 = asyncio.create_task(work("ok", 1))
    c2 = asyncio.create_task(fail("bad", 0.5))
    c3 = asyncio.create_task(work("x", 5))
    c4 = asyncio.create_task(work("y", 5))
    loop.call_later(0.2, c3.cancel)
    loop.call_later(0.3, c4.cancel, "msg")
    res = await asyncio.gather(c1, c2, c3, c4, return_exceptions=True)
    for r in res:
        print(f"  {type(r).__name__} {r!r}")


asyncio.run(main())
