"""The desk port's TLS server, on a thread and loop of its own in the desk port's process.

A desk opens a websocket at /desk and introduces itself (Hello: the protocol version it
speaks, its name and its secret). Another version is told which side to update; an unknown
desk or a wrong secret is refused (Denied, with the reason for the desk to show); otherwise the
desk is attached to the console service (connection.py) until it leaves or is removed.

In a process of its own (process.py, child.py) because everything a desk costs (TLS, framing,
the same events to every desk) would otherwise share the interpreter with the listener's
thread, in front of commubo's next call: what the service does for all the desks together
is to encode each event once and write it to this process. Secrets are checked on a thread
of their own (scrypt), so a flood of wrong ones holds up no desk.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import ssl
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Literal, Protocol

import msgspec
from aiohttp import WSCloseCode, WSMsgType, web
from aiohttp.web_protocol import RequestHandler

from screening.desk import DeskRole
from screening.messages import Message, Refusal
from server.desks.connection import Batch, DeskConnection, DeskService, DeskSession
from server.desks.fanout import Fanout
from server.protocol import codec
from server.protocol.messages import PROTOCOL_VERSION, Denied, Hello

log = logging.getLogger(__name__)

START_TIMEOUT = 10.0
STOP_TIMEOUT = 5.0
HELLO_TIMEOUT = 10.0
HEARTBEAT = 10.0  # a desk that answers no ping within half of it is gone (a laptop asleep)
MAX_FRAME = 1 << 20  # what a desk may send at once (its requests are small)
CLOSE_TIMEOUT = 2.0  # for a desk's answer to our closing (one asleep never answers)

Verify = Callable[[str, str], DeskRole]
"""A desk's role for its name and secret; raises a Refusal (denied.*) for the desk to show."""


class Watcher(Protocol):
    """Who hears of the desks refused (child.py tells the service); on the desk port's loop."""

    def refused(self, kind: str, desk: str, peer: str, reason: Message) -> None: ...


class _Greeting(msgspec.Struct):
    """A Hello of any version, read leniently: enough to answer it."""

    version: int = 0
    desk: str = ""
    secret: str = ""


class _Server(web.Server):
    """Counts connections that close without asking anything: what a desk does when the
    certificate is not the one its connection string pins (it hangs up right after TLS)."""

    def __init__(self, handler: Any, abandoned: Callable[[str], None]) -> None:
        super().__init__(handler, request_factory=self._request, access_log=None)
        self._silent: dict[RequestHandler, str] = {}  # connections that asked nothing yet
        self._abandoned = abandoned

    def connection_made(self, handler: RequestHandler, transport: asyncio.Transport) -> None:
        peer = transport.get_extra_info("peername")
        self._silent[handler] = str(peer[0]) if peer else "?"
        super().connection_made(handler, transport)

    def _request(self, message: Any, payload: Any, protocol: RequestHandler, writer: Any,
                 task: asyncio.Task[None]) -> web.BaseRequest:
        self._silent.pop(protocol, None)
        return self._make_request(message, payload, protocol, writer, task)

    def connection_lost(self, handler: RequestHandler, exc: BaseException | None = None
                        ) -> None:
        peer = self._silent.pop(handler, None)
        if peer is not None:
            self._abandoned(peer)
        super().connection_lost(handler, exc)


