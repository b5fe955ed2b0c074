import asyncio
import vclock

async def ticker(n):
    for i in range(n):
        print(f"tick {i}")
        await asyncio.sleep(0)

tk = None

def section(name):
    global tk
    if tk is not None:
        tk.cancel()
    print(f"--- {name}")
    tk = asyncio.create_task(ticker(6))

async def gen(name, n):
    print(f"{name}: start")
    try:
        for i in range(n):
            try:
                got = yield i
                if got is not None:
                    print(f"{name}: got {got!r}")
            except KeyError as e:
                print(f"{name}: caught KeyError {e}, yielding 'k'")
                yield "k"
        print(f"{name}: exhausted")
    except GeneratorExit:
        print(f"{name}: GeneratorExit")
        raise
    finally:
        print(f"{name}: finally")
        await asyncio.sleep(0)
        print(f"{name}: finally done")

async def stubborn():
    try:
        yield 1
    except GeneratorExit:
        print("stubborn: ignoring GeneratorExit")
        yield 2

async def failing():
    yield 1
    await asyncio.sleep(0)
    raise ValueError("gen-fail")

async def main():
    section("athrow after partial iteration, caught")
    g = gen("A", 3)
    print(f"next -> {await anext(g)}")
    print(f"athrow -> {await g.athrow(KeyError('x'))}")
    print(f"asend -> {await g.asend('s')}")
    print("aclose")
    await g.aclose()
    print("after aclose")
    section("athrow not caught: propagates and finishes the generator")
    g = gen("B", 3)
    print(f"next -> {await anext(g)}")
    try:
        await g.athrow(ValueError("v"))
    except ValueError as e:
        print(f"athrow -> ValueError {e}")
    try:
        await anext(g)
    except StopAsyncIteration:
        print("anext -> StopAsyncIteration")
    section("athrow on an unstarted generator")
    g = gen("C", 3)
    try:
        await g.athrow(ValueError("early"))
    except ValueError as e:
        print(f"athrow unstarted -> ValueError {e}")
    try:
        await anext(g)
    except StopAsyncIteration:
        print("anext -> StopAsyncIteration")
    section("asend non-None to a just-started generator")
    g = gen("D", 2)
    try:
        await g.asend("x")
    except TypeError as e:
        print(f"asend -> TypeError {e}")
    print(f"next -> {await anext(g)}")
    await g.aclose()
    await g.aclose()
    print("aclose twice ok")
    section("exhaustion, then aclose")
    g = gen("E", 1)
    async for v in g:
        print(f"for got {v}")
    await g.aclose()
    print("aclose after exhaustion ok")
    section("generator ignores GeneratorExit")
    s = stubborn()
    print(f"next -> {await anext(s)}")
    try:
        await s.aclose()
    except RuntimeError as e:
        print(f"aclose -> RuntimeError {e}")
    section("generator raises after awaiting")
    f = failing()
    print(f"next -> {await anext(f)}")
    try:
        await anext(f)
    except ValueError as e:
        print(f"anext -> ValueError {e}")
    try:
        await anext(f)
    except StopAsyncIteration:
        print("anext -> StopAsyncIteration")
    section("cancel a task iterating a generator")
    async def consumer():
        g = gen("F", 5)
        try:
            async for v in g:
                print(f"consumer got {v}")
                await asyncio.sleep(1)
        except asyncio.CancelledError:
            print("consumer: cancelled, closing")
            await g.aclose()
            raise
    c = asyncio.create_task(consumer())
    await asyncio.sleep(0)
    c.cancel()
    r = await asyncio.gather(c, return_exceptions=True)
    print(f"consumer -> {type(r[0]).__name__}")
    section("leftover generator closed at shutdown")
    global left
    left = gen("G", 5)
    print(f"next -> {await anext(left)}")
    tk.cancel()
    print("main returns")

asyncio.run(main())
print("run done")
