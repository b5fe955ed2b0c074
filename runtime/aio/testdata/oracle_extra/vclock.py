# Importing this module makes asyncio.run use an event loop on a virtual
# clock: when nothing is ready, time jumps to the next timer instead of
# sleeping, as aio.WithVirtualClock does. Traces then carry exact times.
import asyncio
import selectors


class _VirtualSelector:
    def __init__(self):
        self._real = selectors.DefaultSelector()
        self.now = 0.0

    def select(self, timeout=None):
        events = self._real.select(0)
        if not events and timeout is not None and timeout > 0:
            self.now += timeout
        return events

    def __getattr__(self, name):
        return getattr(self._real, name)


class VirtualLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        super().__init__(_VirtualSelector())

    def time(self):
        return self._selector.now


class _Policy(asyncio.DefaultEventLoopPolicy):
    def new_event_loop(self):
        return VirtualLoop()


asyncio.set_event_loop_policy(_Policy())


def ms():
    """Milliseconds of virtual time since the loop started."""
    return round(asyncio.get_running_loop().time() * 1000)
