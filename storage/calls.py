"""The call history: one row per call, written before commubo gets its answer."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass, fields, replace
from datetime import UTC, datetime
from functools import lru_cache
from operator import attrgetter
from typing import Any

from sqlite_utils import Database

from screening.call import Call
from screening.messages import Message
from screening.names import company_reading, reading
from screening.policy import Decision, Reason, Verdict
from storage.database import CONFIG_VERSION, one_snapshot, writing
from storage.history_filter import HistoryFilter, order_by
from storage.search import Search


@dataclass(frozen=True)
class CallRecord:
    """What the history keeps of one call and its decision."""

    call_id: str
    received_at: str
    phone_number: str
    caller: str | None
    customer_name: str
    customer_kana: str
    customer_org: str
    customer_org_kana: str
    operator_name: str
    scenario_id: str
    call_type: str
    decision: str
    reason: str
    detail: str  # the verdict's detail as stored_detail() keeps it
    rule_id: int | None
    latency_ms: float | None  # None: no answer left (the call was cut off by callgate stopping)
    raw_body: str
    decided_by: str | None = None  # the desk whose person decided (reason `person`)

    @classmethod
    def of(
        cls, call: Call, verdict: Verdict, received_at: str, latency_ms: float, raw_body: str
    ) -> CallRecord:
        customer = call.customer
        return cls(
            call_id=call.call_id,
            received_at=received_at,
            phone_number=call.phone_number,
            caller=call.caller,
            customer_name=customer.name if customer else "",
            customer_kana=customer.name_kana if customer else "",
            customer_org=customer.org if customer else "",
            customer_org_kana=customer.org_kana if customer else "",
            operator_name=call.operator.name if call.operator else "",
            scenario_id=call.scenario_id,
            call_type=call.call_type,
            decision=verdict.decision,
            reason=verdict.reason,
            detail=stored_detail(verdict.detail),
            rule_id=verdict.rule_id,
            latency_ms=round(latency_ms, 3),
            raw_body=raw_body,
            decided_by=verdict.decided_by,
        )


@lru_cache(maxsize=4096)
def stored_detail(detail: Message) -> str:
    """A verdict's detail as the history keeps it: its code and arguments as JSON, '' for
    none. Words are made when it is read, in the reader's language. Remembered: most calls
    share a few details (the mode in force, a rule)."""
    return detail.to_json() if detail else ""


read_detail = lru_cache(maxsize=4096)(Message.from_json)
"""A stored detail as a Message (the same few details come back again and again)."""


def _read(row: dict[str, Any]) -> dict[str, Any]:
    """A history row as callers get it: the detail as a Message."""
    row["detail"] = read_detail(row["detail"])
    return row


_RECORD_FIELDS = tuple(f.name for f in fields(CallRecord))
# A record's values in column order: dataclasses.astuple deep-copies every field, on the
# writer's thread, which shares the interpreter with the listener's.
_record_values = attrgetter(*_RECORD_FIELDS)
# Beside the record, where its customer sorts and what its company is found by (made here, so
# the journal's records stay as they were written).
_CALL_COLUMNS = [*_RECORD_FIELDS, "customer_reading", "customer_org_reading"]
_ROW = f"({', '.join('?' for _ in _CALL_COLUMNS)})"


@lru_cache(maxsize=64)
def _insert_calls(count: int) -> str:
    """One prepared statement for `count` rows: sqlite-utils' insert() rereads the schema on
    every call, and each statement is a turn of the interpreter's lock for the writer."""
    return (f"INSERT INTO calls ({', '.join(_CALL_COLUMNS)}) VALUES "
            f"{', '.join(_ROW for _ in range(count))} ON CONFLICT (call_id) DO NOTHING")


#: One call's row, for what writes a call without a record of it (tests, benchmarks).
INSERT_CALL = _insert_calls(1)


_VERDICT_AND_CONFIG = (
    "SELECT (SELECT value FROM counters WHERE name = ?), decision, reason, detail, rule_id "
    "FROM (SELECT 1) LEFT JOIN calls ON call_id = ?")


class Page(list[dict[str, Any]]):
    """A page of the history's calls, and how many match in all when that came with it."""

    def __init__(self, rows: list[dict[str, Any]], total: int | None = None) -> None:
        super().__init__(rows)
        self.total = total


