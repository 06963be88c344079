"""Exports a spreadsheet opens safely (issue 10, points 9, 10 and the export part of 19): no
cell becomes a formula, numbers and call ids keep every digit, and the console's export dialog
offers a workbook and a CSV and opens in the user's documents.

These read the files back with Python (csv, openpyxl); tests/test_spreadsheets.py opens them in
LibreOffice.
"""

from __future__ import annotations

import csv
import io
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import openpyxl
import pytest
from conftest import Running, attached_session, post, sample
from hypothesis import given
from hypothesis import strategies as st
from processes import free_port
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot
from test_cli import Cli, cli

from application.history import HISTORY_FIELDS
from gui.history import HistoryView
from storage.database import open_database
from tables import workbook
from tables.cells import FORMULA_STARTS, neutralised, restored
from tables.files import PROGRESS_EVERY, ExportCancelled, TableFormat, write_table

__all__ = ["cli"]  # the fixture, used by name

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

TOKYO = ZoneInfo("Asia/Tokyo")
HYPERLINK = '=HYPERLINK("http://example.com/","click me")'


@dataclass(frozen=True)
class Hostile:
    """A call whose customer fields a spreadsheet would run, from a number it would mangle."""

    call_id: str
    number: str
    name: str
    company: str


HOSTILE = [
    Hostile("9007199254740993", "0330001234", "=1+1", HYPERLINK),  # 2**53 + 1: a double rounds it
    Hostile("0012345678901234", "0901112222", "@SUM(1+1)", "x;=2+2 y =3+3"),
    Hostile("call-3", "+1 202-555-0100", "-2+3", "+81 3 3000 1234"),
]


def hostile_body(call: Hostile) -> dict[str, Any]:
    body = sample("seed_incoming_call.json")
    body["callId"], body["phoneNumber"] = call.call_id, call.number
    body["customer"].update({"familyName": call.name, "middleName": "", "personalName": "",
                             "orgName": call.company})
    return body


@pytest.fixture
def hostile(running: Running) -> Running:
    """The real listener, after the HOSTILE calls came in (oldest first)."""
    for call in HOSTILE:
        assert post(running.url, hostile_body(call)).status == 200
    return running


@pytest.fixture
def hostile_cli(hostile: Running) -> Cli:
    """The command line on the hostile listener's data."""
    return Cli(hostile.db_path.parent, free_port())


def stored(running: Running) -> dict[str, dict[str, Any]]:
    """The stored calls by call id."""
    db = open_database(running.db_path)
    try:
        return {row["call_id"]: row for row in db.query("SELECT * FROM calls")}
    finally:
        db.close()


def office_time(stamp: str) -> datetime:
    """A stored time as a spreadsheet shows it: the office's wall-clock time, no zone."""
    return datetime.fromisoformat(stamp).astimezone(TOKYO).replace(tzinfo=None)


def workbook_rows(path: Path) -> list[list[Any]]:
    """The first sheet's cells; no cell of any sheet is a formula."""
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            assert all(cell.data_type != "f" for cell in row), "a workbook has no formulas"
    return [list(row) for row in book.worksheets[0].iter_rows()]


def as_dicts(rows: list[list[Any]]) -> list[dict[str, Any]]:
    header = [cell.value for cell in rows[0]]
    return [dict(zip(header, (cell for cell in row), strict=True)) for row in rows[1:]]


# ---------------------------------------------------------------------------------------------
# Neutralising a CSV cell


