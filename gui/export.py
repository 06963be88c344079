"""Writing the call history to CSV, on a worker thread: a million rows must not freeze the
window (staff still need to see and answer calls while an export runs)."""

from __future__ import annotations

import csv
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from storage.calls import CallHistory, HistoryFilter
from storage.database import open_database

Fields = Callable[[Iterable[dict[str, Any]]], Iterator[list[str]]]
PROGRESS_EVERY = 2000


class ExportCancelled(Exception):
    """A person stopped the export; the partial file is gone."""


def write_csv(path: Path, header: list[str], rows: Iterable[list[str]], *,
              progress: Callable[[int], None] | None = None,
              cancelled: threading.Event | None = None) -> int:
    """UTF-8 with a BOM, which Excel in Japan opens as it should; returns the rows written.
    A cancelled export removes what it wrote: half a history must not pass for all of it."""
    written = 0
    try:
        with path.open("w", encoding="utf-8-sig", newline="") as out:
            writer = csv.writer(out)
            writer.writerow(header)
            for fields in rows:
                writer.writerow(fields)
                written += 1
                if written % PROGRESS_EVERY == 0:
                    if cancelled is not None and cancelled.is_set():
                        raise ExportCancelled
                    if progress is not None:
                        progress(written)
    except ExportCancelled:
        path.unlink(missing_ok=True)
        raise
    return written


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
              header: list[str], fields: Fields, path: Path) -> bool:
        """Begin writing every call that matches, in `order`; False while one is running."""
        if self.busy:
            return False
        self._stop.clear()
        self._thread = threading.Thread(
            target=self._run, args=(db_path, history_filter, order, header, fields, path),
            name="callgate-export", daemon=True)
        self._thread.start()
        return True

    def cancel(self) -> None:
        """Stop a running export and wait until its thread is done."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def _run(self, db_path: Path, history_filter: HistoryFilter, order: tuple[str, bool],
             header: list[str], fields: Fields, path: Path) -> None:
        try:
            db = open_database(db_path)
            try:
                rows = CallHistory(db).matching(history_filter, *order)
                written = write_csv(path, header, fields(rows), progress=self.progress.emit,
                                    cancelled=self._stop)
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
