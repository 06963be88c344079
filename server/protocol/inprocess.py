"""The console protocol inside one process: the embedded console beside its listener.

The service lives on the listener's loop and thread; the console on the GUI thread. Commands
cross with `run_coroutine_threadsafe`, and everything coming back (the snapshot, events,
results) crosses through the console's `post` hop, so neither side ever waits for the other.
With `wire=True` every message also goes through its JSON form, as over a network: the tests
use that, so no console comes to rely on sharing Python objects with the service.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import threading
from collections.abc import Callable, Coroutine
from concurrent.futures import Future
from typing import Any, Protocol, TypeVar

from screening.desk import DeskRole
from screening.messages import Message
from server.protocol import codec
from server.protocol.link import LinkState, Post
from server.protocol.messages import (
    Command,
    Envelope,
    Event,
    Failed,
    Reply,
    Request,
    Result,
    Snapshot,
)

log = logging.getLogger(__name__)
Message_ = TypeVar("Message_", bound=Envelope)


class Session(Protocol):
    """One attached console, as the service sees it (called on the service's loop)."""

    @property
    def desk(self) -> str:
        """Who decides through this session, as the history records it."""

    @property
    def role(self) -> DeskRole:
        """What the desk may do."""

    def deliver(self, event: Event) -> None:
        """An event, in sequence; must not block the loop."""


class Service(Protocol):
    """The listener's side of the protocol (server/console/service.py)."""

    async def attach(self, session: Session) -> Snapshot: ...

    def detach(self, session: Session) -> None: ...

    async def handle(self, session: Session, command: Command) -> Result: ...


class InProcessLink:
    """A ConsoleLink to a service on `loop` in this process."""

    def __init__(self, service: Service, loop: asyncio.AbstractEventLoop, *,
                 desk: str = "", role: DeskRole = DeskRole.ADMIN, wire: bool = False) -> None:
        """The console beside the listener is an admin; the desk port attaches each desk
        through a link of its own, with the desk's name and role."""
        self._service = service
        self._loop = loop
        self._desk = desk
        self._role = role
        self._wire = wire
        self._problem: Message | None = None
        self._ids = itertools.count(1)
        self._session: _Session | None = None
        self._closed = threading.Event()

    def open(
        self,
        post: Post,
        on_snapshot: Callable[[Snapshot], None],
        on_event: Callable[[Event], None],
        on_state: Callable[[LinkState], None],
    ) -> None:
        session = _Session(self._desk, self._role, post, lambda event: self._post(
            post, on_event, self._through_wire(event)))
        self._session = session
        self._post(post, on_state, LinkState.CONNECTING)

        def attached(future: Future[Snapshot]) -> None:  # on the service's loop
            if future.cancelled():  # the service stopped before the console attached
                return
            try:
                snapshot = self._through_wire(future.result())
            except Exception as error:  # the service could not take the console: say so
                log.exception("the console could not attach to the listener")
                self._problem = Message("failed.internal", (type(error).__name__,))
                self._post(post, on_state, LinkState.LOST)
                return
            self._post(post, on_snapshot, snapshot)
            self._post(post, on_state, LinkState.ATTACHED)
            session.attached(snapshot.seq)

        self._submit(self._service.attach(session)).add_done_callback(attached)

    def request(self, command: Command, done: Callable[[Result], None]) -> None:
        if self._session is None or self._closed.is_set():
            raise RuntimeError("the link is not open")
        session = self._session
        request = self._through_wire(Request(id=next(self._ids), command=command))

        def answered(future: Future[Result]) -> None:
            if future.cancelled():  # the service stopped: nobody waits for this any more
                return
            try:
                result = future.result()
            except Exception as error:
                log.exception("a console command failed")
                result = Failed(message=Message("failed.internal", (type(error).__name__,)))
            reply = self._through_wire(Reply(id=request.id, result=result))
            self._post(session.post, done, reply.result)

        self._submit(self._service.handle(session, request.command)).add_done_callback(answered)

    def close(self) -> None:
        self._closed.set()
        session, self._session = self._session, None
        if session is not None:
            with contextlib.suppress(RuntimeError):  # the service's loop ended: nothing to leave
                self._loop.call_soon_threadsafe(self._service.detach, session)

    @property
    def remote(self) -> str:
        return ""

    @property
    def problem(self) -> Message | None:
        return self._problem

    def _post(self, post: Post, call: Callable[[Any], object], argument: Any) -> None:
        """Hand `call(argument)` to the console's thread, unless the link closes first."""
        def run() -> None:
            if not self._closed.is_set():
                call(argument)

        if not self._closed.is_set():
            post(run)

    def _submit(self, work: Coroutine[Any, Any, Any]) -> Future[Any]:
        return asyncio.run_coroutine_threadsafe(work, self._loop)

    def _through_wire(self, message: Message_) -> Message_:
        if not self._wire:
            return message
        copied = codec.round_trip(message)
        assert type(copied) is type(message)
        return copied


class _Session:
    """Events published while the snapshot is being made wait until it is on its way; those
    it already holds (seq up to the snapshot's) are dropped, so the console sees the snapshot
    first and every later event once, in order."""

    def __init__(self, desk: str, role: DeskRole, post: Post,
                 send: Callable[[Event], None]) -> None:
        self._desk = desk
        self._role = role
        self.post = post
        self._send = send
        self._attached = False
        self._early: list[Event] = []

    @property
    def desk(self) -> str:
        return self._desk

    @property
    def role(self) -> DeskRole:
        return self._role

    def deliver(self, event: Event) -> None:
        if self._attached:
            self._send(event)
        else:
            self._early.append(event)

    def attached(self, seq: int) -> None:
        self._attached = True
        early, self._early = self._early, []
        for event in early:
            if event.seq > seq:
                self._send(event)
