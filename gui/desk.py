"""This console as one desk among others: which desk it is and where its service is, whether
its person is away, and what its role lets it change.

Away: ask mode asks only the desks attached and present, so a person who leaves says so with
one click (the menu's "Away from this desk", or the status bar's toggle) and callers get the
ask default at once instead of waiting for nobody. The service keeps it while the desk
reconnects; should the service itself restart, the console says it again on attaching.

Role: an operator desk decides calls and sets the mode; rules, settings and the schedule are
an admin's. On an operator's console those controls are off, each saying why (the service
refuses the commands too, and the session before sending them).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QMainWindow, QToolButton

from gui import present
from gui.session import ConsoleSession
from screening.desk import DeskRole
from server.protocol.link import LinkState
from server.protocol.messages import Command, DeskState, Done, Result, SetPresence
from server.protocol.roles import not_allowed

AWAY_STYLE = "QToolButton:checked { background: #fd7e14; color: white; font-weight: bold; }"


def role_text(role: DeskRole) -> str:
    if role is DeskRole.ADMIN:
        return QCoreApplication.translate("DeskStatus", "admin")
    return QCoreApplication.translate("DeskStatus", "operator")


def refusal(session: ConsoleSession, command: Command) -> str | None:
    """Why this desk may not send `command` (its role), in words; None when it may."""
    desk = session.desk
    if desk is None or session.may(command):
        return None
    return present.words(not_allowed(desk.name).reason)


class DeskStatus(QObject):
    """The desk's words in the status bar, its away toggle, and `rights_changed(admin, why)`
    when what it may change is known (`why`: the words for an operator)."""

    rights_changed = Signal(bool, str)

    def __init__(self, session: ConsoleSession, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._session = session
        self._wanted: bool | None = None  # what this desk's person chose, once they chose
        self.label = QLabel(window)
        self.label.hide()  # only for a desk on another machine than its service
        self.away_action = QAction(self.tr("&Away from this desk"), window)
        self.away_action.setCheckable(True)
        self.away_action.setEnabled(False)
        self.away_button = QToolButton(window)
        self.away_button.setCheckable(True)
        self.away_button.setEnabled(False)
        self.away_button.setStyleSheet(AWAY_STYLE)
        for control in (self.away_action, self.away_button):
            control.setToolTip(self.tr(
                "While this desk is away, ask mode does not wait for it: a call is asked of "
                "the desks that are present, and gets its default at once when none is."))
            control.toggled.connect(self._toggled)
        self._show_away(False)
        session.desk_changed.connect(self._desk)
        session.attached.connect(lambda _: self._attached())
        session.link_state.connect(self._link_state)

    @property
    def away(self) -> bool:
        return self.away_button.isChecked()

    def set_away(self, away: bool) -> None:
        """As a click on the toggle."""
        self.away_action.setChecked(away)

    def _link_state(self, state: LinkState) -> None:
        for control in (self.away_action, self.away_button):
            control.setEnabled(state is LinkState.ATTACHED)

    def _toggled(self, away: bool) -> None:
        self._wanted = away
        self._shown(away)
        self._session.request(SetPresence(away=away), self._answered)

    def _answered(self, result: Result) -> None:
        """The service's word on it (the session already took a DeskState); the toggle goes
        back to what is in force when it was not done."""
        if not isinstance(result, Done):
            desk = self._session.desk
            self._shown(desk.away if desk is not None else False)
            self._window.statusBar().showMessage(present.not_done(result), 10_000)

    def _attached(self) -> None:
        """The service restarted and forgot that this desk is away: say it again."""
        desk = self._session.desk
        if desk is not None and self._wanted is not None and desk.away != self._wanted:
            self._session.request(SetPresence(away=self._wanted), self._answered)

    def _desk(self, desk: DeskState) -> None:
        if self._wanted is None or desk.away == self._wanted:
            self._shown(desk.away)
        remote = self._session.remote
        if remote:
            self.label.setText(self.tr("Desk %1 (%2)").replace("%1", desk.name).replace(
                "%2", role_text(desk.role)))
            self.label.setToolTip(self.tr(
                "This console is the desk %1, attached to the callgate service at %2. An "
                "operator desk decides calls and sets the mode; an admin desk also changes "
                "rules, settings, the schedule and the desks.").replace("%1", desk.name)
                .replace("%2", remote))
            self.label.show()
        admin = desk.role is DeskRole.ADMIN
        why = "" if admin else present.words(not_allowed(desk.name).reason)
        self.rights_changed.emit(admin, why)

    def _shown(self, away: bool) -> None:
        for control in (self.away_action, self.away_button):
            control.blockSignals(True)
            control.setChecked(away)
            control.blockSignals(False)
        self._show_away(away)

    def _show_away(self, away: bool) -> None:
        self.away_button.setText(self.tr("Away (not asked)") if away else self.tr("Present"))