@pytest.mark.parametrize(("text", "cell"), [
    ("=1+1", "'=1+1"),
    (HYPERLINK, "'" + HYPERLINK),
    ("+1 202-555-0100", "'+1 202-555-0100"),
    ("-2+3", "'-2+3"),
    ("@SUM(1+1)", "'@SUM(1+1)"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    ("＝1+1", "'＝1+1"),
    ("'=1+1", "''=1+1"),  # so that reading it back gives exactly what was written
    ("鈴木 一郎", "鈴木 一郎"),
    ("03-3000-1234", "03-3000-1234"),
    ("O'Brien", "O'Brien"),
    ("'tis", "'tis"),
    ("", ""),
])
def test_a_cell_that_would_start_a_formula_gets_a_quote(text: str, cell: str) -> None:
    assert neutralised(text) == cell
    assert restored(cell) == text


@given(st.text())
def test_no_cell_starts_a_formula_and_every_cell_reads_back(text: str) -> None:
    cell = neutralised(text)
    assert cell[:1] == "" or cell[0] not in FORMULA_STARTS
    assert restored(cell) == text


# ---------------------------------------------------------------------------------------------
# The command line


def test_history_csv_runs_no_formula(hostile: Running, hostile_cli: Cli) -> None:
    out = hostile_cli.ok("history", "--csv")
    lines = out.splitlines()
    assert lines[0] == ",".join(HISTORY_FIELDS)
    assert all(line.startswith('"') for line in lines[1:] if line), "every cell quoted"
    rows = {row["call_id"]: row for row in csv.DictReader(io.StringIO(out))}
    first = rows["9007199254740993"]
    assert (first["customer_name"], first["customer_org"]) == ("'=1+1", "'" + HYPERLINK)
    assert first["phone_number"] == "0330001234"
    second = rows["0012345678901234"]
    assert (second["customer_name"], second["customer_org"]) == ("'@SUM(1+1)", "x;=2+2 y =3+3")
    assert rows["call-3"]["customer_name"] == "'-2+3"
    assert rows["call-3"]["phone_number"] == "'+1 202-555-0100"
    calls = stored(hostile)
    for call_id, row in rows.items():
        assert datetime.fromisoformat(row["received_at"]) == datetime.fromisoformat(
            calls[call_id]["received_at"]).replace(microsecond=0)
        assert row["received_at"].endswith("+09:00"), "the office's time zone"


def test_history_xlsx_keeps_every_digit_and_runs_no_formula(
    hostile: Running, hostile_cli: Cli, tmp_path: Path
) -> None:
    path = tmp_path / "calls.xlsx"
    assert hostile_cli.ok("history", "--xlsx", str(path)).strip() == f"wrote 3 calls to {path}"
    rows = workbook_rows(path)
    assert [cell.value for cell in rows[0]] == list(HISTORY_FIELDS)
    calls = stored(hostile)
    by_id = {row["call_id"].value: row for row in as_dicts(rows)}
    assert list(by_id) == ["call-3", "0012345678901234", "9007199254740993"], "newest first"
    for call in HOSTILE:
        row = by_id[call.call_id]
        for field, value in (("call_id", call.call_id), ("phone_number", call.number),
                             ("customer_name", call.name), ("customer_org", call.company)):
            assert (row[field].value, row[field].data_type) == (value, "s"), field
        record = calls[call.call_id]
        assert row["caller"].value == record["caller"] and row["caller"].data_type == "s"
        assert row["received_at"].value == office_time(record["received_at"])
        assert row["received_at"].is_date
        assert row["latency_ms"].data_type == "n"
        assert row["latency_ms"].value == pytest.approx(record["latency_ms"])
        assert json.loads(row["raw_body"].value)["callId"] == call.call_id


def test_history_xlsx_that_cannot_be_written_is_one_line(cli: Cli, tmp_path: Path) -> None:
    result = cli.run("history", "--xlsx", str(tmp_path / "missing" / "calls.xlsx"))
    assert result.returncode == 1
    assert result.stderr.startswith("callgate: error: cannot write")
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) == 1


