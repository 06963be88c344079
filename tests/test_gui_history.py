"""The history view: paging a large history in, searching, filtering, sorting, exporting, rules,
over the console's session to the real listener (every message through its JSON form); and the
history's queries in storage that make it quick."""

from __future__ import annotations

import csv
import io
import json
import time
from collections.abc import Iterator
from dataclasses import asdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from conftest import post, sample
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from session_fixtures import webhook_url
from sqlite_utils import Database

from gui import present
from gui.history import (
    CALL_ID_ROLE,
    CHUNK,
    Column,
    HistoryModel,
    HistoryView,
)
from gui.session import ConsoleSession
from screening.call import Call
from screening.messages import Message
from screening.mode import Mode
from screening.policy import Decision, Reason, Verdict
from server.listener import Listener
from server.protocol import messages as protocol
from server.protocol.messages import HistoryQuery
from storage import cards
from storage import search as search_module
from storage.calls import CallHistory, CallRecord
from storage.database import migrations, open_database, writing
from storage.history_filter import SORT_COLUMNS, HistoryFilter, order_by
from storage.leftovers import stopped
from storage.search import Search

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")

SUZUKI = "+81330001234"  # the reference example's caller, 03-3000-1234
TOKYO = ZoneInfo("Asia/Tokyo")  # the office's time zone by default
START = datetime(2025, 1, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    """The history's database, to record calls in as the listener does."""
    database = open_database(db_path)
    yield database
    database.close()


def body(
    call_id: str,
    number: str | None = "0330001234",
    *,
    family: str = "鈴木",
    family_kana: str = "スズキ",
    personal: str = "一郎",
    personal_kana: str = "イチロウ",
    org: str = "エーアイ化粧品株式会社",
    org_kana: str = "エーアイケショウヒンカブシキガイシャ",
    customer: bool = True,
) -> dict[str, Any]:
    """The reference example with another caller."""
    data = sample("seed_incoming_call.json")
    data["callId"] = call_id
    data["phoneNumber"] = number if number is not None else ""
    if not customer:
        del data["customer"]
        return data
    data["customer"].update({
        "familyName": family, "familyNameKana": family_kana, "middleName": "",
        "middleNameKana": "", "personalName": personal, "personalNameKana": personal_kana,
        "orgName": org, "orgNameKana": org_kana, "phoneNumbers": [number] if number else [],
    })
    return data


def record(
    db: Database,
    data: dict[str, Any],
    received: datetime,
    decision: Decision = Decision.ACCEPT,
    reason: Reason = Reason.MODE,
    latency_ms: float = 2.0,
) -> None:
    """Store a call the way the listener does."""
    call = Call.from_payload(data, "fallback")
    raw = json.dumps(data, ensure_ascii=False)
    stamp = received.isoformat(timespec="milliseconds")
    verdict = Verdict(decision, reason, Message.text(f"{reason} decided"))
    CallHistory(db).record(CallRecord.of(call, verdict, stamp, latency_ms, raw))


def record_before_company_kana(db: Database, data: dict[str, Any], received: datetime) -> None:
    """Store a call as callgate did before migration 0007 (no column for the company's kana,
    nor for the deciding desk of migration 0012)."""
    call = Call.from_payload(data, "fallback")
    verdict = Verdict(Decision.ACCEPT, Reason.MODE,
                      Message("detail.mode", (Mode.ACCEPT_ALL.message,)))
    stored = asdict(CallRecord.of(call, verdict, received.isoformat(timespec="milliseconds"),
                                  2.0, json.dumps(data, ensure_ascii=False)))
    del stored["customer_org_kana"], stored["decided_by"]
    db.table("calls").insert(stored)


@pytest.fixture
def office(db: Database) -> Database:
    """A small history with the callers the search tests look for, one call a day from START."""
    calls: list[tuple[dict[str, Any], Decision, Reason, float]] = [
        (body("c01"), Decision.ACCEPT, Reason.MODE, 1.5),
        (body("c02", "09012345678", family="田中", family_kana="タナカ", personal="花子",
              personal_kana="ハナコ", org="さくら商事株式会社",
              org_kana="サクラショウジカブシキガイシャ"),
         Decision.REJECT, Reason.RULE, 0.8),
        (body("c03", "0355550000", customer=False), Decision.ACCEPT, Reason.PERSON, 4200.0),
        (body("c04", None, customer=False), Decision.REJECT, Reason.WITHHELD, 1.1),
        (body("c05", "0663001234", family="山田", family_kana="ヤマダ", personal="太郎",
              personal_kana="タロウ", org="富士物産", org_kana="フジブッサン"),
         Decision.ACCEPT, Reason.TIMEOUT, 10000.0),
        (body("c06"), Decision.REJECT, Reason.PERSON, 3100.0),
        (body("c07", "+81 3-3000-1299", customer=False), Decision.ACCEPT, Reason.MODE, 2.2),
    ]
    for day, (data, decision, reason, latency) in enumerate(calls):
        record(db, data, START + timedelta(days=day), decision, reason, latency)
    return db


def bulk(db: Database, count: int, start: datetime = START) -> None:
    """Many calls at once, newer with every id (the per-call path is for the listener), and the
    search dictionary made anew from them, as migration 0015 makes it for the calls before."""
    rows = []
    for n in range(count):
        number = f"03{n:08d}"
        rows.append({
            "call_id": f"bulk-{n}",
            "received_at": (start + timedelta(minutes=n)).isoformat(timespec="milliseconds"),
            "phone_number": number, "caller": "+81" + number[1:],
            "customer_name": f"佐藤 {n}", "customer_kana": "サトウ", "customer_org": "青葉運輸",
            "operator_name": "コミュボ", "scenario_id": "", "call_type": "0",
            "decision": "reject" if n % 3 == 0 else "accept", "reason": "mode", "detail": "",
            "rule_id": None, "latency_ms": float(n % 50), "repeats": 0,
            "raw_body": json.dumps({"callId": f"bulk-{n}", "phoneNumber": number}),
        })
    db.table("calls").insert_all(rows, batch_size=500)
    with writing(db):
        cards.rebuild(db)


def opened(qtbot: QtBot, session: ConsoleSession) -> HistoryView:
    """The history tab on the history as it is, its first page in."""
    widget = HistoryView(session)
    qtbot.addWidget(widget)
    settled(widget.model)
    return widget


@pytest.fixture
def view(qtbot: QtBot, office: Database, session: ConsoleSession) -> HistoryView:
    widget = opened(qtbot, session)
    widget.resize(1200, 700)
    widget.show()
    return widget


def settled(model: HistoryModel, *, counted: bool = True) -> HistoryModel:
    """Once the pages asked for are in (and, `counted`, the count is known): the listener
    answers on its own threads, the model never waits for it."""
    deadline = time.monotonic() + 10
    while model.busy or (counted and not model.count_progress()[1]):
        assert time.monotonic() < deadline, "the history did not settle within 10 s"
        QTest.qWait(5)
    return model


def fetch(model: HistoryModel) -> None:
    """Scroll on by a page, as a view does at the bottom."""
    model.fetchMore()
    settled(model, counted=False)


def column(model: HistoryModel, col: Column) -> list[str]:
    settled(model)
    return [model.data(model.index(row, col)) for row in range(model.rowCount())]


def call_ids(view: HistoryView) -> list[str]:
    model = settled(view.model)
    return [model.data(model.index(row, 0), CALL_ID_ROLE) for row in range(model.rowCount())]


def search(view: HistoryView, text: str) -> list[str]:
    view.search_field.setText(text)
    view.apply_filter()
    return call_ids(view)


def model_of(qtbot: QtBot, session: ConsoleSession, chunk: int = CHUNK) -> HistoryModel:
    """A model of its own (the session owns it, so it goes with the session, on this thread)."""
    model = HistoryModel(session, session, chunk=chunk)
    return settled(model)


# --- The model -----------------------------------------------------------------------------------


def test_model_passes_the_model_tester(
    qtbot: QtBot, qtmodeltester: ModelTester, office: Database, session: ConsoleSession
) -> None:
    bulk(office, 30)
    model = model_of(qtbot, session, chunk=10)
    qtmodeltester.check(model)  # type: ignore[no-untyped-call]
    settled(model)
    assert model.rowCount() >= 10


def test_model_passes_the_model_tester_empty(
    qtbot: QtBot, qtmodeltester: ModelTester, db: Database, session: ConsoleSession
) -> None:
    model = model_of(qtbot, session)
    qtmodeltester.check(model)  # type: ignore[no-untyped-call]
    assert model.rowCount() == 0
    assert not model.canFetchMore()


def test_rows_page_in_with_fetch_more(
    qtbot: QtBot, db: Database, session: ConsoleSession
) -> None:
    bulk(db, 1000)
    model = model_of(qtbot, session)
    assert model.rowCount() == CHUNK
    assert model.count_progress() == (1000, True)
    fetched = [model.rowCount()]
    while model.canFetchMore():
        fetch(model)
        fetched.append(model.rowCount())
    assert fetched == [200, 400, 600, 800, 1000]
    assert not model.canFetchMore()
    # The snapshot bound covers everything recorded.
    assert model.shown_query().upto_id == CallHistory(db).last_id()
    names = column(model, Column.CUSTOMER)
    assert names[0] == "佐藤 999" and names[-1] == "佐藤 0"  # newest first
    assert len(set(names)) == 1000


def test_scrolling_to_the_bottom_fetches_more(
    qtbot: QtBot, db: Database, session: ConsoleSession
) -> None:
    bulk(db, 1000)
    view = opened(qtbot, session)
    view.resize(900, 500)
    view.show()
    qtbot.waitExposed(view)
    assert view.model.rowCount() == CHUNK
    view.table.scrollToBottom()
    qtbot.waitUntil(lambda: view.model.rowCount() > CHUNK, timeout=3000)


@pytest.mark.parametrize("stop_before", [
    "0002_history_browsing_index", "0003_history_sort_indexes",
])
def test_an_older_database_gets_the_history_indexes(db_path: Path, stop_before: str) -> None:
    plain = Database(db_path)
    migrations.apply(plain, stop_before=stop_before)
    record_before_company_kana(plain, body("old"), START)
    plain.close()
    db = open_database(db_path)
    indexes = {index.name for index in db.table("calls").indexes}
    assert {"idx_calls_history", "idx_calls_by_caller", "idx_calls_by_latency_ms"} <= indexes
    assert "idx_calls_received_at" not in indexes and "idx_calls_caller" not in indexes
    assert [row["call_id"] for row in CallHistory(db).page(HistoryFilter(text="03-3000"))] == [
        "old"]
    db.close()


def test_the_view_opens_on_the_newest_calls(view: HistoryView) -> None:
    assert call_ids(view) == ["c07", "c06", "c05", "c04", "c03", "c02", "c01"]
    model = view.model
    assert model.data(model.index(1, Column.NUMBER)) == "03-3000-1234"
    assert model.data(model.index(0, Column.NUMBER)) == "03-3000-1299"
    assert model.data(model.index(3, Column.NUMBER)) == "非通知 / withheld"
    assert model.data(model.index(1, Column.CUSTOMER)) == "鈴木 一郎"
    assert model.data(model.index(1, Column.COMPANY)) == "エーアイ化粧品株式会社"
    assert model.data(model.index(1, Column.DECISION)) == "Rejected"
    assert model.data(model.index(1, Column.REASON)) == "by a person"
    assert model.data(model.index(2, Column.LATENCY)) == QLocale().toString(10000.0, "f", 1)
    received = model.data(model.index(6, Column.RECEIVED))
    assert received == present.moment_text(START, present.Style.SECONDS)
    assert received.endswith(" 21:00:00")  # 12:00 UTC on the office's clock, with seconds
    assert view.count_label.text() == "7 calls"


# --- Search --------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "03-3000-1234", "0330001234", "+81 3 3000 1234", "+81330001234", "(03) 3000-1234",
    "０３－３０００－１２３４", "03-3000-123",
])
def test_search_finds_a_number_however_it_is_written(view: HistoryView, text: str) -> None:
    assert search(view, text) == ["c06", "c01"]


