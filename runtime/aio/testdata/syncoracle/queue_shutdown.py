# Queue.shutdown (3.13): blocked producers and consumers are woken and fail;
# graceful shutdown lets consumers drain, immediate drops the items and
# releases join(). Putters: cancel while blocked, woken-then-cancelled.
import asyncio


async def main():
    q = asyncio.Queue(maxsize=1)

    async def putter(name, item):
        try:
            await q.put(item)
            print(f"{name}: put {item}")
        except asyncio.CancelledError:
            print(f"{name}: cancelled (qsize={q.qsize()})")
            raise
        except asyncio.QueueShutDown:
            print(f"{name}: QueueShutDown")

    async def getter(name):
        try:
            item = await q.get()
            print(f"{name}: got {item}")
            q.task_done()
        except asyncio.CancelledError:
            print(f"{name}: cancelled")
            raise
        except asyncio.QueueShutDown:
            print(f"{name}: QueueShutDown")

    q.put_nowait(0)
    ps = [asyncio.create_task(putter(f"P{i}", i)) for i in (1, 2, 3)]
    await asyncio.sleep(0)
    ps[0].cancel()
    await asyncio.sleep(0)
    print("--- get frees a slot; woken P2 is cancelled before it resumes")
    print("main: get_nowait ->", q.get_nowait())
    q.task_done()
    ps[1].cancel()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("qsize", q.qsize(), "full", q.full())
    await asyncio.gather(*ps, return_exceptions=True)

    print("--- graceful shutdown with blocked producers")
    ps = [asyncio.create_task(putter(f"Q{i}", i)) for i in (4, 5)]
    await asyncio.sleep(0)
    q.shutdown()
    await asyncio.gather(*ps, return_exceptions=True)
    gs = [asyncio.create_task(getter(f"G{i}")) for i in (1, 2)]
    await asyncio.gather(*gs)
    try:
        q.put_nowait(9)
    except asyncio.QueueShutDown:
        print("put_nowait after shutdown: QueueShutDown")
    await q.join()
    print("join returned")

    print("--- immediate shutdown with blocked consumers and a joiner")
    q = asyncio.Queue()
    gs = [asyncio.create_task(getter(f"H{i}")) for i in (1, 2)]
    await asyncio.sleep(0)
    for i in (7, 8, 9):
        q.put_nowait(i)

    async def joiner():
        await q.join()
        print("J: join returned")

    j = asyncio.create_task(joiner())
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("qsize", q.qsize())
    q.shutdown(immediate=True)
    print("after shutdown qsize", q.qsize())
    k = asyncio.create_task(getter("H3"))
    await asyncio.gather(*gs, j, k)


asyncio.run(main())
