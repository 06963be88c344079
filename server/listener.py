"""The listener on its own thread and plain asyncio loop, so the GUI can never stall it."""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path

from screening.policy import Decision
from screening.urls import webhook_url
from server.access_log import ACCESS_LOG, RedactingAccessLogger
from server.app import create_app
from server.app_thread import START_TIMEOUT, AppThread
from server.broker import DecisionBroker
from server.events import EventSink, ignore
from server.webhook import BODY_TIMEOUT

SHUTDOWN_TIMEOUT = 10.0
# A connection that sends no complete request for this long is closed: idle ones between
# commubo's calls, and ones that trickle their headers and would hold a socket for ever.
IDLE_TIMEOUT = 30.0


class ListenerError(RuntimeError):
    """The listener could not start; the message is one line for people."""


class Listener:
    def __init__(
        self, db_path: Path, host: str, port: int, emit: EventSink = ignore, *,
        idle_timeout: float = IDLE_TIMEOUT, body_timeout: float = BODY_TIMEOUT,
    ) -> None:
        self._broker = DecisionBroker()
        self._server = AppThread(
            lambda: create_app(db_path, emit, self._broker, body_timeout=body_timeout),
            host, port, name="callgate-listener", shutdown_timeout=SHUTDOWN_TIMEOUT,
            access_log=ACCESS_LOG, access_log_class=RedactingAccessLogger,
            idle_timeout=idle_timeout)

    @property
    def host(self) -> str:
        return self._server.host

    @property
    def port(self) -> int:
        """The port asked for; once started, the port bound (so 0 becomes a free port)."""
        return self._server.port

    def start(self) -> None:
        """Start serving; returns once the port is bound, raises ListenerError if it cannot be."""
        try:
            self._server.start()
        except BaseException as error:
            raise ListenerError(self._describe(error)) from error

    def stop(self) -> None:
        """Stop taking new calls, give waiting calls their default, finish requests in flight."""
        self._server.stop()

    def url(self, token: str) -> str:
        return webhook_url(self.host, self.port, token)

    def resolve(self, call_id: str, decision: Decision) -> None:
        """A person's decision, from any thread."""
        self._call_on_loop(self._broker.resolve, call_id, decision)

    def set_people(self, count: int) -> None:
        """How many consoles can answer `ask` calls, from any thread."""
        self._call_on_loop(self._broker.set_people, count)

    def _call_on_loop(self, callback: Callable[..., object], *args: object) -> None:
        try:
            self._server.call_soon(callback, *args)
        except RuntimeError as error:
            raise ListenerError("the listener is not running") from error

    def _describe(self, error: BaseException) -> str:
        where = f"{self.host}:{self.port}"
        if isinstance(error, TimeoutError):
            return f"the listener did not start within {START_TIMEOUT:g} s"
        if isinstance(error, OSError) and error.errno == errno.EADDRINUSE:
            return (f"cannot listen on {where}: the port is in use "
                    "(is callgate already running?); choose another with --port")
        if isinstance(error, OSError) and error.errno == errno.EADDRNOTAVAIL:
            return f"cannot listen on {where}: this machine has no such address"
        if isinstance(error, OSError):
            return f"cannot listen on {where}: {error.strerror or error}"
        return f"the listener failed to start: {error}"