def test_search_by_part_of_a_number(view: HistoryView) -> None:
    assert search(view, "03-3000") == ["c07", "c06", "c01"]
    assert search(view, "3000-1234") == ["c06", "c01"]
    assert search(view, "5555") == ["c03"]
    assert search(view, "090") == ["c02"]
    assert search(view, "1234") == ["c06", "c05", "c02", "c01"]


@pytest.mark.parametrize(("text", "expected"), [
    ("鈴木", ["c06", "c01"]),
    ("鈴木一郎", ["c06", "c01"]),  # typed without the space the stored name has
    ("鈴木 一郎", ["c06", "c01"]),
    ("スズキ", ["c06", "c01"]),
    ("すずき", ["c06", "c01"]),  # hiragana finds the stored katakana
    ("ｽｽﾞｷ", ["c06", "c01"]),  # half-width kana too
    ("花子", ["c02"]),
    ("エーアイ化粧品", ["c06", "c01"]),
    ("さくら商事", ["c02"]),
    ("物産", ["c05"]),
    ("山田 富士", ["c05"]),  # every word must match, in any field
    ("山田 さくら", []),
    ("100%", []),  # LIKE wildcards are searched for, not obeyed
    ("_", []),
])
def test_search_by_name_kana_or_company(view: HistoryView, text: str, expected: list[str]) -> None:
    assert search(view, text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("サクラショウジ", ["c02"]),
    ("さくらしょうじ", ["c02"]),  # hiragana finds the company's stored katakana
    ("ｻｸﾗｼｮｳｼﾞ", ["c02"]),  # half-width kana too
    ("ふじぶっさん", ["c05"]),
    ("ケショウヒン", ["c06", "c01"]),
    ("ソフトフロント", []),  # the AI operator's company kana is not the caller's
])
def test_search_finds_a_company_by_its_kana(
    view: HistoryView, text: str, expected: list[str]
) -> None:
    assert search(view, text) == expected


