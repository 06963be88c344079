"""The exports opened in a real spreadsheet, LibreOffice Calc (issue 10, points 9 and 10): no
cell of a CSV becomes a formula whatever separator Calc splits at, and a workbook keeps
0330001234 and 16-digit call ids whole.

`soffice --headless --convert-to` opens a file as Calc does and saves it again: as a workbook,
whose formula cells openpyxl can see, or as a CSV of what the cells show. Needs Debian's
`libreoffice-calc-nogui`; without it these tests are skipped, unless CALLGATE_NEED_SOFFICE=1
(for a CI that installs it), which makes them fail instead.
"""

from __future__ import annotations

import csv
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest
from conftest import Running
from pytestqt.qtbot import QtBot
from test_cli import Cli, cli
from test_exports import (
    HOSTILE,
    HYPERLINK,
    hostile,
    hostile_cli,
    office_time,
    stored,
    view,
)

from gui.history import HistoryView

__all__ = ["cli", "hostile", "hostile_cli", "view"]  # fixtures, used by name

SOFFICE = shutil.which("soffice")
pytestmark = [
    pytest.mark.skipif(
        SOFFICE is None and os.environ.get("CALLGATE_NEED_SOFFICE") != "1",
        reason="LibreOffice is not installed (apt-get install libreoffice-calc-nogui); "
               "CALLGATE_NEED_SOFFICE=1 makes this a failure"),
    pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$"),
]

CONVERT_TIMEOUT = 120
#: Calc's CSV filter options: separator, quote (34 = "), character set (76 = UTF-8), first row.
UTF8 = "34,76,1"
#: What Calc may split a CSV at: comma, semicolon, space, tab.
SEPARATORS = {"comma": 44, "semicolon": 59, "space": 32, "tab": 9}


@pytest.fixture(scope="module")
def profile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A LibreOffice user profile of the tests' own: nothing of the machine's, nothing left."""
    folder = tmp_path_factory.mktemp("libreoffice-profile")
    yield folder.as_uri()
    shutil.rmtree(folder, ignore_errors=True)


def convert(profile: str, source: Path, to: str, *, separator: int = 44) -> Path:
    """`source` opened in Calc (a CSV split at `separator`) and saved as `to` (csv, xlsx)."""
    assert SOFFICE is not None, "CALLGATE_NEED_SOFFICE=1, but soffice is not installed"
    out = source.parent / f"calc-{source.stem}-{source.suffix[1:]}-{separator}"
    target = {"csv": f"csv:Text - txt - csv (StarCalc):44,{UTF8}", "xlsx": "xlsx"}[to]
    command = [SOFFICE, f"-env:UserInstallation={profile}", "--headless", "--norestore",
               "--convert-to", target, "--outdir", str(out), str(source)]
    if source.suffix == ".csv":
        command[4:4] = [f"--infilter=CSV:{separator},{UTF8}"]
    subprocess.run(command, check=True, capture_output=True, timeout=CONVERT_TIMEOUT)
    converted = out / f"{source.stem}.{to}"
    assert converted.exists(), f"soffice wrote no {converted}"
    return converted


def shown(profile: str, source: Path) -> list[list[str]]:
    """What Calc shows in each cell of `source`."""
    with convert(profile, source, "csv").open(encoding="utf-8", newline="") as text:
        return list(csv.reader(text))


def formulas(profile: str, source: Path, separator: int = 44) -> list[str]:
    """Every cell Calc took for a formula when it opened `source`."""
    book = openpyxl.load_workbook(convert(profile, source, "xlsx", separator=separator))
    return [f"{cell.coordinate}: {cell.value}" for sheet in book for row in sheet.iter_rows()
            for cell in row if cell.data_type == "f"]


def by_column(rows: list[list[str]], key: str) -> dict[str, dict[str, str]]:
    header = rows[0]
    table = [dict(zip(header, row, strict=True)) for row in rows[1:]]
    return {row[key]: row for row in table}


@pytest.mark.parametrize("separator", SEPARATORS)
def test_history_csv_opens_without_a_formula(
    profile: str, hostile_cli: Cli, tmp_path: Path, separator: str
) -> None:
    path = tmp_path / "calls.csv"
    path.write_text(hostile_cli.ok("history", "--csv"), encoding="utf-8")
    assert formulas(profile, path, SEPARATORS[separator]) == []


def test_history_csv_shows_the_formulas_as_text(
    profile: str, hostile_cli: Cli, tmp_path: Path
) -> None:
    path = tmp_path / "calls.csv"
    path.write_text(hostile_cli.ok("history", "--csv"), encoding="utf-8")
    rows = by_column(shown(profile, path), "customer_name")
    assert rows["'=1+1"]["customer_org"] == "'" + HYPERLINK
    assert set(rows) == {"'=1+1", "'@SUM(1+1)", "'-2+3"}


def test_history_xlsx_opens_with_every_digit(
    profile: str, hostile: Running, hostile_cli: Cli, tmp_path: Path
) -> None:
    path = tmp_path / "calls.xlsx"
    hostile_cli.ok("history", "--xlsx", str(path))
    assert formulas(profile, path) == []
    rows = by_column(shown(profile, path), "call_id")
    calls = stored(hostile)
    for call in HOSTILE:
        row = rows[call.call_id]
        assert (row["phone_number"], row["customer_name"], row["customer_org"]) == (
            call.number, call.name, call.company)
        received = office_time(calls[call.call_id]["received_at"])
        assert row["received_at"] == f"{received:%Y-%m-%d %H:%M:%S}", "a date, in office time"


def test_the_consoles_workbook_and_csv_open_safely(
    profile: str, qtbot: QtBot, view: HistoryView, hostile: Running, tmp_path: Path
) -> None:
    for name in ("calls.xlsx", "calls.csv"):
        view.export_to(str(tmp_path / name))
        qtbot.waitUntil(lambda: not view.export.busy, timeout=10_000)
        assert formulas(profile, tmp_path / name) == []
    rows = by_column(shown(profile, tmp_path / "calls.xlsx"), "Call ID")
    for call in HOSTILE:
        row = rows[call.call_id]
        assert (row["Number as sent"], row["Customer"], row["Company"]) == (
            call.number, call.name, call.company)
    assert rows["0012345678901234"]["Number"] == "0901112222"


def test_rules_csv_opens_without_a_formula(profile: str, cli: Cli, tmp_path: Path) -> None:
    cli.ok("block", "+1 202-555-0100", "--note", "-call back later")
    cli.ok("block", "+1*", "--note", "=cmd|' /C calc'!A0")
    path = tmp_path / "rules.csv"
    path.write_text(cli.ok("rules", "--csv"), encoding="utf-8")
    assert formulas(profile, path) == []
    rows = by_column(shown(profile, path), "number")
    assert rows["'+1 202-555-0100"]["note"] == "'-call back later"
