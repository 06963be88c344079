"""How long the status bar keeps what it says.

- A note confirms what just happened (a rule saved, the database taking writes again): it goes
  after NOTE_MS, a few seconds, so an old note is never read as news.
- The red problem line tells of something that went wrong once (a fail-safe decision, a change
  not saved, a listener error): it stays PROBLEM_MS with the time it happened, long enough to
  be read after a glance away, then goes. The history keeps every fail-safe call with its
  reason, and a change not saved also had its dialog.
- What lasts until it ends (reject all, not receiving calls, NOT reachable, the history not
  saved, a changed public URL) is a banner across the window, not a status-bar word.
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from gui import present

NOTE_MS = 5000
PROBLEM_MS = 30_000


def show_note(bar: QStatusBar, text: str) -> None:
    bar.showMessage(text, NOTE_MS)


class ProblemLine(QLabel):
    """The status bar's red line: one problem at a time, with its time, for PROBLEM_MS."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setStyleSheet("color: #dc3545;")
        self._expiry = QTimer(self)
        self._expiry.setSingleShot(True)
        self._expiry.timeout.connect(self.clear)

    def show_problem(self, message: str) -> None:
        when = present.moment_text(datetime.now(UTC))
        self.setText(f"{when}  {message}")
        self._expiry.start(PROBLEM_MS)