def test_a_company_kana_search_reads_its_cards_calls_alone(office: Database) -> None:
    assert by_cards(query_plan(office, HistoryFilter(text="さくらしょうじ")))


def test_an_older_history_gets_the_company_kana_from_what_commubo_sent(db_path: Path) -> None:
    """Calls recorded before the history kept the company's kana are found by it after the
    upgrade: migration 0007 takes it from each stored body."""
    plain = Database(db_path)
    migrations.apply(plain, stop_before="0007_company_kana")
    assert "customer_org_kana" not in plain.table("calls").columns_dict
    record_before_company_kana(plain, body("sakura", "09012345678", org="さくら商事株式会社",
                                           org_kana="サクラショウジカブシキガイシャ"), START)
    record_before_company_kana(plain, body("unknown", "0355550000", customer=False),
                               START + timedelta(minutes=1))
    refused = {"call_id": "refused", "received_at": "2025-01-01T12:02:00.000+00:00",
               "phone_number": "", "decision": "accept", "reason": "refused",
               "raw_body": '{"customer": {"orgNameKana": "ミカン'}  # cut off: no JSON
    plain.table("calls").insert(refused)
    plain.close()

    db = open_database(db_path)
    try:
        kana = {row["call_id"]: row["customer_org_kana"] for row in db.table("calls").rows}
        assert kana == {"sakura": "サクラショウジカブシキガイシャ", "unknown": "", "refused": ""}
        history = CallHistory(db)
        assert [row["call_id"] for row in history.page(HistoryFilter(text="さくらしょうじ"))] == [
            "sakura"]
        assert [row["call_id"] for row in history.page(HistoryFilter(text="ソフトフロント"))] == []
        assert by_cards(query_plan(db, HistoryFilter(text="さくらしょうじ")))
    finally:
        db.close()


def test_search_waits_for_a_pause_in_typing(qtbot: QtBot, view: HistoryView) -> None:
    view.search_field.setText("田中")
    assert view.model.rowCount() == 7
    assert not view.model.busy, "nothing asked while typing"
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=3000)
    view.search_field.clear()
    qtbot.waitUntil(lambda: view.model.rowCount() == 7, timeout=3000)


# --- Filters and sort ----------------------------------------------------------------------------


def test_filter_by_decision_and_reason(view: HistoryView) -> None:
    view.decision_combo.setCurrentIndex(view.decision_combo.findData("reject"))
    assert call_ids(view) == ["c06", "c04", "c02"]
    view.reason_combo.setCurrentIndex(view.reason_combo.findData("person"))
    assert call_ids(view) == ["c06"]
    view.decision_combo.setCurrentIndex(0)
    assert call_ids(view) == ["c06", "c03"]
    assert view.count_label.text() == "2 calls"
    assert view.decision_combo.itemText(0) == "Any decision"


