import asyncio
import vclock
from vclock import ms

async def ticker(n):
    for i in range(n):
        print(f"tick {i}")
        await asyncio.sleep(0)

async def job(name, d, fail=None):
    try:
        await asyncio.sleep(d)
    except asyncio.CancelledError:
        print(f"{name}: cancelled at {ms()}")
        raise
    if fail:
        print(f"{name}: raising at {ms()}")
        raise ValueError(name)
    print(f"{name}: done at {ms()}")
    return name

def names(s, order):
    return sorted(order[t] for t in s)

async def main():
    tk = asyncio.create_task(ticker(12))
    print("--- wait FIRST_COMPLETED with ties")
    ts = [asyncio.create_task(job(n, d)) for n, d in [("a", 0.25), ("b", 0.125), ("c", 0.125), ("d", 0.5)]]
    order = {t: n for t, n in zip(ts, "abcd")}
    done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_COMPLETED)
    print(f"done={names(done, order)} pending={names(pending, order)} at {ms()}")
    print("--- wait FIRST_EXCEPTION with a timeout that fires first")
    e1 = asyncio.create_task(job("e1", 0.5, fail=True))
    e2 = asyncio.create_task(job("e2", 0.125))
    order.update({e1: "e1", e2: "e2"})
    done, pending = await asyncio.wait([e1, e2] + ts[3:], timeout=0.25, return_when=asyncio.FIRST_EXCEPTION)
    print(f"done={names(done, order)} pending={names(pending, order)} at {ms()}")
    print("--- wait ALL_COMPLETED, one fails first")
    done, pending = await asyncio.wait([e1, ts[3]])
    print(f"done={names(done, order)} pending={names(pending, order)} at {ms()} e1.exception={e1.exception()!r}")
    print("--- wait with timeout 0 on pending tasks")
    z = asyncio.create_task(job("z", 0.125))
    order[z] = "z"
    done, pending = await asyncio.wait([z], timeout=0)
    print(f"done={names(done, order)} pending={names(pending, order)} at {ms()}")
    print("--- as_completed order with ties")
    xs = [asyncio.create_task(job(n, d)) for n, d in [("x1", 0.25), ("x2", 0.125), ("x3", 0.375), ("x4", 0.125)]]
    for i, f in enumerate(asyncio.as_completed(xs)):
        r = await f
        print(f"as_completed #{i}: {r} at {ms()}")
    print("--- as_completed with timeout")
    ys = [asyncio.create_task(job(n, d)) for n, d in [("y1", 0.125), ("y2", 1.0)]]
    try:
        for f in asyncio.as_completed(ys, timeout=0.5):
            print(f"as_completed: {await f} at {ms()}")
    except asyncio.TimeoutError:
        print(f"as_completed: TimeoutError at {ms()}")
    await ys[1]
    await z
    print("--- TaskGroup: a child fails while another is in a finally that awaits")
    async def cleaner():
        try:
            await asyncio.sleep(1)
        finally:
            print(f"cleaner: finally at {ms()}")
            await asyncio.sleep(0.125)
            print(f"cleaner: cleanup done at {ms()}")
    try:
        async with asyncio.TaskGroup() as g:
            g.create_task(cleaner())
            g.create_task(job("f1", 0.25, fail=True))
            g.create_task(job("f2", 0.25, fail=True))
            print("body: done")
    except* ValueError as eg:
        print(f"group: {[str(e) for e in eg.exceptions]} at {ms()}")
    print("--- TaskGroup: body raises after children failed, nested group")
    try:
        async with asyncio.TaskGroup() as g:
            async def inner_group():
                async with asyncio.TaskGroup() as g2:
                    g2.create_task(job("n1", 1))
                    g2.create_task(job("n2", 0.125, fail=True))
            g.create_task(inner_group())
            g.create_task(job("o1", 1))
            try:
                await asyncio.sleep(1)
            except asyncio.CancelledError:
                print(f"body: cancelled at {ms()}")
                raise RuntimeError("body-err")
    except* (ValueError, RuntimeError) as eg:
        def show(e):
            if isinstance(e, BaseExceptionGroup):
                return [show(x) for x in e.exceptions]
            return f"{type(e).__name__}({e})"
        print(f"group: {show(eg)} at {ms()}")
    print("--- TaskGroup: create_task in a finished group")
    async with asyncio.TaskGroup() as g:
        pass
    c = job("late", 0)
    try:
        g.create_task(c)
    except RuntimeError as e:
        print(f"late create_task: RuntimeError {e}")
        c.close()
    print("--- TaskGroup: child spawns sibling while the group is aborting")
    try:
        async with asyncio.TaskGroup() as g:
            async def spawner():
                try:
                    await asyncio.sleep(1)
                except asyncio.CancelledError:
                    print("spawner: cancelled, spawning")
                    c = job("sib", 0)
                    try:
                        g.create_task(c)
                    except RuntimeError as e:
                        print(f"spawner: RuntimeError {e}")
                        c.close()
                    raise
            g.create_task(spawner())
            g.create_task(job("bad", 0.125, fail=True))
    except* ValueError as eg:
        print(f"group: {[str(e) for e in eg.exceptions]} at {ms()}")

asyncio.run(main())
