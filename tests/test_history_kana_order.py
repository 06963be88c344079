"""Customers sort by their kana reading (issue 12, point 4): the history's customer column puts
あべ before さいとう before すずき before たなか, whether commubo sent the kana in katakana,
hiragana or half-width kana; a customer without a reading comes after every reading. New calls
come in where they sort, and a history recorded before the reading was kept sorts so too."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlite_utils import Database
from test_gui_history import START, body, call_ids, opened, record, record_before_company_kana

from gui.history import Column
from gui.session import ConsoleSession
from screening.names import reading
from storage.calls import CallHistory
from storage.database import migrations, open_database
from storage.history_filter import HistoryFilter

# (call id, family name, its kana as commubo sent it, personal name, its kana)
CUSTOMERS = [
    ("suzuki", "鈴木", "スズキ", "一郎", "イチロウ"),
    ("abe", "阿部", "あべ", "花子", "はなこ"),  # hiragana
    ("tanaka", "田中", "ﾀﾅｶ", "太郎", "ﾀﾛｳ"),  # half-width
    ("saito", "斎藤", "サイトウ", "次郎", "ジロウ"),
    ("yamada", "山田", "", "三郎", ""),  # no reading
]
IN_KANA_ORDER = ["abe", "saito", "suzuki", "tanaka", "yamada"]


def test_a_reading_folds_the_ways_of_writing_kana() -> None:
    assert reading("スズキ イチロウ", "鈴木 一郎") == reading("すずき いちろう", "") == \
        reading("ｽｽﾞｷ ｲﾁﾛｳ", "x") == "すずきいちろう"
    assert reading("", "山田 三郎") == "山田三郎"
    assert reading("", "") == ""
    assert sorted(["すずき", "さいとう", "ざいつ", "あべ"]) == ["あべ", "さいとう", "ざいつ",
                                                             "すずき"]


def fill(db: Database) -> None:
    for day, (call_id, family, family_kana, personal, personal_kana) in enumerate(CUSTOMERS):
        record(db, body(call_id, f"03300012{day:02d}", family=family, family_kana=family_kana,
                        personal=personal, personal_kana=personal_kana),
               START + timedelta(days=day))
    record(db, body("unknown", "0355550000", customer=False), START + timedelta(days=9))


def test_the_customer_column_sorts_by_kana(qtbot: QtBot, db_path: Path,
                                           session: ConsoleSession) -> None:
    db = open_database(db_path)
    fill(db)
    view = opened(qtbot, session)
    view.table.sortByColumn(Column.CUSTOMER, Qt.SortOrder.AscendingOrder)
    assert call_ids(view) == ["unknown", *IN_KANA_ORDER]
    view.table.sortByColumn(Column.CUSTOMER, Qt.SortOrder.DescendingOrder)
    assert call_ids(view) == [*reversed(IN_KANA_ORDER), "unknown"]

    # A new call comes in where its kana sorts, not at the top.
    view.table.sortByColumn(Column.CUSTOMER, Qt.SortOrder.AscendingOrder)
    call_ids(view)
    record(db, body("ito", "0330009999", family="伊藤", family_kana="イトウ", personal="四郎",
                    personal_kana="シロウ"), START + timedelta(days=10))
    view.refresh()
    qtbot.waitUntil(lambda: "ito" in call_ids(view), timeout=5000)
    assert call_ids(view) == ["unknown", "abe", "ito", "saito", "suzuki", "tanaka", "yamada"]
    db.close()


def test_the_sort_reads_its_own_index(db_path: Path) -> None:
    db = open_database(db_path)
    fill(db)
    where, params = HistoryFilter(decision="accept").where("customer_reading")
    plan = " ".join(row[3] for row in db.execute(
        f"EXPLAIN QUERY PLAN SELECT id FROM calls WHERE {where} "
        "ORDER BY customer_reading, received_at, id LIMIT 200", params).fetchall())
    assert "idx_calls_by_customer_reading" in plan
    assert "TEMP B-TREE" not in plan
    db.close()


def test_an_older_history_sorts_by_kana_after_the_upgrade(db_path: Path) -> None:
    plain = Database(db_path)
    migrations.apply(plain, stop_before="0007_company_kana")
    for day, (call_id, family, family_kana, personal, personal_kana) in enumerate(CUSTOMERS):
        record_before_company_kana(plain, body(
            call_id, f"03300012{day:02d}", family=family, family_kana=family_kana,
            personal=personal, personal_kana=personal_kana), START + timedelta(days=day))
    plain.close()
    db = open_database(db_path)
    rows = CallHistory(db).page(HistoryFilter(), "customer_reading", descending=False)
    assert [row["call_id"] for row in rows] == IN_KANA_ORDER
    indexes = {index.name for index in db.table("calls").indexes}
    assert "idx_calls_by_customer_reading" in indexes
    assert "idx_calls_by_customer_name" not in indexes  # replaced: one index less to write
    db.close()
