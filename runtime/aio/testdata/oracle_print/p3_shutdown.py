# What asyncio.run reports for leftover tasks: ones that fail while being
# cancelled, ones that swallow the cancellation, and failed tasks nobody
# awaited, in report order.
import asyncio
import vclock


def handler(loop, ctx):
    exc = ctx.get("exception")
    t = ctx.get("task") or ctx.get("future")
    name = t.get_name() if isinstance(t, asyncio.Task) else None
    print(f"handler: {ctx['message']!r} exc={exc!r} task={name}")


async def fails_on_cancel(tag):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print(f"{tag}: cancelled, raising")
        raise ValueError(tag)


async def swallows(tag):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print(f"{tag}: swallowing")
        return tag


async def slow_cleanup(tag):
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print(f"{tag}: cleanup starts")
        await asyncio.sleep(1)
        print(f"{tag}: cleanup done")
        raise RuntimeError(tag)


async def fail_now(tag):
    raise KeyError(tag)


tasks = []


async def main():
    asyncio.get_running_loop().set_exception_handler(handler)
    tasks.append(asyncio.create_task(fails_on_cancel("A"), name="A"))
    tasks.append(asyncio.create_task(swallows("B"), name="B"))
    tasks.append(asyncio.create_task(slow_cleanup("C"), name="C"))
    tasks.append(asyncio.create_task(fails_on_cancel("D"), name="D"))
    tasks.append(asyncio.create_task(fail_now("E"), name="E"))
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(f"all_tasks: {sorted(t.get_name() for t in asyncio.all_tasks())}")
    print("main returns")


asyncio.run(main())
print("after run:", [(t.get_name(), t.cancelled()) for t in tasks])
