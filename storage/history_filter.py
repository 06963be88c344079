"""What the words of a history search match, and the rest of a history filter, as SQL
conditions on a call's columns: those of the calls table, which the customer cards and caller
numbers of the search dictionary (storage/cards.py) have too, by the same names."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from screening import phone
from screening.names import fold
from storage.database import HISTORY_SORT_INDEXES

#: The columns a history may be sorted by, each with its index; anything else is refused.
SORT_COLUMNS = frozenset({"received_at", *HISTORY_SORT_INDEXES})

# Characters people write inside phone numbers: 03-3000-1234, (03) 3000 1234, +81 3.3000.1234.
_PHONE_LIKE = re.compile(r"^\+?[\d\s\-()./]*\d[\d\s\-()./]*$")
# Digits from which a number starting with 0 or + is taken as the start of a whole number only.
_WHOLE_NUMBER_START = 6
_COUNTRY_PREFIX = f"+{phone.COUNTRY_CODE}"
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

    def words(self) -> list[str]:
        """The words of the search; the whole text when it is one phone number written with
        spaces."""
        normal = unicodedata.normalize("NFKC", self.text).strip()
        if not normal:
            return []
        if _PHONE_LIKE.match(normal):
            return [normal]
        return normal.split()

    def source(self) -> str:
        """The FROM clause of where(): the few calls after a snapshot (`after_id`) are read
        straight from the table by their row ids. (A search over the rest of the history is
        storage/search.py's.)"""
        return "calls NOT INDEXED" if self.after_id is not None else "calls"

    def where(self, order_column: str = "received_at") -> tuple[str, list[Any]]:
        """The SQL condition on a call's columns (without WHERE; "1" when empty) and its
        parameters.

        The decision and reason tests may use their own indexes only for a newest-first list
        without search text. Otherwise they are kept away from them ("+decision"), because
        SQLite, which has no statistics here, would take `decision = 'accept'` for selective and
        read the table for most calls: sorted by another column, it instead reads that column's
        index in order, checks them there and stops after a page.
        """
        clauses: list[str] = []
        params: list[Any] = []
        words = self.words()
        for word in words:
            sql, word_params = word_condition(word)
            clauses.append(sql)
            params.extend(word_params)
        bounds, bound_params = self.bounds(
            unindexed="+" if words or order_column != "received_at" else "")
        return (" AND ".join([*clauses, *bounds]) or "1"), [*params, *bound_params]

    @property
    def bounded(self) -> bool:
        """Whether anything but the words and the snapshot limits the calls."""
        return any(value is not None for value in (
            self.decision, self.reason, self.received_from, self.received_to))

    def bounds(self, unindexed: str = "+", row_id: str = "id") -> tuple[list[str], list[Any]]:
        """The decision, reason, date and snapshot tests (on `row_id` for the call's row id),
        the decision and reason prefixed with `unindexed`."""
        clauses: list[str] = []
        params: list[Any] = []
        for column, operator, value in (
            (f"{unindexed}decision", "=", self.decision),
            (f"{unindexed}reason", "=", self.reason),
            ("received_at", ">=", self.received_from),
            ("received_at", "<", self.received_to),
            # "+id": a rowid range would make SQLite read the table instead of the index.
            (f"+{row_id}", "<=", self.upto_id),
            # Calls recorded since a snapshot: few, so here the rowid range is the quick way.
            (row_id, ">", self.after_id),
        ):
            if value is not None:
                clauses.append(f"{column} {operator} ?")
                params.append(value)
        return clauses, params


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def word_condition(term: str) -> tuple[str, list[Any]]:
    """What one word of a search matches: a number, or a name."""
    if is_number(term):
        return number_condition(term)
    return name_condition(term)


def is_number(term: str) -> bool:
    """Whether a word of a search is (part of) a phone number rather than a name."""
    return _PHONE_LIKE.match(term) is not None


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
    """03-3000 or longer (+81 3 3000…): surely the start of a number, not digits from within
    one."""
    if not _PHONE_LIKE.match(term) or _number_prefix(term) is None:
        return False
    return sum(ch.isdigit() for ch in term) >= _WHOLE_NUMBER_START


def number_condition(term: str) -> tuple[str, list[Any]]:
    """A number however written: the start of a number (0… or +…) or any run of its digits."""
    digits = "".join(ch for ch in term if ch.isdigit())
    options: list[tuple[str, list[Any]]] = []
    prefix = _number_prefix(term)
    if prefix is not None:
        # A range, not LIKE: SQLite answers it from an index on the caller.
        options.append(("(caller >= ? AND caller < ?)", [prefix, _after_prefix(prefix)]))
    whole = phone.canonical(term)
    if whole is not None and (prefix is None or not whole.startswith(prefix)):
        options.append(("caller = ?", [whole]))
    if not _is_whole_number_start(term):
        # Any run of digits (the last four, say), also in numbers that are no possible phone
        # number and so have no canonical form: a scan (of the dictionary's numbers).
        options.append(("instr(caller, ?) > 0", [digits]))
        options.append(("(caller IS NULL AND instr(phone_number, ?) > 0)", [digits]))
    sql = " OR ".join(condition for condition, _ in options)
    return f"({sql})", [value for _, values in options for value in values]


def _after_prefix(prefix: str) -> str:
    """The first text after every text that starts with `prefix`."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def name_condition(term: str) -> tuple[str, list[Any]]:
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


def order_by(order_column: str, descending: bool) -> str:
    """The ORDER BY of a list sorted by `order_column`; ValueError for one outside
    SORT_COLUMNS."""
    if order_column not in SORT_COLUMNS:
        raise ValueError(f"cannot sort the history by {order_column!r}")
    direction = "DESC" if descending else "ASC"
    if order_column == "received_at":
        return f"received_at {direction}, id {direction}"
    # The same direction throughout, so the column's index (column, received_at, id, ...) is
    # read in order, forwards or backwards.
    return f"{order_column} {direction}, received_at {direction}, id {direction}"
