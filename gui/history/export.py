"""Writing what the history shows to a CSV file or an Excel workbook, on this desk's machine.

The rows come from the listener a page at a time (HistoryPage, from the snapshot shown, in
the shown order), and a worker thread of the console writes them (tables/): a million rows
must not freeze the window, where staff still see and answer calls. At most one page waits
while the worker writes another, so memory stays small. Cancel never waits for the worker: it
stops at the next row it writes, removes the file and says so. Nothing is left of a file that
is not finished.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, tzinfo
from pathlib import Path

import msgspec
from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from gui import present
from gui.beside import Report, run_beside
from gui.history.columns import headers
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
from tables.cells import Cell, moment_cell
from tables.files import ExportCancelled, TableFormat, write_table

# Rows asked for at a time.
PAGE = 2000


def export_header() -> list[str]:
    """The shown columns, then what a spreadsheet needs to tell calls apart."""
    return [*headers().values(),
            QCoreApplication.translate("HistoryModel", "Kana"),
            QCoreApplication.translate("HistoryModel", "Detail"),
            QCoreApplication.translate("HistoryModel", "Operator"),
            QCoreApplication.translate("HistoryModel", "Number as sent"),
            QCoreApplication.translate("HistoryModel", "Call ID"),
            QCoreApplication.translate("HistoryModel", "Received (UTC)")]


def export_cells(row: HistoryRow, office: tzinfo) -> list[Cell]:
    """The cells of export_header() for a call: numbers and ids as text, the latency a number,
    the time received in the office's time zone (and in UTC)."""
    return [
        moment_cell(row.received_at, office, offset=False),
        present.number_text(row.caller, row.phone_number),
        row.customer_name,
        row.customer_org,
        present.decision_text(row.decision),
        present.reason_text(row.reason, row.decided_by),
        None if row.latency_ms is None else round(float(row.latency_ms), 1),
        row.customer_kana,
        present.detail_text(row.detail),
        row.operator_name,
        row.phone_number,
        row.call_id,
        row.received_at.astimezone(UTC).isoformat(timespec="milliseconds"),
    ]


class _NotRead(Exception):
    """A page could not be had: the listener's words why."""

    def __init__(self, why: str) -> None:
        super().__init__(why)
        self.why = why


_END = object()  # no more pages


@dataclass
class _Run:
    """One export: the pages on their way to its worker, and its stop."""

    path: Path
    table_format: TableFormat
    header: list[str]
    query: HistoryQuery
    office: tzinfo
    pages: queue.SimpleQueue[object] = field(default_factory=queue.SimpleQueue)
    stop: threading.Event = field(default_factory=threading.Event)
    next_offset: int | None = 0  # the next page to ask for (None: none)


class HistoryExport(QObject):
    """One export at a time. `progress(written)`, then `finished(written, path)`,
    `failed(path, why)` or `cancelled(path)`."""

    progress = Signal(int)
    finished = Signal(int, str)
    failed = Signal(str, str)
    cancelled = Signal(str)

    def __init__(self, session: ConsoleSession, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._run: _Run | None = None
        for ended in (self.finished, self.failed, self.cancelled):
            ended.connect(self._ended)

    @property
    def busy(self) -> bool:
        return self._run is not None

    def start(self, query: HistoryQuery, path: Path, table_format: TableFormat) -> bool:
        """Begin writing every call `query` matches (its snapshot, in its order); False while
        another export runs."""
        if self._run is not None:
            return False
        run = self._run = _Run(path, table_format, export_header(),
                               msgspec.structs.replace(query, offset=0, limit=PAGE),
                               present.time_zone())
        run_beside(self, lambda report: self._write(run, report), "callgate-export")
        self._ask_next(run)
        return True

    def cancel(self) -> None:
        """Stop the running export; its worker removes the file and reports (never waited
        for here)."""
        run = self._run
        if run is not None:
            run.stop.set()
            run.pages.put(_END)  # wakes a worker that waits for a page

    # -- on the GUI thread: the pages -----------------------------------------------------------

    @Slot(object)
    def _ask_next(self, run: _Run) -> None:
        offset = run.next_offset
        if run is not self._run or offset is None or run.stop.is_set():
            return
        run.next_offset = None  # asked: the next once the worker takes this one
        page = HistoryPage(query=msgspec.structs.replace(run.query, offset=offset))
        self._session.request(page, for_widget(
            self, lambda result: self._paged(run, offset, result)))

    def _paged(self, run: _Run, offset: int, result: Result) -> None:
        match result:
            case Done(value=HistoryRows(rows=rows)):
                run.pages.put(rows)
                if len(rows) < PAGE:
                    run.pages.put(_END)
                else:
                    run.next_offset = offset + PAGE
            case Refused() | Failed():
                run.pages.put(_NotRead(present.not_done(result)))

    @Slot()
    def _ended(self) -> None:
        self._run = None

    # -- on the worker's thread: the file -------------------------------------------------------

    def _write(self, run: _Run, report: Report) -> None:
        path = str(run.path)
        try:
            written = write_table(
                run.path, run.table_format, run.header, self._cells(run, report),
                progress=lambda rows: report(lambda: self.progress.emit(rows)),
                cancelled=run.stop)
        except ExportCancelled:
            report(lambda: self.cancelled.emit(path))
        except OSError as error:
            why = error.strerror or str(error)
            report(lambda: self.failed.emit(path, why))
        except _NotRead as error:
            why = error.why
            report(lambda: self.failed.emit(path, why))
        else:
            report(lambda: self.finished.emit(written, path))

    def _cells(self, run: _Run, report: Report) -> Iterator[list[Cell]]:
        while True:
            page = run.pages.get()
            if run.stop.is_set():
                raise ExportCancelled
            if page is _END:
                return
            if isinstance(page, _NotRead):
                raise page
            report(lambda: self._ask_next(run))  # the next page, while this one is written
            assert isinstance(page, list)
            for row in page:
                yield export_cells(row, run.office)
