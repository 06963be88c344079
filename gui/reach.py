"""Whether commubo can reach this desk, checked off the GUI thread and shown in the window.

The checks are asyncio code (aiohttp). They run one at a time on a worker thread with an event
loop of its own, never on the GUI thread and never on qasync's loop (pytest-qt does not drive
qasync); each result comes back to the GUI thread through a queued signal.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any, Protocol

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel, QWidget

from application import Office
from gui.banner import Banner
from screening.setting_values import TunnelKind
from screening.settings import Key
from screening.urls import WEBHOOK_PREFIX
from server.selftest import Reachability, SelfTestResult, check_reachability
from server.tunnels import QuickTunnel, TunnelError

log = logging.getLogger(__name__)

ADAPTER_CHECK_MS = 30_000
SELF_TEST_MS = 15 * 60_000
STOP_TIMEOUT = 5.0
QUICK_START_GRACE = 30.0  # seconds a new quick tunnel may take to get its address
QUICK_RETRY_MS = 3000

REACHABLE = "reachable"
UNREACHABLE = "unreachable"
UNKNOWN = "unknown"

STATE_TEXTS = {
    REACHABLE: QT_TRANSLATE_NOOP("Reachability", "Reachable from commubo"),
    UNREACHABLE: QT_TRANSLATE_NOOP("Reachability", "NOT reachable from commubo"),
    UNKNOWN: QT_TRANSLATE_NOOP("Reachability", "Reachability unknown"),
}
STATE_STYLES = {
    REACHABLE: "color: #198754;",
    UNREACHABLE: "color: #dc3545; font-weight: bold;",
    UNKNOWN: "color: #6c757d;",
}

Work = Callable[[], Coroutine[Any, Any, object]]


class CheckFunction(Protocol):
    """The shape of `server.selftest.check_reachability` (tests pass their own)."""

    def __call__(
        self, db_path: Path, settings: Mapping[str, str], local_port: int, token: str, *,
        run_self_test: bool = True,
    ) -> Awaitable[Reachability]: ...


class BackgroundTask(QObject):
    """Runs one coroutine at a time on a worker thread; `finished` carries its result or error.

    `stop()` cancels the coroutine and waits for the thread, so no result arrives afterwards.
    """

    finished = Signal(object)
    _done = Signal(object)

    def __init__(self, parent: QObject, name: str = "callgate-reachability") -> None:
        super().__init__(parent)
        self._name = name
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task[object] | None = None
        self._running = False
        self._stopped = False
        self._done.connect(self._deliver)

    @property
    def busy(self) -> bool:
        return self._running

    def start(self, work: Work) -> bool:
        """Run `work()` on a fresh thread and loop; False (and nothing runs) while busy."""
        if self._running or self._stopped:
            return False
        self._running = True
        self._thread = threading.Thread(target=self._run, args=(work,), daemon=True,
                                        name=self._name)
        self._thread.start()
        return True

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            loop, task = self._loop, self._task
        if loop is not None and task is not None:
            with contextlib.suppress(RuntimeError):  # the loop finished meanwhile
                loop.call_soon_threadsafe(task.cancel)
        if self._thread is not None:
            self._thread.join(STOP_TIMEOUT)

    def _run(self, work: Work) -> None:
        outcome: object
        try:
            # A loop of its own, never one that a process-wide event-loop policy makes: qasync's
            # (Python 3.11) makes Qt loops, which cannot run off the main thread.
            with asyncio.Runner(loop_factory=asyncio.SelectorEventLoop) as runner:
                outcome = runner.run(self._guarded(work))
        except BaseException as error:  # handed to the GUI thread, which reports it
            outcome = error
        with self._lock:
            if not self._stopped:
                self._done.emit(outcome)

    async def _guarded(self, work: Work) -> object:
        task = asyncio.current_task()
        with self._lock:
            if self._stopped:
                raise asyncio.CancelledError
            self._loop = asyncio.get_running_loop()
            self._task = task
        try:
            return await work()
        finally:
            with self._lock:
                self._loop = self._task = None

    @Slot(object)
    def _deliver(self, outcome: object) -> None:
        self._running = False
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        self.finished.emit(outcome)


def failed_check(error: BaseException) -> Reachability:
    """A check that raised says nothing about reachability; its reason is kept for people."""
    text = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    why = f"the reachability check failed ({text})"
    return Reachability(
        state=UNKNOWN,
        tunnel=None,
        self_test=SelfTestResult(ok=False, kind="error", message=why, round_trip_ms=None),
        public_webhook_url=None,
        detail=why,
    )


def public_base(webhook_url: str | None) -> str | None:
    """The public webhook URL without its token: what a tunnel restart can change."""
    return webhook_url.split(WEBHOOK_PREFIX)[0] if webhook_url else None


class ReachabilityMonitor(QObject):
    """Checks the tunnel every `adapter_interval_ms` and runs the public self-test every
    `self_test_interval_ms` and at start; `changed` carries each new `Reachability`. The
    intervals default to ADAPTER_CHECK_MS and SELF_TEST_MS as they are when the monitor is
    made (a test of the whole console shortens them there).

    Between self-tests a healthy tunnel with the same public URL keeps the last self-test's
    verdict. While the desk is not known to be reachable every tick runs the full self-test, so
    the window learns within one tick that reachability is back. A tunnel whose public URL
    changed is self-tested at once.
    """

    changed = Signal(object)
    public_url_changed = Signal(str, str)  # the old and the new public base URL

    def __init__(
        self,
        db_path: Path,
        local_port: int,
        office: Office,
        parent: QObject,
        *,
        adapter_interval_ms: int | None = None,
        self_test_interval_ms: int | None = None,
        check: CheckFunction = check_reachability,
    ) -> None:
        super().__init__(parent)
        self._db_path = db_path
        self._local_port = local_port
        self._office = office
        self._check = check
        self.last: Reachability | None = None
        self.completed = 0  # checks finished so far
        self._last_full: Reachability | None = None
        self._running_full = False
        self._pending: bool | None = None  # None: nothing waiting; else: waiting, full or not
        self._quick: QuickTunnel | None = None
        self._known_base: str | None = None
        self._quick_problem: str | None = None
        self._quick_started = 0.0
        self._quick_retry = QTimer(self)
        self._quick_retry.setSingleShot(True)
        self._quick_retry.setInterval(QUICK_RETRY_MS)
        self._quick_retry.timeout.connect(self.check_now)
        self._task = BackgroundTask(self)
        self._task.finished.connect(self._on_finished)
        self._adapter_timer = QTimer(self)
        self._adapter_timer.setInterval(adapter_interval_ms or ADAPTER_CHECK_MS)
        self._adapter_timer.timeout.connect(self._adapter_tick)
        self._self_test_timer = QTimer(self)
        self._self_test_timer.setInterval(self_test_interval_ms or SELF_TEST_MS)
        self._self_test_timer.timeout.connect(self.check_now)

    @property
    def local_port(self) -> int:
        return self._local_port

    @property
    def busy(self) -> bool:
        return self._task.busy

    @property
    def idle(self) -> bool:
        """No check runs and none waits to run."""
        return not self._task.busy and self._pending is None

    @property
    def quick_tunnel(self) -> QuickTunnel | None:
        """The quick tunnel this monitor started (tunnel "quick"), while it has one."""
        return self._quick

    @property
    def quick_problem(self) -> str | None:
        """Why the quick tunnel could not be started, if it could not."""
        return self._quick_problem

    def start(self) -> None:
        self._adapter_timer.start()
        self._self_test_timer.start()
        self.check_now()

    def stop(self) -> None:
        """Stop the timers and the check in flight, before the database closes."""
        self._adapter_timer.stop()
        self._self_test_timer.stop()
        self._quick_retry.stop()
        self._pending = None
        self._task.stop()
        self._stop_quick_tunnel()

    def check_settings(self) -> dict[str, str]:
        """The settings a check reads. A quick tunnel runs as long as the monitor and is
        started here; a check reads it like any cloudflared, through its metrics server."""
        values = self._office.settings.values()
        if values.get(Key.TUNNEL) != TunnelKind.QUICK:
            self._stop_quick_tunnel()
            return values
        if self._quick is None:
            self._quick = QuickTunnel(self._local_port)
        pid = self._quick.pid if self._quick.running else None
        try:
            self._quick.start()  # nothing when it runs; a new one (and a new URL) if it died
            if self._quick.pid != pid:
                self._quick_started = time.monotonic()
        except TunnelError as error:
            self._quick_problem = str(error)
            return values
        self._quick_problem = None
        assert self._quick.metrics is not None
        return values | {Key.TUNNEL: TunnelKind.CLOUDFLARED,
                         Key.CLOUDFLARED_METRICS: self._quick.metrics, Key.PUBLIC_URL: ""}

    def _quick_starting(self) -> bool:
        return (self._quick is not None and self._quick.running
                and time.monotonic() - self._quick_started < QUICK_START_GRACE)

    def _stop_quick_tunnel(self) -> None:
        if self._quick is not None:
            self._quick.stop()
            self._quick = None

    @Slot()
    def check_now(self) -> None:
        """Check the tunnel and run the public self-test now (after a check in flight)."""
        self._request(full=True)

    def _adapter_tick(self) -> None:
        known_reachable = self.last is not None and self.last.state == REACHABLE
        self._request(full=not known_reachable)

    def _request(self, full: bool) -> None:
        if self._task.busy:
            self._pending = full or bool(self._pending)
            return
        values = self.check_settings()
        token = self._office.webhook.token()
        check, db_path, port = self._check, self._db_path, self._local_port

        async def work() -> object:
            return await check(db_path, values, port, token, run_self_test=full)

        if self._task.start(work):
            self._running_full = full
            if full:
                self._self_test_timer.start()  # the next self-test is a whole interval away

    @Slot(object)
    def _on_finished(self, outcome: object) -> None:
        full = self._running_full
        if isinstance(outcome, BaseException):
            log.error("reachability check failed", exc_info=outcome)
            result = failed_check(outcome)
        else:
            assert isinstance(outcome, Reachability)
            result = outcome
        if self._quick_problem is not None and result.state != REACHABLE:
            result = replace(result, detail=f"{result.detail}; {self._quick_problem}")
        elif self._quick_starting() and result.state != REACHABLE:
            # Not a loss: the quick tunnel just started and is still getting its address.
            result = replace(result, state=UNKNOWN,
                             detail=f"the quick tunnel is starting ({result.detail})")
            self._quick_retry.start()
        if full:
            self._last_full = result
        else:
            result = self._merge_tunnel_check(result)
        self.last = result
        self.completed += 1
        base = public_base(result.public_webhook_url)
        if base is not None:
            known, self._known_base = self._known_base, base
            if known is not None and known != base:
                self.public_url_changed.emit(known, base)
        self.changed.emit(result)
        pending, self._pending = self._pending, None
        if pending is not None:
            self._request(full=pending)

    def _merge_tunnel_check(self, result: Reachability) -> Reachability:
        """A tunnel-only check keeps the last self-test's verdict while nothing changed."""
        last = self._last_full
        if result.state == UNREACHABLE or last is None:
            return result
        if result.public_webhook_url != last.public_webhook_url:
            self._pending = True  # a new public URL: test it now
            return result
        return replace(result, state=last.state, self_test=last.self_test, detail=last.detail)


def state_text(state: str) -> str:
    return QCoreApplication.translate("Reachability", str(STATE_TEXTS.get(state,
                                                                          STATE_TEXTS[UNKNOWN])))


class ReachabilityLabel(QLabel):
    """The status bar's word on reachability; the tooltip says why."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.state = UNKNOWN
        self.show_state(UNKNOWN, self.tr("No check has finished yet."))

    def show_state(self, state: str, why: str) -> None:
        self.state = state
        self.setText(state_text(state))
        self.setStyleSheet(STATE_STYLES.get(state, STATE_STYLES[UNKNOWN]))
        self.setToolTip(why)


class UnreachableBanner(Banner):
    """Across the window from the moment reachability is lost until it is back."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__("#dc3545", "white", parent, selectable=True)

    def show_reason(self, why: str) -> None:
        self.setText(self.tr(
            "commubo cannot reach callgate and rejects every call until this is fixed: %1 "
            "(menu callgate → Set up reachability…)").replace("%1", why))
        self.show()
