"""History search by the search dictionary (issue 15): every kind of search (a name of one or
two characters, kana in any script, a company, digits of a number) finds what HistoryFilter's
conditions say, combined with every other filter, sort and snapshot, by the dictionary's keys
or by a walk of the history alike; the count with it; an older history gets its dictionary;
and `history --search` lists what the console finds, `history --search TEXT --count` prints
the count. Real SQLite files, calls recorded as the listener records them."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import astuple
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLocale
from pytestqt.qtbot import QtBot
from sqlite_utils import Database
from test_gui_history import START, body, first_shown, opened, record

from gui.session import ConsoleSession
from screening.call import Call
from screening.messages import NOTHING
from screening.names import company_reading, reading
from screening.policy import Decision, Reason, Verdict
from storage import cards, search
from storage.calls import INSERT_CALL, CallHistory, CallRecord
from storage.database import migrations, open_database
from storage.history_filter import SORT_COLUMNS, HistoryFilter, order_by

ROOT = Path(__file__).resolve().parents[1]

# (call id, number, family, its kana, company, the company's kana, decision, reason); a call a
# day from START.
CALLS: list[tuple[str, str | None, str, str, str, str, Decision, Reason]] = [
    ("ichiro", "0330001234", "鈴木", "スズキ", "エーアイ化粧品株式会社", "エーアイケショウヒン",
     Decision.ACCEPT, Reason.MODE),
    ("hanako", "09012345678", "鈴木", "すずき", "さくら商事", "さくらしょうじ",
     Decision.REJECT, Reason.RULE),
    ("sho", "0663001234", "鈴村", "ｽｽﾞﾑﾗ", "富士物産", "ﾌｼﾞﾌﾞｯｻﾝ", Decision.ACCEPT, Reason.PERSON),
    ("makoto", "0455550000", "木村", "キムラ", "", "", Decision.ACCEPT, Reason.TIMEOUT),
    ("unknown", "0355550000", "", "", "", "", Decision.REJECT, Reason.PERSON),
    ("withheld", None, "", "", "", "", Decision.REJECT, Reason.WITHHELD),
    ("odd", "1234567", "", "", "", "", Decision.ACCEPT, Reason.MODE),  # no possible number
    ("again", "0330001234", "鈴木", "スズキ", "エーアイ化粧品株式会社", "エーアイケショウヒン",
     Decision.REJECT, Reason.PERSON),
    ("sasaki", "0783001234", "佐々木", "ササキ", "", "", Decision.ACCEPT, Reason.MODE),
]


def call_body(call_id: str, number: str | None, family: str, kana: str, org: str,
              org_kana: str) -> dict[str, Any]:
    if not family:
        return body(call_id, number, customer=False)
    data = body(call_id, number, family=family, family_kana=kana, personal="", personal_kana="",
                org=org, org_kana=org_kana)
    data["customer"].update(orgShortName="", orgShortNameKana="")
    return data


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    """The calls of CALLS, recorded as the listener records them."""
    database = open_database(db_path)
    for day, (call_id, number, family, kana, org, org_kana, decision, reason) in enumerate(CALLS):
        record(database, call_body(call_id, number, family, kana, org, org_kana),
               START + timedelta(days=day), decision, reason)
    yield database
    database.close()


def found(db: Database, text: str, **bounds: Any) -> list[str]:
    return [row["call_id"] for row in CallHistory(db).page(HistoryFilter(text, **bounds))]


@pytest.mark.parametrize(("text", "expected"), [
    ("鈴", ["again", "sho", "hanako", "ichiro"]),  # one character
    ("木", ["sasaki", "again", "makoto", "hanako", "ichiro"]),
    ("鈴木", ["again", "hanako", "ichiro"]),  # two: most family names
    ("佐々木", ["sasaki"]),
    ("スズキ", ["again", "hanako", "ichiro"]),  # katakana finds hiragana as stored, too
    ("すずき", ["again", "hanako", "ichiro"]),
    ("ｽｽﾞｷ", ["again", "hanako", "ichiro"]),  # half-width
    ("スズ", ["again", "sho", "hanako", "ichiro"]),  # the stored half-width ｽｽﾞﾑﾗ too
    ("す", ["again", "sho", "hanako", "ichiro"]),
    ("エーアイ", ["again", "ichiro"]),  # a company
    ("えーあいけしょうひん", ["again", "ichiro"]),  # the company's kana
    ("ふじ", ["sho"]),  # a company kana stored in half-width
    ("1234", ["sasaki", "again", "odd", "sho", "hanako", "ichiro"]),  # the last digits, any run
    ("5", ["odd", "unknown", "makoto", "hanako"]),
    ("03-3000", ["again", "ichiro"]),  # the start of a number
    ("3000-1234", ["again", "ichiro"]),
    ("+81 3 3000 1234", ["again", "ichiro"]),
    ("鈴木 1234", ["again", "hanako", "ichiro"]),  # a name and a number
    ("鈴木 090", ["hanako"]),
    ("木 さくら", ["hanako"]),
    ("鈴木 5555", []),
    ("田中", []),
])
def test_every_kind_of_search_finds_its_calls_and_counts_them(
        db: Database, text: str, expected: list[str]) -> None:
    history = CallHistory(db)
    shown = HistoryFilter(text, upto_id=history.last_id())
    rows = history.page(shown, counted=True)
    count = rows.total
    assert [row["call_id"] for row in rows] == expected
    assert count == history.count_matching(shown) == len(expected)


def test_searches_combine_with_the_other_filters(db: Database) -> None:
    day = START + timedelta(days=1)
    assert found(db, "鈴木", decision="reject") == ["again", "hanako"]
    assert found(db, "鈴", reason="person") == ["again", "sho"]
    assert found(db, "1234", decision="accept", reason="mode") == ["sasaki", "odd", "ichiro"]
    assert found(db, "すずき", received_from=day, received_to=day + timedelta(days=2)) == [
        "hanako"]
    assert found(db, "鈴", upto_id=3) == ["sho", "hanako", "ichiro"]  # the snapshot
    assert found(db, "鈴", upto_id=8, after_id=2) == ["again", "sho"]  # since the snapshot
    history = CallHistory(db)
    assert history.count_matching(HistoryFilter("鈴木", decision="reject")) == 2
    assert history.count_matching(HistoryFilter("鈴", upto_id=3)) == 3
    assert history.count_matching(HistoryFilter("鈴", upto_id=8, after_id=2)) == 2
    by_company = history.page(HistoryFilter("鈴"), "customer_org", descending=False)
    assert [row["call_id"] for row in by_company] == ["hanako", "ichiro", "again", "sho"]


def test_a_call_written_again_is_counted_once(db: Database) -> None:
    """A record written again from the journal, after a crash, changes nothing."""
    history = CallHistory(db)
    again = CallRecord.of(Call.from_payload(call_body(*CALLS[0][:6]), "x"),
                          Verdict(Decision.ACCEPT, Reason.MODE, NOTHING),
                          START.isoformat(timespec="milliseconds"), 1.0, "{}")
    assert not history.record(again)
    assert history.count_matching(HistoryFilter("スズキ")) == 3
    assert history.count_matching(HistoryFilter("03-3000-1234")) == 2


def test_calls_recorded_together_each_go_under_their_own_card(db: Database) -> None:
    """The writer's one INSERT for a group: a call there already, a call twice in the group
    and new calls; each new row is listed under its own card, the others under none again."""
    history = CallHistory(db)

    def kept(call_id: str, family: str, kana: str) -> CallRecord:
        return CallRecord.of(
            Call.from_payload(call_body(call_id, "0355550000", family, kana, "", ""), "x"),
            Verdict(Decision.ACCEPT, Reason.MODE, NOTHING),
            (START + timedelta(days=30)).isoformat(timespec="milliseconds"), 1.0, "{}")

    group = [kept("new-1", "高橋", "タカハシ"), kept(CALLS[0][0], "高橋", "タカハシ"),
             kept("new-2", "伊藤", "イトウ"), kept("new-1", "伊藤", "イトウ"),
             kept("new-3", "高橋", "タカハシ")]
    assert history.record_all(group) == [True, False, True, False, True]
    assert found(db, "高橋") == ["new-3", "new-1"]
    assert found(db, "伊藤") == ["new-2"]
    assert history.count_matching(HistoryFilter("タカハシ")) == 2
    assert history.count_matching(HistoryFilter("03-5555-0000")) == 4  # and the stored "unknown"
    assert history.count_matching(HistoryFilter("スズキ")) == 3  # the call there already


# --- The same calls by either way: the dictionary's keys, or a walk of the history ---------------

FAMILIES = [("鈴木", "スズキ"), ("鈴木", "すずき"), ("鈴村", "ｽｽﾞﾑﾗ"), ("木村", "キムラ"),
            ("山田", "ヤマダ"), ("佐々木", "ササキ"), ("田中", "ﾀﾅｶ")]
COMPANIES = [("エーアイ化粧品株式会社", "エーアイケショウヒン"), ("さくら商事", "さくらしょうじ"),
             ("山田商店", "ﾔﾏﾀﾞｼｮｳﾃﾝ"), ("", "")]
SEARCHES = ["鈴", "鈴木", "スズキ", "すずき", "ｽｽﾞｷ", "山", "ア", "株", "さくら", "やまだ",
            "佐々木", "1234", "5", "12", "03-30", "03-3000", "090", "鈴木 5", "山田 03",
            "1234 5", "nothing"]
FILTERS: list[dict[str, Any]] = [
    {}, {"decision": "reject"}, {"reason": "person"},
    {"received_from": START + timedelta(hours=40), "received_to": START + timedelta(hours=90)},
    {"upto_id": 150}, {"decision": "accept", "upto_id": 200},
]


@pytest.fixture
def crowd(db_path: Path) -> Iterator[Database]:
    """240 calls from 40 callers, some of them customers, some many times."""
    rng = random.Random(15)
    callers: list[tuple[str, str, str, str, str]] = []
    for n in range(40):
        family, kana = rng.choice(FAMILIES) if n % 4 else ("", "")
        org, org_kana = rng.choice(COMPANIES) if family else ("", "")
        number = rng.choice(["03", "06", "090", "045"]) + f"{rng.randrange(10**7):07d}"
        callers.append((number if n != 7 else "1234567", family, kana, org, org_kana))
    database = open_database(db_path)
    for n in range(240):
        number, family, kana, org, org_kana = rng.choice(callers)
        decision = rng.choice([Decision.ACCEPT, Decision.REJECT])
        reason = rng.choice([Reason.MODE, Reason.PERSON, Reason.RULE])
        record(database, call_body(f"c{n:03d}", number, family, kana, org, org_kana),
               START + timedelta(minutes=37 * n), decision, reason, latency_ms=float(n % 13))
    yield database
    database.close()


def by_conditions(db: Database, shown: HistoryFilter, order: str, descending: bool) -> list[int]:
    """Every matching call's id, by testing HistoryFilter's conditions on every call."""
    where, params = shown.where(order)
    sql = f"SELECT id FROM calls NOT INDEXED WHERE {where} ORDER BY {order_by(order, descending)}"
    return [row[0] for row in db.execute(sql, params).fetchall()]


@pytest.mark.parametrize("way", ["keys", "walk", "few listed"])
def test_the_dictionary_finds_what_the_conditions_say(
        crowd: Database, way: str, monkeypatch: pytest.MonkeyPatch) -> None:
    if way == "walk":  # whenever the order allows it
        monkeypatch.setattr(search, "WALK_COST", 0)
    elif way == "keys":
        monkeypatch.setattr(search, "WALK_COST", 10**9)
    else:  # more matching cards or numbers than listed: their words tested on the calls
        monkeypatch.setattr(cards, "LISTED", 3)
    history = CallHistory(crowd)
    for text in SEARCHES:
        for bounds in FILTERS:
            shown = HistoryFilter(text, **bounds)
            expected = by_conditions(crowd, shown, "received_at", True)
            assert history.count_matching(shown) == len(expected), (text, bounds)
            rows = history.page(shown, limit=25, counted=True)
            count = rows.total
            assert [row["id"] for row in rows] == expected[:25], (text, bounds)
            assert count in (None, len(expected)), (text, bounds)
            for order in SORT_COLUMNS:
                for descending in (True, False):
                    want = by_conditions(crowd, shown, order, descending)
                    got = history.page(shown, order, descending, offset=5, limit=20)
                    assert [row["id"] for row in got] == want[5:25], (text, bounds, order)
        every = [row["id"] for row in history.matching(HistoryFilter(text), "latency_ms")]
        assert every == by_conditions(crowd, HistoryFilter(text), "latency_ms", True), text


# --- An older history ---------------------------------------------------------------------------


def test_an_older_history_gets_its_search_dictionary(db_path: Path) -> None:
    """Migration 0015 makes the dictionary of the calls recorded before it: they are found and
    counted as new ones are, and calls recorded after it join them."""
    plain = Database(db_path)
    migrations.apply(plain, stop_before="0015_search_dictionary")
    for day, (call_id, number, family, kana, org, org_kana, decision, reason) in enumerate(CALLS):
        call = Call.from_payload(call_body(call_id, number, family, kana, org, org_kana), "x")
        stored = CallRecord.of(call, Verdict(decision, reason, NOTHING),
                               (START + timedelta(days=day)).isoformat(timespec="milliseconds"),
                               1.0, "{}")
        # As callgate 0014 recorded a call: its row alone.
        plain.execute(INSERT_CALL, (*astuple(stored),
                                    reading(stored.customer_kana, stored.customer_name),
                                    company_reading(stored.customer_org_kana,
                                                    stored.customer_org)))
    plain.close()

    db = open_database(db_path)
    try:
        assert found(db, "鈴") == ["again", "sho", "hanako", "ichiro"]
        assert found(db, "すずき", decision="reject") == ["again", "hanako"]
        assert found(db, "1234") == ["sasaki", "again", "odd", "sho", "hanako", "ichiro"]
        history = CallHistory(db)
        assert history.count_matching(HistoryFilter("スズキ")) == 3
        assert db.execute(f"SELECT sum(calls) FROM {cards.CARDS}").fetchone()[0] == len(CALLS)
        assert db.execute(f"SELECT sum(calls) FROM {cards.NUMBERS}").fetchone()[0] == len(CALLS)
        record(db, call_body("later", "0330001234", "鈴木", "スズキ", "", ""),
               START + timedelta(days=30))
        assert found(db, "鈴木 03-3000") == ["later", "again", "ichiro"]
        assert history.count_matching(HistoryFilter("鈴")) == 5
    finally:
        db.close()


# --- The console and the command line ------------------------------------------------------------


@pytest.mark.parametrize(("text", "count"), [
    ("鈴", 4), ("鈴木", 3), ("スズキ", 3), ("すずき", 3), ("ｽｽﾞｷ", 3), ("さくら商事", 1),
    ("1234", 6), ("03-3000", 2),
])
def test_the_console_shows_a_search_with_its_count(
        qtbot: QtBot, db: Database, session: ConsoleSession, text: str, count: int) -> None:
    view = opened(qtbot, session)
    rows, progress, said = first_shown(qtbot, view, text)
    assert rows == count
    assert progress == (count, True)
    assert said == f"{QLocale().toString(count)} call{'' if count == 1 else 's'}"


def test_the_command_line_prints_a_searchs_count(db: Database, db_path: Path) -> None:
    def main(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "main.py", "--data-dir", str(db_path.parent), "history", *args],
            cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=60, check=False)

    for text in ("鈴", "鈴木", "すずき", "ｽｽﾞｷ", "1234", "03-3000", "田中", ""):
        counted = main("--search", text, "--count")
        listed = json.loads(main("--search", text, "--json").stdout)
        assert (counted.returncode, counted.stdout) == (0, f"{len(listed)}\n"), text
    assert main("--search", "鈴", "--limit", "2", "--count").stdout == "2\n"  # what it lists
    assert main("--search", "鈴", "--limit", "9", "--count").stdout == "4\n"
    assert main("--count", "--json").returncode == 2  # one or the other


def test_the_command_line_lists_a_search_as_the_console_finds_it(
        db: Database, db_path: Path) -> None:
    printed = subprocess.run(
        [sys.executable, "main.py", "--data-dir", str(db_path.parent), "history", "--search",
         "鈴", "--limit", "3", "--json"],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8", timeout=60, check=True)
    assert [row["call_id"] for row in json.loads(printed.stdout)] == ["again", "sho", "hanako"]
    assert [row["call_id"] for row in CallHistory(db).recent(3, HistoryFilter("鈴"))] == [
        "again", "sho", "hanako"]
