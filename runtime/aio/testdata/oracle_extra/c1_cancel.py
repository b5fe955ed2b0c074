import asyncio
import vclock

async def ticker(n):
    for i in range(n):
        print(f"tick {i}")
        await asyncio.sleep(0)

async def body(name, make):
    print(f"{name}: start")
    try:
        v = await make()
        print(f"{name}: got {v}")
        return v
    except asyncio.CancelledError as e:
        print(f"{name}: CancelledError {e.args!r}")
        raise

def rep(r):
    if isinstance(r, BaseException):
        return f"{type(r).__name__}{r.args!r}"
    return repr(r)

async def main():
    loop = asyncio.get_running_loop()
    tk = asyncio.create_task(ticker(60))
    print("--- cancel before start, twice")
    a = asyncio.create_task(body("A", lambda: asyncio.sleep(1)))
    print(f"cancel #1 -> {a.cancel('m1')}")
    print(f"cancel #2 -> {a.cancel('m2')}")
    print(f"cancelling={a.cancelling()}")
    try:
        await a
    except asyncio.CancelledError as e:
        print(f"main: A CancelledError cancelling={a.cancelling()} cancelled={a.cancelled()}")
    print("--- cancel a task awaiting a task")
    inner = asyncio.create_task(body("Bi", lambda: asyncio.sleep(1, "bi")))
    outer = asyncio.create_task(body("Bo", lambda: inner))
    await asyncio.sleep(0)
    print(f"cancel Bo -> {outer.cancel('mb')}")
    print(f"cancelling Bi={inner.cancelling()} Bo={outer.cancelling()}")
    res = await asyncio.gather(outer, inner, return_exceptions=True)
    print(f"B results {[type(r).__name__ for r in res]}")
    print("--- cancel a task awaiting a future, future survives? ")
    fut = loop.create_future()
    c = asyncio.create_task(body("C", lambda: fut))
    await asyncio.sleep(0)
    c.cancel()
    print(f"fut cancelled right after? {fut.cancelled()}")
    res = await asyncio.gather(c, return_exceptions=True)
    print(f"C {[type(r).__name__ for r in res]} fut.cancelled={fut.cancelled()}")
    print("--- cancel after done")
    d = asyncio.create_task(body("D", lambda: asyncio.sleep(0, "d")))
    await d
    print(f"cancel done D -> {d.cancel()} cancelling={d.cancelling()}")
    print("--- cancel, task catches and awaits again, then cancelled again")
    async def stubborn():
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            print(f"E: caught, cancelling={asyncio.current_task().cancelling()}")
        try:
            await asyncio.sleep(0)
            print("E: second await finished")
            await asyncio.sleep(1)
        except asyncio.CancelledError as e:
            print(f"E: caught again {e.args!r} cancelling={asyncio.current_task().cancelling()}")
            print(f"E: uncancel -> {asyncio.current_task().uncancel()}")
            print(f"E: uncancel -> {asyncio.current_task().uncancel()}")
        return "E-done"
    e = asyncio.create_task(stubborn())
    await asyncio.sleep(0)
    e.cancel("first")
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    e.cancel("second")
    print(f"E result {await e} cancelling={e.cancelling()}")
    print("--- cancel twice while waiting: one CancelledError")
    f = asyncio.create_task(body("F", lambda: asyncio.sleep(1)))
    await asyncio.sleep(0)
    print(f"{f.cancel('x')} {f.cancel('y')} cancelling={f.cancelling()}")
    res = await asyncio.gather(f, return_exceptions=True)
    print(f"F {rep(res[0])}")
    print("--- cancel of a task awaiting a shielded task")
    async def work():
        print("G-work: start")
        await asyncio.sleep(0.5)
        print("G-work: done")
        return 7
    w = asyncio.create_task(work())
    g = asyncio.create_task(body("G", lambda: asyncio.shield(w)))
    await asyncio.sleep(0)
    g.cancel()
    res = await asyncio.gather(g, return_exceptions=True)
    print(f"G {rep(res[0])} work done={w.done()}")
    print(f"work -> {await w}")
    print("--- cancel inside a done callback")
    h1 = asyncio.create_task(body("H1", lambda: asyncio.sleep(0, "h1")))
    h2 = asyncio.create_task(body("H2", lambda: asyncio.sleep(1)))
    def cb(t):
        print(f"cb: H1 done, cancel H2 -> {h2.cancel('from-cb')}")
    h1.add_done_callback(cb)
    res = await asyncio.gather(h1, h2, return_exceptions=True)
    print(f"H {[rep(r) for r in res]}")
    tk.cancel()

asyncio.run(main())
