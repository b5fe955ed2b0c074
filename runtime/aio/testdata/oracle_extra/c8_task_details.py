import asyncio
import vclock

def name():
    return asyncio.current_task().get_name()

async def child(tag):
    print(f"{tag}: running as {name()}")
    await asyncio.sleep(0)
    return tag

async def main():
    loop = asyncio.get_running_loop()
    print(f"--- task names")
    print(f"main is {name()}")
    t = asyncio.create_task(child("spawned"))
    await t
    await asyncio.gather(child("g1"), child("g2"))
    await asyncio.wait_for(child("wait_for"), 1)
    await asyncio.shield(child("shield"))
    async with asyncio.TaskGroup() as g:
        g.create_task(child("tg"))
        g.create_task(child("tg-named"), name="custom")
    for f in asyncio.as_completed([child("ac")]):
        await f
    await asyncio.wait([asyncio.create_task(child("wait"))])
    t = asyncio.create_task(child("last"))
    await t
    print(f"last task name {t.get_name()}")
    t.set_name(42)
    print(f"renamed {t.get_name()!r}")
    print("--- cancel while the awaited future is already resolved")
    fut = loop.create_future()
    async def waiter():
        try:
            v = await fut
            print(f"waiter: got {v}")
        except asyncio.CancelledError:
            print("waiter: CancelledError despite the result")
            raise
    w = asyncio.create_task(waiter())
    await asyncio.sleep(0)
    fut.set_result("R")
    print(f"cancel -> {w.cancel()}")
    r = await asyncio.gather(w, return_exceptions=True)
    print(f"waiter -> {type(r[0]).__name__} fut.result={fut.result()}")
    print("--- self-cancel, then return without awaiting")
    async def selfcancel():
        print(f"self cancel -> {asyncio.current_task().cancel()}")
        return "value"
    s = asyncio.create_task(selfcancel())
    r = await asyncio.gather(s, return_exceptions=True)
    print(f"selfcancel -> {r[0]!r} cancelled={s.cancelled()}")
    print("--- self-cancel, then await sleep(0)")
    async def selfcancel2():
        asyncio.current_task().cancel("me")
        try:
            await asyncio.sleep(0)
            print("not reached")
        except asyncio.CancelledError as e:
            print(f"selfcancel2: CancelledError {e.args!r}")
            return "swallowed"
    s = asyncio.create_task(selfcancel2())
    print(f"selfcancel2 -> {await s} cancelled={s.cancelled()} cancelling={s.cancelling()}")
    print("--- cancel then uncancel before the task starts")
    u = asyncio.create_task(child("U"))
    u.cancel()
    print(f"uncancel -> {u.uncancel()}")
    r = await asyncio.gather(u, return_exceptions=True)
    print(f"U -> {type(r[0]).__name__} cancelling={u.cancelling()}")
    print("--- cancel a task whose coroutine catches and returns at once")
    async def catcher():
        try:
            await asyncio.sleep(1)
        except asyncio.CancelledError:
            return "caught"
    c = asyncio.create_task(catcher())
    await asyncio.sleep(0)
    c.cancel()
    c.cancel()
    print(f"catcher -> {await c} cancelling={c.cancelling()} cancelled={c.cancelled()}")
    print("--- cancelled task: result() and exception()")
    d = asyncio.create_task(child("D"))
    d.cancel("msg-d")
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    try:
        d.result()
    except asyncio.CancelledError as e:
        print(f"result() -> CancelledError {e.args!r}")
    try:
        d.exception()
    except asyncio.CancelledError as e:
        print(f"exception() -> CancelledError {e.args!r}")
    print("--- result() of a pending task")
    p = asyncio.create_task(child("P"))
    try:
        p.result()
    except asyncio.InvalidStateError as e:
        print(f"result() -> InvalidStateError {e}")
    await p
    print("--- future set twice")
    f = loop.create_future()
    f.set_result(1)
    try:
        f.set_result(2)
    except asyncio.InvalidStateError as e:
        print(f"set_result again -> InvalidStateError {e}")
    print(f"cancel done future -> {f.cancel()}")

asyncio.run(main())
