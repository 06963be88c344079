"""Live calls: the list of recent calls as they arrive, and the card of the selected one."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QTimer, Signal
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from gui.card import CallCard
from gui.live_calls import CallEvent, CallState, LiveCall, LiveCallsModel
from gui.live_rows import CallList
from gui.steady import Sighted, hold_rows_in_place, looking, put_back, sighted_row
from screening.policy import Decision
from server.protocol.messages import CallArrived, CallDecided, CallWaiting

COUNTDOWN_TICK_MS = 200


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
        self.list = CallList(self)
        self.list.setModel(self.model)
        self.list.setAlternatingRowColors(True)
        hold_rows_in_place(self.list)
        self._chosen = False  # the person chose the current row (not the console)
        self._selecting = False  # the console moves the current row, not a person
        self.can_decide = True
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
        a newly waiting call to a card that shows no waiting call. The row a person looks
        at stays where it is: new calls come in above it, old ones leave below."""
        held = self._sighted()
        above = self.model.take(events, keep=self.card.call_id)
        if held is not None and above:
            put_back(self.list, held.row + above, held.top)
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

    def set_can_decide(self, can: bool) -> None:
        """Whether this console can decide calls now: not while it is not attached to
        callgate (a call that waits shows, but no click could reach the service)."""
        self.can_decide = can
        self.card.set_can_decide(can)
        self.waiting_changed.emit()

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
        if entry is not None and self.can_decide:
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
