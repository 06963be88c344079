"""The card of the call on the live list's selection: who is calling, and for a waiting call the
countdown and the two decisions."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui import present
from gui.live_calls import CallState, LiveCall, verdict_text
from screening.policy import Decision
from screening.rules import Action

# A decision button that cannot be pressed now (clicked already, or the link is lost) must
# not look like one that can.
CANNOT_DECIDE = " QPushButton:disabled { background: #adb5bd; color: #f8f9fa; }"


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
        self._can_decide = True
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
                                 "font-size: 16pt; font-weight: bold; }" + CANNOT_DECIDE)
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

    def set_can_decide(self, can: bool) -> None:
        """Whether this console can decide calls now (not while its link is lost)."""
        self._can_decide = can
        self.tick()

    def set_rules_allowed(self, allowed: bool, why: str = "") -> None:
        """Whether this desk may make a rule from a call (an admin's); `why` not, if not."""
        for button in (self.allow_button, self.block_button):
            button.setEnabled(allowed)
            button.setToolTip("" if allowed else why)

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
            button.setEnabled(waiting and self._can_decide and entry is not None
                              and not entry.answered)
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
            said = self.tr("Waiting for you: %1 s left") if self._can_decide else self.tr(
                "Waiting: %1 s left, but this desk cannot decide until it is connected to the "
                "service again")
            self.status.setText(said.replace("%1", f"{left:.0f}"))
        elif entry.decided is not None:
            self.status.setText(verdict_text(entry.decided))
        elif entry.state is CallState.UNFOLLOWED:
            self.status.setText(self.tr(
                "This desk did not follow this call to its end (it was not attached to the "
                "service): the history shows how it was decided."))
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
