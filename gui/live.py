"""Live calls: the list of recent calls as they arrive, and the card of the selected one."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from enum import Enum
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListView,
    QProgressBar,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from gui import present
from gui.steady import Sighted, hold_rows_in_place, looking, put_back, sighted_row
from screening.policy import Decision
from screening.rules import Action
from server.protocol.messages import CallArrived, CallDecided, CallView, CallWaiting

COUNTDOWN_TICK_MS = 200
WAITING_COLOUR = QColor("#fff3cd")
REJECTED_COLOUR = QColor("#f8d7da")

Index = QModelIndex | QPersistentModelIndex


class CallState(Enum):
    ARRIVED = "arrived"
    WAITING = "waiting"
    DECIDED = "decided"


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


def verdict_text(event: CallDecided) -> str:
    return present.verdict_text(event.decision, event.reason, event.detail)


def _after(entry: LiveCall | None, event: CallEvent) -> LiveCall:
    """What the list holds of a call after `event` (`entry`: what it held, if anything)."""
    if isinstance(event, CallArrived):
        return LiveCall(event.call, event.received_at, CallState.ARRIVED)
    base = entry or LiveCall(event.call, event.received_at, CallState.ARRIVED)
    if isinstance(event, CallWaiting):
        return replace(base, state=CallState.WAITING,
                       deadline=time.monotonic() + event.ms_left / 1000,
                       timeout=event.timeout_s)
    return replace(base, state=CallState.DECIDED, decided=event, deadline=None)


class LiveCallsModel(QAbstractListModel):
    """The newest calls first; older ones leave the list (the history keeps them)."""

    MAX_CALLS = 200
    # Older calls leave in batches: each removal makes the view redo its layout.
    TRIM_BATCH = 50

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._calls: list[LiveCall] = []
        # The text of each shown call, made once: the view asks for it on every repaint, and
        # a busy afternoon's repaints must not take the CPU the listener needs.
        self._texts: dict[str, str] = {}

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self._calls)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._calls):
            return None
        entry = self._calls[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
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

    def _text(self, entry: LiveCall) -> str:
        return (f"{present.caller_number(entry.call)}  {present.caller_name(entry.call)}\n"
                f"{self._status(entry)}")

    def _status(self, entry: LiveCall) -> str:
        when = present.moment_text(entry.received_at)
        if entry.state is CallState.WAITING:
            left = entry.seconds_left(time.monotonic())
            return self.tr("%1 · waiting for you: %2 s").replace("%1", when).replace(
                "%2", f"{left:.0f}")
        if entry.decided is not None:
            return f"{when} · {present.decision_text(entry.decided.decision)} " \
                   f"({present.reason_text(entry.decided.reason)})"
        return f"{when} · {self.tr('deciding…')}"

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
            self.beginRemoveRows(QModelIndex(), self.MAX_CALLS, len(self._calls) - 1)
            for gone in self._calls[self.MAX_CALLS:]:
                self._texts.pop(gone.call.call_id, None)
            del self._calls[self.MAX_CALLS:]
            self.endRemoveRows()

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


def _label(parent: QWidget, point_size_delta: int = 0, bold: bool = False) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    font = QFont(label.font())
    font.setPointSize(font.pointSize() + point_size_delta)
    font.setBold(bold)
    label.setFont(font)
    return label


class CallCard(QFrame):
    """Who is calling, and for a waiting call the countdown and the two decisions."""

    decision_made = Signal(str, object)  # call id, Decision
    rule_requested = Signal(str, str, str)  # canonical number, Action value, note

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._entry: LiveCall | None = None
        self.number = _label(self, 8, bold=True)
        self.name = _label(self, 4, bold=True)
        self.kana = _label(self)
        self.kana.setStyleSheet("color: palette(mid);")
        self.company = _label(self, 1)
        self.note = _label(self)
        self.note.setFrameShape(QFrame.Shape.Box)
        self.operator = _label(self, -1)
        self.status = _label(self, 2, bold=True)
        self.countdown = QProgressBar(self)
        self.countdown.setTextVisible(False)
        # No mnemonics: Alt+L and Alt+R are the window's (gui/waiting.py), on every tab.
        self.accept_button = QPushButton(self.tr("Let through"), self)
        self.reject_button = QPushButton(self.tr("Reject"), self)
        for button, colour in ((self.accept_button, "#198754"), (self.reject_button, "#dc3545")):
            button.setMinimumHeight(56)
            button.setStyleSheet(f"QPushButton {{ background: {colour}; color: white; "
                                 "font-size: 16pt; font-weight: bold; }")
        self.accept_button.setToolTip(self.tr("Alt+L: commubo answers this call"))
        self.reject_button.setToolTip(self.tr("Alt+R: commubo rejects this call"))
        self.allow_button = QPushButton(self.tr("Always let through"), self)
        self.block_button = QPushButton(self.tr("Block this caller"), self)
        self.accept_button.clicked.connect(lambda: self.decide(Decision.ACCEPT))
        self.reject_button.clicked.connect(lambda: self.decide(Decision.REJECT))
        self.allow_button.clicked.connect(lambda: self._request_rule(Action.ALLOW))
        self.block_button.clicked.connect(lambda: self._request_rule(Action.BLOCK))

        decide = QHBoxLayout()
        decide.addWidget(self.accept_button)
        decide.addWidget(self.reject_button)
        rules = QHBoxLayout()
        rules.addWidget(self.allow_button)
        rules.addWidget(self.block_button)
        rules.addStretch()
        layout = QVBoxLayout(self)
        for widget in (self.number, self.name, self.kana, self.company, self.note, self.operator):
            layout.addWidget(widget)
        layout.addStretch()
        layout.addWidget(self.status)
        layout.addWidget(self.countdown)
        layout.addLayout(decide)
        layout.addLayout(rules)
        self.show_call(None)

    @property
    def call_id(self) -> str | None:
        return self._entry.call.call_id if self._entry else None

    def show_call(self, entry: LiveCall | None) -> None:
        self._entry = entry
        if entry is None:
            for label in (self.number, self.kana, self.company, self.note, self.operator):
                label.clear()
            self.name.setText(self.tr("No call selected"))
            self.status.clear()
            self.note.hide()
        else:
            call = entry.call
            self.number.setText(present.caller_number(call))
            self.name.setText(present.caller_name(call))
            customer = call.customer
            self.kana.setText(customer.kana if customer else "")
            self.company.setText(present.company_line(call))
            self.note.setText(customer.note if customer else "")
            self.note.setVisible(bool(customer and customer.note))
            operator = call.operator or "-"
            self.operator.setText(self.tr("AI operator: %1 · scenario: %2")
                                  .replace("%1", operator).replace("%2", call.scenario_id or "-"))
        self.tick()

    def tick(self) -> None:
        entry = self._entry
        waiting = entry is not None and entry.state is CallState.WAITING
        self.countdown.setVisible(waiting)
        for button in (self.accept_button, self.reject_button):
            button.setVisible(waiting)
            button.setEnabled(waiting and entry is not None and not entry.answered)
        has_number = entry is not None and entry.call.caller is not None
        self.allow_button.setVisible(has_number)
        self.block_button.setVisible(has_number)
        if entry is None:
            return
        if waiting:
            left = entry.seconds_left(time.monotonic())
            total = entry.timeout or 1.0
            self.countdown.setRange(0, int(total * 1000))
            self.countdown.setValue(int(left * 1000))
            self.status.setText(self.tr("Waiting for you: %1 s left").replace("%1", f"{left:.0f}"))
        elif entry.decided is not None:
            self.status.setText(verdict_text(entry.decided))
        else:
            self.status.setText(self.tr("Deciding…"))

    def decide(self, decision: Decision) -> None:
        """A person's decision on the call on the card, if it is still waiting."""
        if self._entry is not None and self._entry.state is CallState.WAITING:
            self.decision_made.emit(self._entry.call.call_id, decision)

    def _request_rule(self, action: Action) -> None:
        call = self._entry.call if self._entry is not None else None
        if call is not None and call.caller:
            self.rule_requested.emit(call.caller, action.value, present.call_rule_note(call))


