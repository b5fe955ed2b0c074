# wait() splits done and pending when the waiter resumes, not when the
# condition was first met: tasks finishing in between count as done.
import asyncio
import vclock
from vclock import ms


async def spin(name, n):
    for _ in range(n):
        await asyncio.sleep(0)
    print(f"{name}: finished")
    return name


def names(s, order):
    return sorted(order[t] for t in s)


async def main():
    for when in [asyncio.FIRST_COMPLETED, asyncio.FIRST_EXCEPTION, asyncio.ALL_COMPLETED]:
        print(f"--- {when} with staggered finishers")
        ts = {asyncio.create_task(spin(f"s{n}", n)): f"s{n}" for n in [3, 1, 2, 4, 5, 6]}
        if when == asyncio.FIRST_EXCEPTION:
            async def boom():
                await asyncio.sleep(0)
                await asyncio.sleep(0)
                print("boom: raising")
                raise ValueError("boom")
            ts[asyncio.create_task(boom())] = "boom"
        done, pending = await asyncio.wait(ts, return_when=when)
        print(f"done={names(done, ts)} pending={names(pending, ts)}")
        if pending:
            await asyncio.wait(pending)
    print("--- timeout racing finishers")
    async def nap(name, d):
        await asyncio.sleep(d)
        print(f"{name}: woke at {ms()}")
    ts = {asyncio.create_task(nap(f"n{i}", d)): f"n{i}" for i, d in enumerate([0.25, 0.125, 0.25, 0.375])}
    done, pending = await asyncio.wait(ts, timeout=0.25)
    print(f"done={names(done, ts)} pending={names(pending, ts)} at {ms()}")
    await asyncio.wait(pending)
    print("--- as_completed with staggered finishers")
    ts = [asyncio.create_task(spin(f"a{n}", n)) for n in [2, 1, 1, 3]]
    for f in asyncio.as_completed(ts):
        print(f"as_completed -> {await f}")


asyncio.run(main())
