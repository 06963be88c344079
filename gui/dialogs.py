"""The console's dialogs, one of each at a time: the settings, the schedule, "test a number"
and the reachability setup, each opened with open() (never exec) over the window.

A dialog already open comes to the front instead of opening twice; the settings are read anew
each time they open. The reachability setup opens by itself the first time the console does.
The settings and the setup are an admin's: an operator's desk does not open them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDialog, QMainWindow, QWidget

from gui import language
from gui.changes import Changes
from gui.computer import ThisComputer
from gui.explain import ExplainDialog
from gui.health import Health
from gui.preferences import Preferences
from gui.ring import Ringer
from gui.schedule import ScheduleDialog
from gui.session import ConsoleSession
from gui.settings_dialog import SettingsDialog
from gui.setup import SetupWizard

Dialog = TypeVar("Dialog", bound=QDialog)


def to_front(widget: QWidget) -> None:
    widget.raise_()
    widget.activateWindow()


def _one_at_a_time(shown: Dialog | None, make: Callable[[], Dialog],
                   closed: Callable[[], None]) -> Dialog:
    """The dialog `shown`, brought to the front; else one made and opened (with open()), which
    is deleted when it closes, after `closed` forgot it."""
    if shown is not None:
        to_front(shown)
        return shown
    dialog = make()
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.finished.connect(closed)
    dialog.open()
    return dialog


class Dialogs(QObject):
    """The window's dialogs: `settings` (the last one opened), `schedule`, `explain` and `setup`
    while open; `admin` whether this desk may open the settings and the setup. `note(words)`
    says what comes of a change in the status bar."""

    def __init__(self, session: ConsoleSession, changes: Changes, health: Health,
                 preferences: Preferences, computer: ThisComputer, ringer: Ringer,
                 note: Callable[[str], None], window: QMainWindow) -> None:
        super().__init__(window)
        self._session = session
        self._changes = changes
        self._health = health
        self._preferences = preferences
        self._computer = computer
        self._ringer = ringer
        self._note = note
        self._window = window
        self.admin = True
        self.schedule: ScheduleDialog | None = None
        self.explain: ExplainDialog | None = None
        self.setup: SetupWizard | None = None
        self.settings: SettingsDialog | None = None

    def open_settings(self) -> None:
        """The settings, read anew: a dialog closed before goes (a test may still look at it
        until then). Not at an operator's desk."""
        snapshot = self._session.snapshot
        if snapshot is None or not self.admin:
            return
        if self.settings is not None:
            if self.settings.isVisible():
                to_front(self.settings)
                return
            self.settings.setParent(None)
            self.settings.deleteLater()
        reach = self._health.reach
        dialog = SettingsDialog(self._session, self._changes, snapshot.listener, self._computer,
                                self._ringer, self._window,
                                public_base=reach.public_base if reach is not None else None)
        dialog.finished.connect(lambda _: self._health.check_now())
        dialog.language_changed.connect(lambda: self._note(language.on_restart_note()))
        dialog.open()
        self.settings = dialog

    def open_schedule(self) -> ScheduleDialog:
        """The schedule dialog."""
        self.schedule = _one_at_a_time(
            self.schedule, lambda: ScheduleDialog(self._session, self._changes, self._window),
            self._schedule_closed)
        return self.schedule

    def _schedule_closed(self) -> None:
        self.schedule = None

    def open_explain(self) -> ExplainDialog:
        """The "test a number" box."""
        self.explain = _one_at_a_time(
            self.explain, lambda: ExplainDialog(self._session, self._window), self._explain_closed)
        return self.explain

    def _explain_closed(self) -> None:
        self.explain = None

    def open_setup(self) -> None:
        """The reachability setup; the first time the console opens and from the menu (not at
        an operator's desk)."""
        snapshot = self._session.snapshot
        if snapshot is None or not self.admin:
            return
        if self.setup is not None:
            to_front(self.setup)
            return
        self.setup = SetupWizard(self._session, self._changes, snapshot.listener, self._computer,
                                 self._window)
        self.setup.finished.connect(self._setup_closed)
        self.setup.open()

    def _setup_closed(self) -> None:
        """Finished or skipped, the setup does not come back by itself; it showed the
        webhook URL to copy, so a changed public URL was seen."""
        self._preferences.setup_done = True
        self._health.url_changed.hide()
        if self.setup is not None:
            self.setup.deleteLater()
            self.setup = None
        self._health.check_now()
