# repr of tasks and futures in each state.
import asyncio
import re
import vclock


def clean(s):
    # drop source locations and addresses, which a port cannot reproduce
    s = re.sub(r" at 0x[0-9a-f]+", "", s)
    s = re.sub(r" running at [^>]*?(>| cb=)", r" running\1", s)
    s = re.sub(r" done, defined at [^>]*>", " done>", s)
    s = re.sub(r"\(\) at [^\]]*\]", "()]", s)
    return s


async def work(v):
    await asyncio.sleep(1)
    return v


async def nothing():
    await asyncio.sleep(0)


async def fail():
    raise ValueError("bad")


async def main():
    loop = asyncio.get_running_loop()
    f = loop.create_future()
    print(clean(repr(f)))
    f.set_result(3)
    print(clean(repr(f)))
    f = loop.create_future()
    f.set_result("s")
    print(clean(repr(f)))
    f = loop.create_future()
    f.set_exception(ValueError("x"))
    print(clean(repr(f)))
    f.exception()
    f = loop.create_future()
    f.cancel()
    print(clean(repr(f)))
    f = loop.create_future()
    f.cancel("why")
    print(clean(repr(f)))
    t = asyncio.create_task(work(1))
    print(clean(repr(t)))
    await asyncio.sleep(0)
    print(clean(repr(t)))
    print(clean(repr(asyncio.current_task())))
    t2 = asyncio.create_task(work(2), name="named")
    await asyncio.sleep(2)
    print(clean(repr(t)))
    print(clean(repr(t2)))
    t3 = asyncio.create_task(fail())
    await asyncio.sleep(0)
    print(clean(repr(t3)))
    t3.exception()
    t4 = asyncio.create_task(work(4))
    await asyncio.sleep(0)
    t4.cancel()
    print(clean(repr(t4)))
    await asyncio.sleep(0)
    print(clean(repr(t4)))
    t5 = asyncio.create_task(work(5))
    t5.cancel("early")
    print(clean(repr(t5)))
    t6 = asyncio.create_task(nothing())
    await t6
    print(clean(repr(t6)))
    for v in (True, None, "it's", "a" * 29, "0123456789" * 5):
        f = loop.create_future()
        f.set_result(v)
        print(clean(repr(f)))


asyncio.run(main())
