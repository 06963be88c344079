"""The history as a table model: every call, a page at a time, asked of the listener.

The model never holds the whole history, and never waits: it asks for one page (HistoryPage)
and shows what it has; the listener filters and sorts in SQL on indexes, whatever the
history's size. The first page pins the newest row id it saw (`upto_id`), so later pages
(`fetchMore`) come from the same snapshot while calls keep arriving. `refresh()` asks only
for what came since (`after_id`): the new calls that sort among the rows shown are put in
their place (above them, in the usual newest-first order), in pages, and the snapshot moves
on. The count is gui/history/count.py's. `trim()` lets go of rows far below what a person
looks at, so a console open all day holds a few pages, not the day's calls.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import msgspec
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
    Slot,
)

from gui import present
from gui.history.columns import SORT_KEYS, Column, display, headers, order_key, tooltip
from gui.history.count import MatchCount
from gui.replies import for_widget
from gui.session import ConsoleSession
from server.protocol.messages import (
    Done,
    Failed,
    HistoryPage,
    HistoryQuery,
    HistoryRow,
    HistoryRows,
    Refused,
    Result,
)

ModelIndex = QModelIndex | QPersistentModelIndex

#: commubo's call id (str).
CALL_ID_ROLE = Qt.ItemDataRole.UserRole

CHUNK = 200
_ANSWERED = frozenset({Qt.ItemDataRole.DisplayRole, CALL_ID_ROLE, Qt.ItemDataRole.ToolTipRole,
                       Qt.ItemDataRole.TextAlignmentRole})


class HistoryModel(QAbstractTableModel):
    """`loaded` when a new list (search, filter, sort) is in; `new_rows_coming` and
    `new_rows_in` around each refresh that puts new calls in (a view holds the rows in sight
    meanwhile); `count_changed` when the count of matching calls moves; `trouble(words)` when
    the listener could not answer."""

    count_changed = Signal()
    loaded = Signal()
    new_rows_coming = Signal()
    new_rows_in = Signal()
    trouble = Signal(str)

    def __init__(self, session: ConsoleSession, parent: QObject | None = None, *,
                 chunk: int = CHUNK) -> None:
        super().__init__(parent)
        self._session = session
        self._chunk = max(chunk, 1)
        self._filter = HistoryQuery()
        self._sort = (Column.RECEIVED, Qt.SortOrder.DescendingOrder)
        self._rows: list[HistoryRow] = []
        self._ids: set[int] = set()
        # Each row's cell texts, made once: a repaint asks for every visible cell, and in a
        # burst of calls it must not take the GUI thread from the next call's card.
        self._texts: dict[int, tuple[str, ...]] = {}
        self._upto: int | None = None  # the snapshot the rows shown come from
        self._more = False
        self._wanted = self._chunk  # rows a person asked for (a page, then each one scrolled to)
        self._generation = 0  # a new list: answers to the old one are dropped
        self._loading = self._fetching = self._refreshing = self._refresh_again = False
        self._fetch_again = False  # the view asked for more while busy
        self.count = MatchCount(session, self)
        self.count.changed.connect(self.count_changed)
        self.count.trouble.connect(self.trouble)
        self._headers = headers()
        session.attached.connect(self.reload)  # after a lost link: perhaps another listener
        if session.snapshot is not None:
            self.reload()

    # -- what is shown ----------------------------------------------------------------------

    def history_query(self) -> HistoryQuery:
        """The filter as set, in the shown order (no page, no snapshot)."""
        column, descending = self.order()
        return msgspec.structs.replace(self._filter, order_column=column, descending=descending)

    def shown_query(self) -> HistoryQuery:
        """What is shown: the filter and order, up to the snapshot of the rows shown."""
        return msgspec.structs.replace(self.history_query(), upto_id=self._upto)

    def order(self) -> tuple[str, bool]:
        """The stored column and direction (descending?) of the current sort."""
        column, order = self._sort
        return SORT_KEYS[column], order == Qt.SortOrder.DescendingOrder

    @property
    def busy(self) -> bool:
        """A page, or new calls, are on their way."""
        return self._loading or self._fetching or self._refreshing

    @property
    def wanted(self) -> int:
        """How many rows a person asked to see (the first page and those scrolled to)."""
        return self._wanted

    def set_filter(self, query: HistoryQuery) -> None:
        if query != self._filter:
            self._filter = query
            self.reload()

    def count_progress(self) -> tuple[int, bool]:
        """The number of matching calls and whether it is known (else: at least that many)."""
        known = self.count.value
        if known is not None:
            return max(known, len(self._rows)), True
        return len(self._rows), False

    def row_id(self, row: int) -> int:
        return self._rows[row].id

    def row_of(self, row_id: int) -> int | None:
        """The row showing this call, if it is loaded."""
        if row_id not in self._ids:
            return None
        return next(n for n, row in enumerate(self._rows) if row.id == row_id)

    def call_at(self, row: int) -> HistoryRow:
        return self._rows[row]

    # -- asking the listener ----------------------------------------------------------------

    @Slot()
    def reload(self) -> None:
        """A new list: the first page of what the filter and sort ask for, as it is now."""
        self._generation += 1
        self._loading, self._fetching, self._refreshing = True, False, False
        self._fetch_again = self._refresh_again = False
        self._ask(self._page(0, self._chunk + 1), self._loaded)

    @Slot()
    def refresh(self) -> None:
        """Put in the calls recorded since the rows shown were read (once more afterwards, if
        asked again meanwhile)."""
        if self.busy:
            self._refresh_again = True  # what is on its way was asked for before these calls
            return
        if self._upto is None:
            self.reload()
            return
        self._refreshing = True
        self._take_new(self._upto, None, 0, 0)

    def trim(self, keep: int) -> None:
        """Let go of the rows after the first `keep` (they come again by fetchMore)."""
        if len(self._rows) <= keep or self.busy:
            return
        self.beginRemoveRows(QModelIndex(), keep, len(self._rows) - 1)
        for row in self._rows[keep:]:
            self._ids.discard(row.id)
            self._texts.pop(row.id, None)
        del self._rows[keep:]
        self._more = True
        self.endRemoveRows()

    def _page(self, offset: int, limit: int, **bounds: int | None) -> HistoryPage:
        query = msgspec.structs.replace(self.history_query(), offset=offset, limit=limit,
                                        **bounds)
        return HistoryPage(query=query)

    def _ask(self, command: HistoryPage, answered: Callable[[HistoryRows], None]) -> None:
        """Ask for a page; its answer counts only while the list is the one it was asked for."""
        generation = self._generation

        def done(result: Result) -> None:
            if generation != self._generation:
                return
            match result:
                case Done(value=HistoryRows() as page):
                    answered(page)
                case Refused() | Failed():
                    self._loading = self._fetching = self._refreshing = False
                    self.trouble.emit(present.not_done(result))

        self._session.request(command, for_widget(self, done))

    def _loaded(self, page: HistoryRows) -> None:
        self.beginResetModel()
        self._rows = page.rows[:self._chunk]
        self._ids = {row.id for row in self._rows}
        self._texts.clear()
        self._more = len(page.rows) > self._chunk
        self._upto = page.upto_id
        self._wanted = self._chunk
        self._loading = False
        self.endResetModel()
        self.count.restart(self.history_query(), page.upto_id,
                           None if self._more else len(self._rows))
        self.loaded.emit()
        self._again()

    def _take_new(self, since: int, upto: int | None, offset: int, taken: int) -> None:
        """A page of the calls in (since, upto], in the shown order, into their places."""
        def answered(page: HistoryRows) -> None:
            end = upto if upto is not None else page.upto_id
            self.new_rows_coming.emit()
            placed = self._merge(page.rows)
            if placed and len(page.rows) == self._chunk:
                self.new_rows_in.emit()
                self._take_new(since, end, offset + self._chunk, taken + len(page.rows))
                return
            self._upto, self._refreshing = end, False
            self.new_rows_in.emit()
            self.count.moved(end, since, taken + len(page.rows) if placed else None)
            self._again()

        self._ask(self._page(offset, self._chunk, after_id=since, upto_id=upto), answered)

    def _merge(self, page: list[HistoryRow]) -> bool:
        """Put each row of `page` (sorted as shown) where it sorts among the rows shown; False
        once one sorts after the last row shown while more rows follow it (so do the rest:
        they come by fetchMore)."""
        column, order = self._sort
        descending = order == Qt.SortOrder.DescendingOrder

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

    def _again(self) -> None:
        """What was asked for while the model was busy."""
        if self._refresh_again:
            self._refresh_again = False
            self.refresh()
        elif self._fetch_again:
            self._fetch_again = False
            self.fetchMore()

    # -- Qt's table model --------------------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._more

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:  # noqa: B008
        """Ask for the next page; the rows come in when it is answered."""
        if parent.isValid() or not self._more:
            return
        if self.busy:
            self._fetch_again = True  # a view asks once, when it reaches the end
            return
        self._fetching = True
        start = len(self._rows)

        def answered(page: HistoryRows) -> None:
            self._fetching = False
            self._more = len(page.rows) > self._chunk
            self._insert(len(self._rows), [row for row in page.rows[:self._chunk]
                                           if row.id not in self._ids])
            self._wanted = max(self._wanted, len(self._rows))
            if not self._more:
                self.count.known(len(self._rows))  # everything is here
            self._again()

        self._ask(self._page(start, self._chunk + 1, upto_id=self._upto), answered)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(Column):
            return
        wanted = (Column(column), order)
        if wanted != self._sort:
            self._sort = wanted
            self.reload()

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
