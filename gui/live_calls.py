"""The live list's calls: the newest first, each as callgate last reported it (arrived, waiting
for a person with its countdown, or decided), the older ones leaving as new ones come."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from enum import Enum
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics
from PySide6.QtWidgets import QApplication, QWidget

from gui import present
from screening.policy import Decision
from server.protocol.messages import CallArrived, CallDecided, CallView, CallWaiting

WAITING_COLOUR = QColor("#fff3cd")
REJECTED_COLOUR = QColor("#f8d7da")

Index = QModelIndex | QPersistentModelIndex


class CallState(Enum):
    ARRIVED = "arrived"
    WAITING = "waiting"
    DECIDED = "decided"
    UNFOLLOWED = "unfollowed"  # it waited when this desk lost the service: it no longer does


@dataclass(frozen=True)
class LiveCall:
    """One call as the list shows it. `deadline` is on this process's monotonic clock, from the
    milliseconds left that the waiting event carried when it arrived: a countdown never moves
    with the wall clock, here or on the listener's machine."""

    call: CallView
    received_at: datetime
    state: CallState
    deadline: float | None = None
    timeout: float | None = None
    decided: CallDecided | None = None
    answered: bool = False

    def seconds_left(self, now: float) -> float:
        return max(0.0, (self.deadline or now) - now)

    @classmethod
    def of_decided(cls, event: CallDecided) -> LiveCall:
        """A call decided before it reached this list (today's calls of the snapshot)."""
        return cls(event.call, event.received_at, CallState.DECIDED, decided=event)


CallEvent = CallArrived | CallWaiting | CallDecided

# Calls nothing will happen to any more here: the ones the list may let go of.
_SETTLED = frozenset({CallState.DECIDED, CallState.UNFOLLOWED})


def verdict_text(event: CallDecided) -> str:
    return present.verdict_text(event.decision, event.reason, event.detail, event.decided_by)


def _after(entry: LiveCall | None, event: CallEvent) -> LiveCall:
    """What the list holds of a call after `event` (`entry`: what it held, if anything)."""
    if isinstance(event, CallArrived):
        return LiveCall(event.call, event.received_at, CallState.ARRIVED)
    base = entry or LiveCall(event.call, event.received_at, CallState.ARRIVED)
    if isinstance(event, CallWaiting):  # again after a lost link: a click may be repeated
        return replace(base, state=CallState.WAITING,
                       deadline=time.monotonic() + event.ms_left / 1000,
                       timeout=event.timeout_s, answered=False)
    return replace(base, state=CallState.DECIDED, decided=event, deadline=None)


