"""One cell of a table: what it may hold, and how it reads in a CSV that no spreadsheet runs.

A cell is `str`, `int`/`float` (real numbers only: never a phone number or an id), `datetime`
(written as the wall time it carries: convert to the office's time zone first) or None for
nothing.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, tzinfo

Cell = str | int | float | datetime | None

#: What a spreadsheet takes for the start of a formula (OWASP's list, and the full-width forms
#: that a Japanese input method types and a spreadsheet may fold).
FORMULA_STARTS = "=+-@\t\r＝＋－＠"
_NEUTRALISED = re.compile(f"'+[{re.escape(FORMULA_STARTS)}]")


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


def moment_cell(moment: str | datetime | None, office: tzinfo, *, offset: bool = True) -> Cell:
    """A UTC time (stored ISO 8601 text, or an aware datetime) as the office's time (without
    its offset when `offset` is false, for a column that names the zone); text as it is if it
    cannot be read."""
    if not moment:
        return None
    if isinstance(moment, str):
        try:
            moment = datetime.fromisoformat(moment)
        except ValueError:
            return moment
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
