import asyncio
import vclock
from vclock import ms

async def ticker(n):
    for i in range(n):
        print(f"tick {i}")
        await asyncio.sleep(0)

tk = None

def section(name):
    global tk
    if tk is not None:
        tk.cancel()
    print(f"--- {name}")
    tk = asyncio.create_task(ticker(8))

async def main():
    section("Lock: cancelled waiter in the middle, release hands to the next")
    lock = asyncio.Lock()
    async def locker(name, hold):
        try:
            async with lock:
                print(f"{name}: acquired locked={lock.locked()}")
                await asyncio.sleep(hold)
                print(f"{name}: releasing")
        except asyncio.CancelledError:
            print(f"{name}: cancelled while waiting")
            raise
    ls = [asyncio.create_task(locker(n, 0.125)) for n in ["L1", "L2", "L3", "L4"]]
    await asyncio.sleep(0)
    ls[1].cancel()
    await asyncio.sleep(0.0625)
    ls[2].cancel()
    await asyncio.gather(*ls, return_exceptions=True)
    print(f"locked={lock.locked()}")
    section("Lock: waiter woken, then cancelled before it runs")
    await lock.acquire()
    w1 = asyncio.create_task(locker("W1", 0))
    w2 = asyncio.create_task(locker("W2", 0))
    await asyncio.sleep(0)
    lock.release()
    w1.cancel()
    print(f"after release+cancel locked={lock.locked()}")
    await asyncio.gather(w1, w2, return_exceptions=True)
    section("Condition: notify(2) with a cancelled waiter")
    cond = asyncio.Condition()
    async def cwait(name):
        async with cond:
            try:
                await cond.wait()
                print(f"{name}: notified")
            except asyncio.CancelledError:
                print(f"{name}: cancelled, lock held={cond.locked()}")
                raise
    cs = [asyncio.create_task(cwait(f"C{i}")) for i in range(4)]
    await asyncio.sleep(0)
    cs[0].cancel()
    async with cond:
        cond.notify(2)
        print("notify(2) sent")
    await asyncio.sleep(0)
    async with cond:
        cond.notify_all()
        print("notify_all sent")
    await asyncio.gather(*cs, return_exceptions=True)
    section("Condition: notified waiter cancelled before it resumes")
    ds = [asyncio.create_task(cwait(f"D{i}")) for i in range(3)]
    await asyncio.sleep(0)
    async with cond:
        cond.notify(1)
    ds[0].cancel()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    async with cond:
        cond.notify(1)
        print("second notify(1)")
    await asyncio.sleep(0.01)
    print(f"states {[t.done() for t in ds]}")
    async with cond:
        cond.notify_all()
    await asyncio.gather(*ds, return_exceptions=True)
    section("Condition.wait_for")
    state = {"n": 0}
    async def waitfor():
        async with cond:
            r = await cond.wait_for(lambda: state["n"] >= 2)
            print(f"wait_for returned {r} n={state['n']}")
    wf = asyncio.create_task(waitfor())
    for i in range(3):
        await asyncio.sleep(0)
        async with cond:
            state["n"] += 1
            print(f"n={state['n']} notify")
            cond.notify()
    await wf
    section("Semaphore hand-off with a cancelled waiter")
    sem = asyncio.Semaphore(1)
    async def sworker(name):
        try:
            async with sem:
                print(f"{name}: acquired value={sem._value} locked={sem.locked()}")
                await asyncio.sleep(0)
        except asyncio.CancelledError:
            print(f"{name}: cancelled")
            raise
    ss = [asyncio.create_task(sworker(f"S{i}")) for i in range(4)]
    await asyncio.sleep(0)
    ss[2].cancel()
    await asyncio.gather(*ss, return_exceptions=True)
    print(f"sem value={sem._value}")
    section("BoundedSemaphore over-release")
    bs = asyncio.BoundedSemaphore(2)
    await bs.acquire()
    bs.release()
    try:
        bs.release()
    except ValueError as e:
        print(f"ValueError: {e}")
    section("Barrier: abort with parties waiting, then reset")
    b = asyncio.Barrier(3)
    async def bwait(name):
        try:
            i = await b.wait()
            print(f"{name}: passed index {i}")
        except asyncio.BrokenBarrierError:
            print(f"{name}: BrokenBarrierError broken={b.broken}")
    bws = [asyncio.create_task(bwait(f"B{i}")) for i in range(2)]
    await asyncio.sleep(0)
    print(f"n_waiting={b.n_waiting}")
    await b.abort()
    print(f"aborted broken={b.broken} n_waiting={b.n_waiting}")
    await asyncio.gather(*bws)
    await b.reset()
    print(f"reset broken={b.broken}")
    bws = [asyncio.create_task(bwait(f"R{i}")) for i in range(3)]
    await asyncio.gather(*bws)
    section("Event set/clear races")
    ev = asyncio.Event()
    async def ewait(name):
        r = await ev.wait()
        print(f"{name}: woke {r} is_set={ev.is_set()}")
    es = [asyncio.create_task(ewait(f"E{i}")) for i in range(2)]
    await asyncio.sleep(0)
    ev.set()
    ev.clear()
    es.append(asyncio.create_task(ewait("E2")))
    await asyncio.sleep(0)
    print(f"after set/clear: done={[t.done() for t in es]}")
    ev.set()
    await asyncio.gather(*es)
    tk.cancel()

asyncio.run(main())