class LiveCallsModel(QAbstractListModel):
    """The newest calls first; older decided ones leave the list (the history keeps them),
    those still waiting or being decided never do."""

    MAX_CALLS = 200
    # Older calls leave in batches: each removal makes the view redo its layout.
    TRIM_BATCH = 50

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._calls: list[LiveCall] = []
        # The text of each shown call, made once: the view asks for it on every repaint, and
        # a busy afternoon's repaints must not take the CPU the listener needs.
        self._texts: dict[str, str] = {}
        self._day = present.office_now().date()  # the office's day of the texts made

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._calls)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._calls):
            return None
        entry = self._calls[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            self._new_day()
            if entry.state is CallState.WAITING:  # its countdown changes every second
                return self._text(entry)
            text = self._texts.get(entry.call.call_id)
            if text is None:
                text = self._texts[entry.call.call_id] = self._text(entry)
            return text
        if role == Qt.ItemDataRole.BackgroundRole:
            if entry.state is CallState.WAITING:
                return QBrush(WAITING_COLOUR)
            if entry.decided is not None and entry.decided.decision is Decision.REJECT:
                return QBrush(REJECTED_COLOUR)
        if role == Qt.ItemDataRole.SizeHintRole:
            # Two lines for every row, fixed, so a row never elides when its status changes.
            return QSize(0, 2 * QFontMetrics(QApplication.font()).lineSpacing() + 10)
        if role == Qt.ItemDataRole.ToolTipRole and entry.decided is not None:
            return verdict_text(entry.decided)
        return None

    def _new_day(self) -> None:
        """After the office's midnight, yesterday's calls show their date (texts made anew)."""
        today = present.office_now().date()
        if today != self._day:
            self._day = today
            self._texts.clear()

    def _text(self, entry: LiveCall) -> str:
        return (f"{present.caller_number(entry.call)}  {present.caller_name(entry.call)}\n"
                f"{self._status(entry)}")

    def _status(self, entry: LiveCall) -> str:
        when = present.call_time(entry.received_at, self._day)
        if entry.state is CallState.WAITING:
            left = entry.seconds_left(time.monotonic())
            return present.fill(self.tr("%1 · waiting for you: %2 s"), when, f"{left:.0f}")
        if entry.decided is not None:
            # %1 when, %2 the decision, %3 its reason
            return present.fill(self.tr("%1 · %2 (%3)"), when,
                                present.decision_text(entry.decided.decision),
                                present.reason_text(entry.decided.reason,
                                                    entry.decided.decided_by))
        if entry.state is CallState.UNFOLLOWED:
            return present.fill(self.tr("%1 · not followed here (see the history)"), when)
        return present.fill(self.tr("%1 · deciding…"), when)

    def entry(self, row: int) -> LiveCall:
        return self._calls[row]

    def row_of(self, call_id: str) -> int | None:
        return next((row for row, e in enumerate(self._calls) if e.call.call_id == call_id), None)

    def waiting_rows(self) -> list[int]:
        return [row for row, e in enumerate(self._calls) if e.state is CallState.WAITING]

    def arrived(self, event: CallArrived) -> None:
        self.take([event])

    def waiting(self, event: CallWaiting) -> None:
        self.take([event])

    def decided(self, event: CallDecided) -> None:
        self.take([event])

    def take(self, events: Sequence[CallEvent]) -> None:
        """Events in the order they came. The calls new to the list go in above the others in
        one insertion: a burst of calls costs the view one layout, not one per call (with a
        person looking at a row, each layout also puts the row back in place)."""
        rows = {entry.call.call_id: row for row, entry in enumerate(self._calls)}
        fresh: dict[str, LiveCall] = {}  # in the order they arrived
        changed: list[int] = []
        for event in events:
            call_id = event.call.call_id
            self._texts.pop(call_id, None)
            row = rows.get(call_id)
            if call_id in fresh or row is None:
                fresh[call_id] = _after(fresh.get(call_id), event)
            else:
                self._calls[row] = _after(self._calls[row], event)
                changed.append(row)
        if changed:
            self.dataChanged.emit(self.index(min(changed), 0), self.index(max(changed), 0))
        if fresh:
            self.beginInsertRows(QModelIndex(), 0, len(fresh) - 1)
            self._calls[:0] = reversed(fresh.values())  # the newest first
            self.endInsertRows()
        if len(self._calls) > self.MAX_CALLS + self.TRIM_BATCH:
            self._trim(len(self._calls) - self.MAX_CALLS)

    def _trim(self, excess: int) -> None:
        """Let the `excess` oldest settled calls go, each run of them at once; a call that
        waits for a person, or is being decided, stays however old it is."""
        row = len(self._calls)
        while excess and row:
            end = row
            while row and excess and self._calls[row - 1].state in _SETTLED:
                row, excess = row - 1, excess - 1
            if row < end:
                self.beginRemoveRows(QModelIndex(), row, end - 1)
                for gone in self._calls[row:end]:
                    self._texts.pop(gone.call.call_id, None)
                del self._calls[row:end]
                self.endRemoveRows()
            while row and self._calls[row - 1].state not in _SETTLED:
                row -= 1

    def add_earlier(self, entries: list[LiveCall]) -> None:
        """Calls from before this console started, newest first, go below those it saw
        arrive, up to the list's limit; a call it saw arrive keeps its newer, live state."""
        listed = {entry.call.call_id for entry in self._calls}
        room = max(self.MAX_CALLS - len(self._calls), 0)
        earlier = [entry for entry in entries if entry.call.call_id not in listed][:room]
        if not earlier:
            return
        first = len(self._calls)
        self.beginInsertRows(QModelIndex(), first, first + len(earlier) - 1)
        self._calls.extend(earlier)
        self.endInsertRows()

    def catch_up(self, decided: list[LiveCall], still: set[str]) -> None:
        """Attached again after a lost link: the calls listed undecided that were decided
        meanwhile (`decided`, today's calls) show so; those listed as waiting that wait no
        more (`still` are those that do) and are not among them, as not followed here."""
        known = {entry.call.call_id: entry for entry in decided}
        for row, entry in enumerate(self._calls):
            call_id = entry.call.call_id
            if entry.state is CallState.DECIDED:
                continue
            if call_id in known:
                self._calls[row] = known[call_id]
            elif entry.state is CallState.WAITING and call_id not in still:
                self._calls[row] = replace(entry, state=CallState.UNFOLLOWED, deadline=None)
            else:
                continue
            self._texts.pop(call_id, None)
            self._changed(row)

    def no_longer_waiting(self) -> None:
        """This desk will hear of no call any more (it was refused): none waits here."""
        self.catch_up([], set())

    def mark_answered(self, call_id: str) -> None:
        """A person clicked; the listener's confirmation follows as a decided event."""
        row = self.row_of(call_id)
        if row is not None:
            self._calls[row] = replace(self._calls[row], answered=True)
            self._changed(row)

    def tick(self) -> None:
        """Repaint the countdowns."""
        for row in self.waiting_rows():
            self._changed(row)

    def _changed(self, row: int) -> None:
        index = self.index(row, 0)
        self.dataChanged.emit(index, index)
