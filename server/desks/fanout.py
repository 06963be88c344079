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
    loop, and the same bytes go to every desk. The loop wakes once per batch. What costs the
    desk port most is frames (a TLS record and a websocket frame for each desk, on a loop
    whose Python work shares the interpreter with the listener's), so batches are spent like
    tokens: QUICK at once, then as many a second as keep the frames to FRAMES a second for all
    the desks together. A few calls' events go at once; in a burst each desk gets a frame per
    batch, not per event (20 desks: a batch at most every 40 ms, sooner than a person sees;
    one desk: every 2 ms). At 500 frames a second the desk port's work per call of a burst
    with 20 desks was 55-70 us, against 110-165 us at 2,000."""

    QUICK = 4
    FRAMES = 500.0

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
        rate = self.FRAMES / max(1, len(self._connections))  # batches a second
        self._tokens = min(self.QUICK, self._tokens + (now - self._filled) * rate)
        self._filled = now
        if self._tokens >= 1:
            self._run()
        else:
            self._loop.call_later((1 - self._tokens) / rate, self._soon)

    def _run(self) -> None:
        self._tokens -= 1
        with self._lock:
            events, self._events, self._due = self._events, [], False
        batch = [(event.seq, codec.encode(event)) for event in events]
        joined = b"\n".join(data for _, data in batch)
        for connection in tuple(self._connections):
            connection.events(batch, joined)
