import asyncio
import vclock

async def ticker(n):
    for i in range(n):
        print(f"tick {i}")
        await asyncio.sleep(0)

async def main():
    loop = asyncio.get_running_loop()
    t0 = 0.0
    def now():
        return round((loop.time() - t0) * 1000)
    tk = asyncio.create_task(ticker(30))
    print("--- wait_for on an already-done future")
    f = loop.create_future()
    f.set_result("ready")
    print(f"wait_for done future -> {await asyncio.wait_for(f, 1)}")
    print("--- wait_for timeout 0 on a pending coroutine")
    async def quick():
        print("quick: runs")
        return "q"
    try:
        print(f"wait_for(quick, 0) -> {await asyncio.wait_for(quick(), 0)}")
    except asyncio.TimeoutError:
        print("wait_for(quick, 0) -> TimeoutError")
    print("--- wait_for timeout 0 on a done task")
    dt = asyncio.create_task(quick())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    try:
        print(f"wait_for(done task, 0) -> {await asyncio.wait_for(dt, 0)}")
    except asyncio.TimeoutError:
        print("wait_for(done task, 0) -> TimeoutError")
    print("--- wait_for timeout, inner cleanup awaits")
    async def slow():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            print(f"slow: cancelled at {now()}")
            await asyncio.sleep(0.05)
            print(f"slow: cleanup done at {now()}")
            raise
    try:
        await asyncio.wait_for(slow(), 0.1)
    except asyncio.TimeoutError:
        print(f"wait_for slow -> TimeoutError at {now()}")
    print("--- wait_for timeout, inner swallows and returns")
    async def swallow():
        try:
            await asyncio.sleep(10)
        except asyncio.CancelledError:
            print("swallow: cancelled, returning anyway")
        return "swallowed"
    try:
        print(f"wait_for swallow -> {await asyncio.wait_for(swallow(), 0.1)} at {now()}")
    except asyncio.TimeoutError:
        print(f"wait_for swallow -> TimeoutError at {now()}")
    print("--- timeout() reschedule and expired")
    try:
        async with asyncio.timeout(0.1) as cm:
            print(f"cm.when rel = {round((cm.when() - loop.time())*1000)}")
            await asyncio.sleep(0.05)
            cm.reschedule(loop.time() + 0.2)
            print(f"rescheduled, expired={cm.expired()}")
            await asyncio.sleep(1)
            print("not reached")
    except TimeoutError:
        print(f"timeout -> TimeoutError at {now()} expired={cm.expired()}")
    print("--- timeout(None) rescheduled to the past")
    try:
        async with asyncio.timeout(None) as cm:
            await asyncio.sleep(0.01)
            cm.reschedule(loop.time() - 1)
            print(f"rescheduled to past, expired={cm.expired()}")
            await asyncio.sleep(0)
            print("not reached after sleep(0)")
    except TimeoutError:
        print(f"past reschedule -> TimeoutError at {now()} expired={cm.expired()}")
    print("--- nested timeouts expiring at the same time")
    try:
        async with asyncio.timeout(0.1) as outer:
            try:
                async with asyncio.timeout(0.1) as inner:
                    await asyncio.sleep(1)
            except TimeoutError:
                print(f"inner TimeoutError at {now()} inner.expired={inner.expired()} outer.expired={outer.expired()}")
            print("after inner block")
            await asyncio.sleep(0)
            print("after sleep(0) in outer")
    except TimeoutError:
        print(f"outer TimeoutError at {now()} outer.expired={outer.expired()}")
    print("--- nested: outer shorter than inner")
    try:
        async with asyncio.timeout(0.05) as outer:
            try:
                async with asyncio.timeout(0.1) as inner:
                    await asyncio.sleep(1)
            except TimeoutError:
                print("inner caught TimeoutError (wrong)")
    except TimeoutError:
        print(f"outer TimeoutError at {now()} inner.expired={inner.expired()} outer.expired={outer.expired()}")
    print("--- timeout whose body finishes exactly at the deadline")
    try:
        async with asyncio.timeout(0.1) as cm:
            await asyncio.sleep(0.1)
        print(f"body finished at {now()} expired={cm.expired()}")
    except TimeoutError:
        print(f"deadline tie -> TimeoutError at {now()}")
    print("--- wait_for where the task finishes at the deadline")
    try:
        r = await asyncio.wait_for(asyncio.sleep(0.1, "tie"), 0.1)
        print(f"wait_for tie -> {r} at {now()}")
    except asyncio.TimeoutError:
        print(f"wait_for tie -> TimeoutError at {now()}")
    print("--- cancel a task inside timeout(): CancelledError, not TimeoutError")
    async def inside():
        try:
            async with asyncio.timeout(1):
                await asyncio.sleep(10)
        except TimeoutError:
            print("inside: TimeoutError (wrong)")
        except asyncio.CancelledError:
            print(f"inside: CancelledError at {now()}")
            raise
    it = asyncio.create_task(inside())
    await asyncio.sleep(0.01)
    it.cancel()
    r = await asyncio.gather(it, return_exceptions=True)
    print(f"inside -> {type(r[0]).__name__}")
    print("--- cancel and timeout in the same iteration")
    async def both():
        try:
            async with asyncio.timeout(0.05):
                await asyncio.sleep(10)
        except TimeoutError:
            print(f"both: TimeoutError at {now()}")
            return "timeout"
        except asyncio.CancelledError:
            print(f"both: CancelledError at {now()} cancelling={asyncio.current_task().cancelling()}")
            raise
    bt = asyncio.create_task(both())
    loop.call_later(0.05, lambda: print(f"cb: cancel both -> {bt.cancel()}"))
    r = await asyncio.gather(bt, return_exceptions=True)
    print(f"both -> {r[0]!r}")
    tk.cancel()

asyncio.run(main())
