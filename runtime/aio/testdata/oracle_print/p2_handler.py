# The loop's exception handler: which reports, in which order, with which
# message and context keys.
import asyncio
import gc
import re
import vclock


def handler(loop, ctx):
    exc = ctx.get("exception")
    t = ctx.get("task") or ctx.get("future")
    name = t.get_name() if isinstance(t, asyncio.Task) else None
    # the source location of a callback is not portable
    msg = re.sub(r" at /\S+:\d+$", "", ctx["message"])
    print(f"handler: {msg!r} exc={exc!r} task={name}")


async def fail(tag):
    await asyncio.sleep(0.1)
    raise ValueError(tag)


def bad_callback(tag):
    raise KeyError(tag)


async def main():
    loop = asyncio.get_running_loop()
    loop.set_exception_handler(handler)
    print("--- exception in a call_soon callback")
    loop.call_soon(bad_callback, "cb")
    await asyncio.sleep(0)
    print("--- exception in a done callback")
    f = loop.create_future()
    f.add_done_callback(lambda f: bad_callback("done"))
    f.set_result(1)
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("--- call_exception_handler directly")
    loop.call_exception_handler({"message": "custom report"})
    loop.call_exception_handler({"message": "with exc", "exception": RuntimeError("x")})
    print("--- task and future exceptions never retrieved")
    t1 = asyncio.create_task(fail("t1"), name="first")
    t2 = asyncio.create_task(fail("t2"), name="second")
    fut = loop.create_future()
    fut.set_exception(ValueError("fut"))
    await asyncio.sleep(0.2)
    print(f"t1 done={t1.done()} t2 done={t2.done()}")
    del t1, t2, fut
    gc.collect()
    print("--- retrieved: no report")
    t3 = asyncio.create_task(fail("t3"))
    await asyncio.sleep(0.2)
    print(f"t3 exception={t3.exception()!r}")
    del t3
    gc.collect()
    print("--- cancelled: no report")
    t4 = asyncio.create_task(fail("t4"))
    await asyncio.sleep(0)
    t4.cancel()
    await asyncio.sleep(0)
    del t4
    gc.collect()
    print("--- main returns")


asyncio.run(main())
print("after run")
