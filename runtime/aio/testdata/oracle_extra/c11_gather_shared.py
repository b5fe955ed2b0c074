# Gathers that share children with other gathers, awaiters and done
# callbacks: every wake-up goes through call_soon in registration order.
import asyncio
import vclock


async def ticker(n):
    for i in range(n):
        print(f"tick {i}")
        await asyncio.sleep(0)


async def work(name, n, fail=False):
    for _ in range(n):
        await asyncio.sleep(0)
    if fail:
        print(f"{name}: raising")
        raise ValueError(name)
    print(f"{name}: returning")
    return name


def rep(r):
    if isinstance(r, BaseException):
        return f"{type(r).__name__}({r})"
    return r


async def main():
    loop = asyncio.get_running_loop()
    tk = asyncio.create_task(ticker(30))
    print("--- one task in two gathers, an awaiter and callbacks")
    t = asyncio.create_task(work("T", 2))
    u = asyncio.create_task(work("U", 1))
    t.add_done_callback(lambda f: print("T cb#1"))
    g1 = asyncio.gather(t, u)
    g1.add_done_callback(lambda f: print(f"g1 done cb -> {f.result()}"))

    async def awaiter():
        print(f"awaiter: {await t}")
    aw = asyncio.create_task(awaiter())
    g2 = asyncio.gather(u, t, t)
    g2.add_done_callback(lambda f: print(f"g2 done cb -> {f.result()}"))
    t.add_done_callback(lambda f: print("T cb#2"))
    print(f"main: g1 -> {await g1}")
    print(f"main: g2 -> {await g2}")
    await aw
    print("--- gather of a done task and a pending one")
    d = asyncio.create_task(work("D", 0))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(f"D done: {d.done()}")
    print(f"main: {await asyncio.gather(d, work('E', 1))}")
    print("--- a failing child shared by two gathers, one with return_exceptions")
    f = asyncio.create_task(work("F", 1, fail=True))
    g3 = asyncio.gather(f, work("G", 3))
    g4 = asyncio.gather(f, work("H", 1), return_exceptions=True)
    try:
        await g3
    except ValueError as e:
        print(f"main: g3 raised {e}")
    print(f"main: g4 -> {[rep(r) for r in await g4]}")
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("--- cancel a child shared by two gathers")
    c = asyncio.create_task(work("C", 3))
    g5 = asyncio.gather(c, work("I", 1))
    g6 = asyncio.gather(c, return_exceptions=True)
    await asyncio.sleep(0)
    c.cancel()
    try:
        await g5
    except asyncio.CancelledError:
        print(f"main: g5 CancelledError, g5.cancelled={g5.cancelled()}")
    print(f"main: g6 -> {[type(r).__name__ for r in await g6]}")
    print("--- a future shared by a gather and a task, resolved by call_soon")
    fut = loop.create_future()
    g7 = asyncio.gather(fut, fut)

    async def fwait():
        print(f"fwait: {await fut}")
    fw = asyncio.create_task(fwait())
    await asyncio.sleep(0)
    loop.call_soon(fut.set_result, "FV")
    print(f"main: g7 -> {await g7}")
    await fw
    tk.cancel()


asyncio.run(main())
