"""Kana search finds companies by their kana (issue 12, point 4), however commubo's customer
list wrote it: a company written in kanji is found by the reading commubo sends beside it
(`orgNameKana`, or `orgShortNameKana` when that is all there is), typed in hiragana,
katakana or half-width kana, whether the list wrote the reading in katakana, hiragana or
half-width kana, with or without a middle dot. Calls come through the real listener; the
search is the console's history tab and `python main.py history --search`."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pytest
from conftest import post, sample
from pytestqt.qtbot import QtBot
from session_fixtures import webhook_url
from sqlite_utils import Database
from test_gui_history import by_cards, query_plan

from gui.history import CALL_ID_ROLE, HistoryView
from gui.session import ConsoleSession
from screening.call import Call
from screening.messages import NOTHING
from screening.policy import Decision, Reason, Verdict
from server.listener import Listener
from storage.calls import CallHistory, CallRecord
from storage.database import migrations, open_database
from storage.history_filter import HistoryFilter

ROOT = Path(__file__).resolve().parents[1]


def customer_call(call_id: str, org: str, org_kana: str, *, short: str = "",
                  short_kana: str = "", family_kana: str = "スズキ") -> dict[str, Any]:
    """The reference body with another company, as commubo sends one."""
    body = sample("seed_incoming_call.json")
    body["callId"] = call_id
    body["customer"].update(orgName=org, orgNameKana=org_kana, orgShortName=short,
                            orgShortNameKana=short_kana, familyNameKana=family_kana)
    return body


CALLS = [
    # The reference example: エーアイ化粧品株式会社, エーアイケショウヒンカブシキガイシャ
    sample("seed_incoming_call.json") | {"callId": "aicosme"},
    # A customer list that keeps its readings in half-width kana
    customer_call("yamada", "山田商店", "ﾔﾏﾀﾞｼｮｳﾃﾝ", family_kana="ﾀﾅｶ"),
    # ... or in hiragana
    customer_call("fuji", "富士物産株式会社", "ふじぶっさん"),
    # ... or with a middle dot between the words
    customer_call("denki", "東京電機", "トウキョウ・デンキ"),
    # Only the short name and its reading
    customer_call("sakura", "", "", short="さくら商事", short_kana="サクラショウジ"),
    # No customer: the AI operator's company (ソフトフロント) is not the caller's
    sample("unknown_caller_no_customer.json") | {"callId": "nobody"},
]

SEARCHES = [
    ("えーあいけしょうひん", ["aicosme"]),
    ("ｴｰｱｲｹｼｮｳﾋﾝ", ["aicosme"]),
    ("エーアイ化粧品", ["aicosme"]),
    ("やまだしょうてん", ["yamada"]),
    ("ヤマダ", ["yamada"]),
    ("ﾔﾏﾀﾞ", ["yamada"]),
    ("フジブッサン", ["fuji"]),
    ("ふじぶっさん", ["fuji"]),
    ("とうきょうでんき", ["denki"]),
    ("トウキョウ デンキ", ["denki"]),
    ("さくらしょうじ", ["sakura"]),
    ("サクラ", ["sakura"]),
    ("たなか", ["yamada"]),  # a person's reading in half-width kana too
    ("そふとふろんと", []),
    ("かぶしきがいしゃ", ["aicosme"]),  # the legal form's reading, as written
]


@pytest.fixture
def listener(db_path: Path) -> Iterator[Listener]:
    """The real listener, which took every call of CALLS."""
    running = Listener(db_path, "127.0.0.1", 0, watch_reachability=False)
    running.start()
    url = webhook_url(running, db_path)
    for body in CALLS:
        assert post(url, body).status == 200
    yield running
    running.stop()


@pytest.fixture
def view(qtbot: QtBot, session: ConsoleSession) -> HistoryView:
    widget = HistoryView(session)
    qtbot.addWidget(widget)
    qtbot.waitUntil(lambda: widget.model.rowCount() == len(CALLS), timeout=5000)
    return widget


def found_in_the_console(qtbot: QtBot, view: HistoryView, text: str) -> list[str]:
    view.search_field.setText(text)
    view.apply_filter()
    model = view.model
    qtbot.waitUntil(lambda: not model.busy, timeout=5000)
    return sorted(model.data(model.index(row, 0), CALL_ID_ROLE)
                  for row in range(model.rowCount()))


@pytest.mark.parametrize(("text", "expected"), SEARCHES)
def test_the_console_finds_a_company_by_its_kana(
        qtbot: QtBot, view: HistoryView, text: str, expected: list[str]) -> None:
    assert found_in_the_console(qtbot, view, text) == expected


def test_the_command_line_finds_a_company_by_its_kana(
        listener: Listener, db_path: Path) -> None:
    for text, expected in SEARCHES:
        printed = subprocess.run(
            [sys.executable, "main.py", "--data-dir", str(db_path.parent), "history",
             "--search", text, "--json"],
            cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=60, check=True)
        assert sorted(row["call_id"] for row in json.loads(printed.stdout)) == expected, text


def test_calls_recorded_before_are_found_by_their_companys_kana_after_the_upgrade(
        db_path: Path) -> None:
    """Migration 0011 folds the readings of the calls recorded before it, and takes the short
    name's reading from each body that had no other."""
    plain = Database(db_path)
    migrations.apply(plain, stop_before="0011_company_reading")
    for body in (customer_call("yamada", "山田商店", "ﾔﾏﾀﾞｼｮｳﾃﾝ"),
                 customer_call("sakura", "", "", short="さくら商事", short_kana="サクラショウジ")):
        call = Call.from_payload(body, "x")
        verdict = Verdict(Decision.ACCEPT, Reason.MODE, NOTHING)
        stored = asdict(CallRecord.of(call, verdict, "2025-01-06T01:00:00.000+00:00", 1.0,
                                      json.dumps(body, ensure_ascii=False)))
        stored["customer_org_kana"] = call.customer.org_name_kana if call.customer else ""
        columns = plain.table("calls").columns_dict  # as they were before 0011
        plain.table("calls").insert({key: value for key, value in stored.items()
                                     if key in columns})
    plain.close()

    db = open_database(db_path)
    try:
        history = CallHistory(db)
        for text, expected in (("やまだ", ["yamada"]), ("しょうじ", ["sakura"])):
            assert [row["call_id"] for row in history.page(HistoryFilter(text=text))] == expected
        # Read from the calls listed under the customer cards, never from the table's rows.
        assert by_cards(query_plan(db, HistoryFilter(text="やまだ")))
    finally:
        db.close()
