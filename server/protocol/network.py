"""The console protocol over the network: a desk's link to the callgate service on another
machine, through the service's desk port (server/desks/).

The link runs on a thread and asyncio loop of its own; everything it delivers goes through the
console's `post` hop, as the in-process link's does, so a console cannot tell the two apart.
It connects over TLS to the address in the desk's connection string and trusts exactly the
certificate whose SHA-256 the string pins (no certificate authority, nothing to click
through); a different certificate is refused before anything is sent. Then it introduces the
desk (Hello) and the service answers with a snapshot, or refuses the desk (Denied: REFUSED,
with the reason in `problem`).

On the wire: a websocket at /desk, text frames only; a frame holds one message or more, one
JSON text (server/protocol/codec.py) per line (JSON never holds a raw newline), so that the
service can send a burst of events in a frame per batch. A desk sends one Request a line.

A lost connection (the service restarting, a laptop asleep, the network gone) is LOST at
once: commands waiting for an answer get a Failed result, new ones too, and the link tries
again by itself, sooner at first and then every LONGEST_RETRY seconds, until it is attached
again, current from the new snapshot. Nobody has to act. A refusal is final: it needs a new
connection string (or an update), so trying again would only be refused again.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import os
import random
import threading
from collections.abc import Callable
from typing import Any

import aiohttp
from aiohttp import WSMsgType

from screening.desk import Connection, fingerprint_text
from screening.messages import Message
from server.protocol import codec
from server.protocol.link import LinkState, Post
from server.protocol.messages import (
    Command,
    Denied,
    Envelope,
    Event,
    Failed,
    Hello,
    Reply,
    Request,
    Result,
    Snapshot,
)

log = logging.getLogger(__name__)

CONNECT_TIMEOUT = 10.0
HEARTBEAT = 10.0  # a service that answers no ping within half of it is gone
FIRST_RETRY = 0.25
LONGEST_RETRY = 10.0
MAX_FRAME = 64 << 20  # a snapshot with the day's calls, or a burst of events, in one frame


class NetworkLink:
    """A ConsoleLink to the service a connection string names."""

    def __init__(self, connection: Connection, *, longest_retry: float = LONGEST_RETRY) -> None:
        self._connection = connection
        self._longest_retry = longest_retry
        self._ids = itertools.count(1)
        self._closed = threading.Event()
        self._problem: Message | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._main: asyncio.Task[None] | None = None
        # On the link's loop:
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self._attached = False
        self._pending: dict[int, Callable[[Result], None]] = {}
        self._state: LinkState | None = None

    @property
    def connection(self) -> Connection:
        return self._connection

    @property
    def remote(self) -> str:
        return self._connection.address

    @property
    def problem(self) -> Message | None:
        return self._problem

    def open(
        self,
        post: Post,
        on_snapshot: Callable[[Snapshot], None],
        on_event: Callable[[Event], None],
        on_state: Callable[[LinkState], None],
    ) -> None:
        self._post, self._on_snapshot, self._on_event, self._on_state = (
            post, on_snapshot, on_event, on_state)
        # A loop of its own, never one an event-loop policy makes (qasync's makes Qt loops).
        loop = self._loop = asyncio.SelectorEventLoop()
        self._main = loop.create_task(self._attach())
        threading.Thread(target=self._run, name=f"callgate-link-{self._connection.desk}",
                         daemon=True).start()

    def request(self, command: Command, done: Callable[[Result], None]) -> None:
        if self._loop is None or self._closed.is_set():
            raise RuntimeError("the link is not open")
        try:
            self._loop.call_soon_threadsafe(self._send, command, done)
        except RuntimeError:  # the loop ended: the link is closing
            raise RuntimeError("the link is not open") from None

    def close(self) -> None:
        """No callback runs afterwards; the connection closes on the link's own thread."""
        self._closed.set()
        if self._loop is not None:
            with contextlib.suppress(RuntimeError):  # its loop ended already
                self._loop.call_soon_threadsafe(self._shut)

    # -- the link's thread ----------------------------------------------------------------

    def _run(self) -> None:
        loop = self._loop
        assert loop is not None and self._main is not None
        try:
            loop.run_until_complete(self._main)
        except asyncio.CancelledError:
            pass
        finally:
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    def _shut(self) -> None:
        if self._ws is not None and not self._ws.closed:
            asyncio.get_running_loop().create_task(self._ws.close())
        elif self._main is not None:
            self._main.cancel()

    async def _attach(self) -> None:
        self._set_state(LinkState.CONNECTING)
        timeout = aiohttp.ClientTimeout(total=None, connect=CONNECT_TIMEOUT)
        failures = 0
        async with aiohttp.ClientSession(timeout=timeout) as session:
            while not self._closed.is_set():
                refused = await self._session(session)
                self._fail_pending()
                if refused or self._closed.is_set():
                    return
                failures = 0 if self._attached else failures + 1
                self._attached = False
                self._set_state(LinkState.LOST)
                delay = min(self._longest_retry, FIRST_RETRY * 2 ** failures)
                await asyncio.sleep(delay * random.uniform(0.8, 1.2))

    async def _session(self, session: aiohttp.ClientSession) -> bool:
        """One connection, until it ends; True when the service refused this desk."""
        connection = self._connection
        try:
            async with session.ws_connect(
                    connection.url, ssl=aiohttp.Fingerprint(connection.fingerprint),
                    heartbeat=HEARTBEAT, compress=0, max_msg_size=MAX_FRAME) as ws:
                await ws.send_frame(codec.encode(Hello(desk=connection.desk,
                                                       secret=connection.secret)),
                                    WSMsgType.TEXT)
                self._ws = ws
                async for message in ws:
                    if message.type is WSMsgType.TEXT and self._take(message.data):
                        return True
                self._lost(Message("link.closed", (connection.address,)))
        except aiohttp.ServerFingerprintMismatch as mismatch:
            self._refused(Message("link.fingerprint", (
                connection.address, fingerprint_text(mismatch.got),
                fingerprint_text(mismatch.expected))))
            return True
        except (aiohttp.ClientError, OSError, TimeoutError) as error:
            self._lost(Message("link.unreachable", (connection.address, _why(error))))
        except codec.DecodeError as error:
            log.warning("the service at %s sent what this desk cannot read: %s",
                        connection.address, error)
            self._lost(Message("link.closed", (connection.address,)))
        finally:
            self._ws = None
        return False

    def _take(self, frame: str) -> bool:
        """Every message of a frame (one per line); True when the service refused us."""
        for line in frame.split("\n"):
            message: Envelope = codec.decode(line)
            if isinstance(message, Event):
                self._deliver(self._on_event, message)
            elif isinstance(message, Reply):
                done = self._pending.pop(message.id, None)
                if done is not None:
                    self._deliver(done, message.result)
            elif isinstance(message, Snapshot):
                self._attached = True
                self._problem = None
                self._deliver(self._on_snapshot, message)
                self._set_state(LinkState.ATTACHED)
            elif isinstance(message, Denied):
                self._refused(message.reason)
                return True
        return False

    def _send(self, command: Command, done: Callable[[Result], None]) -> None:
        ws = self._ws
        if ws is None or not self._attached or ws.closed:
            self._deliver(done, Failed(message=Message("failed.not_attached")))
            return
        request_id = next(self._ids)
        self._pending[request_id] = done
        frame = codec.encode(Request(id=request_id, command=command))
        asyncio.get_running_loop().create_task(self._write(ws, request_id, frame))

    async def _write(self, ws: aiohttp.ClientWebSocketResponse, request_id: int,
                     frame: bytes) -> None:
        try:
            await ws.send_frame(frame, WSMsgType.TEXT)
        except (ConnectionError, RuntimeError):
            done = self._pending.pop(request_id, None)
            if done is not None:
                self._deliver(done, Failed(message=Message("failed.link_lost")))

    def _fail_pending(self) -> None:
        pending, self._pending = self._pending, {}
        for done in pending.values():
            self._deliver(done, Failed(message=Message("failed.link_lost")))

    def _lost(self, why: Message) -> None:
        """Why the connection ended or could not be made; said again only when it changes."""
        if why == self._problem:
            return
        log.info("desk %s: %s", self._connection.desk, why)
        self._problem = why
        if self._state is LinkState.LOST:
            self._set_state(LinkState.LOST, again=True)

    def _refused(self, why: Message) -> None:
        log.warning("desk %s refused: %s", self._connection.desk, why)
        self._problem = why
        self._set_state(LinkState.REFUSED)

    def _set_state(self, state: LinkState, *, again: bool = False) -> None:
        """Each change once (a LOST with a new reason again), as the in-process link says
        them."""
        if state is self._state and not again:
            return
        self._state = state
        self._deliver(self._on_state, state)

    def _deliver(self, call: Callable[[Any], object], argument: Any) -> None:
        """`call(argument)` on the console's thread, unless the link closes first."""
        def run() -> None:
            if not self._closed.is_set():
                call(argument)

        if not self._closed.is_set():
            self._post(run)


def _why(error: BaseException) -> str:
    """What went wrong, in a few words (no secret is ever in a connection error)."""
    os_error = getattr(error, "os_error", None)
    if isinstance(os_error, OSError) and os_error.errno:
        return os.strerror(os_error.errno)  # asyncio's own words name the address again
    if isinstance(os_error, OSError) and os_error.strerror:
        return os_error.strerror
    if isinstance(error, TimeoutError):
        return "no answer in time"
    return str(error) or type(error).__name__
