# Barrier: a party cancelled while waiting leaves the round (count drops);
# a later party completes the round with the remaining ones.
import asyncio


async def main():
    b = asyncio.Barrier(3)

    async def party(name):
        try:
            i = await b.wait()
            print(f"{name}: passed {i}")
        except asyncio.CancelledError:
            print(f"{name}: cancelled, n_waiting={b.n_waiting}")
            raise

    ts = [asyncio.create_task(party(n)) for n in ("A", "B")]
    await asyncio.sleep(0)
    print("n_waiting", b.n_waiting)
    ts[0].cancel()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print("n_waiting", b.n_waiting)
    ts += [asyncio.create_task(party(n)) for n in ("C", "D")]
    await asyncio.gather(*ts, return_exceptions=True)
    print("n_waiting", b.n_waiting, "broken", b.broken)


asyncio.run(main())
