"""Writing the call history to a CSV file or an Excel workbook, on a worker thread: a million
rows must not freeze the window (staff still need to see and answer calls while an export
runs). The file itself is written by tables/, as every table callgate writes is."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Signal

from application import Office
from screening.schedule import zone
from storage.calls import CallHistory, HistoryFilter
from storage.database import open_database
from tables.cells import Cell
from tables.files import ExportCancelled, TableFormat, write_table

#: The cells of each stored call, times in the office's time zone.
Fields = Callable[[Iterable[dict[str, Any]], ZoneInfo], Iterator[list[Cell]]]


class HistoryExport(QObject):
    """One export at a time, read through its own connection on its own thread."""

    progress = Signal(int)
    finished = Signal(int, str)
    failed = Signal(str, str)
    cancelled = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()

    @property
    def busy(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self, db_path: Path, history_filter: HistoryFilter, order: tuple[str, bool],
              header: list[str], fields: Fields, path: Path, table_format: TableFormat) -> bool:
        """Begin writing every call that matches, in `order`; False while one is running."""
        if self.busy:
            return False
        self._stop.clear()
        self._thread = threading.Thread(
            target=self._run,
            args=(db_path, history_filter, order, header, fields, path, table_format),
            name="callgate-export", daemon=True)
        self._thread.start()
        return True

    def cancel(self) -> None:
        """Stop a running export and wait until its thread is done."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def _run(self, db_path: Path, history_filter: HistoryFilter, order: tuple[str, bool],
             header: list[str], fields: Fields, path: Path, table_format: TableFormat) -> None:
        try:
            db = open_database(db_path)
            try:
                office = zone(Office.over(db).settings.get().time_zone)
                rows = CallHistory(db).matching(history_filter, *order)
                written = write_table(path, table_format, header, fields(rows, office),
                                      progress=self.progress.emit, cancelled=self._stop)
            finally:
                db.close()
        except ExportCancelled:
            self.cancelled.emit(str(path))
        except OSError as error:
            self.failed.emit(str(path), error.strerror or str(error))
        except sqlite3.Error as error:
            self.failed.emit(str(path), str(error))
        else:
            self.finished.emit(written, str(path))
