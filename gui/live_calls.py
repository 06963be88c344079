"""The live list's calls: the newest first, each as callgate last reported it (arrived, waiting
for a person with its countdown, or decided), the older ones leaving as new ones come."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from enum import Enum
from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetrics, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QWidget

from gui import present
from screening.policy import Decision
from server.protocol.messages import CallArrived, CallDecided, CallView, CallWaiting

WAITING_COLOUR = QColor("#fff3cd")
REJECTED_COLOUR = QColor("#f8d7da")
_WAITING_BRUSH = QBrush(WAITING_COLOUR)
_REJECTED_BRUSH = QBrush(REJECTED_COLOUR)
ROW_PADDING = 10  # pixels of a row besides its two lines
# What a row paints (gui/live_rows.py), in one look-up: its text and its background's colour
# (0xAARRGGBB; 0 for the list's own).
PAINTED_ROLE = Qt.ItemDataRole.UserRole + 1



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


def _row_size() -> QSize:
    """Two lines for every row, fixed, so a row never changes height when its status does."""
    return QSize(0, 2 * QFontMetrics(QApplication.font()).lineSpacing() + ROW_PADDING)


def _background(entry: LiveCall) -> QBrush | None:
    if entry.state is CallState.WAITING:
        return _WAITING_BRUSH
    if entry.decided is not None and entry.decided.decision is Decision.REJECT:
        return _REJECTED_BRUSH
    return None


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


class LiveCallsModel(QStandardItemModel):
    """The newest calls first; older decided ones leave the list (the history keeps them),
    those still waiting or being decided never do.

    What a row shows (its text, background and tooltip) is set in Qt's own item model once per
    change of its call: a list model written in Python is asked its row count for every row at
    each layout, and every new call lays the list out again, so a model in Python cost the GUI
    thread hundreds of calls into Python per call, each waiting for the listener's thread to
    let go of Python's lock.
    """

    # Calls listed at most (more only while more wait or are being decided). Once that many, an old
    # call leaves as each new one comes, in the same layout: the list's height, and so its
    # scroll bar, stays as it is (Qt's Fusion style took longer to draw the scroll bar anew
    # than the rows).
    MAX_CALLS = 200

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._calls: list[LiveCall] = []  # row by row
        self._day = present.office_now().date()  # the office's day of the texts shown

    def _shown(self, entry: LiveCall) -> dict[int, Any]:
        """What the row of `entry` shows, role by role."""
        text, background = self._text(entry), _background(entry)
        return {Qt.ItemDataRole.DisplayRole: text,
                Qt.ItemDataRole.BackgroundRole: background,
                Qt.ItemDataRole.ToolTipRole: (verdict_text(entry.decided)
                                              if entry.decided is not None else None),
                PAINTED_ROLE: (text, background.color().rgba() if background else 0)}

    def _item(self, entry: LiveCall) -> QStandardItem:
        item = QStandardItem()
        item.setEditable(False)
        item.setSizeHint(_row_size())
        for role, value in self._shown(entry).items():
            if value is not None:
                item.setData(value, role)
        return item

    def _show(self, row: int) -> None:
        """The row as its call is now (Qt tells the views only when it changed)."""
        self.setItemData(self.index(row, 0), self._shown(self._calls[row]))

    def _new_day(self) -> None:
        """After the office's midnight, yesterday's calls show their date."""
        today = present.office_now().date()
        if today != self._day:
            self._day = today
            for row in range(len(self._calls)):
                self._show(row)

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

    def take(self, events: Sequence[CallEvent], keep: str | None = None) -> int:
        """Events in the order they came; how many calls came in at the top. The calls new
        to the list go in above the others in one insertion, and as many old ones leave (not
        the call `keep`, the one on the card): a burst of calls costs the view one layout,
        not one per call."""
        rows = {entry.call.call_id: row for row, entry in enumerate(self._calls)}
        fresh: dict[str, LiveCall] = {}  # in the order they arrived
        changed: set[int] = set()
        for event in events:
            call_id = event.call.call_id
            row = rows.get(call_id)
            if call_id in fresh or row is None:
                fresh[call_id] = _after(fresh.get(call_id), event)
            else:
                self._calls[row] = _after(self._calls[row], event)
                changed.add(row)
        for row in sorted(changed):
            self._show(row)
        if fresh:
            newest = list(reversed(fresh.values()))
            self._calls[:0] = newest
            self.invisibleRootItem().insertRows(0, [self._item(entry) for entry in newest])
        if len(self._calls) > self.MAX_CALLS:
            self._trim(len(self._calls) - self.MAX_CALLS, keep)
        return len(fresh)

    def _trim(self, excess: int, keep: str | None) -> None:
        """Let the `excess` oldest settled calls go, each run of them at once; a call that
        waits for a person, or is being decided, stays however old it is, and so does `keep`."""
        def going(entry: LiveCall) -> bool:
            return entry.state in _SETTLED and entry.call.call_id != keep

        row = len(self._calls)
        while excess and row:
            end = row
            while row and excess and going(self._calls[row - 1]):
                row, excess = row - 1, excess - 1
            if row < end:
                del self._calls[row:end]
                self.removeRows(row, end - row)
            while row and not going(self._calls[row - 1]):
                row -= 1

    def add_earlier(self, entries: list[LiveCall]) -> None:
        """Calls from before this console started, newest first, go below those it saw
        arrive, up to the list's limit; a call it saw arrive keeps its newer, live state."""
        listed = {entry.call.call_id for entry in self._calls}
        room = max(self.MAX_CALLS - len(self._calls), 0)
        earlier = [entry for entry in entries if entry.call.call_id not in listed][:room]
        if earlier:
            self._calls.extend(earlier)
            self.invisibleRootItem().appendRows([self._item(entry) for entry in earlier])

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
            self._show(row)

    def no_longer_waiting(self) -> None:
        """This desk will hear of no call any more (it was refused): none waits here."""
        self.catch_up([], set())

    def mark_answered(self, call_id: str) -> None:
        """A person clicked; the listener's confirmation follows as a decided event."""
        row = self.row_of(call_id)
        if row is not None:
            self._calls[row] = replace(self._calls[row], answered=True)
            self._show(row)

    def tick(self) -> None:
        """The countdowns, and the date of yesterday's calls after midnight."""
        self._new_day()
        for row in self.waiting_rows():
            self._show(row)
            index = self.index(row, 0)
            self.dataChanged.emit(index, index)  # the card's countdown moves in between
