"""The Settings of this computer rather than the office: the ring's volume and mute (this
desk's preferences), starting callgate when its person logs in, and its applications menu
entry (gui/computer.py, read and changed off the GUI thread). Kept when the dialog's Save has
saved the office's settings."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QWidget,
)

from gui.computer import ComputerState, ThisComputer
from gui.ring import Ringer


class ComputerSection(QGroupBox):
    def __init__(self, computer: ThisComputer, ringer: Ringer, parent: QWidget) -> None:
        super().__init__(self.tr("On this computer"), parent)
        self._computer = computer
        self._ringer = ringer
        self._known: ComputerState | None = None
        self.volume = QSlider(Qt.Orientation.Horizontal, self)
        self.volume.setRange(0, 100)
        self.volume.setPageStep(10)
        self.volume.setValue(ringer.volume)
        self.volume_text = QLabel(self)
        self.volume.valueChanged.connect(self._show_volume)
        self._show_volume(ringer.volume)
        self.mute = QCheckBox(self.tr("Mute the ring"), self)
        self.mute.setChecked(ringer.muted)
        self.mute.toggled.connect(self._show_mute)
        self.try_button = QPushButton(self.tr("Play the ring"), self)
        self.try_button.clicked.connect(self._try)
        ring = QHBoxLayout()
        ring.addWidget(self.volume, 1)
        ring.addWidget(self.volume_text)
        ring.addWidget(self.mute)
        ring.addWidget(self.try_button)
        self.no_sound = QLabel(self.tr(
            "This computer cannot play the ring: it lacks the system's sound library "
            "(`sudo apt install libpulse0`); the console beeps instead."), self)
        self.no_sound.setWordWrap(True)
        self.no_sound.setVisible(not ringer.can_play)
        self.start_at_login = QCheckBox(self.tr(
            "Start callgate when I log in (while callgate is not running, commubo rejects "
            "every call)"), self)
        self.menu_entry = QCheckBox(self.tr("callgate in the applications menu"), self)
        self.menu_entry.setVisible(computer.has_menu_entry)
        for box in (self.start_at_login, self.menu_entry):
            box.setEnabled(False)  # until the desktop said how it is
        form = QFormLayout(self)
        form.addRow(self.tr("A call waiting for you rings:"), ring)
        form.addRow(self.no_sound)
        form.addRow(self.start_at_login)
        form.addRow(self.menu_entry)
        self._show_mute(ringer.muted)
        computer.known.connect(self._computer_known)
        computer.read()

    def _show_volume(self, volume: int) -> None:
        self.volume_text.setText(self.tr("%1 %").replace("%1", str(volume)))

    def _show_mute(self, muted: bool) -> None:
        self.volume.setEnabled(not muted)
        self.try_button.setEnabled(not muted)

    def _try(self) -> None:
        self._ringer.try_volume(self.volume.value())

    def _computer_known(self, state: ComputerState) -> None:
        """How the desktop has callgate now (once read, and after each change)."""
        if self._known is None:
            self.start_at_login.setChecked(state.start_at_login)
            self.menu_entry.setChecked(bool(state.menu_entry))
            for box in (self.start_at_login, self.menu_entry):
                box.setEnabled(True)
        self._known = state

    def keep(self) -> None:
        """The ring at once; start at login and the menu entry as ticked, when they changed
        (and once the desktop said how they were)."""
        self._ringer.set_volume(self.volume.value(), self.mute.isChecked())
        known = self._known
        if known is None:
            return
        start = self.start_at_login.isChecked()
        menu = self.menu_entry.isChecked() if known.menu_entry is not None else None
        if start != known.start_at_login or menu != known.menu_entry:
            self._computer.change(start=start, menu=menu)
