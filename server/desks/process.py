"""The desk port in a process of its own (child.py), seen from the service: started by the desk
port's watcher (port.py) while desks are registered, reached over the relay (relay.py).

Why a process: TLS, websocket frames and the same events written to every desk cost the
service's interpreter as much again as a call's own work with 20 desks attached, and the
listener's thread shares that interpreter. Here the service does, for all the desks
together, what it does for one: each event is encoded once and written to the process, with
every event of a turn of the loop in one write. The console service never leaves this
process: the desks' sessions are its sessions here (each with the desk's name and role), and
their commands are handled here as the console's beside the listener are.

Lives on the service's loop; start() and stop() are called from the watcher's thread.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import sys
from collections.abc import Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import msgspec

from screening.desk import DeskRole
from screening.messages import Message
from server.desks import relay
from server.protocol import codec
from server.protocol.inprocess import Service
from server.protocol.messages import Event, Failed, Reply, Request, Result

log = logging.getLogger(__name__)

START_TIMEOUT = 20.0  # a new interpreter, importing what a desk port needs, on a busy machine
STOP_TIMEOUT = 10.0  # the desk port's own (server.STOP_TIMEOUT) and a margin
MAX_BEHIND = 64 << 20  # bytes the desk port's process has not read yet: it is stuck
MAX_LINE = 4 << 20  # what one line from the desk port may hold (a desk's request is small)
_ROOT = Path(__file__).resolve().parents[2]  # where the `server` package is found


@dataclass(eq=False)
class RelayedDesk:
    """A desk attached through the desk port: a session of the console service."""

    desk: str
    role: DeskRole
    peer: str
    _process: DeskProcess = field(repr=False)

    def deliver(self, event: Event) -> None:
        self._process.event(event)


class DeskWatcher(Protocol):
    """Who hears what happens on the desk port (port.py); on the service's loop."""

    def attached(self, desk: RelayedDesk) -> None: ...

    def detached(self, desk: RelayedDesk) -> None: ...

    def refused(self, kind: str, desk: str, peer: str, reason: Message) -> None: ...


