"""The history counted: calls by quarter hour and outcome, callers by calls, for the statistics.

Every query reads an index in its own order (migration 0012, and the caller index of 0003),
never the table's rows with their raw bodies, and nothing of a million calls is sorted. Times
are UTC: the office's days and hours are made from the quarter hours by the caller
(application/statistics.py), which knows the time zone.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlite_utils import Database

from storage.database import (
    STATS_QUARTER,
    STATS_QUARTERS_INDEX,
    UNKNOWN_CALLERS,
    UNKNOWN_CALLERS_INDEX,
)


def quarter_key(moment: datetime) -> str:
    """The bucket key of the quarter hour a moment is in, as STATS_QUARTER makes it."""
    utc = moment.astimezone(UTC)
    return f"{utc:%Y-%m-%dT%H:}{utc.minute // 15}"


def quarter_start(key: str) -> datetime:
    """The first moment of a bucket key's quarter hour."""
    return datetime(int(key[:4]), int(key[5:7]), int(key[8:10]), int(key[11:13]),
                    int(key[14:]) * 15, tzinfo=UTC)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


Tally = tuple[str, str, str, int | None, int]
"""How many calls of one quarter hour (quarter_key()) were decided so, for one reason (and
rule): (quarter, decision, reason, rule id, calls), a plain tuple (there are tens of
thousands)."""


@dataclass(frozen=True)
class CallerCount:
    caller: str  # canonical number
    calls: int
    rejected: int
    last_at: datetime


def tallies(db: Database, since: datetime, until: datetime) -> list[Tally]:
    """The calls received from `since` until before `until`, counted by quarter hour,
    decision, reason and rule (both bounds on quarter hours)."""
    sql = (f"SELECT {STATS_QUARTER}, decision, reason, rule_id, count(*) "
           f"FROM calls INDEXED BY {STATS_QUARTERS_INDEX} "
           f"WHERE {STATS_QUARTER} >= ? AND {STATS_QUARTER} < ? GROUP BY 1, 2, 3, 4")
    rows: list[Tally] = db.execute(sql, [quarter_key(since), quarter_key(until)]).fetchall()
    return rows


def top_callers(db: Database, since: datetime, until: datetime,
                limit: int) -> tuple[list[CallerCount], list[CallerCount]]:
    """The callers with the most calls, and those with the most calls rejected, in one pass
    over the caller index (in its order, so no caller is sorted, however many calls)."""
    sql = (
        "WITH per AS MATERIALIZED ("
        " SELECT caller, count(*) AS calls, sum(decision = 'reject') AS rejected,"
        " max(received_at) AS last_at FROM calls INDEXED BY idx_calls_by_caller"
        " WHERE caller IS NOT NULL AND received_at >= ? AND received_at < ? GROUP BY caller)"
        " SELECT * FROM (SELECT 0, * FROM per ORDER BY calls DESC, last_at DESC LIMIT ?)"
        " UNION ALL SELECT * FROM (SELECT 1, * FROM per WHERE rejected > 0"
        " ORDER BY rejected DESC, last_at DESC LIMIT ?)")
    found: tuple[list[CallerCount], list[CallerCount]] = ([], [])
    for which, caller, calls, rejected, last_at in db.execute(
            sql, [_stamp(since), _stamp(until), limit, limit]).fetchall():
        found[which].append(CallerCount(caller, calls, rejected, datetime.fromisoformat(last_at)))
    return found


def unknown_callers(db: Database, since: datetime, until: datetime, at_least: int,
                    limit: int) -> list[CallerCount]:
    """Numbers that called at least `at_least` times as no customer, no rule deciding those
    calls, and that no number rule names now: the candidates for a rule, most calls first."""
    sql = (f"SELECT caller, count(*) AS calls, sum(decision = 'reject'), max(received_at) "
           f"FROM calls INDEXED BY {UNKNOWN_CALLERS_INDEX} "
           f"WHERE {UNKNOWN_CALLERS} AND reason <> 'rule' AND received_at >= ? "
           "AND received_at < ? "
           "AND caller NOT IN (SELECT number FROM rules WHERE kind = 'number') "
           "GROUP BY caller HAVING calls >= ? ORDER BY calls DESC, max(received_at) DESC "
           "LIMIT ?")
    rows = db.execute(sql, [_stamp(since), _stamp(until), at_least, limit]).fetchall()
    return [CallerCount(caller, calls, rejected, datetime.fromisoformat(last_at))
            for caller, calls, rejected, last_at in rows]


def latest_names(db: Database, callers: set[str]) -> dict[str, tuple[str, str]]:
    """The customer's name and company on each caller's latest call ('' where none)."""
    sql = ("SELECT customer_name, customer_org FROM calls WHERE caller = ? "
           "ORDER BY received_at DESC LIMIT 1")
    names: dict[str, tuple[str, str]] = {}
    for caller in callers:
        row = db.execute(sql, [caller]).fetchone()
        names[caller] = (row[0] or "", row[1] or "") if row else ("", "")
    return names
