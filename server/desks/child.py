"""The desk port's process: `python -m server.desks.child HOST PORT DATABASE`, started by the
service (process.py) while desks are registered, and ended when its standard input closes.

It binds the desk port, checks each desk's Hello and secret, and serves every desk its
events and commands over TLS (server.py); the console service itself stays in the service's
process and is reached through the relay (relay.py). Its log records go to the service as
JSON lines on standard error, for the service's log.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import os
import sys
import threading
from pathlib import Path
from typing import BinaryIO

from application import Office
from application.certificate import desk_certificate
from screening.desk import DeskRole
from screening.messages import Message
from server.desks import relay
from server.desks.connection import Batch, DeskSession
from server.desks.server import DeskServer
from server.protocol import codec
from server.protocol.messages import Command, Reply, Request, Result, Snapshot

log = logging.getLogger(__name__)

READ_SIZE = 1 << 16


class ServiceGone(ConnectionError):
    """The service closed the relay: no answer will come."""


class _Relay:
    """Lines to the service, from any thread: each written whole."""

    def __init__(self, out: BinaryIO) -> None:
        self._out = out
        self._lock = threading.Lock()

    def send(self, data: bytes) -> None:
        with self._lock:
            self._out.write(data)
            self._out.flush()


class RelayedService:
    """The console service as the desk port's sessions reach it: each question a line to the
    service, each answer a line back (read on the relay's thread, settled on the loop that
    asked)."""

    def __init__(self, out: _Relay) -> None:
        self._out = out
        self._numbers = itertools.count(1)
        self._sessions: dict[DeskSession, int] = {}
        self._waiting: dict[int, asyncio.Future[bytes]] = {}
        self._gone = False

    async def attach(self, session: DeskSession) -> Snapshot:
        number = self._sessions[session] = next(self._numbers)
        snapshot = codec.decode(await self._ask(number, relay.line(
            relay.ATTACH, number, [session.desk, session.role, session.peer])))
        if not isinstance(snapshot, Snapshot):
            raise TypeError(f"the service answered an attach with {type(snapshot).__name__}")
        return snapshot

    def detach(self, session: DeskSession) -> None:
        number = self._sessions.pop(session, None)
        if number is not None and not self._gone:
            self._out.send(relay.line(relay.DETACH, number))

    async def handle(self, session: DeskSession, command: Command) -> Result:
        number = next(self._numbers)
        reply = codec.decode(await self._ask(number, relay.line(
            relay.REQUEST, self._sessions[session], codec.encode(Request(id=number,
                                                                         command=command)))))
        if not isinstance(reply, Reply):
            raise TypeError(f"the service answered a command with {type(reply).__name__}")
        return reply.result

    async def _ask(self, number: int, question: bytes) -> bytes:
        if self._gone:
            raise ServiceGone("the service has gone")
        answer: asyncio.Future[bytes] = asyncio.get_running_loop().create_future()
        self._waiting[number] = answer
        try:
            self._out.send(question)
            return await answer
        finally:
            self._waiting.pop(number, None)

    def answer(self, number: int, data: bytes | None) -> None:
        """From the relay's thread: `data` None when the service could not answer."""
        waiting = self._waiting.get(number)
        if waiting is not None:
            waiting.get_loop().call_soon_threadsafe(_settle, waiting, data)

    def gone(self) -> None:
        """From the relay's thread: every question still waiting gets no answer."""
        self._gone = True
        for number in tuple(self._waiting):
            self.answer(number, None)


def _settle(waiting: asyncio.Future[bytes], data: bytes | None) -> None:
    if waiting.done():
        return
    if data is None:
        waiting.set_exception(ServiceGone("the service did not answer"))
    else:
        waiting.set_result(data)


class _Refusals:
    """The desks refused, told to the service (which counts them and logs them)."""

    def __init__(self, out: _Relay) -> None:
        self._out = out

    def refused(self, kind: str, desk: str, peer: str, reason: Message) -> None:
        self._out.send(relay.line(relay.REFUSED, 0, [kind, desk, peer, reason]))


def serve(host: str, port: int, db_path: Path, source: BinaryIO, out: BinaryIO) -> int:
    """Bind, say where (or why not), then serve until `source` ends."""
    to_service = _Relay(out)
    office = Office(db_path)
    try:
        service = RelayedService(to_service)
        server = DeskServer(host, port, desk_certificate(db_path.parent).server_context(),
                            service, office.desks.verify, _Refusals(to_service))
        try:
            server.start()
        except (OSError, TimeoutError) as error:
            why = getattr(error, "strerror", None) or str(error) or type(error).__name__
            to_service.send(relay.line(relay.UNBOUND, getattr(error, "errno", 0) or 0, why))
            return 1
        to_service.send(relay.line(relay.LISTENING, server.port))
        try:
            _read(source, server, service)
        finally:
            service.gone()
            server.stop()
    finally:
        office.close()
    return 0


def _read(source: BinaryIO, server: DeskServer, service: RelayedService) -> None:
    """The service's lines until it closes the relay; the events of each read go together."""
    rest = b""
    while chunk := os.read(source.fileno(), READ_SIZE):
        lines = (rest + chunk).split(b"\n")
        rest = lines.pop()
        events: Batch = []
        for text in lines:
            kind, number, body = relay.parse(text)
            if kind == relay.EVENT:
                events.append((number, body))
                continue
            if events:
                server.events(events)
                events = []
            if kind in (relay.SNAPSHOT, relay.REPLY):
                service.answer(number, body)
            elif kind == relay.UNATTACHED:
                service.answer(number, None)
            elif kind == relay.KEEP:
                server.keep_only({desk: DeskRole(role)
                                  for desk, role in json.loads(body).items()})
        if events:
            server.events(events)


class _ToService(logging.Handler):
    """Each record as one JSON line on standard error: the service logs it as its own."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = record.getMessage()
            if record.exc_info:
                text += "\n" + logging.Formatter().formatException(record.exc_info)
            sys.stderr.write(json.dumps({"level": record.levelno, "name": record.name,
                                         "message": text}) + "\n")
            sys.stderr.flush()
        except Exception:
            self.handleError(record)


def main(argv: list[str]) -> int:
    host, port, database = argv
    logging.basicConfig(level=logging.INFO, handlers=[_ToService()], force=True)
    return serve(host, int(port), Path(database), sys.stdin.buffer, sys.stdout.buffer)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
