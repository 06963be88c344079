"""The mode, always in sight, changed with one click; reject-all is impossible to miss."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from gui import present
from gui.banner import Banner
from screening.policy import Mode
from screening.schedule import ModeSource


class ModeBar(QWidget):
    """Three exclusive buttons; `mode_chosen` fires only for a person's click."""

    mode_chosen = Signal(str)
    schedule_resumed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Mode:"), self))
        self._group = QButtonGroup(self)
        self.buttons: dict[Mode, QPushButton] = {}
        for mode in Mode:
            button = QPushButton(present.mode_text(mode), self)
            button.setCheckable(True)
            button.setMinimumHeight(32)
            button.clicked.connect(lambda _=False, m=mode: self.mode_chosen.emit(m.value))
            self._group.addButton(button)
            self.buttons[mode] = button
            layout.addWidget(button)
        self.buttons[Mode.REJECT_ALL].setStyleSheet("QPushButton:checked { background: #dc3545; "
                                                    "color: white; font-weight: bold; }")
        self.buttons[Mode.ASK].setStyleSheet("QPushButton:checked { background: #ffc107; "
                                             "font-weight: bold; }")
        self.buttons[Mode.ACCEPT_ALL].setStyleSheet("QPushButton:checked { background: #198754; "
                                                    "color: white; font-weight: bold; }")
        self.source = QLabel(self)
        # With a schedule on, a click overrides it until its next change, or (ticked) until
        # a person goes back to the schedule.
        self.keep = QCheckBox(self.tr("keep until I go back to the schedule"), self)
        self.back_to_schedule = QPushButton(self.tr("Back to the schedule"), self)
        self.back_to_schedule.clicked.connect(self.schedule_resumed)
        for widget in (self.source, self.keep, self.back_to_schedule):
            layout.addWidget(widget)
        layout.addStretch()
        self.show_source(ModeSource.SETTING, None)

    def show_mode(self, mode: Mode) -> None:
        self.buttons[mode].setChecked(True)

    def show_source(self, source: ModeSource, until: datetime | None) -> None:
        """Why this mode decides calls now, and until when (on the office's clock)."""
        self.keep.setVisible(source is not ModeSource.SETTING)
        self.back_to_schedule.setVisible(source is ModeSource.OVERRIDE)
        if source is ModeSource.SETTING:
            self.source.clear()
            return
        why = (self.tr("set by hand") if source is ModeSource.OVERRIDE
               else self.tr("by the schedule"))
        if until is None:
            self.source.setText(self.tr("(%1, until turned off)").replace("%1", why))
            return
        self.source.setText(self.tr("(%1, until %2)").replace("%1", why)
                            .replace("%2", present.moment_text(until)))


class RejectAllBanner(Banner):
    """Stretches across the window while every caller is being turned away."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("#dc3545", "white", parent)
        self.setText(self.tr("REJECT ALL is on: commubo hangs up on every caller "
                             "(except the allow list). Click “Let all through” or “Ask me” "
                             "to take calls again."))
