"""One desk's session on the desk port, once its Hello was taken: the console protocol between
its websocket and the console service, which sees the desk as it sees the console beside the
listener (attach, detach, handle), with the desk's name and role.

Runs on the desk port's loop, in the desk port's process (process.py): the service is reached
through the relay (child.py). Events do not come one desk at a time: the service sends each
once, encoded, and the fan-out gives every desk the same bytes. A desk holds the events that
come before its snapshot, and keeps only those the snapshot has not (a later seq).

What goes to a desk waits in a list and is written by one task, all that waited in one frame
(one JSON text per line); the fan-out hands a desk a whole batch of events at once, already
joined. A desk that falls MAX_BEHIND bytes behind is closed, to attach again: from a new
snapshot it is current at once, and meanwhile it holds no memory. A
desk refused (removed) gets Denied, with the reason, before the connection closes; one closed
for any other reason tries again by itself.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Protocol

import msgspec
from aiohttp import WSCloseCode, WSMsgType, web

from screening.desk import DeskRole
from screening.messages import Message
from server.protocol import codec
from server.protocol.messages import (
    Command,
    Denied,
    Failed,
    Refused,
    Reply,
    Request,
    Result,
    Snapshot,
)

log = logging.getLogger(__name__)

MAX_BEHIND = 32 << 20  # bytes waiting for one desk
SEND_TIMEOUT = 10.0  # a frame not taken by the network in this long: the desk is gone


Batch = list[tuple[int, bytes]]
"""Events encoded, with their seqs, in order."""


@dataclass(frozen=True, eq=False)
class DeskSession:
    """One desk attached: who it is, and where from (each attachment is a session of its own)."""

    desk: str
    role: DeskRole
    peer: str


class DeskService(Protocol):
    """The console service as the desk port reaches it (child.py: through the relay)."""

    async def attach(self, session: DeskSession) -> Snapshot: ...

    def detach(self, session: DeskSession) -> None: ...

    async def handle(self, session: DeskSession, command: Command) -> Result: ...


class _RequestId(msgspec.Struct):
    """Enough of a request this service cannot read (a newer desk's) to refuse it by id."""

    id: int = 0


class DeskConnection:
    def __init__(self, ws: web.WebSocketResponse, session: DeskSession,
                 service: DeskService) -> None:
        self.session = session
        self._service = service
        self._ws = ws
        self._waiting: list[bytes] = []  # what the writer sends next, in one frame
        self._waiting_bytes = 0
        self._wake = asyncio.Event()
        self._snapshot_seq: int | None = None  # None until the snapshot is on its way
        self._early: Batch = []
        self._closing: WSCloseCode | None = None  # nothing more is sent once it is set
        self._last: bytes | None = None  # sent before the connection closes (Denied)
        self._writer: asyncio.Task[None] | None = None
        self._asked: set[asyncio.Task[None]] = set()

    async def serve(self) -> None:
        """Attached until the desk leaves or is sent away."""
        self._writer = asyncio.get_running_loop().create_task(self._write())
        try:
            try:
                snapshot = await self._service.attach(self.session)
            except Exception:  # the service could not take the desk now: it tries again
                log.exception("desk %r could not attach", self.session.desk)
                self._end(WSCloseCode.INTERNAL_ERROR)
            else:
                self._attached(snapshot)
            async for message in self._ws:
                if message.type is WSMsgType.TEXT:
                    self._requests(message.data)
        finally:
            self._service.detach(self.session)
            for task in self._asked:
                task.cancel()
            if self._closing is None:
                self._writer.cancel()
            await asyncio.wait([self._writer], timeout=SEND_TIMEOUT)

    @property
    def writer(self) -> asyncio.Task[None] | None:
        return self._writer

    def events(self, batch: Batch, joined: bytes) -> None:
        """A batch of events from the fan-out, and all of them joined, one a line."""
        if self._snapshot_seq is None:
            self._early += batch
            if len(self._early) > MAX_BEHIND // 1024:
                self._behind()
        elif batch[0][0] > self._snapshot_seq:
            self._send(joined)
        else:
            for seq, data in batch:
                if seq > self._snapshot_seq:
                    self._send(data)

    def deny(self, reason: Message) -> None:
        """Refuse the desk from now on: what is queued is dropped, Denied goes with the
        reason, the connection closes."""
        self._end(WSCloseCode.POLICY_VIOLATION, codec.encode(Denied(reason=reason)))

    def leave(self) -> None:
        """The service stops: close after what is queued (the desk attaches again later)."""
        self._end(WSCloseCode.GOING_AWAY, keep=True)

    def _end(self, code: WSCloseCode, last: bytes | None = None, *, keep: bool = False) -> None:
        if self._closing is not None:
            return
        self._closing, self._last = code, last
        if not keep:
            self._early.clear()
            self._waiting.clear()
        self._wake.set()

    def _attached(self, snapshot: Snapshot) -> None:
        self._send(codec.encode(snapshot))
        self._snapshot_seq = snapshot.seq
        for seq, data in self._early:
            if seq > snapshot.seq:
                self._send(data)
        self._early = []

    def _send(self, data: bytes) -> None:
        if self._closing is not None:
            return
        if self._waiting_bytes >= MAX_BEHIND:
            self._behind()
            return
        self._waiting.append(data)
        self._waiting_bytes += len(data)
        self._wake.set()

    def _behind(self) -> None:
        log.warning("desk %r at %s fell %d MiB behind: closed, to attach again",
                    self.session.desk, self.session.peer, MAX_BEHIND >> 20)
        self._end(WSCloseCode.TRY_AGAIN_LATER)

    def _requests(self, text: str) -> None:
        for line in text.split("\n"):
            try:
                request = codec.decode(line)
            except codec.DecodeError:
                self._unreadable(line)
                continue
            if isinstance(request, Request):  # a desk sends requests only, after its Hello
                task = asyncio.get_running_loop().create_task(self._answer(request))
                self._asked.add(task)
                task.add_done_callback(self._asked.discard)

    async def _answer(self, request: Request) -> None:
        result: Result
        try:
            result = await self._service.handle(self.session, request.command)
        except Exception as error:
            log.exception("desk %r: a command failed", self.session.desk)
            result = Failed(message=Message("failed.internal", (type(error).__name__,)))
        self._send(codec.encode(Reply(id=request.id, result=result)))

    def _unreadable(self, line: str) -> None:
        """A request of a newer desk (a command this service does not know): refused, so the
        desk's caller hears that instead of waiting."""
        try:
            request_id = msgspec.json.decode(line, type=_RequestId).id
        except msgspec.DecodeError:
            log.warning("desk %r at %s sent something that is no request", self.session.desk,
                        self.session.peer)
            return
        self._send(codec.encode(Reply(id=request_id, result=Refused(
            reason=Message("refusal.command.unknown", ("?",))))))

    async def _write(self) -> None:
        try:
            while True:
                await self._wake.wait()
                self._wake.clear()
                if self._waiting:
                    frame, self._waiting, self._waiting_bytes = self._waiting, [], 0
                    async with asyncio.timeout(SEND_TIMEOUT):
                        await self._ws.send_frame(b"\n".join(frame), WSMsgType.TEXT)
                if self._closing is not None and not self._waiting:
                    break
            if self._last is not None:
                await self._ws.send_frame(self._last, WSMsgType.TEXT)
            await self._ws.close(code=self._closing)
        except (ConnectionError, TimeoutError, RuntimeError) as error:
            log.info("desk %r at %s: the connection broke (%s)", self.session.desk,
                     self.session.peer, type(error).__name__)
            await self._ws.close(code=WSCloseCode.ABNORMAL_CLOSURE)