def test_filter_by_date_range(view: HistoryView) -> None:
    # Calls are at noon UTC on Jan 1..7; local days are within ±14 h, so Jan 3..5 are safe.
    view.from_date.setDate(QDate(2025, 1, 3))
    view.to_date.setDate(QDate(2025, 1, 5))
    assert not view.from_date.isEnabled()
    view.from_check.setChecked(True)
    assert view.from_date.isEnabled()
    assert call_ids(view) == ["c07", "c06", "c05", "c04", "c03"]
    view.to_check.setChecked(True)
    assert call_ids(view) == ["c05", "c04", "c03"]
    view.from_check.setChecked(False)
    assert call_ids(view) == ["c05", "c04", "c03", "c02", "c01"]
    view.to_date.setDate(QDate(2025, 1, 1))
    assert call_ids(view) == ["c01"]


def test_filter_and_search_combine(view: HistoryView) -> None:
    view.decision_combo.setCurrentIndex(view.decision_combo.findData("accept"))
    assert search(view, "03-3000-1234") == ["c01"]


def test_sort_by_a_column_reloads_in_sql_order(view: HistoryView) -> None:
    view.table.sortByColumn(Column.LATENCY, Qt.SortOrder.DescendingOrder)
    assert call_ids(view) == ["c05", "c03", "c06", "c07", "c01", "c04", "c02"]
    view.table.sortByColumn(Column.CUSTOMER, Qt.SortOrder.AscendingOrder)
    names = column(view.model, Column.CUSTOMER)
    # By the kana reading (unknown callers first): スズキ, タナカ, ヤマダ.
    assert [name for name in names if name] == ["鈴木 一郎", "鈴木 一郎", "田中 花子", "山田 太郎"]
    assert view.model.order() == ("customer_reading", False)
    view.table.sortByColumn(Column.RECEIVED, Qt.SortOrder.AscendingOrder)
    assert call_ids(view) == ["c01", "c02", "c03", "c04", "c05", "c06", "c07"]


def test_sorting_pages_through_every_row_once(
    qtbot: QtBot, db: Database, session: ConsoleSession
) -> None:
    bulk(db, 450)
    model = model_of(qtbot, session)
    model.sort(Column.LATENCY, Qt.SortOrder.AscendingOrder)
    settled(model)
    while model.canFetchMore():
        fetch(model)
    assert model.rowCount() == 450
    latencies = [float(text) for text in column(model, Column.LATENCY)]
    assert latencies == sorted(latencies)
    assert len({model.row_id(row) for row in range(450)}) == 450


# --- Storage queries ----------------------------------------------------------------------------


def test_filter_bounds_are_normalised_to_the_stored_form() -> None:
    tokyo = datetime(2025, 1, 2, 9, 0, tzinfo=UTC).astimezone(
        datetime.fromisoformat("2025-01-01T00:00+09:00").tzinfo)
    assert HistoryFilter(received_from=tokyo).received_from == "2025-01-02T09:00:00.000+00:00"
    assert HistoryFilter(received_to="2025-01-02T18:00:00+09:00").received_to == (
        "2025-01-02T09:00:00.000+00:00")
    assert HistoryFilter(received_to="2025-01-02T09:00").received_to == (
        "2025-01-02T09:00:00.000+00:00")


def test_sort_columns_are_whitelisted(office: Database) -> None:
    history = CallHistory(office)
    with pytest.raises(ValueError, match="cannot sort"):
        history.page(HistoryFilter(), "raw_body; DROP TABLE calls")
    for name in SORT_COLUMNS:
        assert len(history.page(HistoryFilter(), name, limit=3)) == 3


def test_count_and_pages_agree(office: Database) -> None:
    history = CallHistory(office)
    rows = history.page(HistoryFilter(decision="accept"), "received_at", False, 1, 2)
    assert [row["call_id"] for row in rows] == ["c03", "c05"]
    assert "raw_body" not in rows[0]
    assert history.count_matching(HistoryFilter(decision="accept")) == 4
    assert history.count_matching(HistoryFilter(text="鈴木", upto_id=1)) == 1
    assert history.count_matching(HistoryFilter(upto_id=3)) == 3
    assert history.count_matching(HistoryFilter(upto_id=3, after_id=1)) == 2
    assert history.count_matching() == 7


def query_plan(db: Database, history_filter: HistoryFilter, order: str = "received_at") -> str:
    """What SQLite does for the ids of a first page, as CallHistory.page() asks for them."""
    if history_filter.words() and history_filter.after_id is None:
        sql, params = Search(db, history_filter).ids(order, True, 0, 200)
    else:
        where, params = history_filter.where(order)
        sql = (f"SELECT id FROM {history_filter.source()} WHERE {where} "
               f"ORDER BY {order_by(order, True)} LIMIT 200")
    return " ".join(row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}", params).fetchall())


def by_cards(plan: str) -> bool:
    """Whether a query reads the calls listed under customer cards, and nothing of the calls
    table (neither its rows nor its indexes)."""
    return ("card_calls USING PRIMARY KEY (card=?)" in plan
            and "calls" not in plan.replace("card_calls", ""))


def test_browsing_reads_indexes_never_the_table(office: Database) -> None:
    """A million calls stay quick only if no query walks the table with its raw bodies."""
    upto = CallHistory(office).last_id()
    # A few matches: the calls listed under the matching customer cards, and only those.
    assert by_cards(query_plan(office, HistoryFilter(text="鈴木", decision="accept",
                                                     upto_id=upto)))
    assert by_cards(query_plan(office, HistoryFilter(text="すずき"), "customer_reading"))
    number = query_plan(office, HistoryFilter(text="03-3000-1234", upto_id=upto))
    assert "COVERING INDEX idx_calls_by_caller (caller=?)" in number
    since = query_plan(office, HistoryFilter(text="鈴木", decision="accept", upto_id=upto,
                                              after_id=upto - 2))
    assert "USING INTEGER PRIMARY KEY (rowid>?)" in since  # a refresh counts only new calls
    filtered = query_plan(office, HistoryFilter(decision="reject", upto_id=upto), "latency_ms")
    assert "COVERING INDEX idx_calls_by_latency_ms" in filtered
    assert "TEMP B-TREE" not in filtered
    newest = query_plan(office, HistoryFilter(decision="reject", upto_id=upto))
    assert "COVERING INDEX idx_calls_by_decision (decision=?)" in newest
    assert "TEMP B-TREE" not in newest


