"""The calls callgate reports, brought to the live list, and what a person does with them sent
back: a decision on a waiting call, a rule made from a call.

A waiting call raises a notification (and rings: gui/ring.py). A decision can come too late
(another desk, or the call's default, decided first): the person hears by whom. A rule made from
a call ("Block this caller", "Always let through") notes who called, unless the caller's rule
already has a note someone wrote.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QSystemTrayIcon

from gui import present
from gui.changes import Changes, ask
from gui.live import LiveView
from gui.live_calls import CallEvent, LiveCall
from gui.session import ConsoleSession
from screening.policy import Decision, Reason
from server.protocol.link import LinkState
from server.protocol.messages import (
    CallArrived,
    CallDecided,
    CallWaiting,
    Failed,
    Refused,
    Resolution,
    ResolveCall,
    Result,
    Snapshot,
)

Tray = Callable[[], QSystemTrayIcon | None]

# A call that arrived is on the list this long after callgate reports it, at most (sooner
# once decided): a frame of the screen.
LIST_MS = 16
# While calls come steadily the list changes at most this often, each change listing all that
# came meanwhile: every change moves every row in sight, so it repaints them all. A call that
# waits for a person is listed at once.
LIST_GAP_S = 0.1


class Calls(QObject):
    def __init__(self, session: ConsoleSession, live: LiveView, changes: Changes, tray: Tray,
                 note: Callable[[str], None]) -> None:
        super().__init__(live)
        self._session = session
        self._live = live
        self._changes = changes
        self._tray = tray
        self._note = note
        self._coming: list[CallEvent] = []
        self._arriving: set[str] = set()  # calls among them not yet decided nor waiting
        self._listed_at = 0.0  # when the list last took calls (monotonic)
        self._lister = QTimer(self)
        self._lister.setSingleShot(True)
        self._lister.timeout.connect(self._listed_now)
        session.attached.connect(self.attached)
        session.link_state.connect(self._link_state)
        session.call_arrived.connect(self._list)
        session.call_waiting.connect(self.waiting)
        session.call_decided.connect(self.decided)
        live.decision_made.connect(self.resolve)

    def _list(self, event: CallEvent) -> None:
        """Onto the live list with the other events that came meanwhile: at the GUI thread's
        next turn once each call that arrived is decided or waits (else within LIST_MS), and
        no sooner than LIST_GAP_S after the last change, unless a call waits for a person. A
        call decided at once (by a rule, or the mode) goes in decided, one change of the list
        instead of two, and calls that come fast share a change, so the window keeps up (and
        a person's command is answered) however fast they come."""
        self._coming.append(event)
        if isinstance(event, CallArrived):
            self._arriving.add(event.call.call_id)
        else:
            self._arriving.discard(event.call.call_id)
        if isinstance(event, CallWaiting):
            wait = 0
        else:
            gap = self._listed_at + LIST_GAP_S - time.monotonic()
            wait = max(LIST_MS if self._arriving else 0, math.ceil(gap * 1000))
        if not self._lister.isActive() or self._lister.remainingTime() > wait:
            self._lister.start(wait)

    def _listed_now(self) -> None:
        coming, self._coming = self._coming, []
        self._arriving.clear()
        self._listed_at = time.monotonic()
        self._live.take(coming)

    def attached(self, snapshot: Snapshot) -> None:
        """Today's calls so far (a restart leaves nobody looking at an empty list), and the
        calls that wait for a person now, with their time left (again after a lost link:
        what was decided meanwhile shows decided)."""
        today = [LiveCall.of_decided(call) for call in snapshot.today]
        self._live.model.catch_up(today, {call.call.call_id for call in snapshot.waiting})
        self._live.add_earlier(today)
        self._live.take(snapshot.waiting)

    def _link_state(self, state: LinkState) -> None:
        self._live.set_can_decide(state is LinkState.ATTACHED)
        if state is LinkState.REFUSED:  # this desk will hear of no call any more
            self._live.model.no_longer_waiting()

    def waiting(self, event: CallWaiting) -> None:
        self._list(event)
        tray = self._tray()
        if tray is not None:
            text = f"{present.caller_number(event.call)}  {present.caller_name(event.call)}"
            tray.showMessage(self.tr("Call waiting for you"), text,
                             QSystemTrayIcon.MessageIcon.Information, event.ms_left)

    def decided(self, event: CallDecided) -> None:
        self._list(event)
        if event.reason is Reason.FAILSAFE:
            self._changes.problem(self.tr("Fail-safe decision for a call: %1")
                                  .replace("%1", present.detail_text(event.detail)))

    def resolve(self, call_id: str, decision: Decision) -> None:
        """A person's decision; the call's decided event follows whoever decided it."""
        def answered(result: Result) -> None:
            if isinstance(result, Failed):
                said = present.words(result.message)
            elif isinstance(result, Refused):
                said = present.words(result.reason)
            else:
                said = self._outcome(result.value) if isinstance(result.value, Resolution) else ""
            if said:
                self._changes.problem(said)

        ask(self._session, self, ResolveCall(call_id=call_id, decision=decision), answered)

    def _outcome(self, resolution: Resolution) -> str:
        if resolution.outcome == "too-late" and resolution.decided_by:
            return self.tr("Too late: this call was already decided by %1.").replace(
                "%1", resolution.decided_by)
        if resolution.outcome == "too-late":
            return self.tr("Too late: this call was already decided.")
        if resolution.outcome == "unknown-call":
            return self.tr("Too late: this call no longer waits for a decision.")
        return ""