class DeskProcess:
    def __init__(self, host: str, port: int, db_path: Path, service: Service,
                 service_loop: asyncio.AbstractEventLoop, watcher: DeskWatcher) -> None:
        self.host = host
        self.port = port
        self._db_path = db_path
        self._service = service
        self._loop = service_loop
        self._watcher = watcher
        self._child: asyncio.subprocess.Process | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._desks: dict[int, RelayedDesk] = {}
        self._latest: Event | None = None
        self._events: list[Event] = []
        self._ended = False
        self._stopping = False

    # -- from the watcher's thread ----------------------------------------------------------

    def start(self) -> None:
        """Returns once the port is bound; raises OSError when it cannot be, TimeoutError when
        the process does not say."""
        self.port = asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(
            START_TIMEOUT + 1)

    def stop(self) -> None:
        """Every desk is told the service is going (it attaches again when it is back)."""
        try:
            asyncio.run_coroutine_threadsafe(self._stop(), self._loop).result(STOP_TIMEOUT + 2)
        except (RuntimeError, TimeoutError) as error:  # the service's loop is gone or stuck
            log.warning("the desk port's process did not stop by itself (%s)",
                        type(error).__name__)
            if self._child is not None and self._child.returncode is None:
                with contextlib.suppress(ProcessLookupError):
                    self._child.kill()

    @property
    def running(self) -> bool:
        """False once the desk port's process has ended."""
        return not self._ended

    def keep_only(self, desks: dict[str, DeskRole]) -> None:
        """End the session of every desk not among `desks` (removed), or whose role changed."""
        with contextlib.suppress(RuntimeError):  # the service's loop is gone: so is the port
            self._loop.call_soon_threadsafe(self._send, relay.line(relay.KEEP, 0, desks))

    # -- on the service's loop --------------------------------------------------------------

    def event(self, event: Event) -> None:
        """Every desk's session passes each event; it goes to the process once, with the
        others of this turn of the loop."""
        if event is self._latest:
            return
        self._latest = event
        self._events.append(event)
        if len(self._events) == 1:
            self._loop.call_soon(self._send_events)

    async def _start(self) -> int:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            filter(None, (str(_ROOT), os.environ.get("PYTHONPATH"))))}
        child = self._child = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "server.desks.child", self.host, str(self.port),
            str(self._db_path), stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE, env=env, limit=MAX_LINE)
        assert child.stdout is not None and child.stderr is not None
        self._run(self._logs(child.stderr))
        try:
            async with asyncio.timeout(START_TIMEOUT):
                kind, number, body = relay.parse(await child.stdout.readline())
        except (TimeoutError, ValueError):
            child.kill()
            raise TimeoutError("the desk port's process did not start") from None
        if kind == relay.UNBOUND:
            await child.wait()
            raise OSError(number, msgspec.json.decode(body, type=str))
        self._run(self._read(child.stdout))
        return number

    async def _stop(self) -> None:
        child = self._child
        if child is None or child.stdin is None:
            return
        self._stopping = True
        child.stdin.close()
        try:
            async with asyncio.timeout(STOP_TIMEOUT):
                await child.wait()
        except TimeoutError:
            child.kill()
            await child.wait()
        if self._tasks:
            await asyncio.wait(self._tasks, timeout=STOP_TIMEOUT)

    def _run(self, work: Coroutine[Any, Any, None]) -> None:
        task = self._loop.create_task(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def _send_events(self) -> None:
        events, self._events = self._events, []
        self._send(b"".join(relay.line(relay.EVENT, event.seq, codec.encode(event))
                            for event in events))

    def _send(self, data: bytes) -> None:
        child = self._child
        if child is None or child.stdin is None or child.stdin.is_closing():
            return
        child.stdin.write(data)
        if child.stdin.transport.get_write_buffer_size() > MAX_BEHIND:
            log.error("the desk port's process fell %d MiB behind: ended, to start again",
                      MAX_BEHIND >> 20)
            child.kill()

    async def _read(self, lines: asyncio.StreamReader) -> None:
        """The desk port's lines until its process ends; then its desks are detached."""
        try:
            while text := await lines.readline():
                try:
                    self._take(*relay.parse(text))
                except (ValueError, msgspec.DecodeError, codec.DecodeError) as error:
                    log.error("the desk port's process said something unreadable: %s", error)
        finally:
            self._ended = True
            for number in tuple(self._desks):
                self._detach(number)
            if self._child is not None and not self._stopping:
                log.error("the desk port's process ended by itself (exit code %s)",
                          await self._child.wait())

    def _take(self, kind: bytes, number: int, body: bytes) -> None:
        if kind == relay.ATTACH:
            desk, role, peer = msgspec.json.decode(body, type=tuple[str, DeskRole, str])
            attached = self._desks[number] = RelayedDesk(desk, role, peer, self)
            self._watcher.attached(attached)
            self._run(self._attach(number, attached))
        elif kind == relay.DETACH:
            self._detach(number)
        elif kind == relay.REQUEST:
            request = codec.decode(body)
            if isinstance(request, Request) and number in self._desks:
                self._run(self._answer(self._desks[number], request))
        elif kind == relay.REFUSED:
            why, desk, peer, reason = msgspec.json.decode(
                body, type=tuple[str, str, str, Message])
            self._watcher.refused(why, desk, peer, reason)

    async def _attach(self, number: int, desk: RelayedDesk) -> None:
        try:
            snapshot = await self._service.attach(desk)
        except Exception:  # the service could not take the desk now: it tries again
            log.exception("desk %r could not attach", desk.desk)
            self._send(relay.line(relay.UNATTACHED, number))
            return
        self._send(relay.line(relay.SNAPSHOT, number, codec.encode(snapshot)))

    def _detach(self, number: int) -> None:
        desk = self._desks.pop(number, None)
        if desk is not None:
            self._service.detach(desk)
            self._watcher.detached(desk)

    async def _answer(self, desk: RelayedDesk, request: Request) -> None:
        result: Result
        try:
            result = await self._service.handle(desk, request.command)
        except Exception as error:
            log.exception("desk %r: a command failed", desk.desk)
            result = Failed(message=Message("failed.internal", (type(error).__name__,)))
        self._send(relay.line(relay.REPLY, request.id, codec.encode(
            Reply(id=request.id, result=result))))

    async def _logs(self, lines: asyncio.StreamReader) -> None:
        """The desk port's log records, as this process's own; anything else (a crash's
        traceback) as a warning."""
        while text := await lines.readline():
            try:
                record = json.loads(text)
                logging.getLogger(record["name"]).log(record["level"], "%s", record["message"])
            except (ValueError, KeyError, TypeError):
                log.warning("desk port: %s", text.decode("utf-8", "replace").rstrip())
