"""The history's loaded rows as a view shows them: each row's cell texts made once, new calls
put where they sort among the rows shown, rows far below let go of.

Which rows are loaded, and when, is gui/history/model.py's (a page at a time, asked of the
listener); this is what it loads them into.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, QObject, Qt

from gui.history.columns import Column, display, headers, order_key, tooltip
from gui.table import ModelIndex, RowsModel
from server.protocol.messages import HistoryRow

# commubo's call id (str).
CALL_ID_ROLE = Qt.ItemDataRole.UserRole

_ANSWERED = frozenset({Qt.ItemDataRole.DisplayRole, CALL_ID_ROLE, Qt.ItemDataRole.ToolTipRole,
                       Qt.ItemDataRole.TextAlignmentRole})


class ShownHistory(RowsModel[HistoryRow]):
    """The first rows of a list of calls; `_more` when more follow them."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ids: set[int] = set()
        # Each row's cell texts, made once: a repaint asks for every visible cell, and in a
        # burst of calls it must not take the GUI thread from the next call's card.
        self._texts: dict[int, tuple[str, ...]] = {}
        self._more = False

    def titles(self) -> Sequence[str]:
        return tuple(headers().values())

    def row_id(self, row: int) -> int:
        return self._rows[row].id

    def row_of(self, row_id: int) -> int | None:
        """The row showing this call, if it is loaded."""
        if row_id not in self._ids:
            return None
        return next(n for n, row in enumerate(self._rows) if row.id == row_id)

    def call_at(self, row: int) -> HistoryRow:
        return self._rows[row]

    def trim(self, keep: int) -> None:
        """Let go of the rows after the first `keep` (they come again by fetchMore)."""
        if len(self._rows) <= keep:
            return
        self.beginRemoveRows(QModelIndex(), keep, len(self._rows) - 1)
        for row in self._rows[keep:]:
            self._ids.discard(row.id)
            self._texts.pop(row.id, None)
        del self._rows[keep:]
        self._more = True
        self.endRemoveRows()

    def _replace(self, rows: list[HistoryRow], *, more: bool) -> None:
        """Rows in place of those shown (inside a model reset)."""
        self._rows = rows
        self._ids = {row.id for row in rows}
        self._texts.clear()
        self._more = more

    def _place(self, page: list[HistoryRow], column: Column, descending: bool) -> bool:
        """Put each row of `page` (sorted as shown) where it sorts among the rows shown; False
        once one sorts after the last row shown while more rows follow it (so do the rest:
        they come by fetchMore)."""
        def before(row: HistoryRow, other: HistoryRow) -> bool:
            mine, theirs = order_key(row, column), order_key(other, column)
            return bool(mine > theirs) if descending else bool(mine < theirs)

        pending: list[HistoryRow] = []
        at = 0
        for row in page:
            if row.id in self._ids:
                continue
            while at < len(self._rows) and not before(row, self._rows[at]):
                at += self._insert(at, pending) + 1
                pending = []
            if at == len(self._rows) and self._more:
                self._insert(at, pending)
                return False
            pending.append(row)
        self._insert(at, pending)
        return True

    def _insert(self, at: int, rows: list[HistoryRow]) -> int:
        if rows:
            self.beginInsertRows(QModelIndex(), at, at + len(rows) - 1)
            self._rows[at:at] = rows
            self._ids.update(row.id for row in rows)
            self.endInsertRows()
        return len(rows)

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _ANSWERED or not 0 <= index.row() < len(self._rows):
            return None  # the view asks a dozen roles of every cell it paints
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            texts = self._texts.get(row.id)
            if texts is None:
                texts = self._texts[row.id] = tuple(display(row, column) for column in Column)
            return texts[index.column()]
        column = Column(index.column())
        if role == CALL_ID_ROLE:
            return row.call_id
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column is Column.LATENCY:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None
