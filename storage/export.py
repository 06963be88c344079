"""Tables that callgate writes for spreadsheets (CSV and Excel workbooks), safe to open.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (or a tab or a CR) as a
formula: a customer named `=HYPERLINK(...)` would become a live link (CSV injection, as OWASP
calls it). And it reads text that looks like a number as a number: 0330001234 loses its 0, a
16-digit call id its last digits. So every table callgate writes (the console's export,
`history --csv|--xlsx`, `rules --csv`) goes through here:

- CSV: every cell below the header is quoted (so a spreadsheet that splits at `;` or a space
  cannot start a cell inside one of ours), and a text that would start a formula gets a
  leading `'`, which spreadsheets show and never run (OWASP's advice). `restored()` takes it
  off again where callgate reads its own CSV back (import-rules). A CSV cannot keep a 0 from
  the spreadsheet.
- Excel workbooks (XlsxWriter): text is text, whatever it looks like, and keeps its 0 and its
  digits; numbers and times are numbers and times; there are no formulas at all.

A row is a list of cells: `str`, `int`/`float` (real numbers only: never a phone number or an
id), `datetime` (written as the wall time it carries: convert to the office's time zone first)
or None for nothing.
"""

from __future__ import annotations

import csv
import re
import tempfile
import threading
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime, tzinfo
from enum import StrEnum
from pathlib import Path
from typing import Any, TextIO

import xlsxwriter
from xlsxwriter.exceptions import XlsxFileError

Cell = str | int | float | datetime | None

PROGRESS_EVERY = 2000

#: What a spreadsheet takes for the start of a formula (OWASP's list, and the full-width forms
#: that a Japanese input method types and a spreadsheet may fold).
FORMULA_STARTS = "=+-@\t\r＝＋－＠"
_NEUTRALISED = re.compile(f"'+[{re.escape(FORMULA_STARTS)}]")

#: Excel's limits: rows on a sheet (with the header), and characters (UTF-16 units) in a cell.
SHEET_ROWS = 1_048_576
CELL_CHARACTERS = 32_767
DATE_TIME_FORMAT = "yyyy-mm-dd hh:mm:ss"


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


def neutralised(text: str) -> str:
    """`text` as a CSV cell that no spreadsheet runs: `=1+1` gives `'=1+1`.

    A text that already looks neutralised (`'=1+1`) gets one more `'`, so that restored()
    always gives back exactly what was written."""
    if (text and text[0] in FORMULA_STARTS) or _NEUTRALISED.match(text):
        return "'" + text
    return text


def restored(text: str) -> str:
    """A cell of a CSV that callgate wrote (or a spreadsheet saved) as it was meant: `'+1*`
    gives `+1*`; any other text stays as it is."""
    return text[1:] if _NEUTRALISED.match(text) else text


def moment_cell(stamp: str | None, office: tzinfo, *, offset: bool = True) -> Cell:
    """A stored UTC ISO 8601 time as the office's time (without its offset when `offset` is
    false, for a column that names the zone); the stamp as stored if it cannot be read."""
    if not stamp:
        return None
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    local = moment.replace(tzinfo=moment.tzinfo or UTC).astimezone(office)
    return local if offset else local.replace(tzinfo=None)


def csv_cell(value: Cell) -> str:
    """A cell as CSV text: times in ISO 8601 (with the offset when they carry one), numbers as
    Python writes them, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.utcoffset() is None:
            return value.strftime("%Y-%m-%d %H:%M:%S")
        return value.isoformat(timespec="seconds")
    if isinstance(value, str):
        return neutralised(value)
    return str(value)


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


def _fitted(text: str) -> str:
    """Text cut to what a cell holds, ending with … when cut (only a raw body is so long)."""
    if len(text) <= CELL_CHARACTERS // 2 or len(text.encode("utf-16-le")) <= 2 * CELL_CHARACTERS:
        return text
    units = text.encode("utf-16-le")[: 2 * (CELL_CHARACTERS - 1)]
    return units.decode("utf-16-le", errors="ignore") + "…"


class _Workbook:
    """One sheet after another of at most SHEET_ROWS rows, each with the header, written in
    constant memory (XlsxWriter streams each row to a temporary file)."""

    def __init__(self, path: Path, header: list[str], tmpdir: str) -> None:
        self._book = xlsxwriter.Workbook(str(path), {
            "constant_memory": True, "tmpdir": tmpdir,
            # write() is never used, but should it be: text stays text.
            "strings_to_formulas": False, "strings_to_numbers": False, "strings_to_urls": False,
        })
        self._header = header
        self._bold = self._book.add_format({"bold": True})
        self._moment = self._book.add_format({"num_format": DATE_TIME_FORMAT})
        self._sheet: Any = None
        self._row = SHEET_ROWS
        self._widths = [len(name) for name in header]

    def add(self, row: Sequence[Cell]) -> None:
        if self._row == SHEET_ROWS:
            self._next_sheet()
        sheet, at = self._sheet, self._row
        for column, value in enumerate(row):
            if value is None:
                continue
            if isinstance(value, str):
                sheet.write_string(at, column, _fitted(value))
                width = len(value)
            elif isinstance(value, datetime):
                sheet.write_datetime(at, column, value.replace(tzinfo=None), self._moment)
                width = len(DATE_TIME_FORMAT)
            else:
                sheet.write_number(at, column, value)
                width = len(str(value))
            if width > self._widths[column]:
                self._widths[column] = width
        self._row += 1

    def _next_sheet(self) -> None:
        self._finish_sheet()
        self._sheet = self._book.add_worksheet()
        self._sheet.write_row(0, 0, self._header, self._bold)
        self._sheet.freeze_panes(1, 0)
        self._row = 1

    def _finish_sheet(self) -> None:
        if self._sheet is None:
            return
        for column, width in enumerate(self._widths):
            self._sheet.set_column(column, column, min(width, 50) + 2)
        self._sheet.autofilter(0, 0, self._row - 1, len(self._header) - 1)

    def discard(self) -> None:
        """Close the temporary files of a workbook that will not be written (Windows cannot
        remove a folder with open files)."""
        for sheet in self._book.worksheets():
            handle = getattr(sheet, "row_data_fh", None)
            if handle is not None:
                handle.close()

    def close(self) -> None:
        if self._sheet is None:
            self._next_sheet()  # a header alone, not an empty workbook
        self._finish_sheet()
        try:
            self._book.close()
        except XlsxFileError as error:
            cause = error.args[0] if error.args else None
            raise cause if isinstance(cause, OSError) else OSError(str(error)) from error


def write_xlsx(path: Path, header: list[str], rows: Iterable[Sequence[Cell]], *,
               progress: Callable[[int], None] | None = None,
               cancelled: threading.Event | None = None) -> int:
    """Write an Excel workbook; returns the rows written. Nothing is at `path` until the end."""
    written = 0
    with tempfile.TemporaryDirectory(prefix="callgate-export-",
                                     ignore_cleanup_errors=True) as tmpdir:
        book = _Workbook(path, header, tmpdir)
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
    as it should); returns the rows written. A cancelled export leaves no file: half a
    history must not pass for all of it."""
    if table_format is TableFormat.XLSX:
        return write_xlsx(path, header, rows, progress=progress, cancelled=cancelled)
    try:
        with path.open("w", encoding="utf-8-sig", newline="") as out:
            return write_csv(out, header, rows, progress=progress, cancelled=cancelled)
    except ExportCancelled:
        path.unlink(missing_ok=True)
        raise
