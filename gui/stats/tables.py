"""The Statistics tab's tables: callers (top, most rejected, candidates for a rule), the rules
with their matches, and the weekday-by-hour grid, each a Qt model over the figures the listener
counted (server.protocol.messages.StatisticsView)."""

from __future__ import annotations

from collections.abc import Sequence
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor

from gui import present
from screening.messages import Message
from screening.rules import Action
from server.protocol.messages import CallerCount, RuleCount

ModelIndex = QModelIndex | QPersistentModelIndex
NUMBER_ROLE = Qt.ItemDataRole.UserRole  # a caller's canonical number
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def count_text(count: int) -> str:
    return QLocale().toString(count)


def customer_text(caller: CallerCount) -> str:
    return present.rule_note(caller.name, caller.org)


class CallerColumn(IntEnum):
    NUMBER = 0
    CUSTOMER = 1
    CALLS = 2
    REJECTED = 3
    ACTION = 4  # a candidate's Block button (gui/stats/view.py), for a table with actions


class CallerTable(QAbstractTableModel):
    """Numbers with their customer, calls and rejected calls, in the listener's order; with
    `actions`, a last column for a button beside each."""

    def __init__(self, parent: QObject | None = None, *, actions: bool = False) -> None:
        super().__init__(parent)
        self._rows: list[CallerCount] = []
        self._columns = len(CallerColumn) if actions else CallerColumn.ACTION
        self._headers = {
            CallerColumn.NUMBER: present.words(Message("stats.number")),
            CallerColumn.CUSTOMER: present.words(Message("stats.customer")),
            CallerColumn.CALLS: present.words(Message("stats.calls")),
            CallerColumn.REJECTED: present.words(Message("stats.rejected")),
        }

    def show(self, rows: Sequence[CallerCount]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def caller_at(self, row: int) -> CallerCount:
        return self._rows[row]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._columns

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers.get(CallerColumn(section)) if section < self._columns else None
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        caller, column = self._rows[index.row()], CallerColumn(index.column())
        if role == NUMBER_ROLE:
            return caller.caller
        if role == Qt.ItemDataRole.TextAlignmentRole and column >= CallerColumn.CALLS:
            return _RIGHT
        if role == Qt.ItemDataRole.ToolTipRole and column is CallerColumn.CUSTOMER:
            return customer_text(caller) or None
        if role != Qt.ItemDataRole.DisplayRole or column is CallerColumn.ACTION:
            return None
        if column is CallerColumn.NUMBER:
            return present.number_text(caller.caller, caller.caller)
        if column is CallerColumn.CUSTOMER:
            return customer_text(caller)
        return count_text(caller.calls if column is CallerColumn.CALLS else caller.rejected)


class RuleColumn(IntEnum):
    RULE = 0
    NOTE = 1
    MATCHED = 2


def rule_text(rule: RuleCount) -> str:
    """`block 03-3000-1234`, `allow 0120*`, or a rule removed since."""
    if rule.kind is None or rule.action is None:
        return present.words(Message("stats.rule.removed", (rule.rule_id,)))
    return present.words(Message(
        "stats.rule.block" if rule.action is Action.BLOCK else "stats.rule.allow",
        (present.rule_target(rule.kind, rule.target),)))


class RuleTable(QAbstractTableModel):
    """Every rule with how often it decided a call in the period, most first."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RuleCount] = []
        self._headers = {
            RuleColumn.RULE: present.words(Message("stats.rule")),
            RuleColumn.NOTE: self.tr("Label / note"),
            RuleColumn.MATCHED: present.words(Message("stats.matched")),
        }

    def show(self, rows: Sequence[RuleCount]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(RuleColumn)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self._headers.get(RuleColumn(section)) if section < len(RuleColumn) else None
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        rule, column = self._rows[index.row()], RuleColumn(index.column())
        if role == Qt.ItemDataRole.TextAlignmentRole and column is RuleColumn.MATCHED:
            return _RIGHT
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column is RuleColumn.RULE:
            return rule_text(rule)
        if column is RuleColumn.NOTE:
            return rule.note
        return count_text(rule.matched)


# The grid's colours: from the window's base (no calls) to a strong blue (the busiest hour).
_EMPTY = QColor("#f4f6f8")
_BUSIEST = QColor("#1f5fa8")


def _shade(share: float) -> QColor:
    def mix(low: int, high: int) -> int:
        return round(low + (high - low) * share)

    return QColor(mix(_EMPTY.red(), _BUSIEST.red()), mix(_EMPTY.green(), _BUSIEST.green()),
                  mix(_EMPTY.blue(), _BUSIEST.blue()))


class HeatModel(QAbstractTableModel):
    """Calls by weekday (rows, Monday first) and hour of the office's clock (columns): the
    busier, the darker."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._grid: list[list[int]] = [[0] * 24 for _ in range(7)]
        self._busiest = 0

    def show(self, grid: Sequence[Sequence[int]]) -> None:
        self._grid = [list(hours) for hours in grid]
        self._busiest = max((max(hours) for hours in self._grid), default=0)
        self.dataChanged.emit(self.index(0, 0), self.index(6, 23))

    def calls(self, weekday: int, hour: int) -> int:
        return self._grid[weekday][hour]

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 7

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 24

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation is Qt.Orientation.Horizontal:
            return str(section) if 0 <= section < 24 else None
        if 0 <= section < 7:
            return present.moment_formats().locale.dayName(
                section + 1, QLocale.FormatType.ShortFormat)
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not (0 <= index.row() < 7 and 0 <= index.column() < 24):
            return None
        calls = self._grid[index.row()][index.column()]
        share = calls / self._busiest if self._busiest else 0.0
        if role == Qt.ItemDataRole.DisplayRole:
            return str(calls) if calls else ""
        if role == Qt.ItemDataRole.BackgroundRole:
            return _shade(share)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor("white") if share > 0.55 else QColor("#1d2733")
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            day = self.headerData(index.row(), Qt.Orientation.Vertical)
            return present.fill(self.tr("%1 %2:00–%3:00: %Ln call(s)", "", calls), str(day),
                                str(index.column()), str(index.column() + 1))
        return None
