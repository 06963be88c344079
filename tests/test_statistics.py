"""The statistics of a generated history, each figure checked against SQL written here over the
same file (or against every call's own time, for the time zones SQLite cannot shift), and the
queries checked to read their indexes, never the table (so a million calls stay quick)."""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from stats_history import BLOCKED, CUSTOMERS, REPEATERS, History, make_history

from application.statistics import CANDIDATE_CALLS, TOP, Statistics
from screening.instants import zone
from screening.messages import Refusal
from screening.outcomes import Outcome
from screening.rule_draft import RuleDraft
from screening.rules import Action

NOW = datetime(2026, 3, 20, 3, 0, tzinfo=UTC)  # noon in Tokyo; New York moved its clocks on 8 March
ROOT = Path(__file__).resolve().parents[1]

# What became of a call, as the README tells users the statistics stack it.
OUTCOME_SQL = """CASE WHEN reason = 'timeout' THEN 'timeout'
    WHEN reason = 'failsafe' THEN 'failsafe'
    WHEN reason IN ('refused', 'stopped') THEN 'unscreened'
    WHEN decision = 'accept' THEN 'accepted'
    WHEN reason IN ('mode', 'withheld') THEN 'mode'
    ELSE reason END"""


@pytest.fixture
def tokyo(db_path: Path) -> History:
    return make_history(db_path, NOW)


def _window(days: int, time_zone: str, now: datetime = NOW) -> tuple[str, str, date]:
    """The UTC bounds of the office's last `days` days, as stored, and the first day."""
    office = zone(time_zone)
    today = now.astimezone(office).date()
    first = today - timedelta(days=days - 1)

    def stamp(day: date) -> str:
        return datetime.combine(day, time(), tzinfo=office).astimezone(UTC).isoformat(
            timespec="milliseconds")

    return stamp(first), stamp(today + timedelta(days=1)), first


def _sql(history: History, query: str, *params: object) -> list[tuple[Any, ...]]:
    with sqlite3.connect(history.office.db_path) as db:
        return db.execute(query, params).fetchall()


@pytest.mark.parametrize("days", [7, 30, 90])
def test_each_day_counts_its_calls_by_outcome_as_sql_does(tokyo: History, days: int) -> None:
    report = tokyo.office.statistics.report(days, NOW)
    since, until, first = _window(days, "Asia/Tokyo")
    expected = Counter({(day, kind): calls for day, kind, calls in _sql(
        tokyo, f"SELECT date(received_at, '+9 hours'), {OUTCOME_SQL}, count(*) FROM calls "
               "WHERE received_at >= ? AND received_at < ? GROUP BY 1, 2", since, until)})
    assert [day.day for day in report.per_day] == [first + timedelta(days=n)
                                                   for n in range(days)]
    got = Counter({(day.day.isoformat(), str(kind)): calls for day in report.per_day
                   for kind, calls in day.outcomes.items() if calls})
    assert got == expected
    rejected_by_day: dict[str, int] = dict(_sql(
        tokyo, "SELECT date(received_at, '+9 hours'), count(*) FROM calls WHERE decision = "
               "'reject' AND received_at >= ? AND received_at < ? GROUP BY 1", since, until))
    assert {day.day.isoformat(): day.rejected for day in report.per_day if day.rejected} \
        == rejected_by_day
    [(calls, accepted, rejected)] = _sql(
        tokyo, "SELECT count(*), sum(decision = 'accept'), sum(decision = 'reject') FROM calls "
               "WHERE received_at >= ? AND received_at < ?", since, until)
    assert (report.calls, report.accepted, report.rejected) == (calls, accepted, rejected)
    assert report.calls == sum(day.calls for day in report.per_day) > 0
    assert report.rejected_share == pytest.approx(rejected / calls)
    assert sum(report.outcomes.values()) == report.calls
    assert set(report.outcomes) == set(Outcome)


def test_the_weekday_and_hour_grid_is_the_office_clock_of_each_call(tokyo: History) -> None:
    report = tokyo.office.statistics.report(90, NOW)
    since, until, _ = _window(90, "Asia/Tokyo")
    expected = [[0] * 24 for _ in range(7)]
    for weekday, hour, calls in _sql(
            tokyo, "SELECT (CAST(strftime('%w', received_at, '+9 hours') AS INTEGER) + 6) % 7, "
                   "CAST(strftime('%H', received_at, '+9 hours') AS INTEGER), count(*) "
                   "FROM calls WHERE received_at >= ? AND received_at < ? GROUP BY 1, 2",
            since, until):
        expected[weekday][hour] = calls
    assert report.by_hour == expected


