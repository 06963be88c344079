"""Excel workbooks (XlsxWriter), written a row at a time in constant memory: text stays text
(0330001234 keeps its 0, a 16-digit call id its digits), numbers and times are numbers and
times, and nothing is a formula."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import xlsxwriter
from xlsxwriter.exceptions import XlsxFileError

from tables.cells import Cell

#: Excel's limits: rows on a sheet (with the header), and characters (UTF-16 units) in a cell.
SHEET_ROWS = 1_048_576
CELL_CHARACTERS = 32_767
DATE_TIME_FORMAT = "yyyy-mm-dd hh:mm:ss"


def _fitted(text: str) -> str:
    """Text cut to what a cell holds, ending with … when cut (only a raw body is so long)."""
    if len(text) <= CELL_CHARACTERS // 2 or len(text.encode("utf-16-le")) <= 2 * CELL_CHARACTERS:
        return text
    units = text.encode("utf-16-le")[: 2 * (CELL_CHARACTERS - 1)]
    return units.decode("utf-16-le", errors="ignore") + "…"


class Workbook:
    """One sheet after another of at most SHEET_ROWS rows, each with the header, written in
    constant memory (XlsxWriter streams each row to a temporary file in `tmpdir`). Nothing is
    at `path` until close()."""

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
