"""Calls per day, stacked by outcome (QtCharts): one bar a day of the office's clock, one colour
an outcome, in screening.outcomes' order; a bar's tooltip tells the day's figures."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCharts import (
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QDate, QLocale, QMargins, Qt
from PySide6.QtGui import QColor, QCursor, QPainter
from PySide6.QtWidgets import QToolTip, QWidget

from gui import present
from screening.messages import Message
from screening.outcomes import Outcome
from server.protocol.messages import DayCount

COLOURS = {
    Outcome.ACCEPTED: "#3a9d5d",
    Outcome.RULE: "#d64541",
    Outcome.MODE: "#f08c3a",
    Outcome.PERSON: "#8e6bbf",
    Outcome.TIMEOUT: "#5b8fc7",
    Outcome.FAILSAFE: "#e3b505",
    Outcome.UNSCREENED: "#9aa3ad",
}


def outcome_text(kind: Outcome) -> str:
    return present.words(Message(f"stats.outcome.{kind.value}"))


def day_calls(day: DayCount) -> int:
    return sum(day.outcomes.values())


def _label_step(days: int) -> int:
    """Every day's date for a week, then one a week (two weeks for a quarter)."""
    if days <= 10:
        return 1
    return 7 if days <= 45 else 14


class DayChart(QChartView):
    def __init__(self, parent: QWidget | None = None) -> None:
        chart = QChart()
        chart.setMargins(QMargins(4, 4, 18, 4))  # room for the newest day's date
        chart.setBackgroundRoundness(0)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        super().__init__(chart, parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.series = QStackedBarSeries()
        self.series.setBarWidth(0.8)
        self.sets: dict[Outcome, QBarSet] = {}
        for kind in Outcome:
            bars = QBarSet(outcome_text(kind))
            bars.setColor(QColor(COLOURS[kind]))
            bars.setBorderColor(QColor(COLOURS[kind]))
            self.series.append(bars)
            self.sets[kind] = bars
        chart.addSeries(self.series)
        self.days_axis = QCategoryAxis()
        self.days_axis.setLabelsPosition(
            QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        self.days_axis.setGridLineVisible(False)
        self.calls_axis = QValueAxis()
        self.calls_axis.setLabelFormat("%d")
        chart.addAxis(self.days_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self.calls_axis, Qt.AlignmentFlag.AlignLeft)
        self.series.attachAxis(self.days_axis)
        self.series.attachAxis(self.calls_axis)
        self.series.hovered.connect(self._hovered)
        self._days: list[DayCount] = []

    def show_days(self, days: Sequence[DayCount]) -> None:
        self._days = list(days)
        for kind, bars in self.sets.items():
            bars.remove(0, bars.count())
            bars.append([float(day.outcomes.get(kind, 0)) for day in self._days])
        axis = self.days_axis
        for label in axis.categoriesLabels():
            axis.remove(label)
        step = _label_step(len(self._days))
        short = len(self._days) <= 10
        named = range(len(self._days) - 1, -1, -step)  # the newest day always named
        for n in sorted(named):  # a category axis takes its labels in order
            axis.append(self.day_label(self._days[n], short=short), n)
        axis.setRange(-0.5, len(self._days) - 0.5)
        busiest = max((day_calls(day) for day in self._days), default=0)
        self.calls_axis.setRange(0, max(busiest, 4))
        self.calls_axis.applyNiceNumbers()

    @staticmethod
    def day_label(day: DayCount, *, short: bool) -> str:
        """11/25(水) or Wed 25 Nov for a week; 11/25 or 25 Nov for longer."""
        formats = present.moment_formats()
        japanese = formats is present.JAPANESE
        pattern = ("M/d(ddd)" if short else "M/d") if japanese else (
            "ddd d MMM" if short else "d MMM")
        return formats.locale.toString(QDate(day.day.year, day.day.month, day.day.day),
                                       pattern)

    def day_tooltip(self, index: int) -> str:
        day = self._days[index]
        formats = present.moment_formats()
        locale = QLocale()
        lines = [formats.locale.toString(QDate(day.day.year, day.day.month, day.day.day),
                                         formats.date),
                 self.tr("%Ln call(s), %1 rejected", "", day_calls(day)).replace(
                     "%1", locale.toString(day.rejected))]
        lines += [present.fill(self.tr("%1: %2"), outcome_text(kind), locale.toString(calls))
                  for kind, calls in day.outcomes.items() if calls]
        return "\n".join(lines)

    def _hovered(self, status: bool, index: int, _: QBarSet) -> None:
        if status and 0 <= index < len(self._days):
            QToolTip.showText(QCursor.pos(), self.day_tooltip(index), self)
        else:
            QToolTip.hideText()