def test_rules_csv_runs_no_formula_and_imports_back(cli: Cli, tmp_path: Path) -> None:
    cli.ok("block", "+1 202-555-0100", "--note", "-call back later")
    cli.ok("block", "+1*", "--note", "=cmd|' /C calc'!A0")
    cli.ok("allow", "03-3000-1234", "--note", "@home")
    cli.ok("block", "0901112222", "--note", "'=quoted already")
    cli.ok("allow", "--name", "=HYPERLINK(\"x\")", "--note", "+1 for them")
    exported = cli.ok("rules", "--csv")
    rows = {row["number"]: row for row in csv.DictReader(io.StringIO(exported))}
    assert rows["'+1 202-555-0100"]["note"] == "'-call back later"
    assert rows["'+1*"]["note"] == "'=cmd|' /C calc'!A0"
    assert rows["03-3000-1234"]["note"] == "'@home"
    assert rows["0901112222"]["note"] == "''=quoted already"
    assert rows["'=HYPERLINK(\"x\")"]["note"] == "'+1 for them"

    path = tmp_path / "rules.csv"
    path.write_text(exported, encoding="utf-8")
    other = Cli(tmp_path / "other", cli.port)
    assert "imported 5 rules" in other.ok("import-rules", str(path))

    def comparable(rules: list[dict[str, Any]]) -> set[tuple[Any, ...]]:
        return {(r["kind"], r["number"], r["action"], r["note"], r["expires_at"], r["once"])
                for r in rules}

    assert comparable(other.rules()) == comparable(cli.rules())


# ---------------------------------------------------------------------------------------------
# The console's export


@pytest.fixture
def view(qtbot: QtBot, hostile: Running) -> Iterator[HistoryView]:
    """The history tab over a session to the hostile listener (every message through JSON)."""
    owner = QObject()  # goes at the end, on this thread, with the session
    session = attached_session(qtbot, hostile.listener, owner)
    widget = HistoryView(session)
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitUntil(lambda: widget.model.rowCount() == len(HOSTILE), timeout=5000)
    yield widget
    widget.export.cancel()
    session.close()


def export_through_the_dialog(qtbot: QtBot, view: HistoryView, path: Path,
                              name_filter: str | None = None) -> QFileDialog:
    """Click Export…, pick a file type (or keep the one offered), type a name and save."""
    view.export_button.click()
    dialog = view.export_dialog
    assert dialog is not None and dialog.isVisible()
    if name_filter is not None:
        chosen = next(f for f in dialog.nameFilters() if name_filter in f)
        dialog.selectNameFilter(chosen)
        dialog.filterSelected.emit(chosen)
    dialog.selectFile(str(path))
    dialog.accept()
    qtbot.waitUntil(lambda: "Exported" in view.status_label.text(), timeout=10_000)
    return dialog


def test_the_dialog_offers_a_workbook_first_and_a_csv(
    qtbot: QtBot, view: HistoryView, hostile: Running, tmp_path: Path
) -> None:
    view.export_button.click()
    dialog = view.export_dialog
    assert dialog is not None
    assert [f.split(" (")[1] for f in dialog.nameFilters()] == ["*.xlsx)", "*.csv)"]
    assert dialog.selectedNameFilter() == dialog.nameFilters()[0]
    assert dialog.defaultSuffix() == "xlsx"
    dialog.reject()

    export_through_the_dialog(qtbot, view, tmp_path / "calls")
    rows = as_dicts(workbook_rows(tmp_path / "calls.xlsx"))
    calls = stored(hostile)
    assert [row["Call ID"].value for row in rows] == [c.call_id for c in reversed(HOSTILE)]
    for row, call in zip(rows, reversed(HOSTILE), strict=True):
        for column, value in (("Call ID", call.call_id), ("Number as sent", call.number),
                              ("Customer", call.name), ("Company", call.company)):
            assert (row[column].value, row[column].data_type) == (value, "s"), column
        assert row["Received"].value == office_time(calls[call.call_id]["received_at"])
        assert row["Latency (ms)"].data_type == "n"
    assert rows[1]["Number"].value == "0901112222"


