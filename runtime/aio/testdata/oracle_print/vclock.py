# Importing this module makes asyncio.run use an event loop on a virtual
# clock: when nothing is ready, time jumps to the next timer instead of
# sleeping, as aio.WithVirtualClock does. Traces then carry exact times.
#
# Timers with equal deadlines fire in the order they were armed. On a real
# clock two timers armed one after the other with the same delay have
# deadlines a few microseconds apart, so they fire in that order, and in the
# same loop iteration (select() wakes up later than asked); a frozen clock
# alone would give them equal deadlines and leave their order to heapq,
# which is not FIFO.
import asyncio
import itertools
import selectors
from asyncio import events

_seq = itertools.count()


class _FifoTimerHandle(events.TimerHandle):
    __slots__ = ("_vseq",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._vseq = next(_seq)

    def __lt__(self, other):
        return (self._when, self._vseq) < (other._when, other._vseq)


events.TimerHandle = _FifoTimerHandle  # what BaseEventLoop.call_at builds


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
