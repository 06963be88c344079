"""The console's end of its link to callgate: the one object the widgets hear and ask.

Everything the link delivers (the snapshot, numbered events, command results, the link's
state) arrives here on the GUI thread, through a queued signal, and goes out as Qt signals, in
the order it came. In a burst it is taken a slice of DRAIN_BUDGET_S at a time, so the window
paints and a person's click is handled between slices, however many calls come at once. A
command is sent with `request` and its result comes back to a callback; the GUI thread never
waits for it. A change that has no answer within SLOW_MS is slow (another program holds the
database's lock, say): `slow` tells the widget, so it can say "saving…" instead of freezing.

The session knows the desk it attached as (its name, role, and whether it is away): a command
that desk's role does not allow is refused here at once, with the service's own words, and
never sent (the service refuses it too).
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from screening.messages import Message
from server.protocol.link import ConsoleLink, LinkState
from server.protocol.messages import (
    CallArrived,
    CallDecided,
    CallWaiting,
    Command,
    ConfigChanged,
    DeskState,
    Done,
    Event,
    ListenerProblem,
    ReachabilityChanged,
    Result,
    Snapshot,
    StorageFailing,
    StorageRecovered,
)
from server.protocol.roles import may, not_allowed

log = logging.getLogger(__name__)

SLOW_MS = 300
DRAIN_BUDGET_S = 0.008

_SIGNALS: dict[type, str] = {
    CallArrived: "call_arrived",
    CallWaiting: "call_waiting",
    CallDecided: "call_decided",
    StorageFailing: "storage_failing",
    StorageRecovered: "storage_recovered",
    ConfigChanged: "config_changed",
    ReachabilityChanged: "reachability_changed",
    ListenerProblem: "listener_problem",
}


class ConsoleSession(QObject):
    attached = Signal(object)  # Snapshot: at first, and again after every reconnection
    link_state = Signal(object)  # LinkState
    desk_changed = Signal(object)  # DeskState: at attaching, and when its presence changed
    call_arrived = Signal(object)  # CallArrived
    call_waiting = Signal(object)  # CallWaiting
    call_decided = Signal(object)  # CallDecided
    storage_failing = Signal(object)  # StorageFailing
    storage_recovered = Signal(object)  # StorageRecovered
    config_changed = Signal(object)  # ConfigChanged
    reachability_changed = Signal(object)  # ReachabilityChanged
    listener_problem = Signal(object)  # ListenerProblem
    _posted = Signal(object)

    def __init__(self, link: ConsoleLink, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._link = link
        self._posted.connect(self._drain, Qt.ConnectionType.QueuedConnection)
        self._delivered: deque[Callable[[], None]] = deque()
        self._lock = threading.Lock()
        self.snapshot: Snapshot | None = None
        self.state = LinkState.CONNECTING
        self.seq = 0  # the last event's number
        self.settings: dict[str, str] = {}
        self.desk: DeskState | None = None  # the desk this console attached as
        self._open = False

    def open(self) -> None:
        self._open = True
        self._link.open(self._post, self._attached, self._event, self._state)

    def close(self) -> None:
        """No signal is emitted and no result delivered afterwards, and no command sent (a
        widget's timer may still ask for something while the console quits)."""
        with self._lock:  # waits for a delivery being handed over from the link's thread
            was_open, self._open = self._open, False
        if was_open:
            self._link.close()

    @property
    def remote(self) -> str:
        """Where the service is (host:port) when it is on another machine, else ''."""
        return self._link.remote

    @property
    def problem(self) -> Message | None:
        """Why the link is lost or refused now."""
        return self._link.problem

    def may(self, command: Command) -> bool:
        """Whether this desk's role allows `command` (anything, until the desk is known)."""
        return self.desk is None or may(self.desk.role, command)

    def request(self, command: Command, done: Callable[[Result], None],
                slow: Callable[[], None] | None = None) -> None:
        """Send `command`; `done(result)` runs on the GUI thread when it is answered, and
        `slow()` before that if the answer takes longer than SLOW_MS. After close() nothing
        is sent and nothing answers (a widget may still ask while the window closes)."""
        if not self._open:
            return
        if self.desk is not None and not self.may(command):
            refusal = not_allowed(self.desk.name)
            self._post(lambda: done(refusal))
            return
        timer: QTimer | None = None
        if slow is not None:
            timer = QTimer(self)
            timer.setSingleShot(True)
            timer.timeout.connect(slow)
            timer.start(SLOW_MS)

        def answered(result: Result) -> None:
            if timer is not None:
                timer.stop()
                timer.deleteLater()
            if isinstance(result, Done) and isinstance(result.value, DeskState):
                self._desk_is(result.value)
            done(result)

        self._link.request(command, answered)

    def _post(self, call: Callable[[], None]) -> None:
        """From the link's thread: `call` runs on the GUI thread, after what came before it.
        Handed over under the lock that close() takes: once the session is closed (and may be
        deleted), the link's thread never touches it."""
        with self._lock:
            if not self._open:
                return
            first = not self._delivered
            self._delivered.append(call)
            if first:
                self._posted.emit(None)

    @Slot(object)
    def _drain(self, _: object) -> None:
        """What the link delivered, for DRAIN_BUDGET_S at most; the rest after what else the
        GUI thread has to do (a paint, a timer, a click)."""
        ends = time.monotonic() + DRAIN_BUDGET_S
        while self._open and time.monotonic() < ends:
            with self._lock:
                if not self._delivered:
                    return
                call = self._delivered.popleft()
            call()
        with self._lock:
            more = bool(self._delivered)
        if more and self._open:
            self._posted.emit(None)

    def _attached(self, snapshot: Snapshot) -> None:
        self.snapshot, self.seq, self.settings = snapshot, snapshot.seq, dict(snapshot.settings)
        if snapshot.desk is not None:
            self._desk_is(snapshot.desk)
        self.attached.emit(snapshot)

    def _desk_is(self, desk: DeskState) -> None:
        self.desk = desk
        self.desk_changed.emit(desk)

    def _state(self, state: LinkState) -> None:
        self.state = state
        self.link_state.emit(state)

    def _event(self, event: Event) -> None:
        if event.seq <= self.seq:
            return  # already in the snapshot
        if event.seq != self.seq + 1:
            log.warning("console events %d to %d were missed", self.seq + 1, event.seq - 1)
        self.seq = event.seq
        body = event.body
        if isinstance(body, ConfigChanged) and body.settings is not None:
            self.settings = dict(body.settings)
        getattr(self, _SIGNALS[type(body)]).emit(body)
