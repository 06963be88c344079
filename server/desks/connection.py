"""One desk's session on the desk port, once its Hello was taken: the console protocol between
its websocket and the console service, through an in-process link of the desk's own (the
service sees it as it sees the console beside the listener, with the desk's name and role).

Runs on the desk port's loop. What the service sends (the snapshot, events, replies) is
queued and written by one task, several messages to a frame when they pile up (one JSON text
per line), so a burst of calls costs the desk port a frame per batch, not per message. A desk
that falls MAX_BEHIND messages behind is sent away to attach again: from a new snapshot it is
current at once, and meanwhile it holds no memory of the service's.
"""

from __future__ import annotations

import asyncio
import functools
import logging

import msgspec
from aiohttp import WSCloseCode, WSMsgType, web

from screening.desk import DeskRole
from screening.messages import Message
from server.protocol import codec
from server.protocol.inprocess import InProcessLink, Service
from server.protocol.link import LinkState, Post
from server.protocol.messages import Denied, Envelope, Refused, Reply, Request, Result

log = logging.getLogger(__name__)

MAX_BEHIND = 20_000  # messages queued for one desk
FRAME_BYTES = 256 * 1024  # a frame grows to about this before the next one starts
SEND_TIMEOUT = 10.0  # a frame not taken by the network in this long: the desk is gone


class Encoder:
    """Each message encoded once, however many desks it goes to: the hub hands one event to
    every desk in turn, so the same object comes again until the next one."""

    def __init__(self) -> None:
        self._last: Envelope | None = None
        self._bytes = b""

    def __call__(self, message: Envelope) -> bytes:
        if message is not self._last:
            self._bytes, self._last = codec.encode(message), message
        return self._bytes


class _RequestId(msgspec.Struct):
    """Enough of a request this service cannot read (a newer desk's) to refuse it by id."""

    id: int = 0


class DeskConnection:
    def __init__(self, ws: web.WebSocketResponse, name: str, role: DeskRole, peer: str,
                 encode: Encoder, post: Post) -> None:
        self.name = name
        self.role = role
        self.peer = peer
        self._ws = ws
        self._encode = encode
        self._post = post
        self._queue: asyncio.Queue[bytes | None] = asyncio.Queue()
        self._denied: Denied | None = None
        self._writer: asyncio.Task[None] | None = None

    async def serve(self, service: Service, service_loop: asyncio.AbstractEventLoop) -> None:
        """Until the desk leaves, or is sent away."""
        link = InProcessLink(service, service_loop, desk=self.name, role=self.role)
        self._writer = asyncio.get_running_loop().create_task(self._write())
        link.open(self._post, self._send, self._send, functools.partial(self._state, link))
        try:
            async for message in self._ws:
                if message.type is WSMsgType.TEXT:
                    self._requests(message.data, link)
        finally:
            link.close()
            if self._denied is None:
                self._writer.cancel()
            await asyncio.wait([self._writer], timeout=SEND_TIMEOUT)

    def deny(self, reason: Message) -> None:
        """Send the desk away: what is queued is dropped, Denied goes, the connection
        closes."""
        if self._denied is not None:
            return
        self._denied = Denied(reason=reason)
        while not self._queue.empty():
            self._queue.get_nowait()
        self._queue.put_nowait(codec.encode(self._denied))
        self._queue.put_nowait(None)

    def leave(self) -> None:
        """The service stops: close after what is queued (the desk attaches again later)."""
        if self._denied is None:
            self._queue.put_nowait(None)

    @property
    def writer(self) -> asyncio.Task[None] | None:
        return self._writer

    def _state(self, link: InProcessLink, state: LinkState) -> None:
        if state is LinkState.LOST:  # the service could not take the desk
            self.deny(link.problem or Message("failed.internal", ("attach",)))

    def _send(self, message: Envelope) -> None:
        if self._denied is not None:
            return
        if self._queue.qsize() >= MAX_BEHIND:
            log.warning("desk %r at %s fell %d messages behind: sent away to attach again",
                        self.name, self.peer, MAX_BEHIND)
            self.deny(Message("denied.behind"))
            return
        self._queue.put_nowait(self._encode(message))

    def _requests(self, text: str, link: InProcessLink) -> None:
        for line in text.split("\n"):
            try:
                request = codec.decode(line)
            except codec.DecodeError:
                self._unreadable(line)
                continue
            if not isinstance(request, Request):
                continue  # a desk sends requests only, after its Hello
            try:
                link.request(request.command, functools.partial(self._answer, request.id))
            except RuntimeError:
                return  # the link closed meanwhile: the desk is leaving

    def _unreadable(self, line: str) -> None:
        """A request of a newer desk (a command this service does not know): refused, so the
        desk's caller hears that instead of waiting."""
        try:
            request_id = msgspec.json.decode(line, type=_RequestId).id
        except msgspec.DecodeError:
            log.warning("desk %r at %s sent something that is no request", self.name, self.peer)
            return
        self._send(Reply(id=request_id, result=Refused(
            reason=Message("refusal.command.unknown", ("?",)))))

    def _answer(self, request_id: int, result: Result) -> None:
        self._send(Reply(id=request_id, result=result))

    async def _write(self) -> None:
        try:
            while (first := await self._queue.get()) is not None:
                frame, size, last = [first], len(first), False
                while size < FRAME_BYTES and not self._queue.empty():
                    more = self._queue.get_nowait()
                    if more is None:
                        last = True
                        break
                    frame.append(more)
                    size += len(more)
                async with asyncio.timeout(SEND_TIMEOUT):
                    await self._ws.send_frame(b"\n".join(frame), WSMsgType.TEXT)
                if last:
                    break
            code = WSCloseCode.POLICY_VIOLATION if self._denied else WSCloseCode.GOING_AWAY
            await self._ws.close(code=code)
        except (ConnectionError, TimeoutError, RuntimeError) as error:
            log.info("desk %r at %s: the connection broke (%s)", self.name, self.peer,
                     type(error).__name__)
            await self._ws.close(code=WSCloseCode.ABNORMAL_CLOSURE)
