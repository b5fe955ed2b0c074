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
    tk = asyncio.create_task(ticker(6))

async def child(name, d, fail=False, swallow=False):
    try:
        await asyncio.sleep(d)
    except asyncio.CancelledError as e:
        print(f"{name}: cancelled {e.args!r} at {ms()}")
        if swallow:
            return f"{name}-swallowed"
        raise
    if fail:
        print(f"{name}: raising at {ms()}")
        raise ValueError(name)
    print(f"{name}: done at {ms()}")
    return name

def show(e):
    if isinstance(e, BaseExceptionGroup):
        return [show(x) for x in e.exceptions]
    return f"{type(e).__name__}({e})"

async def main():
    loop = asyncio.get_running_loop()
    section("TaskGroup inside timeout()")
    try:
        async with asyncio.timeout(0.25):
            async with asyncio.TaskGroup() as g:
                g.create_task(child("a", 1))
                g.create_task(child("b", 0.125))
    except TimeoutError:
        print(f"TimeoutError at {ms()} cancelling={asyncio.current_task().cancelling()}")
    section("timeout fires as a child fails")
    try:
        async with asyncio.timeout(0.25):
            async with asyncio.TaskGroup() as g:
                g.create_task(child("c", 1))
                g.create_task(child("d", 0.25, fail=True))
    except BaseException as e:
        print(f"{show(e)} at {ms()} cancelling={asyncio.current_task().cancelling()}")
    section("gather inside timeout()")
    try:
        async with asyncio.timeout(0.125):
            await asyncio.gather(child("e", 1), child("f", 1, swallow=True))
    except TimeoutError:
        print(f"TimeoutError at {ms()}")
    section("shield inside timeout()")
    inner = asyncio.create_task(child("g", 0.25))
    try:
        async with asyncio.timeout(0.125):
            await asyncio.shield(inner)
    except TimeoutError:
        print(f"TimeoutError at {ms()} inner.done={inner.done()}")
    print(f"inner -> {await inner}")
    section("nested wait_for with equal timeouts")
    try:
        await asyncio.wait_for(asyncio.wait_for(child("h", 1), 0.125), 0.125)
    except asyncio.TimeoutError:
        print(f"TimeoutError at {ms()}")
    section("cancel message through gather")
    async def runner():
        try:
            await asyncio.gather(child("i", 1), child("j", 1))
        except asyncio.CancelledError as e:
            print(f"runner: CancelledError {e.args!r}")
            raise
    r = asyncio.create_task(runner())
    await asyncio.sleep(0)
    r.cancel("stop-msg")
    await asyncio.gather(r, return_exceptions=True)
    section("Event.wait under wait_for")
    ev = asyncio.Event()
    try:
        await asyncio.wait_for(ev.wait(), 0.125)
    except asyncio.TimeoutError:
        print(f"event wait TimeoutError at {ms()}")
    loop.call_later(0.0625, ev.set)
    print(f"event wait -> {await asyncio.wait_for(ev.wait(), 0.125)} at {ms()}")
    section("call_soon queued before a due timer")
    loop.call_later(0.125, print, "timer 0.125")
    async def sleeper():
        await asyncio.sleep(0.125)
        print("sleeper woke")
        loop.call_soon(print, "soon from sleeper")
    s = asyncio.create_task(sleeper())
    loop.call_later(0.125, print, "timer 0.125 #2")
    await asyncio.sleep(0.125)
    print("main woke")
    await s
    section("body awaits a failing child directly")
    try:
        async with asyncio.TaskGroup() as g:
            t = g.create_task(child("k", 0.125, fail=True))
            g.create_task(child("l", 1))
            try:
                await t
            except ValueError:
                print("body: got ValueError from await t")
            except asyncio.CancelledError:
                print(f"body: CancelledError from await t at {ms()}")
                raise
    except* ValueError as eg:
        print(f"group {show(eg)}")
    section("group child swallows the abort")
    try:
        async with asyncio.TaskGroup() as g:
            sw = g.create_task(child("m", 1, swallow=True))
            g.create_task(child("n", 0.125, fail=True))
    except* ValueError as eg:
        print(f"group {show(eg)} m -> {sw.result()}")
    section("body swallows the abort and keeps awaiting")
    try:
        async with asyncio.TaskGroup() as g:
            g.create_task(child("o", 0.125, fail=True))
            try:
                await asyncio.sleep(1)
            except asyncio.CancelledError:
                print(f"body: cancelled at {ms()}, sleeping more")
            await asyncio.sleep(0.125)
            print(f"body: slept after abort, at {ms()}")
    except* ValueError as eg:
        print(f"group {show(eg)} at {ms()} cancelling={asyncio.current_task().cancelling()}")
    section("Condition waiter cancelled while reacquiring")
    cond = asyncio.Condition()
    async def cw():
        async with cond:
            try:
                await cond.wait()
                print("cw: woke normally")
            except asyncio.CancelledError:
                print(f"cw: CancelledError at {ms()}, locked={cond.locked()}")
                raise
    c = asyncio.create_task(cw())
    await asyncio.sleep(0)
    await cond.acquire()
    cond.notify()
    await asyncio.sleep(0)
    c.cancel()
    await asyncio.sleep(0.125)
    print(f"releasing at {ms()} c.done={c.done()}")
    cond.release()
    r = await asyncio.gather(c, return_exceptions=True)
    print(f"cw -> {type(r[0]).__name__}")
    tk.cancel()

asyncio.run(main())
