"""How many calls match what the history shows: known at once when every match is shown or
when the first page came with it (a search's count, from the search dictionary), else asked of
the listener (HistoryCount, which counts a big filter on its own thread while the first page
already shows); and then kept up as the list takes in new calls, by the count of only those (a
rowid range, never a count of the whole history again)."""

from __future__ import annotations

from collections.abc import Callable

import msgspec
from PySide6.QtCore import QObject, Signal

from gui import present
from gui.replies import for_widget
from gui.session import ConsoleSession
from server.protocol.messages import (
    Count,
    Done,
    Failed,
    HistoryCount,
    HistoryQuery,
    Refused,
    Result,
)


class MatchCount(QObject):
    """`changed` when the count moves (or starts being counted); `trouble(words)`."""

    changed = Signal()
    trouble = Signal(str)

    def __init__(self, session: ConsoleSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._query = HistoryQuery()
        self._count: int | None = None
        self._counted: int | None = None  # the snapshot `_count` counts
        self._shown: int | None = None  # the snapshot the list shows now
        self._asked = 0  # the last count asked for: answers to older ones are dropped

    @property
    def value(self) -> int | None:
        """The count, once known (perhaps of a snapshot a moment older than the list's)."""
        return self._count

    def restart(self, query: HistoryQuery, upto: int, whole: int | None) -> None:
        """A new list, of the calls up to `upto` that `query` matches: `whole` when known (every
        one of them is shown, or the page came with their count), else counted by the
        listener."""
        self._query, self._shown = query, upto
        self._asked += 1
        self._count = self._counted = None
        if whole is not None:
            self._set(whole, upto)
            return
        self.changed.emit()  # counting…
        self._ask(msgspec.structs.replace(query, upto_id=upto), upto, lambda count: count)

    def known(self, count: int) -> None:
        """Every match is shown now: no need to count any further."""
        if self._count is None and self._shown is not None:
            self._asked += 1
            self._set(count, self._shown)

    def moved(self, upto: int, since: int, new: int | None) -> None:
        """The list took in the calls recorded in (since, upto]: `new` of them match, if it
        saw them all (else they are counted)."""
        self._shown = upto
        if new is not None and self._count is not None and self._counted == since:
            self._asked += 1
            self._set(self._count + new, upto)
        else:
            self._catch_up()

    def _set(self, count: int, upto: int) -> None:
        self._count, self._counted = count, upto
        self.changed.emit()
        self._catch_up()

    def _catch_up(self) -> None:
        """A count of an older snapshot: add the calls recorded since that match."""
        known, since, upto = self._count, self._counted, self._shown
        if known is None or since is None or upto is None or since >= upto:
            return
        self._asked += 1
        self._ask(msgspec.structs.replace(self._query, after_id=since, upto_id=upto), upto,
                  lambda new: known + new)

    def _ask(self, query: HistoryQuery, upto: int, total: Callable[[int], int]) -> None:
        asked = self._asked

        def done(result: Result) -> None:
            if asked != self._asked:
                return
            match result:
                case Done(value=Count(count=count)):
                    self._set(total(count), upto)
                case Refused() | Failed():
                    self.trouble.emit(present.not_done(result))

        self._session.request(HistoryCount(query=query), for_widget(self, done))
