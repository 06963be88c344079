"""When the desk port is bound, and what it says of itself.

A thread of its own looks every half second at the desks and the `desk-host`/`desk-port`
settings (when another connection committed anything: `PRAGMA data_version`): the port is
bound (by the desk port's process, process.py) while at least one desk is registered and
released when the last is removed, moved when its settings change, started again if its
process ends, and a removed desk's session ends, whoever removed it (the command line too),
with no restart. It notes in the desks table when each desk was seen (`desk list`), and
counts the desks refused, by reason (`/healthz`, and a log line each, never a secret).
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections import Counter
from pathlib import Path

import wording
from application import Office
from application.desks import SEEN_EVERY
from application.trouble import DATABASE_ERRORS
from screening.messages import Message
from screening.settings import Key
from server.desks.process import DeskProcess, RelayedDesk
from server.protocol.inprocess import Service

log = logging.getLogger(__name__)

WATCH_INTERVAL = 0.5
# A port taken when it is wanted is tried again 1 s later, then twice as long after each try
# (each try starts a process) up to every 10 s: a port a stopping program frees soon is
# taken soon, one that stays taken costs little.
RETRY_FIRST = 1.0
RETRY_LONGEST = 10.0
STOP_TIMEOUT = 10.0


class DeskPort:
    def __init__(self, db_path: Path, service: Service,
                 service_loop: asyncio.AbstractEventLoop) -> None:
        self._office = Office(db_path)
        self._db_path = db_path
        self._service = service
        self._service_loop = service_loop
        self._server: DeskProcess | None = None
        self._bound_to: tuple[str, int] | None = None
        self._failed: tuple[tuple[str, int], str] | None = None
        self._tried_at = 0.0
        self._retry_in = RETRY_FIRST
        self._data_version: int | None = None
        self._versions: tuple[int, int] | None = None  # the desks' and the settings'

        self._wanted: tuple[str, int] | None = None
        self._lock = threading.Lock()
        self._attached: Counter[str] = Counter()  # desk name: sessions
        self._changed: set[str] = set()  # desks attached or detached since last noted
        self._noted_at = 0.0
        self._refused: Counter[str] = Counter()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="callgate-desks", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        """Release the port (every desk is told the service is going)."""
        self._stop.set()
        self._thread.join(STOP_TIMEOUT)

    @property
    def listening(self) -> tuple[str, int] | None:
        """Where the desk port listens now, if it does."""
        return self._bound_to

    def refusals(self) -> dict[str, int]:
        """Desks refused since the start, by reason."""
        with self._lock:
            return dict(self._refused)

    # -- what the desk port reports (on the service's loop) --------------------------------

    def attached(self, desk: RelayedDesk) -> None:
        log.info("desk %s attached from %s (%s)", desk.desk, desk.peer, desk.role)
        with self._lock:
            self._attached[desk.desk] += 1
            self._changed.add(desk.desk)

    def detached(self, desk: RelayedDesk) -> None:
        log.info("desk %s detached (%s)", desk.desk, desk.peer)
        with self._lock:
            self._attached[desk.desk] -= 1
            if self._attached[desk.desk] <= 0:
                del self._attached[desk.desk]
            self._changed.add(desk.desk)

    def refused(self, kind: str, desk: str, peer: str, reason: Message) -> None:
        with self._lock:
            self._refused[kind] += 1
            count = sum(self._refused.values())
        who = f"desk {desk!r}" if desk else "a connection"
        log.warning("refused %s from %s: %s (%d refused since start)", who, peer,
                    wording.render(reason), count)

    # -- the watcher ----------------------------------------------------------------------

    def _run(self) -> None:
        try:
            while not self._stop.is_set():
                try:
                    self._look()
                    self._note()
                except DATABASE_ERRORS as error:  # storage trouble has its own events
                    log.debug("the desk port could not look at the desks: %s", error)
                self._stop.wait(WATCH_INTERVAL)
        finally:
            self._release()
            try:
                self._note(final=True)
            except DATABASE_ERRORS as error:
                log.debug("the desks' last sight was not noted: %s", error)
            self._office.close()

    def _look(self) -> None:
        db = self._office.db()
        data_version = db.execute("PRAGMA data_version").fetchone()[0]
        if data_version != self._data_version:  # another connection committed something
            self._data_version = data_version
            versions = self._office.desks.versions()
            if versions != self._versions:  # desks, or settings
                desks_moved = self._versions is None or versions[0] != self._versions[0]
                self._versions = versions
                desks = self._office.desks.names()
                values = self._office.settings.values()
                self._wanted = ((values[Key.DESK_HOST], int(values[Key.DESK_PORT]))
                                if desks else None)
                if desks_moved and self._server is not None:
                    self._server.keep_only(desks)
        if self._server is not None and not self._server.running:
            self._release()  # its process ended (its log says why): started again below
        if self._wanted != self._bound_to:
            self._release()
            if self._wanted is not None and (
                    self._failed is None or self._failed[0] != self._wanted
                    or time.monotonic() - self._tried_at >= self._retry_in):
                self._bind(self._wanted)

    def _bind(self, where: tuple[str, int]) -> None:
        self._tried_at = time.monotonic()
        host, port = where
        from application.certificate import desk_certificate  # not while no desk is registered

        certificate = desk_certificate(self._db_path.parent)  # made here, read by the port
        server = DeskProcess(host, port, self._db_path, self._service, self._service_loop,
                             self)
        try:
            server.start()
        except (OSError, TimeoutError) as error:
            why = getattr(error, "strerror", None) or str(error) or type(error).__name__
            if self._failed != (where, why):
                log.error("cannot listen for desks on %s:%d: %s; trying again until it is "
                          "free (in %g s, then less often, up to every %g s)", host, port, why,
                          RETRY_FIRST, RETRY_LONGEST)
                self._retry_in = RETRY_FIRST
            else:
                self._retry_in = min(self._retry_in * 2, RETRY_LONGEST)
            self._failed = (where, why)
            return
        self._server, self._bound_to, self._failed = server, where, None
        log.info("listening for desks on %s:%d (TLS, certificate sha256:%s)", host,
                 server.port, certificate.fingerprint.hex())

    def _release(self) -> None:
        if self._server is not None:
            server, self._server, self._bound_to = self._server, None, None
            server.stop()
            log.info("no longer listening for desks on %s:%d", server.host, server.port)

    def _note(self, *, final: bool = False) -> None:
        """The desks that attached or left since the last look, and every half minute those
        attached, in the desks table (`desk list` reads when each was seen)."""
        with self._lock:
            changed, self._changed = self._changed, set()
            attached = set(self._attached)
        now = time.monotonic()
        if final:
            changed |= attached
            attached = set()
        elif now - self._noted_at >= SEEN_EVERY.total_seconds():
            self._noted_at = now
            changed |= attached
        if attached & changed:
            self._office.desks.seen(attached & changed, attached=True)
        if changed - attached:
            self._office.desks.seen(changed - attached, attached=False)
