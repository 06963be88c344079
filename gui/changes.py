"""Asking callgate from a widget, and telling the person how a change they made ended.

Every answer arrives later, on the GUI thread (gui/session.py); a widget closed meanwhile never
hears it. A change (a mode, the settings, a rule) ends one of three ways, each said to the
person who made it: saved; refused, with the reason (the form stays open to correct it); or
not saved for a reason outside the input (the database is locked by another program), in the
"Not saved" box, since calls are still decided as before. While the answer is slow the widget
says it is saving.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QMessageBox, QWidget
from shiboken6 import isValid

from gui import present
from gui.session import ConsoleSession
from server.protocol.messages import Command, Done, Refused, Result


def ask(session: ConsoleSession, owner: QObject, command: Command,
        answered: Callable[[Result], None], slow: Callable[[], None] | None = None) -> None:
    """Send `command`; `answered(result)` runs unless `owner` was deleted meanwhile (so does
    `slow()`, after SLOW_MS without an answer)."""
    def guarded(call: Callable[..., None]) -> Callable[..., None]:
        return lambda *args: call(*args) if isValid(owner) else None

    session.request(command, guarded(answered), guarded(slow) if slow is not None else None)


class Changes(QObject):
    """Sends a person's changes; `problem` shows one line in the window's red problem line."""

    def __init__(self, session: ConsoleSession, window: QWidget,
                 problem: Callable[[str], None]) -> None:
        super().__init__(window)
        self._session = session
        self._window = window
        self.problem = problem
        self.box: QMessageBox | None = None  # the last "Not saved" box

    def send(self, owner: QObject, command: Command, *, saved: Callable[[Any], None],
             refused: Callable[[str, str | None], None] | None = None,
             failed: Callable[[], None] | None = None,
             saving: Callable[[], None] | None = None) -> None:
        """`saved(value)` on success. A refusal goes to `refused(words, field)`, else to the
        problem line. Not saved: the box, then `failed()` (to show what is in force again)."""
        def answered(result: Result) -> None:
            if isinstance(result, Done):
                saved(result.value)
            elif isinstance(result, Refused):
                words = present.words(result.reason)
                if refused is not None:
                    refused(words, result.field)
                else:
                    self.problem(words)
            else:
                self.not_saved(present.words(result.message))
                if failed is not None:
                    failed()

        ask(self._session, owner, command, answered, saving)

    def not_saved(self, why: str) -> None:
        """Say plainly that a change was not saved (`why`): the window never shows a mode or
        rule that is not the one deciding calls. Not modal: a call waiting for a person must
        not wait for the box to be closed."""
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Not saved"), self.tr(
            "Your change was NOT saved: %1. Calls are still decided as before. Try again in a "
            "moment; if this goes on, close the other program that uses callgate's database."
        ).replace("%1", why), QMessageBox.StandardButton.Ok, self._window)
        box.setWindowModality(Qt.WindowModality.NonModal)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        if self.box is not None and isValid(self.box):
            self.box.close()  # one box, with the latest reason
        box.show()
        self.box = box
        self.problem(self.tr("Not saved: %1").replace("%1", why))


def saving_text() -> str:
    """What a form says while its change waits for the database."""
    return QCoreApplication.translate(
        "Changes", "Saving… (the database is busy; this can take a few seconds)")
