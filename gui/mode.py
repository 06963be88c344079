"""The mode, always in sight, changed with one click; reject-all is impossible to miss.

The bar shows the mode in force as callgate reports it (at attaching, and at every change,
made here, elsewhere or by the schedule's clock), never the one a click only asked for: a
change not saved leaves the bar on the mode that decides calls."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QFont, QFontMetrics
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
from gui.changes import Changes, saving_text
from gui.session import ConsoleSession
from screening.mode import Mode, ModeSource
from server.protocol.messages import ModeState, ResumeSchedule, SetMode


def _room_for_bold(button: QPushButton) -> None:
    """The mode in force is drawn bold: its button is as wide as its text in bold needs, or
    a mode's name would be cut exactly when it is the one deciding calls."""
    bold = QFont(button.font())
    bold.setBold(True)
    text = button.text()
    wider = (QFontMetrics(bold).horizontalAdvance(text)
             - button.fontMetrics().horizontalAdvance(text))
    button.setMinimumWidth(button.sizeHint().width() + max(wider, 0))


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
            _room_for_bold(button)
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
        self.saving = QLabel(saving_text(), self)
        self.saving.setStyleSheet("color: #b35c00;")
        self.saving.hide()
        for widget in (self.source, self.keep, self.back_to_schedule, self.saving):
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


class ModeControl(QObject):
    """The bar's clicks sent to callgate, and the mode in force shown from what it reports.
    `shown` carries the mode whenever the one shown changes (the window's frame and icons);
    `pending` counts the changes sent and not answered yet."""

    shown = Signal(object)  # Mode

    def __init__(self, session: ConsoleSession, bar: ModeBar, changes: Changes) -> None:
        super().__init__(bar)
        self._session = session
        self._bar = bar
        self._changes = changes
        self._state: ModeState | None = None
        self.pending = 0
        bar.mode_chosen.connect(lambda mode: self.set_mode(Mode(mode)))
        bar.schedule_resumed.connect(self.resume_schedule)
        session.config_changed.connect(lambda changed: self.show(changed.mode))

    @property
    def mode(self) -> Mode | None:
        """The mode in force as shown (None before callgate said)."""
        return self._state.mode if self._state is not None else None

    def show(self, state: ModeState) -> None:
        """The buttons always (a click not saved must not stay checked), the rest when the
        mode changed."""
        before, self._state = self._state, state
        self._bar.show_mode(state.mode)
        self._bar.show_source(state.source, state.until)
        if before is None or before.mode is not state.mode:
            self.shown.emit(state.mode)

    def set_mode(self, mode: Mode) -> None:
        """A click on a mode button: with a schedule on, an override until its next change."""
        self._send(SetMode(mode=mode, until_off=self._bar.keep.isChecked()))

    def resume_schedule(self) -> None:
        """End a manual override: the schedule decides the mode again."""
        self._send(ResumeSchedule())

    def _send(self, command: SetMode | ResumeSchedule) -> None:
        """The answer comes after the change's own event (server/console/service.py): the
        mode shown is the last one callgate reported, the answer's only until one came."""
        self.pending += 1

        def ended(state: ModeState | None = None) -> None:
            self.pending -= 1
            self._bar.saving.hide()
            shown = self._state or state
            if shown is not None:
                self.show(shown)

        def refused(words: str, field: str | None) -> None:
            ended()
            self._changes.problem(words)

        self._changes.send(self._bar, command, saved=ended, failed=ended, refused=refused,
                           saving=self._bar.saving.show)
