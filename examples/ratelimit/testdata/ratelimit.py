# asyncio original of examples/ratelimit: `python3 testdata/ratelimit.py`
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


def now():
    return asyncio.get_running_loop().time()


class RateLimiter:
    """At most `rate` starts per second, spaced evenly, FIFO."""

    def __init__(self, rate):
        self.interval = 1 / rate
        self.next = 0.0
        self.lock = asyncio.Lock()

    async def wait(self):
        async with self.lock:
            t = now()
            if self.next > t:
                await asyncio.sleep(self.next - t)
            self.next = max(t, self.next) + self.interval


in_flight = 0


async def fetch(url, latency, limiter, sem):
    global in_flight
    await limiter.wait()
    async with sem:
        in_flight += 1
        print(f"{now():5.3f}s start {url} (in flight {in_flight})")
        await asyncio.sleep(latency)
        in_flight -= 1
        print(f"{now():5.3f}s done  {url}")
        return f"{url}: {len(url) * 100} bytes"


async def main():
    limiter = RateLimiter(4)
    sem = asyncio.Semaphore(3)
    urls = [f"/page/{i}" for i in range(8)]
    latencies = [0.5625, 0.4375, 1.5625, 0.6875, 0.3125, 0.8125, 0.1875, 0.5625]
    results = await asyncio.gather(*(fetch(u, l, limiter, sem) for u, l in zip(urls, latencies)))
    for r in results:
        print(r)
    print(f"{now():5.3f}s total")


with asyncio.Runner(loop_factory=VirtualClockLoop) as runner:
    runner.run(main())
