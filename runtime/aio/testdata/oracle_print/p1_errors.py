# How errors print: str() and type name of each asyncio error a port meets.
import asyncio
import vclock


def show(tag, e):
    print(f"{tag}: {type(e).__name__}: {e}")


async def boom(tag, d):
    await asyncio.sleep(d)
    raise ValueError(tag)


async def main():
    loop = asyncio.get_running_loop()
    print("--- CancelledError without and with a message")
    t = asyncio.create_task(asyncio.sleep(1))
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError as e:
        show("plain", e)
    t = asyncio.create_task(asyncio.sleep(1))
    await asyncio.sleep(0)
    t.cancel("bye")
    try:
        await t
    except asyncio.CancelledError as e:
        show("msg", e)
    print("--- TimeoutError from wait_for and timeout()")
    try:
        await asyncio.wait_for(asyncio.sleep(1), 0.1)
    except asyncio.TimeoutError as e:
        show("wait_for", e)
    try:
        async with asyncio.timeout(0.1):
            await asyncio.sleep(1)
    except TimeoutError as e:
        show("timeout", e)
    print("--- InvalidStateError")
    f = loop.create_future()
    try:
        f.result()
    except asyncio.InvalidStateError as e:
        show("result pending", e)
    try:
        f.exception()
    except asyncio.InvalidStateError as e:
        show("exception pending", e)
    f.set_result(1)
    try:
        f.set_result(2)
    except asyncio.InvalidStateError as e:
        show("set twice", e)
    t = asyncio.create_task(asyncio.sleep(1))
    try:
        t.result()
    except asyncio.InvalidStateError as e:
        show("task result pending", e)
    t.cancel()
    await asyncio.sleep(0)
    print("--- Queue errors")
    q = asyncio.Queue(1)
    try:
        q.get_nowait()
    except asyncio.QueueEmpty as e:
        show("get_nowait", e)
    q.put_nowait(1)
    try:
        q.put_nowait(2)
    except asyncio.QueueFull as e:
        show("put_nowait", e)
    q.task_done()
    try:
        q.task_done()
    except ValueError as e:
        show("task_done", e)
    print("--- BrokenBarrierError")
    b = asyncio.Barrier(2)
    w = asyncio.create_task(b.wait())
    await asyncio.sleep(0)
    await b.abort()
    try:
        await w
    except asyncio.BrokenBarrierError as e:
        show("abort", e)
    try:
        await b.wait()
    except asyncio.BrokenBarrierError as e:
        show("broken", e)
    print("--- gather: first error")
    try:
        await asyncio.gather(boom("g1", 0.2), boom("g2", 0.1))
    except ValueError as e:
        show("gather", e)
    await asyncio.sleep(0.2)
    print("--- TaskGroup")
    try:
        async with asyncio.TaskGroup() as g:
            g.create_task(boom("a", 0.1))
            g.create_task(boom("b", 0.1))
    except ExceptionGroup as e:
        show("group", e)
        print("members", [str(x) for x in e.exceptions])
    try:
        async with asyncio.TaskGroup() as g:
            g.create_task(boom("only", 0.1))
    except ExceptionGroup as e:
        show("group1", e)
    print("--- Lock/Semaphore misuse")
    try:
        asyncio.Lock().release()
    except RuntimeError as e:
        show("lock release", e)
    s = asyncio.BoundedSemaphore(1)
    try:
        s.release()
    except ValueError as e:
        show("bsem release", e)
    c = asyncio.Condition()
    try:
        c.notify()
    except RuntimeError as e:
        show("cond notify", e)
    try:
        await c.wait()
    except RuntimeError as e:
        show("cond wait", e)


asyncio.run(main())
