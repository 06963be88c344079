"""The listener on its own thread and plain asyncio loop, so the GUI can never stall it."""

from __future__ import annotations

import errno
from collections.abc import Callable
from pathlib import Path

from aiohttp import web

import wording
from application import Office
from screening.desk import DeskRole
from screening.messages import Message
from screening.policy import Decision
from screening.urls import WEBHOOK_PREFIX, webhook_url
from server.access_log import ACCESS_LOG, RedactingAccessLogger
from server.app import CONSOLE, create_app
from server.app_thread import START_TIMEOUT, AppThread
from server.broker import DecisionBroker
from server.console import answers
from server.console.reach import ReachabilityMonitor
from server.console.service import ConsoleService
from server.events import EventSink, ignore
from server.protocol.inprocess import InProcessLink
from server.protocol.messages import ListenerState
from server.tunnels import QuickTunnel
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
        port_setting: int | None = None, keep_without_port: bool = False,
        watch_reachability: bool = True,
    ) -> None:
        """`port_setting`: the stored `port`, when --port or CALLGATE_PORT chose another.
        `keep_without_port`: a console's listener keeps running (for its console: the rules,
        the history) when its port cannot be bound; `problem` then says why."""
        self._broker = DecisionBroker()
        self._db_path = db_path
        self._watch_reachability = watch_reachability
        self._monitor: ReachabilityMonitor | None = None
        self._port_setting = port if port_setting is None else port_setting
        self._app: web.Application | None = None
        self._server = AppThread(
            self._make_app(db_path, emit, body_timeout), host, port, name="callgate-listener",
            shutdown_timeout=SHUTDOWN_TIMEOUT, access_log=ACCESS_LOG,
            access_log_class=RedactingAccessLogger, idle_timeout=idle_timeout,
            keep_without_port=keep_without_port)

    def _make_app(self, db_path: Path, emit: EventSink,
                  body_timeout: float) -> Callable[[], web.Application]:
        def make() -> web.Application:
            self._app = create_app(db_path, emit, self._broker, body_timeout=body_timeout,
                                   listener_state=self.state)
            return self._app

        return make

    @property
    def problem(self) -> Message | None:
        """Why calls cannot reach this listener (its port could not be bound), or None."""
        error = self._server.port_error
        return self._describe(error) if error is not None else None

    def state(self) -> ListenerState:
        """What the console shows of its listener: where it listens, or why it does not."""
        problem = self.problem
        return ListenerState(
            listening=problem is None, local_base=self.url("").removesuffix(WEBHOOK_PREFIX),
            port=self.port, port_setting=self._port_setting,
            problem=problem,
            cloudflared=QuickTunnel.available())

    @property
    def console(self) -> ConsoleService:
        """The console service, once started."""
        if self._app is None or CONSOLE not in self._app:
            raise ListenerError("the listener is not running")
        return self._app[CONSOLE]

    @property
    def reachability(self) -> ReachabilityMonitor | None:
        """What watches whether commubo can reach this listener (None while it is not
        watched: not started, no port, or watch_reachability off)."""
        return self._monitor

    def link(self, *, desk: str = "", role: DeskRole = DeskRole.ADMIN,
             wire: bool = False) -> InProcessLink:
        """A console's link to this listener, in this process (`wire`: every message through
        its JSON form, as a network would carry it)."""
        loop = self._server.loop
        if loop is None:
            raise ListenerError("the listener is not running")
        return InProcessLink(self.console, loop, desk=desk, role=role, wire=wire)

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
            raise ListenerError(wording.render(self._describe(error))) from error
        if self._watch_reachability and self.problem is None:
            office, console = Office(self._db_path), self.console
            self._monitor = ReachabilityMonitor(
                self._db_path, self.port,
                lambda: (answers.settings_values(office), office.webhook.token()),
                console.found, console.moved)
            console.watch(self._monitor)
            self._monitor.start()

    def stop(self) -> None:
        """Stop taking new calls, give waiting calls their default, finish requests in flight."""
        if self._monitor is not None:
            self._monitor.stop()
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

    def _describe(self, error: BaseException) -> Message:
        where = f"{self.host}:{self.port}"
        if isinstance(error, TimeoutError):
            return Message("listener.start.timeout", (START_TIMEOUT,))
        if isinstance(error, OSError) and error.errno == errno.EADDRINUSE:
            return Message("listener.port.in_use", (where,))
        if isinstance(error, OSError) and error.errno == errno.EADDRNOTAVAIL:
            return Message("listener.port.no_address", (where,))
        if isinstance(error, OSError):
            return Message("listener.port.error", (where, error.strerror or str(error)))
        return Message("listener.start.failed", (str(error),))
