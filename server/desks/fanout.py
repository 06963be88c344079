"""The service's events to every desk on the desk port's loop (server.py uses it)."""

from __future__ import annotations

import asyncio
import contextlib
import threading

from server.desks.connection import DeskConnection
from server.protocol import codec
from server.protocol.messages import Event


class Fanout:
    """The service's events to every desk: passed on once, however many desks' sessions pass
    them (the hub hands each event to every session in turn), encoded once on the desk port's
    loop, and the same bytes go to every desk. The loop wakes once per batch, and batches go
    at most RATE times a second once QUICK went at once (a token bucket): a few calls' events
    go at once, while in a burst each desk gets a frame per batch, not per event (what costs
    the desk port most is frames)."""

    QUICK = 8
    RATE = 400.0

    def __init__(self, loop: asyncio.AbstractEventLoop,
                 connections: set[DeskConnection]) -> None:
        self._loop = loop
        self._connections = connections
        self._latest: Event | None = None  # on the service's loop
        self._events: list[Event] = []
        self._lock = threading.Lock()
        self._due = False
        self._tokens = float(self.QUICK)
        self._filled = 0.0

    def event(self, event: Event) -> None:
        """On the service's loop."""
        if event is self._latest:
            return
        self._latest = event
        with self._lock:
            self._events.append(event)
            if self._due:
                return
            self._due = True
        with contextlib.suppress(RuntimeError):  # the desk port stopped: nobody to tell
            self._loop.call_soon_threadsafe(self._soon)

    def _soon(self) -> None:
        now = self._loop.time()
        self._tokens = min(self.QUICK, self._tokens + (now - self._filled) * self.RATE)
        self._filled = now
        if self._tokens >= 1:
            self._run()
        else:
            self._loop.call_later((1 - self._tokens) / self.RATE, self._soon)

    def _run(self) -> None:
        self._tokens -= 1
        with self._lock:
            events, self._events, self._due = self._events, [], False
        connections = tuple(self._connections)
        for event in events:
            data = codec.encode(event)
            for connection in connections:
                connection.event(event.seq, data)
