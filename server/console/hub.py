"""Numbers the console protocol's events and hands each to every attached console.

Lives on the listener's loop: one sequence for all consoles, counted from 1 at each start of
the service, with no gaps, so a console can tell that it missed nothing (or must re-attach).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime

from server.protocol.inprocess import Session
from server.protocol.messages import Event, EventBody

log = logging.getLogger(__name__)


class EventHub:
    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._thread = threading.get_ident()
        self._seq = 0
        self._sessions: list[Session] = []

    @property
    def seq(self) -> int:
        """The last event's number (0 before the first)."""
        return self._seq

    @property
    def sessions(self) -> tuple[Session, ...]:
        return tuple(self._sessions)

    def add(self, session: Session) -> None:
        self._sessions.append(session)

    def remove(self, session: Session) -> None:
        if session in self._sessions:
            self._sessions.remove(session)

    def run_on_loop(self, callback: Callable[..., object], *args: object) -> None:
        """`callback(*args)` on the loop: now when called there, else soon; nothing once the
        loop has closed (the listener stopped: nobody is left to tell)."""
        if threading.get_ident() == self._thread:
            callback(*args)
        else:
            with contextlib.suppress(RuntimeError):
                self._loop.call_soon_threadsafe(callback, *args)

    def publish(self, body: EventBody) -> None:
        """On the loop: the next number, and every attached console gets it."""
        self._seq += 1
        event = Event(seq=self._seq, at=datetime.now(UTC), body=body)
        for session in tuple(self._sessions):
            try:
                session.deliver(event)
            except Exception:  # one console's trouble must not cost the others their events
                log.exception("an event could not be delivered to desk %r", session.desk)
