"""The history as a table model: every call, a page at a time, asked of the listener.

The model never holds the whole history, and never waits: it asks for one page (HistoryPage)
and shows what it has; the listener filters and sorts in SQL on indexes, whatever the
history's size. The first page pins the newest row id it saw (`upto_id`), so later pages
(`fetchMore`) come from the same snapshot while calls keep arriving. `refresh()` asks only
for what came since (`after_id`): the new calls that sort among the rows shown are put in
their place (above them, in the usual newest-first order), in pages, and the snapshot moves
on. The count is gui/history/count.py's; the rows shown, and where a new call goes among
them, gui/history/shown.py's. `trim()` lets go of rows far below what a person looks at, so a
console open all day holds a few pages, not the day's calls.
"""

from __future__ import annotations

from collections.abc import Callable

import msgspec
from PySide6.QtCore import QModelIndex, QObject, Qt, Signal, Slot

from gui import present
from gui.history.columns import SORT_KEYS, Column
from gui.history.count import MatchCount
from gui.history.shown import ShownHistory
from gui.replies import for_widget
from gui.session import ConsoleSession
from gui.table import ModelIndex
from server.protocol.messages import (
    Done,
    Failed,
    HistoryPage,
    HistoryQuery,
    HistoryRows,
    Refused,
    Result,
)

CHUNK = 200


class HistoryModel(ShownHistory):
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
        self._upto: int | None = None  # the snapshot the rows shown come from
        self._wanted = self._chunk  # rows a person asked for (a page, then each one scrolled to)
        self._generation = 0  # a new list: answers to the old one are dropped
        self._loading = self._fetching = self._refreshing = self._refresh_again = False
        self._fetch_again = False  # the view asked for more while busy
        self.count = MatchCount(session, self)
        self.count.changed.connect(self.count_changed)
        self.count.trouble.connect(self.trouble)
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
        """Let go of the rows after the first `keep`, unless pages are on their way."""
        if not self.busy:
            super().trim(keep)

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
        self._replace(page.rows[:self._chunk], more=len(page.rows) > self._chunk)
        self._upto = page.upto_id
        self._wanted = self._chunk
        self._loading = False
        self.endResetModel()
        whole = page.count if page.count is not None else (
            None if self._more else len(self._rows))
        self.count.restart(self.history_query(), page.upto_id, whole)
        self.loaded.emit()
        self._again()

    def _take_new(self, since: int, upto: int | None, offset: int, taken: int) -> None:
        """A page of the calls in (since, upto], in the shown order, into their places."""
        def answered(page: HistoryRows) -> None:
            end = upto if upto is not None else page.upto_id
            self.new_rows_coming.emit()
            column, order = self._sort
            placed = self._place(page.rows, column, order == Qt.SortOrder.DescendingOrder)
            if placed and len(page.rows) == self._chunk:
                self.new_rows_in.emit()
                self._take_new(since, end, offset + self._chunk, taken + len(page.rows))
                return
            self._upto, self._refreshing = end, False
            self.new_rows_in.emit()
            self.count.moved(end, since, taken + len(page.rows) if placed else None)
            self._again()

        self._ask(self._page(offset, self._chunk, after_id=since, upto_id=upto), answered)

    def _again(self) -> None:
        """What was asked for while the model was busy."""
        if self._refresh_again:
            self._refresh_again = False
            self.refresh()
        elif self._fetch_again:
            self._fetch_again = False
            self.fetchMore()

    # -- Qt's table model --------------------------------------------------------------------

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
