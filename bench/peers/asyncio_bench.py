#!/usr/bin/env python3
"""asyncgo's benchmark workloads (bench/) for Python asyncio and uvloop.

Prints one JSON object per line:
  {"runtime": "asyncio"|"uvloop", "workload": ..., "ns_per_op": ...,
   "bytes_per_task": ..., ...}

Usage: asyncio_bench.py [--loop asyncio|uvloop] [--quick] [--full]
With --loop uvloop and uvloop not importable, prints one
{"runtime": "uvloop", "skipped": "..."} line and exits 0.
"""

import argparse
import asyncio
import gc
import json
import os
import random
import sys
import time

SPAWN_BATCH = 1000


def emit(runtime, workload, **kw):
    rec = {"runtime": runtime, "workload": workload}
    rec.update(kw)
    print(json.dumps(rec), flush=True)


def rss_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


# --- spawn: N tasks that each yield once, awaited one by one or gathered ---

async def yield_once():
    await asyncio.sleep(0)


async def spawn_await(total):
    done = 0
    while done < total:
        n = min(SPAWN_BATCH, total - done)
        tasks = [asyncio.create_task(yield_once()) for _ in range(n)]
        for t in tasks:
            await t
        done += n


async def spawn_gather(total):
    done = 0
    while done < total:
        n = min(SPAWN_BATCH, total - done)
        await asyncio.gather(*[yield_once() for _ in range(n)])
        done += n


async def spawn_gather_tasks(total):
    done = 0
    while done < total:
        n = min(SPAWN_BATCH, total - done)
        await asyncio.gather(*[asyncio.create_task(yield_once()) for _ in range(n)])
        done += n


# --- ping-pong ---

async def pingpong_future(n):
    loop = asyncio.get_running_loop()
    box = {"ping": loop.create_future(), "pong": None}

    async def pong():
        for _ in range(n):
            v = await box["ping"]
            box["ping"] = loop.create_future()
            box["pong"].set_result(v)

    t = asyncio.create_task(pong())
    total = 0
    for i in range(n):
        box["pong"] = loop.create_future()
        box["ping"].set_result(i)
        total += await box["pong"]
    await t
    assert total == n * (n - 1) // 2


async def pingpong_queue(n):
    ping, pong = asyncio.Queue(), asyncio.Queue()

    async def ponger():
        for _ in range(n):
            await pong.put(await ping.get())

    t = asyncio.create_task(ponger())
    total = 0
    for i in range(n):
        await ping.put(i)
        total += await pong.get()
    await t
    assert total == n * (n - 1) // 2


async def pingpong_yield(n):
    b = [0]

    async def ponger():
        for _ in range(n):
            while b[0] % 2 == 0:
                await asyncio.sleep(0)
            b[0] += 1

    t = asyncio.create_task(ponger())
    for _ in range(n):
        b[0] += 1
        while b[0] % 2 == 1:
            await asyncio.sleep(0)
    await t


# --- awaiting a done future, calling a coroutine ---

async def await_done(n):
    fut = asyncio.get_running_loop().create_future()
    fut.set_result(1)
    s = 0
    for _ in range(n):
        s += await fut
    assert s == n


async def leaf(x):
    return x + 1


async def coro_call(n):
    x = 0
    for _ in range(n):
        x = await leaf(x)
    assert x == n


async def naturals(n):
    for i in range(n):
        yield i


async def async_gen(n):
    s = 0
    async for v in naturals(n):
        s += v
    assert s == n * (n - 1) // 2


# --- memory per sleeping task ---

async def sleeper():
    await asyncio.sleep(3600)


async def sleep_mem(n):
    gc.collect()
    before = rss_bytes()
    for _ in range(n):
        asyncio.create_task(sleeper())
    await asyncio.sleep(0.001)  # every sleeper has started and suspended
    gc.collect()
    after = rss_bytes()
    for t in asyncio.all_tasks():
        if t is not asyncio.current_task():
            t.cancel()
    return (after - before) / n


# --- 100k real timers of 0-100 ms ---

async def timers(n):
    rng = random.Random(2)
    ds = [rng.random() * 0.1 for _ in range(n)]
    late = [0.0] * n

    async def timer(i, d):
        start = time.perf_counter()
        await asyncio.sleep(d)
        late[i] = time.perf_counter() - start - d

    await asyncio.gather(*[timer(i, d) for i, d in enumerate(ds)])
    late.sort()
    return sum(late) / n * 1e3, late[n * 99 // 100] * 1e3, late[-1] * 1e3


def timed(run, coro_fn, n):
    t0 = time.perf_counter_ns()
    run(coro_fn(n))
    return (time.perf_counter_ns() - t0) / n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--loop", default="asyncio", choices=["asyncio", "uvloop"])
    ap.add_argument("--quick", action="store_true", help="small sizes (smoke test)")
    ap.add_argument("--full", action="store_true", help="also 1M sleeping tasks (slow)")
    args = ap.parse_args()
    name = args.loop
    if name == "uvloop":
        try:
            import uvloop
        except ImportError as e:
            emit(name, "all", skipped="uvloop not importable by %s: %s" % (sys.executable, e))
            return

        def run(c):
            return uvloop.run(c) if hasattr(uvloop, "run") else _uvrun(uvloop, c)
    else:
        run = asyncio.run

    q = args.quick
    scale = 100 if q else 1
    # Per-op averages settle well below these sizes; they keep a full run of
    # this script within the compare command's time budget.
    n_spawn = 20_000 // scale
    n_pp = 20_000 // scale
    n_fast = 200_000 // scale

    emit(name, "spawn", ns_per_op=timed(run, spawn_await, n_spawn), n=n_spawn)
    emit(name, "spawn-gather", ns_per_op=timed(run, spawn_gather, n_spawn), n=n_spawn)
    emit(name, "spawn-then-gather", ns_per_op=timed(run, spawn_gather_tasks, n_spawn), n=n_spawn)
    emit(name, "pingpong-future", ns_per_op=timed(run, pingpong_future, n_pp), n=n_pp)
    emit(name, "pingpong-queue", ns_per_op=timed(run, pingpong_queue, n_pp), n=n_pp)
    emit(name, "pingpong-yield", ns_per_op=timed(run, pingpong_yield, n_pp), n=n_pp)
    emit(name, "awaitdone", ns_per_op=timed(run, await_done, n_fast), n=n_fast)
    emit(name, "corocall", ns_per_op=timed(run, coro_call, n_fast), n=n_fast)
    emit(name, "asyncgen", ns_per_op=timed(run, async_gen, n_fast), n=n_fast)
    sizes = [100_000 // scale] + ([1_000_000] if args.full and not q else [])
    for n in sizes:
        b = run(sleep_mem(n))
        emit(name, "sleepmem-%d" % n, bytes_per_task=b, n=n, mem_metric="rss")
        gc.collect()
    n_t = 100_000 // scale
    mean, p99, worst = run(timers(n_t))
    emit(name, "timers", mean_late_ms=mean, p99_late_ms=p99, max_late_ms=worst, n=n_t)


def _uvrun(uvloop, c):
    loop = uvloop.new_event_loop()
    try:
        return loop.run_until_complete(c)
    finally:
        loop.close()


if __name__ == "__main__":
    main()
