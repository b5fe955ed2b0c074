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
    loop = asyncio.get_running_loop()
    section("Queue maxsize back-pressure with a cancelled putter")
    q = asyncio.Queue(1)
    async def putter(name, v):
        try:
            await q.put(v)
            print(f"{name}: put {v} qsize={q.qsize()}")
        except asyncio.CancelledError:
            print(f"{name}: cancelled qsize={q.qsize()}")
            raise
    q.put_nowait(0)
    ps = [asyncio.create_task(putter(f"P{i}", i)) for i in range(1, 4)]
    await asyncio.sleep(0)
    ps[0].cancel()
    print(f"get -> {q.get_nowait()}")
    await asyncio.sleep(0)
    print(f"get -> {await q.get()}")
    print(f"get -> {await q.get()}")
    await asyncio.gather(*ps, return_exceptions=True)
    print(f"qsize={q.qsize()} unfinished={q._unfinished_tasks}")
    section("Queue put woken then cancelled before it runs")
    q2 = asyncio.Queue(1)
    q2.put_nowait("a")
    x = asyncio.create_task(putter("X", "b"))
    async def putter2(name, v):
        await q2.put(v)
        print(f"{name}: put {v} qsize={q2.qsize()}")
    q = q2
    y = asyncio.create_task(putter("Y", "c"))
    await asyncio.sleep(0)
    print(f"get -> {q2.get_nowait()}")
    x.cancel()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(f"qsize={q2.qsize()} items={list(q2._queue)}")
    await asyncio.gather(x, y, return_exceptions=True)
    section("Queue join/task_done with several joiners")
    jq = asyncio.Queue()
    for i in range(3):
        jq.put_nowait(i)
    async def joiner(name):
        await jq.join()
        print(f"{name}: joined at unfinished={jq._unfinished_tasks}")
    js = [asyncio.create_task(joiner(f"J{i}")) for i in range(2)]
    await asyncio.sleep(0)
    for i in range(3):
        jq.get_nowait()
        jq.task_done()
        print(f"task_done #{i}")
        await asyncio.sleep(0)
    await asyncio.gather(*js)
    section("PriorityQueue ties and LifoQueue")
    pq = asyncio.PriorityQueue()
    for item in [(2, "b"), (1, "z"), (2, "a"), (1, "y"), (3, "c")]:
        pq.put_nowait(item)
    print("pq:", [pq.get_nowait() for _ in range(5)])
    lq = asyncio.LifoQueue()
    async def lget(name):
        print(f"{name}: got {await lq.get()}")
    lg = [asyncio.create_task(lget(f"G{i}")) for i in range(2)]
    await asyncio.sleep(0)
    for v in ["p", "q", "r"]:
        lq.put_nowait(v)
    await asyncio.gather(*lg)
    print(f"lq left {lq.get_nowait()}")
    section("call_soon vs call_later(0) vs call_at(now)")
    now = loop.time()
    loop.call_later(0, print, "later(0) #1")
    loop.call_at(now - 0.5, print, "call_at(now-0.5)")
    loop.call_soon(print, "soon #1")
    loop.call_later(-1, print, "later(-1)")
    loop.call_at(now - 2, print, "call_at(now-2)")
    loop.call_soon(print, "soon #2")
    h = loop.call_soon(print, "soon cancelled")
    h.cancel()
    loop.call_later(0.25, print, "later(0.25)")
    loop.call_at(now + 0.125, print, "call_at(now+0.125)")
    await asyncio.sleep(0)
    print("main after sleep(0)")
    await asyncio.sleep(0.25)
    print("main after sleep(0.25)")
    section("done callbacks added to an already-done future")
    f = loop.create_future()
    f.set_result(1)
    f.add_done_callback(lambda _: print("cb1"))
    loop.call_soon(print, "soon between")
    f.add_done_callback(lambda _: print("cb2"))
    print("callbacks added")
    await asyncio.sleep(0)
    print("main resumed")
    section("task done callbacks vs awaiter order")
    async def quick():
        return "q"
    t = asyncio.create_task(quick())
    t.add_done_callback(lambda _: print("t cb A"))
    async def waiter(name):
        print(f"{name}: got {await t}")
    w = asyncio.create_task(waiter("W"))
    await asyncio.sleep(0)
    t.add_done_callback(lambda _: print("t cb B"))
    await w
    tk.cancel()

asyncio.run(main())