def test_the_csv_filter_writes_a_csv(qtbot: QtBot, view: HistoryView, tmp_path: Path) -> None:
    export_through_the_dialog(qtbot, view, tmp_path / "calls", name_filter="*.csv")
    raw = (tmp_path / "calls.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with a BOM, for Excel"
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [row["Customer"] for row in rows] == ["'-2+3", "'@SUM(1+1)", "'=1+1"]
    assert rows[2]["Company"] == "'" + HYPERLINK
    assert rows[2]["Call ID"] == "9007199254740993"


def test_a_typed_suffix_names_the_file_type(
    qtbot: QtBot, view: HistoryView, tmp_path: Path
) -> None:
    export_through_the_dialog(qtbot, view, tmp_path / "calls.csv")  # the workbook filter is on
    assert (tmp_path / "calls.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert not (tmp_path / "calls.csv.xlsx").exists()


# ---------------------------------------------------------------------------------------------
# The workbook writer's limits


def test_a_cancelled_workbook_leaves_no_file(tmp_path: Path) -> None:
    stop = threading.Event()
    stop.set()
    rows = ([str(n)] for n in range(3 * PROGRESS_EVERY))
    with pytest.raises(ExportCancelled):
        write_table(tmp_path / "calls.xlsx", TableFormat.XLSX, ["n"], rows, cancelled=stop)
    assert list(tmp_path.iterdir()) == [], "half a history must not pass for all of it"


def test_rows_past_a_sheet_go_on_in_the_next_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workbook, "SHEET_ROWS", 3)  # Excel's is 1,048,576, the header included
    path = tmp_path / "calls.xlsx"
    assert write_table(path, TableFormat.XLSX, ["n"], ([str(n)] for n in range(5))) == 5
    book = openpyxl.load_workbook(path)
    assert [[row[0] for row in sheet.iter_rows(values_only=True)] for sheet in book] == [
        ["n", "0", "1"], ["n", "2", "3"], ["n", "4"]]


def test_text_longer_than_a_cell_holds_is_cut_with_a_mark(tmp_path: Path) -> None:
    path = tmp_path / "calls.xlsx"
    write_table(path, TableFormat.XLSX, ["raw_body"], [["{" + "あ" * 40_000 + "}"]])
    value = workbook_rows(path)[1][0].value
    assert isinstance(value, str)
    assert len(value) == workbook.CELL_CHARACTERS and value.endswith("…")


# ---------------------------------------------------------------------------------------------
# Point 19: the dialog opens in the user's documents, then where the last export went


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A user's home folder of its own, with no user-dirs.dirs: documents are ~/Documents."""
    folder = tmp_path / "home"
    folder.mkdir()
    monkeypatch.setenv("HOME", str(folder))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder / ".config"))
    return folder


def dialog_folder(view: HistoryView) -> Path:
    view.export_button.click()
    dialog = view.export_dialog
    assert dialog is not None
    folder = Path(dialog.directory().absolutePath())
    dialog.reject()
    return folder


def test_the_dialog_opens_in_the_documents_folder(view: HistoryView, home: Path) -> None:
    (home / "Documents").mkdir()
    assert dialog_folder(view) == home / "Documents"


def test_without_a_documents_folder_it_opens_at_home_not_here(
    view: HistoryView, home: Path
) -> None:
    assert dialog_folder(view) == home
    assert dialog_folder(view) != Path.cwd()


def test_the_dialog_remembers_the_last_folder_of_the_session(
    qtbot: QtBot, view: HistoryView, home: Path, tmp_path: Path
) -> None:
    (home / "Documents").mkdir()
    elsewhere = tmp_path / "reports"
    elsewhere.mkdir()
    export_through_the_dialog(qtbot, view, elsewhere / "calls")
    assert dialog_folder(view) == elsewhere


def test_a_csv_whose_rows_stop_coming_leaves_no_file(tmp_path: Path) -> None:
    """The console's export gets its rows page by page; a page that cannot be read ends it."""
    def rows() -> Iterator[list[str]]:
        yield ["0330001234"]
        raise OSError("the history could not be read")

    path = tmp_path / "calls.csv"
    with pytest.raises(OSError, match="could not be read"):
        write_table(path, TableFormat.CSV, ["number"], rows())
    assert list(tmp_path.iterdir()) == [], "half a history must not pass for all of it"
