"""The allow and block lists as a table: the rules the listener lists, with their bookkeeping,
in its order (allow list first, then by kind and target). The model only shows rules; the view
asks for them and for every change (gui/rules/view.py)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from enum import IntEnum
from typing import Any

import msgspec
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from gui import present
from screening.rules import Action, RuleKind, shown_target
from server.protocol.messages import RuleView

ModelIndex = QModelIndex | QPersistentModelIndex

# Raw values for sorting (canonical target, action, time, count).
SORT_ROLE = Qt.ItemDataRole.UserRole


class Column(IntEnum):
    NUMBER = 0
    LIST = 1
    NOTE = 2
    CREATED = 3
    LAST_MATCHED = 4
    TIMES_MATCHED = 5
    EXPIRES = 6


def list_label(action: Action) -> str:
    """The list a rule puts its number on, as people read it."""
    if action is Action.BLOCK:
        return QCoreApplication.translate("RulesModel", "Block")
    return QCoreApplication.translate("RulesModel", "Always let through")


def target_label(rule: RuleView) -> str:
    """What a rule names as people type it: `03-3000-1234`, `0120*`, or the name."""
    return shown_target(rule.kind, rule.target)


def _moment(moment: datetime | None) -> str:
    return present.moment_text(moment) if moment is not None else ""


class RulesModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[RuleView] = []
        self._headers = {
            Column.NUMBER: self.tr("Number, prefix or name"),
            Column.LIST: self.tr("List"),
            Column.NOTE: self.tr("Label / note"),
            Column.CREATED: self.tr("Created"),
            Column.LAST_MATCHED: self.tr("Last matched"),
            Column.TIMES_MATCHED: self.tr("Times matched"),
            Column.EXPIRES: self.tr("Expires"),
        }

    def set_rules(self, rules: Sequence[RuleView]) -> bool:
        """Show these rules, disturbing views as little as possible; True if anything changed.

        Same rules in the same order (the usual case: a match count went up) only repaints the
        rows that changed, so selection and scrolling stay where they are.
        """
        new = list(rules)
        if new == self._rows:
            return False
        if [rule.id for rule in new] == [rule.id for rule in self._rows]:
            changed = [n for n, (old, rule) in enumerate(zip(self._rows, new, strict=True))
                       if old != rule]
            self._rows = new
            for n in changed:
                self._repaint(n)
            return True
        self.beginResetModel()
        self._rows = new
        self.endResetModel()
        return True

    def expire(self, now: datetime) -> bool:
        """Mark the rules whose end has come by `now` as expired (no need to ask the listener:
        time alone changed them); True if any was."""
        due = [n for n, rule in enumerate(self._rows)
               if not rule.expired and rule.expires_at is not None and rule.expires_at <= now]
        for n in due:
            self._rows[n] = msgspec.structs.replace(self._rows[n], expired=True)
            self._repaint(n)
        return bool(due)

    def next_expiry(self) -> datetime | None:
        """The earliest moment a shown rule that is still in force expires, if any."""
        return min((rule.expires_at for rule in self._rows
                    if rule.expires_at is not None and not rule.expired), default=None)

    def rule_at(self, row: int) -> RuleView:
        return self._rows[row]

    def row_of(self, rule_id: int) -> int | None:
        return next((n for n, rule in enumerate(self._rows) if rule.id == rule_id), None)

    def find(self, kind: RuleKind, target: str) -> RuleView | None:
        """The shown rule for a canonical target, if there is one."""
        return next((rule for rule in self._rows
                     if rule.kind is kind and rule.target == target), None)

    def _repaint(self, row: int) -> None:
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    # Qt's table model

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        rule = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(rule, column)
        if role == SORT_ROLE:
            return self._sort_key(rule, column)
        if role == Qt.ItemDataRole.ForegroundRole and rule.expired:
            return QApplication.palette().brush(
                QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(rule, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column is Column.TIMES_MATCHED:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.DisplayRole
            and 0 <= section < len(Column)
        ):
            return self._headers[Column(section)]
        return None

    def _display(self, rule: RuleView, column: Column) -> str:
        if column is Column.NUMBER:
            return target_label(rule)
        if column is Column.EXPIRES:
            return self._expiry_text(rule)
        if column is Column.LIST:
            return list_label(rule.action)
        if column is Column.NOTE:
            return rule.note
        if column is Column.CREATED:
            return _moment(rule.created_at)
        if column is Column.LAST_MATCHED:
            return _moment(rule.last_matched_at) or self.tr("never")
        return QLocale().toString(rule.times_matched)

    @staticmethod
    def _tooltip(rule: RuleView, column: Column) -> str | None:
        moment = {Column.CREATED: rule.created_at, Column.LAST_MATCHED: rule.last_matched_at,
                  Column.EXPIRES: rule.expires_at}.get(column)
        if column is Column.NUMBER:
            return rule.target
        return present.moment_text(moment, present.Style.LONG) if moment is not None else None

    @staticmethod
    def _sort_key(rule: RuleView, column: Column) -> Any:
        if column is Column.NUMBER:
            return rule.target
        if column is Column.LIST:
            return rule.action.value
        if column is Column.NOTE:
            return rule.note.casefold()
        if column is Column.CREATED:
            return rule.created_at.isoformat() if rule.created_at else ""
        if column is Column.LAST_MATCHED:
            return rule.last_matched_at.isoformat() if rule.last_matched_at else ""
        if column is Column.EXPIRES:
            return "~" if rule.expired else (
                rule.expires_at.isoformat() if rule.expires_at else "")
        return rule.times_matched

    def _expiry_text(self, rule: RuleView) -> str:
        if rule.expired:
            return self.tr("expired")
        until = _moment(rule.expires_at)
        if rule.once:
            if until:
                return self.tr("next call only, until %1").replace("%1", until)
            return self.tr("next call only")
        return until
