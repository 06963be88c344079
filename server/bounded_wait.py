"""Waiting a bounded time for futures, many at once, with one timer for all of them.

Every call's answer waits for its record up to a bound (server/recording.py). A timer for each
(`loop.call_later`) costs a handle, a push onto the loop's heap of timers with Python-level
comparisons, and its cancellation, on the listener's thread for every call; here a wait is a
tuple on a heap of its own, and one timer fires for the earliest bound still to come.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
from collections.abc import Callable

# A timer may fire this much before its time (the loop's clock resolution, and then some).
EARLY = 0.001


class BoundedWait:
    """Lives on one loop; settled() is called there."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._bounds: list[tuple[float, int, Callable[[], None]]] = []
        self._order = itertools.count()  # ties in time keep their order, never compare wakes
        self._timer: asyncio.TimerHandle | None = None

    async def settled(self, future: asyncio.Future[None], bound: float) -> bool:
        """Whether `future` is done within `bound` seconds; it goes on either way."""
        if future.done():
            return True
        waiter = self._loop.create_future()

        def wake(_: object = None) -> None:
            if not waiter.done():
                waiter.set_result(None)

        future.add_done_callback(wake)
        end = self._loop.time() + bound
        heapq.heappush(self._bounds, (end, next(self._order), wake))
        if self._timer is None or end < self._timer.when():
            self._arm(end)
        try:
            await waiter
        finally:
            future.remove_done_callback(wake)
        return future.done()

    def _arm(self, when: float) -> None:
        if self._timer is not None:
            self._timer.cancel()
        self._timer = self._loop.call_at(when, self._expire)

    def _expire(self) -> None:
        """Wake every wait whose bound has come (those settled already just stay settled)."""
        self._timer = None
        now = self._loop.time() + EARLY
        while self._bounds and self._bounds[0][0] <= now:
            heapq.heappop(self._bounds)[2]()
        if self._bounds:
            self._arm(self._bounds[0][0])