def test_a_search_most_calls_match_walks_the_history_in_order(db: Database) -> None:
    """When most calls match, the first page is found by walking the covering index newest
    first and stopping after it: no sort of every match."""
    bulk(db, 1000)
    upto = CallHistory(db).last_id()
    walked = query_plan(db, HistoryFilter(text="佐藤", decision="accept", upto_id=upto))
    assert "SCAN calls USING COVERING INDEX idx_calls_history" in walked
    assert "TEMP B-TREE" not in walked


def first_shown(qtbot: QtBot, view: HistoryView, text: str) -> tuple[int, tuple[int, bool], str]:
    """Search for `text`: the rows, the count's progress and the count's words as the first
    page came (before any count that came after it)."""
    view.search_field.setText(text)
    shown: list[tuple[int, tuple[int, bool], str]] = []

    def page_shown() -> None:
        shown.append((view.model.rowCount(), view.model.count_progress(),
                      view.count_label.text()))

    view.model.loaded.connect(page_shown)
    with qtbot.waitSignal(view.model.loaded, timeout=5000):
        view.apply_filter()
    view.model.loaded.disconnect(page_shown)
    return shown[0]


def test_a_search_shows_its_count_with_its_first_page(
    qtbot: QtBot, db: Database, session: ConsoleSession
) -> None:
    bulk(db, 1000)
    view = opened(qtbot, session)
    rows, progress, said = first_shown(qtbot, view, "佐藤")
    assert rows == CHUNK
    assert progress == (1000, True)
    assert said == f"{QLocale().toString(1000)} calls"