@pytest.mark.parametrize("time_zone", ["America/New_York", "Asia/Kathmandu", "UTC"])
def test_any_office_time_zone_counts_each_call_on_its_own_clock(
        db_path: Path, time_zone: str) -> None:
    """Summer time (New York moved its clocks in the period) and an offset of 5:45."""
    history = make_history(db_path, NOW, time_zone=time_zone)
    report = history.office.statistics.report(90, NOW)
    since, until, _ = _window(90, time_zone)
    office = zone(time_zone)
    days: Counter[date] = Counter()
    grid = [[0] * 24 for _ in range(7)]
    for (stamp,) in _sql(history, "SELECT received_at FROM calls WHERE received_at >= ? "
                                  "AND received_at < ?", since, until):
        local = datetime.fromisoformat(str(stamp)).astimezone(office)
        days[local.date()] += 1
        grid[local.weekday()][local.hour] += 1
    assert {day.day: day.calls for day in report.per_day if day.calls} == dict(days)
    assert report.by_hour == grid


def test_a_call_at_the_office_midnight_is_the_new_day_s(tokyo: History) -> None:
    report = tokyo.office.statistics.report(7, NOW)
    midnight_day = NOW.astimezone(zone("Asia/Tokyo")).date() - timedelta(days=3)
    [(on_day,)] = _sql(tokyo, "SELECT count(*) FROM calls WHERE date(received_at, '+9 hours') "
                              "= ?", midnight_day.isoformat())
    assert next(day for day in report.per_day if day.day == midnight_day).calls == on_day


def test_top_callers_and_most_rejected_numbers_with_their_customers(tokyo: History) -> None:
    report = tokyo.office.statistics.report(30, NOW)
    since, until, _ = _window(30, "Asia/Tokyo")
    query = ("SELECT caller, count(*), sum(decision = 'reject') FROM calls "
             "WHERE caller IS NOT NULL AND received_at >= ? AND received_at < ? GROUP BY caller "
             "HAVING {having} ORDER BY {order} DESC, max(received_at) DESC LIMIT ?")
    top = _sql(tokyo, query.format(having="1", order="count(*)"), since, until, TOP)
    rejected = _sql(tokyo, query.format(having="sum(decision = 'reject') > 0",
                                        order="sum(decision = 'reject')"), since, until, TOP)
    assert [(c.caller, c.calls, c.rejected) for c in report.top_callers] == top
    assert [(c.caller, c.calls, c.rejected) for c in report.top_rejected] == rejected
    for found in (*report.top_callers, *report.top_rejected):
        assert (found.name, found.org) == CUSTOMERS.get(found.caller, ("", ""))
    assert {c.caller for c in report.top_callers[:len(CUSTOMERS)]} == set(CUSTOMERS)


def test_every_rule_with_how_often_it_decided_a_call(tokyo: History) -> None:
    report = tokyo.office.statistics.report(90, NOW)
    since, until, _ = _window(90, "Asia/Tokyo")
    matched: dict[int, int] = dict(_sql(
        tokyo, "SELECT rule_id, count(*) FROM calls WHERE reason = 'rule' "
               "AND received_at >= ? AND received_at < ? GROUP BY rule_id", since, until))
    assert {count.rule_id: count.matched for count in report.rules} == matched
    by_id = {count.rule_id: count for count in report.rules}
    assert by_id[tokyo.block_rule].target == BLOCKED
    assert by_id[tokyo.block_rule].action is Action.BLOCK
    assert by_id[tokyo.block_rule].note == "営業電話"
    assert by_id[tokyo.prefix_rule].target == "+81120*"
    assert by_id[tokyo.removed_rule].kind is None  # removed since; its calls still count
    assert [count.matched for count in report.rules] == sorted(matched.values(), reverse=True)


def test_unknown_numbers_that_keep_calling_are_candidates_until_a_rule_names_them(
        tokyo: History) -> None:
    office = tokyo.office
    report = office.statistics.report(7, NOW)
    since, until, _ = _window(7, "Asia/Tokyo")
    expected = _sql(tokyo, "SELECT caller, count(*) FROM calls WHERE caller IS NOT NULL "
                           "AND customer_name = '' AND customer_org = '' AND reason <> 'rule' "
                           "AND received_at >= ? AND received_at < ? GROUP BY caller "
                           "HAVING count(*) >= ? ORDER BY 2 DESC", since, until, CANDIDATE_CALLS)
    assert [(c.caller, c.calls) for c in report.candidates] == expected
    assert [c.caller for c in report.candidates] == [
        caller for caller, calls in REPEATERS.items() if calls >= CANDIDATE_CALLS]
    assert BLOCKED not in {c.caller for c in report.candidates}

    office.rules.put(RuleDraft("03-5555-0001", Action.BLOCK))
    after = office.statistics.report(7, NOW)
    assert "+81355550001" not in {c.caller for c in after.candidates}
    assert len(after.candidates) == len(report.candidates) - 1


