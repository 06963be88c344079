"""The listener on its own thread and plain asyncio loop, so the GUI can never stall it."""

from __future__ import annotations

import asyncio
import errno
import threading
from pathlib import Path

from aiohttp import web

from screening.policy import Decision
from server.access_log import ACCESS_LOG, RedactingAccessLogger
from server.app import create_app
from server.broker import DecisionBroker
from server.events import EventSink, ignore
from server.urls import webhook_url

SHUTDOWN_TIMEOUT = 10.0
START_TIMEOUT = 15.0


class ListenerError(RuntimeError):
    """The listener could not start; the message is one line for people."""


class Listener:
    def __init__(
        self, db_path: Path, host: str, port: int, emit: EventSink = ignore
    ) -> None:
        self.host = host
        self.port = port
        self._db_path = db_path
        self._emit = emit
        self._broker = DecisionBroker()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._stop: asyncio.Event | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="callgate-listener", daemon=True)

    def start(self) -> None:
        """Start serving; returns once the port is bound, raises ListenerError if it cannot be."""
        self._thread.start()
        if not self._ready.wait(START_TIMEOUT):
            raise ListenerError(f"the listener did not start within {START_TIMEOUT:g} s")
        if self._error is not None:
            self._thread.join()
            raise ListenerError(self._describe(self._error)) from self._error

    def stop(self) -> None:
        """Stop taking new calls, give waiting calls their default, finish requests in flight."""
        if self._loop is not None and self._stop is not None and self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(SHUTDOWN_TIMEOUT + 5)

    def url(self, token: str) -> str:
        return webhook_url(self.host, self.port, token)

    def resolve(self, call_id: str, decision: Decision) -> None:
        """A person's decision, from any thread."""
        self._call_on_loop(self._broker.resolve, call_id, decision)

    def set_people(self, count: int) -> None:
        """How many consoles can answer `ask` calls, from any thread."""
        self._call_on_loop(self._broker.set_people, count)

    def _call_on_loop(self, *args: object) -> None:
        if self._loop is None:
            raise ListenerError("the listener is not running")
        self._loop.call_soon_threadsafe(*args)  # type: ignore[arg-type]

    def _run(self) -> None:
        try:
            asyncio.run(self._serve())
        except BaseException as error:  # reported to start(); the thread must not die silently
            self._error = error
        finally:
            self._ready.set()

    async def _serve(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = asyncio.Event()
        app = create_app(self._db_path, self._emit, self._broker)
        runner = web.AppRunner(app, access_log=ACCESS_LOG, access_log_class=RedactingAccessLogger,
                               shutdown_timeout=SHUTDOWN_TIMEOUT)
        await runner.setup()
        try:
            site = web.TCPSite(runner, self.host, self.port)
            await site.start()
            self.port = runner.addresses[0][1]
            self._ready.set()
            await self._stop.wait()
        finally:
            await runner.cleanup()

    def _describe(self, error: BaseException) -> str:
        where = f"{self.host}:{self.port}"
        if isinstance(error, OSError) and error.errno == errno.EADDRINUSE:
            return (f"cannot listen on {where}: the port is in use "
                    "(is callgate already running?); choose another with --port")
        if isinstance(error, OSError) and error.errno == errno.EADDRNOTAVAIL:
            return f"cannot listen on {where}: this machine has no such address"
        if isinstance(error, OSError):
            return f"cannot listen on {where}: {error.strerror or error}"
        return f"the listener failed to start: {error}"
