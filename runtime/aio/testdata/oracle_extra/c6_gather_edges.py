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

def rep(r):
    if isinstance(r, BaseException):
        return f"{type(r).__name__}{r.args!r}"
    return repr(r)

async def child(name, d, fail=False, swallow=False):
    try:
        await asyncio.sleep(d)
    except asyncio.CancelledError:
        print(f"{name}: cancelled")
        if swallow:
            return f"{name}-swallowed"
        raise
    if fail:
        print(f"{name}: raising")
        raise ValueError(name)
    print(f"{name}: done")
    return name

async def main():
    loop = asyncio.get_running_loop()
    section("gather.cancel() directly")
    g = asyncio.gather(child("a", 1), child("b", 1, swallow=True))
    await asyncio.sleep(0)
    print(f"g.cancel() -> {g.cancel('gm')}")
    print(f"g.cancel() again -> {g.cancel()}")
    try:
        print(f"g -> {await g}")
    except asyncio.CancelledError as e:
        print(f"g -> CancelledError {e.args!r} cancelled={g.cancelled()}")
    section("gather cancelled when all children already finished this iteration")
    g = asyncio.gather(child("c", 0), child("d", 0))
    async def canceller():
        print(f"canceller: g.done={g.done()} cancel -> {g.cancel()}")
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    asyncio.create_task(canceller())
    try:
        print(f"g -> {await g}")
    except asyncio.CancelledError:
        print("g -> CancelledError")
    section("task awaiting gather is cancelled; a child swallows")
    async def runner():
        try:
            return await asyncio.gather(child("e", 1), child("f", 1, swallow=True))
        except asyncio.CancelledError:
            print(f"runner: CancelledError cancelling={asyncio.current_task().cancelling()}")
            raise
    r = asyncio.create_task(runner())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    r.cancel()
    res = await asyncio.gather(r, return_exceptions=True)
    print(f"runner -> {rep(res[0])}")
    section("gather: first error while other child fails later")
    g = asyncio.gather(child("h", 0.125, fail=True), child("i", 0.25, fail=True), child("j", 0.375))
    try:
        await g
    except ValueError as e:
        print(f"g -> ValueError({e}) at {ms()}")
    await asyncio.sleep(0.5)
    print(f"g.done={g.done()} exception={g.exception()!r}")
    section("nested gather: cancel outer")
    inner = asyncio.gather(child("k", 1), child("l", 1))
    outer = asyncio.gather(inner, child("m", 1))
    await asyncio.sleep(0)
    outer.cancel()
    res = await asyncio.gather(outer, return_exceptions=True)
    print(f"outer -> {rep(res[0])} inner.cancelled={inner.cancelled()}")
    section("gather with a coroutine that fails at once and a done future")
    fut = loop.create_future()
    fut.set_result("F")
    async def boom():
        raise KeyError("boom")
    res = await asyncio.gather(fut, boom(), child("n", 0), return_exceptions=True)
    print(f"res -> {[rep(x) for x in res]}")
    section("shield: outer cancelled, inner fails later: no report")
    inner_t = asyncio.create_task(child("o", 0.125, fail=True))
    sh = asyncio.shield(inner_t)
    sh.cancel()
    res = await asyncio.gather(sh, inner_t, return_exceptions=True)
    print(f"res -> {[rep(x) for x in res]}")
    section("wait_for: the caller is cancelled")
    async def wf():
        try:
            return await asyncio.wait_for(child("p", 1), 10)
        except asyncio.CancelledError:
            print(f"wf: CancelledError at {ms()}")
            raise
    t = asyncio.create_task(wf())
    await asyncio.sleep(0.125)
    t.cancel("stop")
    res = await asyncio.gather(t, return_exceptions=True)
    print(f"wf -> {rep(res[0])}")
    section("wait_for: the caller is cancelled, inner swallows")
    async def wf2():
        try:
            return await asyncio.wait_for(child("q", 1, swallow=True), 10)
        except asyncio.CancelledError:
            print(f"wf2: CancelledError at {ms()}")
            raise
    t = asyncio.create_task(wf2())
    await asyncio.sleep(0.125)
    t.cancel()
    res = await asyncio.gather(t, return_exceptions=True)
    print(f"wf2 -> {rep(res[0])} cancelled={t.cancelled()} cancelling={t.cancelling()}")
    section("wait_for on a future cancelled by someone else")
    fut = loop.create_future()
    loop.call_later(0.125, fut.cancel)
    try:
        await asyncio.wait_for(fut, 1)
    except asyncio.CancelledError:
        print(f"wait_for(fut) -> CancelledError at {ms()} cancelling={asyncio.current_task().cancelling()}")
    tk.cancel()

asyncio.run(main())