class CallHistory:
    def __init__(self, db: Database) -> None:
        self._db = db

    def record(self, record: CallRecord) -> bool:
        """False when the call is in the history already: a record written again (from the
        journal, after a crash) changes nothing."""
        return self.record_all([record])[0]

    def record_all(self, records: Sequence[CallRecord]) -> list[bool]:
        """Every record's row, in one statement (up to 1,600 rows: SQLite's limit of values in
        one; its trigger notes each new call in the search dictionary), in one transaction
        (the caller's, if one is open); for each, False when the call is in the history
        already."""
        values = [value for record in records
                  for value in (*_record_values(record),
                                reading(record.customer_kana, record.customer_name),
                                company_reading(record.customer_org_kana, record.customer_org))]
        with nullcontext() if self._db.conn.in_transaction else writing(self._db):
            cursor = self._db.conn.execute(_insert_calls(len(records)), values)
            made = cursor.rowcount
            if made <= 0 or made == len(records):
                return [made > 0] * len(records)
            # The rows this statement made took the ids after the highest one, one after
            # another, in the order of its values, up to the last it made.
            last = int(cursor.lastrowid or 0)
            return self._made(records, last - made, last)

    def _made(self, records: Sequence[CallRecord], after: int, last: int) -> list[bool]:
        """Which records made a row (ids `after` to `last`) when some were there already."""
        new = {row[0] for row in self._db.execute(
            "SELECT call_id FROM calls WHERE id > ? AND id <= ?", [after, last])}
        made_now = []
        for record in records:  # a call twice among them: its first record made the row
            made_now.append(record.call_id in new)
            new.discard(record.call_id)
        return made_now

    def verdict_and_config(self, call_id: str) -> tuple[Verdict | None, int]:
        """The stored decision for a call id (to answer a repeated post the same way), and
        the config version (storage/snapshot.py), in one statement: what a call needs first."""
        row = self._db.execute(_VERDICT_AND_CONFIG, [CONFIG_VERSION, call_id]).fetchone()
        config_version = int(row[0] or 0)
        if row[1] is None:
            return None, config_version
        verdict = Verdict(Decision(row[1]), Reason(row[2]), read_detail(row[3]), row[4])
        return verdict, config_version

    def last_reject(self, caller: str, before: datetime | None = None) -> datetime | None:
        """When calls from this canonical number were last rejected (up to `before`), if ever:
        for the repeat-caller setting; one look-up in the caller index."""
        query = "SELECT max(received_at) FROM calls WHERE caller = ? AND decision = ?"
        params: list[Any] = [caller, Decision.REJECT.value]
        if before is not None:
            query += " AND received_at <= ?"
            params.append(before.astimezone(UTC).isoformat(timespec="milliseconds"))
        row = self._db.execute(query, params).fetchone()
        return datetime.fromisoformat(row[0]) if row and row[0] else None

    def note_repeat(self, call_id: str) -> None:
        self._db.execute("UPDATE calls SET repeats = repeats + 1 WHERE call_id = ?", [call_id])

    def recent(self, limit: int | None = None,
               history_filter: HistoryFilter | None = None) -> list[dict[str, Any]]:
        """Newest first, those that match (every column; the detail as a Message)."""
        shown = history_filter or HistoryFilter()
        if self._searched(shown):
            sql, params = Search(self._db, shown).ids("received_at", True, limit=limit)
            ids = [row[0] for row in self._db.execute(sql, params).fetchall()]
            return self.rows_by_id(ids, every_column=True)
        where, params = shown.where()
        sql = f"SELECT * FROM {shown.source()} WHERE {where} ORDER BY received_at DESC, id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [_read(row) for row in self._db.query(sql, params)]

    def count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM calls").fetchone()[0])

    # Browsing: everything below filters and sorts in SQL on the indexes of migration 0002, and
    # searches by the dictionary of migration 0015 (storage/search.py), so a history of a
    # million calls opens, pages and searches without reading the whole table.

    def page(
        self,
        history_filter: HistoryFilter | None = None,
        order_column: str = "received_at",
        descending: bool = True,
        offset: int = 0,
        limit: int = 200,
        *,
        counted: bool = False,
    ) -> Page:
        """One page of matching calls (LIST_COLUMNS, no raw body), in the given order; with
        `counted`, and how many calls match when that takes few more reads (a search's count
        comes from its dictionary), so that a console can show both at once.

        Ties are broken by received time (then row id) in the same direction. Raises ValueError
        for a column outside SORT_COLUMNS.
        """
        shown = history_filter or HistoryFilter()
        limit, offset = max(limit, 0), max(offset, 0)
        if not self._searched(shown):
            sql, params = _ids_in_order(shown, order_column, descending)
            rows = self._db.execute(f"{sql} LIMIT ? OFFSET ?", [*params, limit, offset])
            return Page(self.rows_by_id([row[0] for row in rows.fetchall()]))
        with one_snapshot(self._db):
            search = Search(self._db, shown)
            sql, params = search.ids(order_column, descending, offset, limit)
            ids = [row[0] for row in self._db.execute(sql, params).fetchall()]
            return Page(self.rows_by_id(ids), search.quick_count() if counted else None)

    def count_matching(self, history_filter: HistoryFilter | None = None) -> int:
        """How many calls match: a search's from its dictionary (storage/search.py), others
        from an index range."""
        shown = history_filter or HistoryFilter()
        if self._searched(shown):
            with one_snapshot(self._db):
                return Search(self._db, shown).count()
        if replace(shown, upto_id=None) == HistoryFilter():
            # Every call (up to the snapshot): SQLite counts a whole b-tree without reading
            # its rows, far quicker than testing each row's id; the few newer calls come off.
            if shown.upto_id is None:
                return self.count()
            sql = "SELECT (SELECT count(*) FROM calls) - (SELECT count(*) FROM calls WHERE id > ?)"
            return int(self._db.execute(sql, [shown.upto_id]).fetchone()[0])
        where, params = shown.where()
        sql = f"SELECT count(*) FROM {shown.source()} WHERE {where}"
        return int(self._db.execute(sql, params).fetchone()[0])

    def matching(
        self,
        history_filter: HistoryFilter | None = None,
        order_column: str = "received_at",
        descending: bool = True,
        batch: int = 1000,
    ) -> Iterator[dict[str, Any]]:
        """Every matching call (LIST_COLUMNS) in the order page() gives, for exports.

        One query streams the ids; rows are read `batch` at a time.
        """
        shown = history_filter or HistoryFilter()
        if self._searched(shown):
            sql, params = Search(self._db, shown).ids(order_column, descending)
        else:
            sql, params = _ids_in_order(shown, order_column, descending)
        ids = self._db.execute(sql, params)
        while chunk := ids.fetchmany(batch):
            yield from self.rows_by_id([row[0] for row in chunk])

    def get(self, row_id: int) -> dict[str, Any] | None:
        """One call with everything stored about it, raw body included (the detail as a
        Message)."""
        row = next(self._db.query("SELECT * FROM calls WHERE id = ?", [row_id]), None)
        return None if row is None else _read(row)

    def last_id(self) -> int:
        """The newest row id (0 for an empty history), for HistoryFilter.upto_id snapshots."""
        return int(self._db.execute("SELECT coalesce(max(id), 0) FROM calls").fetchone()[0])

    def rows_by_id(self, ids: list[int], *, every_column: bool = False) -> list[dict[str, Any]]:
        """The calls with these row ids (LIST_COLUMNS, or `every_column`, raw body included;
        the detail as a Message), in the order of `ids`."""
        found: dict[int, dict[str, Any]] = {}
        columns = "*" if every_column else ", ".join(LIST_COLUMNS)
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ", ".join("?" * len(chunk))
            read = self._db.execute(f"SELECT {columns} FROM calls WHERE id IN ({marks})", chunk)
            names = [column[0] for column in read.description]
            for values in read.fetchall():
                row = dict(zip(names, values, strict=True))
                found[row["id"]] = _read(row)
        return [found[row_id] for row_id in ids if row_id in found]

    @staticmethod
    def _searched(shown: HistoryFilter) -> bool:
        """Whether the filter has words to look up in the dictionary (the few calls after a
        snapshot are quicker tested one by one)."""
        return shown.after_id is None and bool(shown.words())


#: Columns a history list shows or sorts by (everything but the raw body, which can be large).
LIST_COLUMNS = (
    "id", "call_id", "received_at", "phone_number", "caller", "customer_name", "customer_kana",
    "customer_org", "operator_name", "scenario_id", "call_type", "decision", "reason", "detail",
    "rule_id", "latency_ms", "repeats", "customer_org_kana", "decided_by",
)

def _ids_in_order(
    history_filter: HistoryFilter, order_column: str, descending: bool
) -> tuple[str, list[Any]]:
    """The query for matching ids in order: ids only, so SQLite reads indexes, not the table."""
    order = order_by(order_column, descending)
    where, params = history_filter.where(order_column)
    return f"SELECT id FROM {history_filter.source()} WHERE {where} ORDER BY {order}", params


