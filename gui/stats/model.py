"""The figures of the Statistics tab, asked of the listener (GetStatistics) for a period; the
newest answer is kept. A question asked while another is on its way is asked after it, once,
with the period chosen last, so quick changes of the period never pile up requests."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from gui import present
from gui.replies import for_widget
from gui.session import ConsoleSession
from server.protocol.messages import Done, Failed, GetStatistics, Refused, Result, StatisticsView

DEFAULT_DAYS = 30


class StatisticsModel(QObject):
    """`changed(StatisticsView)` with each answer for the period chosen; `trouble(words)` when
    the listener could not count (the database is busy, say)."""

    changed = Signal(object)
    trouble = Signal(str)

    def __init__(self, session: ConsoleSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.days = DEFAULT_DAYS
        self.figures: StatisticsView | None = None
        self.busy = False
        self._again = False

    def ask(self, days: int | None = None) -> None:
        """Count the last `days` days (the period chosen before, if None)."""
        if days is not None:
            self.days = days
        if self.busy:
            self._again = True
            return
        self.busy = True
        self._session.request(GetStatistics(days=self.days), for_widget(self, self._answered))

    def _answered(self, result: Result) -> None:
        self.busy = False
        match result:
            case Done(value=StatisticsView() as figures) if figures.days == self.days:
                self.figures = figures
                self.changed.emit(figures)
            case Refused() | Failed():
                self.trouble.emit(present.not_done(result))
        if self._again:
            self._again = False
            self.ask()