@pytest.mark.parametrize("days", [0, -1, 367])
def test_a_period_outside_a_day_to_a_year_is_refused(tokyo: History, days: int) -> None:
    with pytest.raises(Refusal) as refused:
        tokyo.office.statistics.report(days, NOW)
    assert refused.value.message.code == "refusal.stats.days"


def test_an_empty_history_has_days_of_nothing(db_path: Path) -> None:
    from application import Office

    report: Statistics = Office(db_path).statistics.report(7, NOW)
    assert report.calls == 0 and report.rejected_share == 0.0
    assert len(report.per_day) == 7 and not any(day.calls for day in report.per_day)
    assert report.top_callers == report.candidates == []
    assert report.rules == []


def test_every_query_reads_its_index_and_never_the_table(tokyo: History) -> None:
    """What keeps the statistics quick at a million calls: no query scans the calls table or
    reads a row of it (with its raw body) per call, and the counts by time and by caller are
    grouped in their index's order instead of sorted."""
    db = tokyo.office.db()
    statements: list[str] = []
    db.conn.set_trace_callback(statements.append)
    try:
        tokyo.office.statistics.report(90, NOW)
    finally:
        db.conn.set_trace_callback(None)
    counting = [sql for sql in statements if "count(*)" in sql and "FROM calls" in sql]
    assert len(counting) == 3
    for sql in counting:
        plan = " / ".join(row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}"))
        assert "SCAN calls" not in plan, plan
        assert "COVERING INDEX" in plan or "idx_calls_stats_quarters" in plan, plan
        assert "TEMP B-TREE FOR GROUP BY" not in plan, plan

def test_stats_json_gives_the_totals_and_every_day(tmp_path: Path) -> None:
    """`python main.py stats --days 7 --json`, as a script reads it."""
    now = datetime.now(UTC)
    history = make_history(tmp_path / "callgate.db", now, calls=500)
    env = {**os.environ, "CALLGATE_DATA_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "main.py", "stats", "--days", "7", "--json"],
                          cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8",
                          timeout=30, check=True)
    figures = json.loads(done.stdout)
    since, until, first = _window(7, "Asia/Tokyo", now)
    [(calls, accepted, rejected)] = _sql(
        history, "SELECT count(*), sum(decision = 'accept'), sum(decision = 'reject') "
                 "FROM calls WHERE received_at >= ? AND received_at < ?", since, until)
    assert (figures["calls"], figures["accepted"], figures["rejected"]) == (
        calls, accepted, rejected)
    assert [day["day"] for day in figures["per_day"]] == [
        (first + timedelta(days=n)).isoformat() for n in range(7)]
    assert sum(day["calls"] for day in figures["per_day"]) == calls
    assert all(day["accepted"] + day["rejected"] == day["calls"] == sum(day["outcomes"].values())
               for day in figures["per_day"])
    assert figures["candidates"][0]["number"] == "+81355550001"
    assert figures["candidates"][0]["shown"] == "03-5555-0001"
    assert figures["top_callers"][0]["name"] in {name for name, _ in CUSTOMERS.values()}


def test_stats_prints_the_figures_in_the_reader_s_language(tmp_path: Path) -> None:
    make_history(tmp_path / "callgate.db", datetime.now(UTC), calls=200)
    env = {**os.environ, "CALLGATE_DATA_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "main.py", "--lang", "ja", "stats", "--days", "7"],
                          cwd=ROOT, env=env, capture_output=True, text=True, encoding="utf-8",
                          timeout=30, check=True)
    assert "拒否" in done.stdout
    assert "03-5555-0001" in done.stdout
    # Days as the console writes them: 2026/11/26(木), never 2026-11-26.
    period, *_ = done.stdout.splitlines()
    day = r"\d{4}/\d\d/\d\d\(.\)"
    assert re.fullmatch(f"{day}から{day}までの着信（Asia/Tokyo）", period)
    assert not re.search(r"\d{4}-\d\d-\d\d", done.stdout)
