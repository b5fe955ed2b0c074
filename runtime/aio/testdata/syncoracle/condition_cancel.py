# Condition: notify order; a waiter cancelled while waiting for notify
# re-acquires the lock before raising; a waiter cancelled while re-acquiring
# keeps trying, then raises a plain CancelledError holding the lock.
import asyncio


async def main():
    cond = asyncio.Condition()

    async def waiter(name):
        async with cond:
            try:
                await cond.wait()
                print(f"{name}: notified, locked={cond.locked()}")
            except asyncio.CancelledError as e:
                print(f"{name}: cancelled {e.args}, locked={cond.locked()}")
                raise

    ts = [asyncio.create_task(waiter(n)) for n in ("A", "B", "C", "D")]
    await asyncio.sleep(0)
    async with cond:
        cond.notify(1)
        print("main: notify(1)")
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    ts[1].cancel("stop B")
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("--- cancel C while it re-acquires")
    async with cond:
        cond.notify_all()
        print("main: notify_all, holding the lock")
        await asyncio.sleep(0)
        ts[2].cancel("stop C")
        await asyncio.sleep(0)
        print("main: releasing")
    await asyncio.gather(*ts, return_exceptions=True)
    print("results:", [("cancelled" if t.cancelled() else "ok") for t in ts])
    print("--- wait_for")
    box = []

    async def consumer():
        async with cond:
            r = await cond.wait_for(lambda: len(box) >= 2)
            print("consumer: predicate", r, "box", box)

    c = asyncio.create_task(consumer())
    for i in range(3):
        await asyncio.sleep(0)
        async with cond:
            box.append(i)
            print("producer: append", i)
            cond.notify_all()
    await c
    try:
        cond.notify()
    except RuntimeError as e:
        print("notify unlocked:", e)


asyncio.run(main())
