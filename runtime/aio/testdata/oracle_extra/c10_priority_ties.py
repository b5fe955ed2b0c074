# PriorityQueue items that compare equal come out in heapq's order, which
# is not insertion order: the documented PrioritizedItem pattern (a
# dataclass ordered by priority only) shows it.
import asyncio
import vclock
from dataclasses import dataclass, field
from typing import Any


@dataclass(order=True)
class Item:
    priority: int
    name: Any = field(compare=False)


async def main():
    q = asyncio.PriorityQueue()
    for i in range(6):
        q.put_nowait(Item(1, f"a{i}"))
    print("equal priorities:", [q.get_nowait().name for _ in range(6)])
    for p, n in [(2, "b0"), (1, "c0"), (2, "b1"), (1, "c1"), (2, "b2"), (1, "c2"), (0, "z")]:
        q.put_nowait(Item(p, n))
    out = [q.get_nowait().name for _ in range(3)]
    for p, n in [(1, "c3"), (2, "b3"), (1, "c4")]:
        q.put_nowait(Item(p, n))
    out += [q.get_nowait().name for _ in range(q.qsize())]
    print("mixed:", out)

    async def consumer(name):
        item = await q.get()
        print(f"{name}: got {item.name}")
    cs = [asyncio.create_task(consumer(f"C{i}")) for i in range(3)]
    await asyncio.sleep(0)
    for n in ["x0", "x1", "x2", "x3"]:
        q.put_nowait(Item(5, n))
    await asyncio.gather(*cs)
    print("left:", q.get_nowait().name)


asyncio.run(main())