class LiveView(QWidget):
    """The list of calls beside the card; a newly waiting call is brought to the card.

    While a person looks at the list (see gui/steady.py), its rows keep their place as calls
    arrive: new calls come in above, and bringing a waiting call to the card does not scroll.
    `waiting_changed` says that the calls waiting for a person, or their countdowns, changed.
    """

    decision_made = Signal(str, object)
    rule_requested = Signal(str, str, str)
    waiting_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = LiveCallsModel(self)
        self.list = QListView(self)
        self.list.setModel(self.model)
        self.list.setAlternatingRowColors(True)
        self.list.setWordWrap(True)
        self.list.setUniformItemSizes(True)  # every row is two lines: no per-row layout
        hold_rows_in_place(self.list)
        self._chosen = False  # the person chose the current row (not the console)
        self._selecting = False
        self._held: Sighted | None = None
        self.card = CallCard(self)
        splitter = QSplitter(self)
        splitter.addWidget(self.list)
        splitter.addWidget(self.card)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.list.selectionModel().currentChanged.connect(self._show_current)
        self.model.rowsAboutToBeInserted.connect(self._hold)
        self.model.rowsInserted.connect(self._put_back)
        self.list.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.model.dataChanged.connect(self._refresh_card)
        self.card.decision_made.connect(self._decide)
        self.card.rule_requested.connect(self.rule_requested)
        self._ticker = QTimer(self)
        self._ticker.setInterval(COUNTDOWN_TICK_MS)
        self._was_waiting = False
        self._ticker.timeout.connect(self._tick)
        self._ticker.start()

    def on_arrived(self, event: CallArrived) -> None:
        self.take([event])

    def on_waiting(self, event: CallWaiting) -> None:
        self.take([event])

    def on_decided(self, event: CallDecided) -> None:
        self.take([event])

    def take(self, events: Sequence[CallEvent]) -> None:
        """Calls as callgate reports them, several at once: a call comes to an empty card, and
        a newly waiting call to a card that shows no waiting call."""
        self.model.take(events)
        for event in events:
            if isinstance(event, CallWaiting):
                row = self.model.row_of(self.card.call_id) if self.card.call_id else None
                if row is None or self.model.entry(row).state is not CallState.WAITING:
                    self.select(event.call.call_id)
            elif self.card.call_id is None:
                self.select(event.call.call_id)
        self._tick()

    def add_earlier(self, entries: list[LiveCall]) -> None:
        """Today's calls from the history, after a restart; the newest comes to an empty card."""
        self.model.add_earlier(entries)
        if self.card.call_id is None and self.model.rowCount():
            self.select(self.model.entry(0).call.call_id)

    def waiting_calls(self) -> list[LiveCall]:
        """The calls still waiting for a person's decision, closest to its deadline first."""
        waiting = [self.model.entry(row) for row in self.model.waiting_rows()]
        return sorted((e for e in waiting if not e.answered), key=lambda e: e.deadline or 0.0)

    def waiting_count(self) -> int:
        return len(self.waiting_calls())

    def next_waiting(self) -> LiveCall | None:
        """The call a person's Alt+L / Alt+R decides: the one on the card while it waits,
        else the one closest to its deadline."""
        waiting = self.waiting_calls()
        shown = [e for e in waiting if e.call.call_id == self.card.call_id]
        return next(iter(shown or waiting), None)

    def decide_waiting(self, decision: Decision) -> None:
        """A person's decision from anywhere in the window, on `next_waiting()`."""
        entry = self.next_waiting()
        if entry is not None:
            self._decide(entry.call.call_id, decision)

    def select(self, call_id: str) -> None:
        """Bring a call to the card; the rows a person looks at stay where they are."""
        row = self.model.row_of(call_id)
        if row is None:
            return
        held = self._sighted()
        self._selecting = True
        try:
            self.list.selectionModel().setCurrentIndex(
                self.model.index(row, 0), QItemSelectionModel.SelectionFlag.ClearAndSelect)
        finally:
            self._selecting = False
        if held is not None:
            put_back(self.list, held.row, held.top)

    def _sighted(self) -> Sighted | None:
        if not looking(self.list, self._chosen):
            return None
        return sighted_row(self.list, self.list.currentIndex())

    def _hold(self, parent: QModelIndex, first: int, last: int) -> None:
        held = self._sighted()
        self._held = held if held is not None and held.row >= first else None

    def _put_back(self, parent: QModelIndex, first: int, last: int) -> None:
        held, self._held = self._held, None
        if held is not None:
            put_back(self.list, held.row + last - first + 1, held.top)

    def _scrolled(self, value: int) -> None:
        """Back at the top, the person sees new calls come in again."""
        if value == self.list.verticalScrollBar().minimum():
            self._chosen = False

    def _decide(self, call_id: str, decision: Decision) -> None:
        self.model.mark_answered(call_id)
        self.decision_made.emit(call_id, decision)
        waiting = [self.model.entry(row) for row in self.model.waiting_rows()]
        still = [e for e in waiting if not e.answered]
        if still:
            self.select(still[-1].call.call_id)
        self._tick()

    def _tick(self) -> None:
        """Repaint the countdowns; tell about waiting calls while there are any, and once
        after the last one went."""
        self.model.tick()
        waiting = bool(self.model.waiting_rows())
        if waiting or self._was_waiting:
            self.waiting_changed.emit()
        self._was_waiting = waiting

    def _show_current(self, current: QModelIndex, previous: QModelIndex) -> None:
        self._chosen = not self._selecting
        self.card.show_call(self.model.entry(current.row()) if current.isValid() else None)

    def _refresh_card(self, top_left: QModelIndex, bottom_right: QModelIndex) -> None:
        current = self.list.currentIndex()
        if current.isValid() and top_left.row() <= current.row() <= bottom_right.row():
            self.card.show_call(self.model.entry(current.row()))
