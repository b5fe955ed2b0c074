# asyncio original of examples/producerconsumer: `python3 testdata/producerconsumer.py`
# prints testdata/golden.txt. It runs on a virtual clock (time jumps to the
# next timer when the loop is idle), as the Go port does with WithVirtualClock.
import asyncio


class VirtualClockLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        super().__init__()
        self._now = 0.0
        select = self._selector.select

        def jump(timeout=None):
            if timeout:
                self._now += timeout
            return select(0)

        self._selector.select = jump

    def time(self):
        return self._now


async def producer(q, name, n, every):
    for i in range(n):
        await asyncio.sleep(every)
        await q.put(f"{name}-{i}")
        print(f"{asyncio.get_running_loop().time() - t0:5.2f}s {name}: put {name}-{i} (qsize {q.qsize()})")

async def consumer(q, name, cost):
    try:
        while True:
            item = await q.get()
            print(f"{asyncio.get_running_loop().time() - t0:5.2f}s   {name}: working on {item}")
            await asyncio.sleep(cost)
            q.task_done()
    except asyncio.CancelledError:
        print(f"{asyncio.get_running_loop().time() - t0:5.2f}s   {name}: stopped")
        raise

async def main():
    global t0
    t0 = asyncio.get_running_loop().time()
    q = asyncio.Queue(maxsize=2)
    consumers = [asyncio.create_task(consumer(q, n, cost)) for n, cost in (("C1", 0.25), ("C2", 0.3))]
    producers = [asyncio.create_task(producer(q, n, 3, every)) for n, every in (("fast", 0.05), ("slow", 0.17))]
    await asyncio.gather(*producers)
    print(f"{asyncio.get_running_loop().time() - t0:5.2f}s producers done; joining")
    await q.join()
    print(f"{asyncio.get_running_loop().time() - t0:5.2f}s all items processed")
    for c in consumers:
        c.cancel()
    await asyncio.gather(*consumers, return_exceptions=True)

with asyncio.Runner(loop_factory=VirtualClockLoop) as runner:
    runner.run(main())
