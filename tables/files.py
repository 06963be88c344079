"""Writing a table to a file, a CSV or an Excel workbook, with progress and a way to stop: a
million rows take a while, and a person may cancel. A file that is not finished is not left
behind: half a history must not pass for all of it."""

from __future__ import annotations

import csv
import tempfile
import threading
from collections.abc import Callable, Iterable, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TextIO

from tables.cells import Cell, csv_cell, neutralised

PROGRESS_EVERY = 2000


class ExportCancelled(Exception):
    """A person stopped the export; the partial file is gone."""


class TableFormat(StrEnum):
    CSV = "csv"
    XLSX = "xlsx"

    @classmethod
    def of(cls, path: Path, default: TableFormat) -> TableFormat:
        """The format a file's suffix names (`.xlsx`, `.csv`), else `default`."""
        suffix = path.suffix.lower().removeprefix(".")
        return cls(suffix) if suffix in tuple(cls) else default


def write_csv(out: TextIO, header: list[str], rows: Iterable[Sequence[Cell]], *,
              progress: Callable[[int], None] | None = None,
              cancelled: threading.Event | None = None) -> int:
    """Write a header and rows to an open text stream; returns the rows written."""
    csv.writer(out).writerow([neutralised(name) for name in header])  # our own words
    writer = csv.writer(out, quoting=csv.QUOTE_ALL)
    written = 0
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
        written += 1
        _step(written, progress, cancelled)
    return written


def _step(written: int, progress: Callable[[int], None] | None,
          cancelled: threading.Event | None) -> None:
    if written % PROGRESS_EVERY:
        return
    if cancelled is not None and cancelled.is_set():
        raise ExportCancelled
    if progress is not None:
        progress(written)


def write_xlsx(path: Path, header: list[str], rows: Iterable[Sequence[Cell]], *,
               progress: Callable[[int], None] | None = None,
               cancelled: threading.Event | None = None) -> int:
    """Write an Excel workbook; returns the rows written. Nothing is at `path` until the end."""
    # Imported here: the spreadsheet writer is a tenth of a start-up that seldom exports.
    from tables.workbook import Workbook

    written = 0
    with tempfile.TemporaryDirectory(prefix="callgate-export-",
                                     ignore_cleanup_errors=True) as tmpdir:
        book = Workbook(path, header, tmpdir)
        try:
            for row in rows:
                book.add(row)
                written += 1
                _step(written, progress, cancelled)
        except BaseException:
            book.discard()
            raise
        book.close()
    return written


def write_table(path: Path, table_format: TableFormat, header: list[str],
                rows: Iterable[Sequence[Cell]], *, progress: Callable[[int], None] | None = None,
                cancelled: threading.Event | None = None) -> int:
    """Write a file in `table_format` (a CSV as UTF-8 with a BOM, which Excel in Japan opens
    as it should); returns the rows written. An export that is cancelled, or whose rows stop
    coming (`rows` raises), leaves no file."""
    if table_format is TableFormat.XLSX:
        return write_xlsx(path, header, rows, progress=progress, cancelled=cancelled)
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        try:
            return write_csv(out, header, rows, progress=progress, cancelled=cancelled)
        except BaseException:
            out.close()
            path.unlink(missing_ok=True)
            raise