def test_a_big_filtered_search_is_counted_while_its_first_page_shows(
    qtbot: QtBot, db: Database, session: ConsoleSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    bulk(db, 1000)
    # Counting the search's calls that were let through reads their entries, one by one:
    # here too many to count before the page goes.
    monkeypatch.setattr(search_module, "COUNT_WITH_PAGE", 100)
    view = opened(qtbot, session)
    view.decision_combo.setCurrentIndex(view.decision_combo.findData("accept"))
    settled(view.model)
    rows, progress, said = first_shown(qtbot, view, "佐藤")
    assert rows == CHUNK  # the first page is there before the count
    assert progress == (CHUNK, False)
    assert "counting" in said
    qtbot.waitUntil(lambda: view.model.count_progress()[1], timeout=5000)
    assert view.model.count_progress() == (666, True)  # every third call was rejected
    assert view.count_label.text() == f"{QLocale().toString(666)} calls"
    view.search_field.setText("佐藤 99")  # fewer than a page: known at once
    with qtbot.waitSignal(view.model.loaded, timeout=5000):
        view.apply_filter()
    few = CallHistory(db).count_matching(HistoryFilter(text="佐藤 99", decision="accept"))
    assert 0 < few < CHUNK
    assert view.model.count_progress() == (few, True)


def test_a_known_count_grows_with_refresh(
    qtbot: QtBot, db: Database, session: ConsoleSession
) -> None:
    bulk(db, 500)
    view = opened(qtbot, session)
    search(view, "佐藤")
    assert view.model.count_progress() == (500, True)
    bulk_row = {"call_id": "new", "received_at": "2030-01-01T00:00:00.000+00:00",
                "phone_number": "0300000001", "customer_name": "佐藤 新",
                "decision": "accept", "reason": "mode", "raw_body": "{}"}
    db.table("calls").insert(bulk_row)
    view.refresh()
    settled(view.model)
    assert view.model.count_progress() == (501, True)
    assert call_ids(view)[0] == "new"


def test_fetching_everything_ends_the_count(
    qtbot: QtBot, db: Database, session: ConsoleSession
) -> None:
    bulk(db, 450)
    model = model_of(qtbot, session)
    # As the first page came: the count, asked for then, may be back by the time the wait ends.
    progress: list[tuple[int, bool]] = []
    model.loaded.connect(lambda: progress.append(model.count_progress()))
    with qtbot.waitSignal(model.loaded, timeout=5000):
        model.set_filter(HistoryQuery(decision=Decision.ACCEPT))
    assert progress[0] == (CHUNK, False)
    fetch(model)
    settled(model)
    assert model.count_progress() == (300, True)


# --- Detail pane and rules -----------------------------------------------------------------------


def test_the_detail_pane_shows_the_call_and_its_payload(
    qtbot: QtBot, view: HistoryView
) -> None:
    assert view.payload_view.toPlainText() == ""
    view.select_row(1)  # c06, 鈴木
    qtbot.waitUntil(lambda: view.payload_view.toPlainText() != "", timeout=5000)
    payload = view.payload_view.toPlainText()
    assert '"familyName": "鈴木"' in payload  # Japanese kept, not \u escapes
    assert '\n  "customer": {' in payload  # indented
    assert json.loads(payload)["callId"] == "c06"
    document = view.payload_view.document()
    assert document.lineCount() == document.blockCount(), "a value cut in two by wrapping"
    fields = {key: label.text() for key, label in view.detail_fields.items()}
    assert fields["customer"] == "鈴木 一郎 (スズキ イチロウ)"
    assert fields["company"] == "エーアイ化粧品株式会社 (エーアイケショウヒンカブシキガイシャ)"
    assert fields["number"] == "03-3000-1234 (sent as 0330001234)"
    assert fields["decision"] == "Rejected"
    assert fields["reason"] == "by a person: person decided"
    assert fields["call_id"] == "c06"
    view.table.clearSelection()
    assert view.payload_view.toPlainText() == ""


def test_rule_buttons_ask_for_a_rule_on_the_canonical_number(
    qtbot: QtBot, view: HistoryView
) -> None:
    assert not view.block_button.isEnabled()
    view.select_row(0)  # c07, sent as "+81 3-3000-1299"
    assert view.block_button.isEnabled() and view.allow_button.isEnabled()
    with qtbot.waitSignal(view.rule_requested, timeout=1000) as blocked:
        view.block_button.click()
    assert blocked.args == ["+81330001299", "block", ""]  # an unknown caller: no name
    view.select_row(1)
    with qtbot.waitSignal(view.rule_requested, timeout=1000) as allowed:
        view.allow_button.click()
    assert allowed.args == [SUZUKI, "allow", "鈴木 一郎 (エーアイ化粧品株式会社)"]


def test_rule_buttons_are_off_for_a_withheld_caller(qtbot: QtBot, view: HistoryView) -> None:
    view.select_row(3)  # c04, withheld
    assert view.detail_fields["number"].text() == "非通知 / withheld"
    assert not view.block_button.isEnabled()
    assert not view.allow_button.isEnabled()
    with qtbot.assertNotEmitted(view.rule_requested):
        view.block_button.click()


# --- Refresh -------------------------------------------------------------------------------------


def test_refresh_shows_a_new_call_and_keeps_the_selection(
    view: HistoryView, office: Database
) -> None:
    view.select_row(2)  # c05
    record(office, body("c08", "0312345678", family="高橋", family_kana="タカハシ"),
           START + timedelta(days=30))
    assert "c08" not in call_ids(view)  # pages stay put until refresh
    view.refresh()
    assert call_ids(view)[0] == "c08"
    assert view.model.data(view.model.index(0, Column.CUSTOMER)) == "高橋 一郎"
    assert view.selected_id() == view.model.row_id(3)
    assert call_ids(view)[3] == "c05"
    assert view.detail_fields["call_id"].text() == "c05"
    assert view.count_label.text() == "8 calls"


def test_refresh_keeps_the_filter_and_the_rows_already_fetched(
    qtbot: QtBot, db: Database, session: ConsoleSession
) -> None:
    bulk(db, 500)
    view = opened(qtbot, session)
    view.decision_combo.setCurrentIndex(view.decision_combo.findData("accept"))
    model = settled(view.model)
    fetch(model)
    assert model.rowCount() == 333
    bulk_row = {"call_id": "late", "received_at": "2030-01-01T00:00:00.000+00:00",
                "phone_number": "", "decision": "accept", "reason": "mode", "raw_body": "{}"}
    db.table("calls").insert(bulk_row)
    fetch(model)  # nothing shifts under the pages while new calls come in
    assert model.rowCount() == 333
    view.refresh()
    settled(model)
    assert model.rowCount() == 334
    assert call_ids(view)[0] == "late"
    assert model.data(model.index(0, Column.CUSTOMER)) == ""


# --- Export -------------------------------------------------------------------------------------


def read_csv(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "UTF-8 with BOM, for Excel"
    return list(csv.reader(io.StringIO(raw[3:].decode("utf-8"), newline="")))


def exported(qtbot: QtBot, view: HistoryView, path: Path) -> int:
    """What is shown, exported as the button does (on the worker); the rows written."""
    with qtbot.waitSignal(view.export.finished, timeout=30_000) as done:
        view.export_to(str(path))
    assert done.args is not None
    written: int = done.args[0]
    return written


def test_export_writes_every_matching_row_in_the_shown_order(
    tmp_path: Path, qtbot: QtBot, db: Database, session: ConsoleSession,
    monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("gui.history.export.PAGE", 100)  # the rows come in several pages
    bulk(db, 1000)
    record(db, body("suzuki"), START + timedelta(days=400), Decision.REJECT, Reason.RULE)
    view = opened(qtbot, session)
    view.decision_combo.setCurrentIndex(view.decision_combo.findData("reject"))
    view.table.sortByColumn(Column.RECEIVED, Qt.SortOrder.AscendingOrder)
    settled(view.model)
    assert view.model.rowCount() == CHUNK  # only one page fetched
    path = tmp_path / "history.csv"
    assert exported(qtbot, view, path) == 335
    rows = read_csv(path)
    header, data = rows[0], rows[1:]
    assert header[:7] == ["Received", "Number", "Customer", "Company", "Decision", "Reason",
                          "Latency (ms)"]
    assert len(data) == 335 == view.model.count_progress()[0]
    assert len({row[header.index("Call ID")] for row in data}) == 335, "each call once"
    assert {row[4] for row in data} == {"Rejected"}
    ids = [row[header.index("Call ID")] for row in data]
    assert ids[:3] == ["bulk-0", "bulk-3", "bulk-6"] and ids[-1] == "suzuki"
    last = dict(zip(header, data[-1], strict=True))
    assert last["Customer"] == "鈴木 一郎"
    assert last["Kana"] == "スズキ イチロウ"
    assert last["Company"] == "エーアイ化粧品株式会社"
    assert last["Number"] == "03-3000-1234"
    assert last["Number as sent"] == "0330001234"
    assert last["Received (UTC)"] == (START + timedelta(days=400)).isoformat(
        timespec="milliseconds")
    office = (START + timedelta(days=400)).astimezone(TOKYO)
    assert last["Received"] == office.strftime("%Y-%m-%d %H:%M:%S"), "the office's time zone"


def test_export_follows_the_search(tmp_path: Path, qtbot: QtBot, view: HistoryView) -> None:
    search(view, "すずき")
    path = tmp_path / "suzuki.csv"
    assert exported(qtbot, view, path) == 2
    rows = read_csv(path)
    assert [row[2] for row in rows[1:]] == ["鈴木 一郎", "鈴木 一郎"]
    assert view.status_label.text() == f"Exported 2 calls to {path}"
    search(view, "田中")
    assert exported(qtbot, view, path) == 1
    assert view.status_label.text() == f"Exported 1 call to {path}"


def test_the_export_button_asks_for_a_file_without_blocking(
    tmp_path: Path, qtbot: QtBot, view: HistoryView
) -> None:
    view.export_button.click()  # returns at once: the dialog is open(), not exec()
    dialog = view.export_dialog
    assert dialog is not None and dialog.isVisible()
    path = tmp_path / "chosen.csv"
    dialog.fileSelected.emit(str(path))
    dialog.reject()
    assert view.export_dialog is None
    qtbot.waitUntil(lambda: "Exported" in view.status_label.text(), timeout=5000)
    assert len(read_csv(path)) == 1 + 7
    assert "7" in view.status_label.text() and str(path) in view.status_label.text()


def test_an_export_that_cannot_write_says_so(
    tmp_path: Path, qtbot: QtBot, view: HistoryView
) -> None:
    view.export_to(str(tmp_path / "missing" / "dir" / "x.csv"))

    def shown_boxes() -> list[QMessageBox]:
        return [w for w in view.findChildren(QMessageBox) if w.isVisible()]

    qtbot.waitUntil(lambda: bool(shown_boxes()), timeout=5000)
    assert "Could not write" in shown_boxes()[0].text()
    assert view.export_button.text() == "Export…"
    shown_boxes()[0].reject()


def test_a_big_export_runs_beside_the_window_and_can_be_cancelled(
    tmp_path: Path, qtbot: QtBot, db: Database, session: ConsoleSession
) -> None:
    bulk(db, 5000)
    view = opened(qtbot, session)
    path = tmp_path / "big.csv"

    started = time.monotonic()
    view.export_to(str(path))
    assert time.monotonic() - started < 0.5, "the export must not run on the GUI thread"
    assert view.export_button.text() == "Cancel export"
    view.export_button.click()  # long before its 5,000 rows are written

    qtbot.waitUntil(lambda: "cancelled" in view.status_label.text(), timeout=5000)
    assert not path.exists(), "half a history must not pass for all of it"
    assert view.export_button.text() == "Export…"

    with qtbot.waitSignal(view.export.progress, timeout=10_000):
        view.export_to(str(path))
    qtbot.waitUntil(lambda: "Exported" in view.status_label.text(), timeout=30_000)
    assert len(read_csv(path)) == 1 + 5000


def test_received_day_boundaries_are_the_office_days(view: HistoryView) -> None:
    view.from_date.setDate(QDate(2025, 1, 4))
    view.to_date.setDate(QDate(2025, 1, 4))
    view.from_check.setChecked(True)
    view.to_check.setChecked(True)
    shown = view.model.history_query()
    office_start = datetime(2025, 1, 4, tzinfo=TOKYO)
    assert shown.received_from == office_start
    assert shown.received_to == office_start + timedelta(days=1)
    assert shown.received_from is not None and shown.received_from.utcoffset() == timedelta(0)


def test_a_call_callgate_stopped_before_answering_shows_and_filters(
    qtbot: QtBot, db: Database, session: ConsoleSession
) -> None:
    """Written from the journal at the next start: its own reason, no latency."""
    cut_off = body("cut-off")
    stamp = START.isoformat(timespec="milliseconds")
    CallHistory(db).record(stopped("cut-off", stamp, json.dumps(cut_off, ensure_ascii=False)))
    record(db, body("answered"), START + timedelta(hours=1))
    view = opened(qtbot, session)

    view.reason_combo.setCurrentIndex(view.reason_combo.findData("stopped"))

    assert call_ids(view) == ["cut-off"]
    assert column(view.model, Column.REASON) == ["callgate stopped"]
    assert column(view.model, Column.DECISION) == ["Rejected"]
    assert column(view.model, Column.LATENCY) == [""]
    assert column(view.model, Column.CUSTOMER) == ["鈴木 一郎"]


# --- New calls: only what is new is asked for, and the list stays a few pages ------------------


def new_call(db: Database, call_id: str, received: datetime, latency_ms: float = 1.0) -> None:
    db.table("calls").insert({
        "call_id": call_id, "received_at": received.isoformat(timespec="milliseconds"),
        "phone_number": "0300000001", "caller": "+81300000001", "customer_name": call_id,
        "decision": "accept", "reason": "mode", "latency_ms": latency_ms, "raw_body": "{}"})


def test_a_refresh_asks_only_for_the_calls_recorded_since(
    qtbot: QtBot, db: Database, session: ConsoleSession, monkeypatch: pytest.MonkeyPatch
) -> None:
    bulk(db, 1000)
    view = opened(qtbot, session)
    fetch(view.model)
    newest = view.model.shown_query().upto_id
    assert view.model.rowCount() == 2 * CHUNK
    for n in range(3):
        new_call(db, f"new-{n}", START + timedelta(days=10, minutes=n))
    asked: list[protocol.Command] = []
    answered: list[protocol.Result] = []
    real = session.request

    def request(command: protocol.Command, done: Any, slow: Any = None) -> None:
        def heard(result: protocol.Result) -> None:
            answered.append(result)
            done(result)

        asked.append(command)
        real(command, heard, slow)

    monkeypatch.setattr(session, "request", request)
    view.refresh()
    settled(view.model)
    pages = [command.query for command in asked if isinstance(command, protocol.HistoryPage)]
    assert [(query.after_id, query.offset) for query in pages] == [(newest, 0)]
    rows = [result.value.rows for result in answered if isinstance(result, protocol.Done)
            and isinstance(result.value, protocol.HistoryRows)]
    assert [[row.call_id for row in page] for page in rows] == [["new-2", "new-1", "new-0"]]
    assert call_ids(view)[:4] == ["new-2", "new-1", "new-0", "bulk-999"]
    assert view.model.rowCount() == 2 * CHUNK + 3
    assert view.model.count_progress() == (1003, True)


def test_a_console_open_all_day_holds_a_few_pages(
    qtbot: QtBot, db: Database, session: ConsoleSession
) -> None:
    """Issue 15: the old refresh kept, and read again, every call of the day."""
    bulk(db, 300)
    view = opened(qtbot, session)
    view.resize(1100, 600)
    view.show()
    qtbot.waitExposed(view)
    most = 0
    for batch in range(12):  # 1,200 calls while nobody looks at the history
        rows = [{"call_id": f"day-{batch}-{n}", "received_at": (
            START + timedelta(days=1, minutes=batch * 100 + n)).isoformat(timespec="milliseconds"),
            "phone_number": "", "customer_name": f"day {batch} {n}", "decision": "accept",
            "reason": "mode", "raw_body": "{}"} for n in range(100)]
        db.table("calls").insert_all(rows)
        view.refresh()
        settled(view.model)
        most = max(most, view.model.rowCount())
        assert call_ids(view)[0] == f"day-{batch}-99", "the newest call at the top"
    assert most <= 2 * CHUNK + 100, most
    assert view.model.count_progress() == (1500, True)
    while view.model.canFetchMore():  # scrolling down brings every call again, once, in order
        fetch(view.model)
    ids = call_ids(view)
    assert len(ids) == len(set(ids)) == 1500
    assert ids[:2] == ["day-11-99", "day-11-98"] and ids[-1] == "bulk-0"


def test_a_new_call_goes_where_the_shown_order_puts_it(
    qtbot: QtBot, db: Database, session: ConsoleSession
) -> None:
    bulk(db, 50)  # latencies 0 … 49 ms
    model = model_of(qtbot, session, chunk=10)
    model.sort(Column.LATENCY, Qt.SortOrder.AscendingOrder)
    settled(model)
    assert column(model, Column.LATENCY)[-1] == QLocale().toString(9.0, "f", 1)
    new_call(db, "among", START + timedelta(days=1), latency_ms=5.5)
    new_call(db, "further", START + timedelta(days=1, minutes=1), latency_ms=30.5)
    model.refresh()
    settled(model)
    shown = [model.data(model.index(row, 0), CALL_ID_ROLE) for row in range(model.rowCount())]
    assert shown[6] == "among" and "further" not in shown, "that one comes when scrolled to"
    while model.canFetchMore():
        fetch(model)
    latencies = [float(text) for text in column(model, Column.LATENCY)]
    assert latencies == sorted(latencies) and len(latencies) == 52
    ids = [model.data(model.index(row, 0), CALL_ID_ROLE) for row in range(model.rowCount())]
    assert len(set(ids)) == 52 and ids[32] == "further"


def test_calls_the_listener_decides_come_in_by_themselves(
    qtbot: QtBot, view: HistoryView, listener: Listener, db_path: Path
) -> None:
    url = webhook_url(listener, db_path)
    for n in range(3):
        assert post(url, body(f"live-{n}", "0312345678")).status == 200
    qtbot.waitUntil(lambda: view.model.rowCount() == 10, timeout=5000)
    assert call_ids(view)[:3] == ["live-2", "live-1", "live-0"]
    assert view.count_label.text() == "10 calls"


def test_scrolling_to_the_end_during_a_refresh_brings_the_next_page_after_it(
    qtbot: QtBot, db: Database, session: ConsoleSession
) -> None:
    bulk(db, 1000)
    model = model_of(qtbot, session)
    model.refresh()  # nothing new, but asked: busy until answered
    assert model.busy
    model.fetchMore()  # a view asks once, when it reaches the end
    settled(model)
    assert model.rowCount() == 2 * CHUNK


def test_a_refresh_while_the_first_page_is_on_its_way_is_not_lost(
    qtbot: QtBot, db: Database, session: ConsoleSession
) -> None:
    view = HistoryView(session)
    qtbot.addWidget(view)
    time.sleep(0.5)  # the listener has answered; the answer waits for the GUI thread
    record(db, body("meanwhile"), START)
    view.refresh()
    assert call_ids(view) == ["meanwhile"]


def test_a_hidden_history_takes_its_new_calls_in_when_it_shows(
    qtbot: QtBot, office: Database, session: ConsoleSession, listener: Listener, db_path: Path
) -> None:
    """Behind another tab nobody sees its rows: calls that come then cost it nothing until
    the tab shows, and then it has them all."""
    view = opened(qtbot, session)  # built, never shown (the Live calls tab is in front)
    url = webhook_url(listener, db_path)
    for n in range(3):
        assert post(url, body(f"hidden-{n}", "0312345678")).status == 200
    qtbot.wait(1000)  # longer than a refresh waits for more calls, and its answer
    assert view.model.rowCount() == 7 and not view.model.busy
    view.show()
    qtbot.waitUntil(lambda: view.model.rowCount() == 10, timeout=5000)
    assert call_ids(view)[:3] == ["hidden-2", "hidden-1", "hidden-0"]
