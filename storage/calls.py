"""The call history: one row per call, written before commubo gets its answer."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, fields, replace
from datetime import UTC, datetime
from functools import lru_cache
from operator import attrgetter
from typing import Any

import phonenumbers
from sqlite_utils import Database

from screening import phone
from screening.call import Call
from screening.messages import Message
from screening.names import company_reading, fold, reading
from screening.policy import Decision, Reason, Verdict
from storage.database import CONFIG_VERSION, HISTORY_SORT_INDEXES


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


_VERDICT_AND_CONFIG = (
    "SELECT (SELECT value FROM counters WHERE name = ?), decision, reason, detail, rule_id "
    "FROM (SELECT 1) LEFT JOIN calls ON call_id = ?")


class CallHistory:
    def __init__(self, db: Database) -> None:
        self._db = db

    def record(self, record: CallRecord) -> bool:
        """False when the call is in the history already: a record written again (from the
        journal, after a crash) changes nothing."""
        return self.record_all([record])[0]

    def record_all(self, records: Sequence[CallRecord]) -> list[bool]:
        """Every record's row, in one statement (up to 1,600 rows: SQLite's limit of values in
        one); for each, False when the call is in the history already."""
        values = [value for record in records for value in (
            *_record_values(record), reading(record.customer_kana, record.customer_name),
            company_reading(record.customer_org_kana, record.customer_org))]
        cursor = self._db.execute(_insert_calls(len(records)), values)
        made = cursor.rowcount
        if made == len(records) or made <= 0:
            return [made > 0] * len(records)
        # Some were in the history already. The rows this statement made took the ids after
        # the highest one, one after another, up to the last it made.
        last = int(cursor.lastrowid or 0)
        new = {row[0] for row in self._db.execute(
            "SELECT call_id FROM calls WHERE id > ? AND id <= ?", [last - made, last])}
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
        where, params = shown.where()
        sql = f"SELECT * FROM {shown.source()} WHERE {where} ORDER BY received_at DESC, id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return [_read(row) for row in self._db.query(sql, params)]

    def count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM calls").fetchone()[0])

    # Browsing: everything below filters and sorts in SQL on the indexes of migration 0002, so a
    # history of a million calls opens, pages and searches without reading the whole table.

    def page(
        self,
        history_filter: HistoryFilter | None = None,
        order_column: str = "received_at",
        descending: bool = True,
        offset: int = 0,
        limit: int = 200,
    ) -> list[dict[str, Any]]:
        """One page of matching calls (LIST_COLUMNS, no raw body), in the given order.

        Ties are broken by received time (then row id) in the same direction. Raises ValueError
        for a column outside SORT_COLUMNS.
        """
        sql, params = _ids_in_order(history_filter or HistoryFilter(), order_column, descending)
        rows = self._db.execute(
            f"{sql} LIMIT ? OFFSET ?", [*params, max(limit, 0), max(offset, 0)]).fetchall()
        return self.rows_by_id([row[0] for row in rows])

    def count_matching(self, history_filter: HistoryFilter | None = None) -> int:
        """How many calls match. Unless the filter `scans`, this reads an index range; else it
        scans the covering index (count_slice() does the same in steps)."""
        shown = history_filter or HistoryFilter()
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

    def count_slice(
        self, history_filter: HistoryFilter, before: tuple[str, int] | None, size: int
    ) -> tuple[int, tuple[str, int] | None]:
        """Count the matches among the next `size` calls, newest first, older than `before`.

        Returns the matches and where the next slice starts (None after the oldest call), so a
        GUI can count a big search a slice at a time between events. `before` is a call's
        (received_at, id); None starts at the newest call.
        """
        where, params = history_filter.where()
        window, window_params = "1", []
        if before is not None:
            window, window_params = "(received_at, id) < (?, ?)", list(before)
        edge = self._db.execute(
            f"SELECT received_at, id FROM calls WHERE {window} "
            "ORDER BY received_at DESC, id DESC LIMIT 1 OFFSET ?",
            [*window_params, max(size, 1) - 1],
        ).fetchone()
        if edge is not None:
            window += " AND (received_at, id) >= (?, ?)"
            window_params += [edge[0], edge[1]]
        sql = f"SELECT count(*) FROM calls INDEXED BY idx_calls_history WHERE {window} AND {where}"
        matches = int(self._db.execute(sql, [*window_params, *params]).fetchone()[0])
        return matches, (str(edge[0]), int(edge[1])) if edge is not None else None

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
        sql, params = _ids_in_order(history_filter or HistoryFilter(), order_column, descending)
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

    def rows_by_id(self, ids: list[int]) -> list[dict[str, Any]]:
        """The calls with these row ids (LIST_COLUMNS, the detail as a Message), in the order
        of `ids`."""
        found: dict[int, dict[str, Any]] = {}
        columns = ", ".join(LIST_COLUMNS)
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ", ".join("?" * len(chunk))
            sql = f"SELECT {columns} FROM calls WHERE id IN ({marks})"
            for values in self._db.execute(sql, chunk).fetchall():
                found[values[0]] = _read(dict(zip(LIST_COLUMNS, values, strict=True)))
        return [found[row_id] for row_id in ids if row_id in found]


# --- Browsing the history: filtering, sorting and paging in SQL --------------------------------

#: Columns a history list shows or sorts by (everything but the raw body, which can be large).
LIST_COLUMNS = (
    "id", "call_id", "received_at", "phone_number", "caller", "customer_name", "customer_kana",
    "customer_org", "operator_name", "scenario_id", "call_type", "decision", "reason", "detail",
    "rule_id", "latency_ms", "repeats", "customer_org_kana", "decided_by",
)

#: The columns a history may be sorted by, each with its index; anything else is refused.
SORT_COLUMNS = frozenset({"received_at", *HISTORY_SORT_INDEXES})

# Characters people write inside phone numbers: 03-3000-1234, (03) 3000 1234, +81 3.3000.1234.
_PHONE_LIKE = re.compile(r"^\+?[\d\s\-()./]*\d[\d\s\-()./]*$")
# Digits from which a number starting with 0 or + is taken as the start of a whole number only.
_WHOLE_NUMBER_START = 6
_COUNTRY_PREFIX = f"+{phonenumbers.country_code_for_region(phone.REGION)}"
_HIRAGANA_TO_KATAKANA = {code: code + 0x60 for code in range(0x3041, 0x3097)}


def _utc_bound(value: str | datetime | None) -> str | None:
    """A time bound in the stored form (UTC ISO 8601, milliseconds); naive values are UTC."""
    if value is None:
        return None
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


@dataclass(frozen=True)
class HistoryFilter:
    """Which calls a history list shows. Every part is optional; parts combine with AND.

    `text` is split into words and every word must match. A word that looks like a phone number
    (digits with + - ( ) . or spaces; full-width forms too) matches the caller's number however it
    is written: `03-3000`, `0330001234`, `+81 3 3000 1234` and `3000-1234` all find +81330001234.
    Other words match part of the customer's name, kana (hiragana and half-width kana find the
    stored katakana), company or the company's kana, ASCII letters in any case. A Japanese word
    of three or more characters also matches with other characters between its own, so
    `鈴木一郎` finds the stored `鈴木 一郎` and `鈴木 スミス 一郎`. A text that is one phone
    number written with spaces is taken as one number; LIKE wildcards in the text are searched
    for, not obeyed.

    `received_from` is inclusive and `received_to` exclusive; both accept datetimes or ISO 8601
    text and are normalised to the stored UTC form (naive values are taken as UTC).
    `upto_id` limits the list to calls recorded up to that row id: a stable snapshot for paging
    while new calls keep arriving. `after_id` limits it to calls recorded after that row id.
    """

    text: str = ""
    decision: str | None = None
    reason: str | None = None
    received_from: str | datetime | None = None
    received_to: str | datetime | None = None
    upto_id: int | None = None
    after_id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "received_from", _utc_bound(self.received_from))
        object.__setattr__(self, "received_to", _utc_bound(self.received_to))

    @property
    def scans(self) -> bool:
        """True when the search text needs a scan (of the covering index, never of the table):
        any word but the start of a phone number, which the caller index finds directly."""
        return not all(_is_whole_number_start(term) for term in _search_terms(self.text))

    def source(self) -> str:
        """The FROM clause for this filter: a scan must read the covering index, whatever the
        query planner guesses from another index that covers the decision, say; the few calls
        after a snapshot (`after_id`) are read straight from the table by their row ids."""
        if self.after_id is not None:
            return "calls NOT INDEXED"
        return "calls INDEXED BY idx_calls_history" if self.scans else "calls"

    def where(self, order_column: str = "received_at") -> tuple[str, list[Any]]:
        """The SQL condition (without WHERE; "1" when empty) and its parameters.

        The decision and reason tests may use their own indexes only for a newest-first list
        without search text. Otherwise they are kept away from them ("+decision"), because
        SQLite, which has no statistics here, would take `decision = 'accept'` for selective and
        read the table for most calls: sorted by another column, it instead reads that column's
        index in order, checks them there and stops after a page; with a number it reads the
        caller index.
        """
        clauses: list[str] = []
        params: list[Any] = []
        terms = _search_terms(self.text)
        for term in terms:
            sql, term_params = _term_condition(term)
            clauses.append(sql)
            params.extend(term_params)
        unindexed = "+" if terms or order_column != "received_at" else ""
        for column, operator, value in (
            (f"{unindexed}decision", "=", self.decision),
            (f"{unindexed}reason", "=", self.reason),
            ("received_at", ">=", self.received_from),
            ("received_at", "<", self.received_to),
            # "+id": a rowid range would make SQLite read the table instead of the index.
            ("+id", "<=", self.upto_id),
            # Calls recorded since a snapshot: few, so here the rowid range is the quick way.
            ("id", ">", self.after_id),
        ):
            if value is not None:
                clauses.append(f"{column} {operator} ?")
                params.append(value)
        return (" AND ".join(clauses) or "1"), params


def _search_terms(text: str) -> list[str]:
    """Words of a search; the whole text when it is one phone number written with spaces."""
    normal = unicodedata.normalize("NFKC", text).strip()
    if not normal:
        return []
    if _PHONE_LIKE.match(normal):
        return [normal]
    return normal.split()


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _term_condition(term: str) -> tuple[str, list[Any]]:
    if _PHONE_LIKE.match(term):
        return _number_condition(term)
    return _name_condition(term)


def _number_prefix(term: str) -> str | None:
    """The canonical start of a number written from its beginning (0… or +…), if it is one."""
    digits = "".join(ch for ch in term if ch.isdigit())
    if term.startswith("+"):
        return f"+{digits}"
    if digits.startswith("0"):
        # The domestic form: 03-3000… is +813000… in the canonical (E.164) form.
        return f"{_COUNTRY_PREFIX}{digits[1:]}"
    return None


def _is_whole_number_start(term: str) -> bool:
    """03-3000 or longer (+81 3 3000…): surely the start of a number, and few enough numbers
    start so that the caller index finds them at once."""
    if not _PHONE_LIKE.match(term) or _number_prefix(term) is None:
        return False
    return sum(ch.isdigit() for ch in term) >= _WHOLE_NUMBER_START


def _number_condition(term: str) -> tuple[str, list[Any]]:
    """A number however written: the start of a number (0… or +…) or any run of its digits."""
    digits = "".join(ch for ch in term if ch.isdigit())
    options: list[tuple[str, list[Any]]] = []
    prefix = _number_prefix(term)
    if prefix is not None:
        # A range, not LIKE: SQLite answers it from the caller index.
        options.append(("(caller >= ? AND caller < ?)", [prefix, _after_prefix(prefix)]))
    whole = phone.canonical(term)
    if whole is not None and (prefix is None or not whole.startswith(prefix)):
        options.append(("caller = ?", [whole]))
    if not _is_whole_number_start(term):
        # Any run of digits (the last four, say), also in numbers that are no possible phone
        # number and so have no canonical form: a scan.
        options.append(("instr(caller, ?) > 0", [digits]))
        options.append(("(caller IS NULL AND instr(phone_number, ?) > 0)", [digits]))
    sql = " OR ".join(condition for condition, _ in options)
    return f"({sql})", [value for _, values in options for value in values]


def _after_prefix(prefix: str) -> str:
    """The first text after every text that starts with `prefix`."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _name_condition(term: str) -> tuple[str, list[Any]]:
    """A word of a name, its kana (hiragana finds katakana), a company or its kana; and the
    word folded as readings are (screening.names.fold) in the customer's and the company's
    readings, so that a reading the customer list wrote in half-width kana, in hiragana or
    with a middle dot is found too."""
    variants = [term]
    katakana = term.translate(_HIRAGANA_TO_KATAKANA)
    if katakana != term:
        variants.append(katakana)
    parts: list[str] = []
    params: list[Any] = []
    for variant in variants:
        pattern = f"%{_like_escape(variant)}%"
        # 鈴木一郎 typed without the space the stored 鈴木 一郎 has, or without a middle name:
        # Japanese words of three or more characters match with anything between characters.
        spaced = pattern
        if len(variant) >= 3 and not any(ch.isascii() for ch in variant):
            spaced = "%" + "%".join(_like_escape(ch) for ch in variant) + "%"
        for column, column_pattern in (
            ("customer_name", spaced), ("customer_kana", spaced), ("customer_org", pattern),
            ("customer_org_kana", pattern),
        ):
            parts.append(f"{column} LIKE ? ESCAPE '\\'")
            params.append(column_pattern)
    folded = fold(term)
    if folded:  # nothing is left of a legal form alone (株式会社)
        for column in ("customer_reading", "customer_org_reading"):
            parts.append(f"{column} LIKE ? ESCAPE '\\'")
            params.append(f"%{_like_escape(folded)}%")
    return f"({' OR '.join(parts)})", params


def _ids_in_order(
    history_filter: HistoryFilter, order_column: str, descending: bool
) -> tuple[str, list[Any]]:
    """The query for matching ids in order: ids only, so SQLite reads indexes, not the table."""
    order = _order_by(order_column, descending)
    where, params = history_filter.where(order_column)
    return f"SELECT id FROM {history_filter.source()} WHERE {where} ORDER BY {order}", params


def _order_by(order_column: str, descending: bool) -> str:
    if order_column not in SORT_COLUMNS:
        raise ValueError(f"cannot sort the history by {order_column!r}")
    direction = "DESC" if descending else "ASC"
    if order_column == "received_at":
        return f"received_at {direction}, id {direction}"
    # The same direction throughout, so the column's index (column, received_at, id, ...) is
    # read in order, forwards or backwards.
    return f"{order_column} {direction}, received_at {direction}, id {direction}"
