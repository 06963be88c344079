"""The service's events to every desk, on the desk port's loop (server.py uses it)."""

from __future__ import annotations

import asyncio

from server.desks.connection import Batch, DeskConnection


class Fanout:
    """The service's events, already encoded (once, however many desks), to every desk: the
    same bytes go to each. What costs the desk port most is frames (a TLS record and a
    websocket frame for each desk), so batches are spent like tokens: QUICK at once, then as
    many a second as keep the frames to FRAMES a second for all the desks together. A few
    calls' events go at once; in a burst each desk gets a frame per batch, not per event (20
    desks: a batch at most every 40 ms, sooner than a person sees; one desk: every 2 ms)."""

    QUICK = 4
    FRAMES = 500.0

    def __init__(self, loop: asyncio.AbstractEventLoop,
                 connections: set[DeskConnection]) -> None:
        self._loop = loop
        self._connections = connections
        self._events: Batch = []
        self._due = False
        self._tokens = float(self.QUICK)
        self._filled = 0.0

    def events(self, batch: Batch) -> None:
        """On the desk port's loop: events in order, after those of the last batch."""
        self._events += batch
        if not self._due:
            self._due = True
            self._soon()

    def _soon(self) -> None:
        now = self._loop.time()
        rate = self.FRAMES / max(1, len(self._connections))  # batches a second
        self._tokens = min(self.QUICK, self._tokens + (now - self._filled) * rate)
        self._filled = now
        if self._tokens >= 1:
            self._run()
        else:
            self._loop.call_later((1 - self._tokens) / rate, self._soon)

    def _run(self) -> None:
        self._tokens -= 1
        batch, self._events, self._due = self._events, [], False
        joined = b"\n".join(data for _, data in batch)
        for connection in tuple(self._connections):
            connection.events(batch, joined)