class DeskServer:
    def __init__(self, host: str, port: int, context: ssl.SSLContext, service: DeskService,
                 verify: Verify, watcher: Watcher) -> None:
        self.host = host
        self.port = port
        self._context = context
        self._service = service
        self._verify = verify
        self._watcher = watcher
        self._connections: set[DeskConnection] = set()
        self._secrets = ThreadPoolExecutor(1, thread_name_prefix="callgate-desk-secrets")
        # A loop of its own, never one an event-loop policy makes (qasync's makes Qt loops).
        self._loop = asyncio.SelectorEventLoop()
        self._fanout = Fanout(self._loop, self._connections)
        self._stop: asyncio.Event | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="callgate-desk-port",
                                        daemon=True)

    def start(self) -> None:
        """Returns once the port is bound; raises what binding raised."""
        self._thread.start()
        if not self._ready.wait(START_TIMEOUT):
            raise TimeoutError(f"the desk port did not start within {START_TIMEOUT:g} s")
        if self._error is not None:
            self._thread.join(STOP_TIMEOUT)
            raise self._error

    def stop(self) -> None:
        """Every desk is told the service is going (it attaches again when it is back)."""
        if self._stop is not None and self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(STOP_TIMEOUT + 1)
        self._secrets.shutdown(wait=False, cancel_futures=True)

    def events(self, batch: Batch) -> None:
        """The service's events, in order (from any thread)."""
        with contextlib.suppress(RuntimeError):  # the port has stopped: nobody to tell
            self._loop.call_soon_threadsafe(self._fanout.events, batch)

    def keep_only(self, desks: dict[str, DeskRole]) -> None:
        """End the session of every desk not among `desks` (removed), or whose role changed
        (from any thread)."""
        if not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._keep_only, desks)

    def _keep_only(self, desks: dict[str, DeskRole]) -> None:
        for connection in tuple(self._connections):
            desk = connection.session
            if desks.get(desk.desk) is not desk.role:
                connection.deny(Message("denied.removed", (desk.desk,)))

    # -- the thread -----------------------------------------------------------------------

    def _run(self) -> None:
        loop = self._loop
        try:
            loop.run_until_complete(self._serve())
        except BaseException as error:  # reported to start()
            self._error = error
        finally:
            self._ready.set()
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    async def _serve(self) -> None:
        self._stop = asyncio.Event()
        runner = web.ServerRunner(_Server(self._handle, self._abandoned),
                                  shutdown_timeout=STOP_TIMEOUT)
        await runner.setup()
        try:
            site = web.TCPSite(runner, self.host, self.port, ssl_context=self._context)
            await site.start()
            self.port = runner.addresses[0][1]
            self._ready.set()
            await self._stop.wait()
            for connection in tuple(self._connections):
                connection.leave()
            writers = [c.writer for c in self._connections if c.writer is not None]
            if writers:
                await asyncio.wait(writers, timeout=STOP_TIMEOUT)
        finally:
            await runner.cleanup()

    def _abandoned(self, peer: str) -> None:
        self._watcher.refused("fingerprint", "", peer, Message("denied.fingerprint"))

    # -- one desk -------------------------------------------------------------------------

    async def _handle(self, request: web.BaseRequest) -> web.StreamResponse:
        if request.path != "/desk":
            return web.Response(status=404, text="callgate desks attach at /desk")
        ws = web.WebSocketResponse(heartbeat=HEARTBEAT, compress=False, max_msg_size=MAX_FRAME,
                                   timeout=CLOSE_TIMEOUT)
        if not ws.can_prepare(request).ok:
            return web.Response(status=426, text="a desk attaches with a websocket")
        await ws.prepare(request)
        peer = request.remote or "?"
        greeting = await self._greeting(ws)
        if greeting is None:
            return await self._refuse(ws, "hello", "", peer, Denied(reason=Message(
                "denied.hello")))
        if greeting.version != PROTOCOL_VERSION:
            side: Literal["desk", "service"] = (
                "desk" if greeting.version < PROTOCOL_VERSION else "service")
            return await self._refuse(ws, "version", greeting.desk, peer, Denied(
                reason=Message(f"denied.version.{side}", (greeting.version, PROTOCOL_VERSION)),
                update=side))
        try:
            role = await asyncio.get_running_loop().run_in_executor(
                self._secrets, self._verify, greeting.desk, greeting.secret)
        except Refusal as refusal:
            kind = refusal.message.code.removeprefix("denied.")
            return await self._refuse(ws, kind, greeting.desk, peer,
                                      Denied(reason=refusal.message))
        connection = DeskConnection(ws, DeskSession(greeting.desk, role, peer), self._service)
        self._connections.add(connection)
        try:
            await connection.serve()
        finally:
            self._connections.discard(connection)
        return ws

    async def _greeting(self, ws: web.WebSocketResponse) -> _Greeting | None:
        try:
            async with asyncio.timeout(HELLO_TIMEOUT):
                message = await ws.receive()
        except TimeoutError:
            return None
        if message.type is not WSMsgType.TEXT:
            return None
        try:
            greeting = msgspec.json.decode(message.data, type=_Greeting)
        except msgspec.DecodeError:
            return None
        if greeting.version == PROTOCOL_VERSION:
            try:  # this version's Hello must be whole
                hello = codec.decode(message.data)
            except codec.DecodeError:
                return None
            if not isinstance(hello, Hello):
                return None
        return greeting

    async def _refuse(self, ws: web.WebSocketResponse, kind: str, desk: str, peer: str,
                      denied: Denied) -> web.WebSocketResponse:
        self._watcher.refused(kind, desk, peer, denied.reason)
        with contextlib.suppress(ConnectionError, RuntimeError):
            await ws.send_frame(codec.encode(denied), WSMsgType.TEXT)
            await ws.close(code=WSCloseCode.POLICY_VIOLATION)
        return ws
