"""Finding the calls a history search's words match, at a million calls.

The words are matched, by the conditions of storage/history_filter.py, against the search
dictionary (storage/cards.py), whose customer cards and caller numbers are some thousands of
rows however many calls there are; the calls are then found by key:

- how many match, with no other filter, is the sum of the matched rows' counts, less the calls
  recorded after the snapshot (a few rows, by their ids); with other filters, the keys' entries
  counted in an index that holds the filters' columns;
- a page is read from the keys' calls, sorted, when they are few; when they are many, by walking
  the history in the list's order, testing each call's words, and stopping after the page (it
  soon comes, as so many calls match): whichever reads fewer entries.

Searches without words, and the few calls after a snapshot (`after_id`), need none of this:
HistoryFilter.where() alone finds them.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sqlite_utils import Database

from storage import cards
from storage.history_filter import (
    HistoryFilter,
    is_number,
    name_condition,
    number_condition,
    order_by,
    word_condition,
)

# What reading one entry costs, roughly, in entries of an index read in order: a walk tests the
# words of each call it passes (ten LIKE patterns, say); a table row is a seek away from its
# index entry (and large); one key's calls start with a seek into their index.
WALK_COST = 5
ROW_COST = 10
KEY_COST = 20
# A count that comes with a page, so that the console shows both at once, costs no more than
# this; a dearer one is asked for on its own, once the page shows.
COUNT_WITH_PAGE = 100_000
# Sorted by these, the calls that match cluster (all the スズキ together): a walk in that order
# may pass most of the history before its page. A customer card has them, so a name search's
# calls are sorted by them without their rows.
_CARD_ORDERS = frozenset({"customer_reading", "customer_org"})
# Orders that the cards' list of calls has the columns for, and the caller index.
_CARD_CALL_ORDERS = frozenset({"received_at", "decision", "reason"})
_CALLER_ORDERS = frozenset({"received_at", "caller", "decision", "reason"})

_LISTED = "(SELECT value FROM json_each(?))"


@dataclass(frozen=True)
class _Kind:
    """The words of one kind (names, or numbers) and the dictionary rows they all match."""

    words: list[str]
    matched: cards.Matched
    names: bool

    def condition(self) -> tuple[str, list[Any]]:
        """The calls of these words, by the keys when they are listed, else by the words."""
        keys = self.matched.keys
        if keys is None:
            conditions = [word_condition(word) for word in self.words]
            return (" AND ".join(sql for sql, _ in conditions),
                    [value for _, values in conditions for value in values])
        if self.names:
            return f"id IN (SELECT call FROM {cards.CARD_CALLS} WHERE card IN {_LISTED})", [*keys]
        callers, as_sent = keys
        if as_sent == "[]":
            return f"caller IN {_LISTED}", [callers]
        return (f"(caller IN {_LISTED} OR (caller IS NULL AND phone_number IN {_LISTED}))",
                [callers, as_sent])


@dataclass(frozen=True)
class _Keyed:
    """A query of the listed keys' calls: what it selects from, where, its order, and whether
    it reads the calls' rows (else only index entries)."""

    source: str
    where: str
    params: list[Any]
    order: str
    reads_rows: bool


class Search:
    """A history filter with words (and no `after_id`), matched against the dictionary: its
    count and its pages. Make it, and use it, in one read transaction
    (storage.database.one_snapshot), so that the dictionary's counts and the calls agree."""

    def __init__(self, db: Database, shown: HistoryFilter) -> None:
        self._db = db
        self._shown = shown
        words = shown.words()
        names = [word for word in words if not is_number(word)]
        numbers = [word for word in words if is_number(word)]
        self._kinds: list[_Kind] = []
        if names:
            self._kinds.append(_Kind(names, cards.matching(
                db, cards.CARDS, cards.CARD_KEYS, [name_condition(word) for word in names]),
                names=True))
        if numbers:
            self._kinds.append(_Kind(numbers, cards.matching(
                db, cards.NUMBERS, cards.NUMBER_KEYS,
                [number_condition(word) for word in numbers]), names=False))

    @property
    def at_most(self) -> int:
        """How many calls match at most: those of the kind of words that matched fewer."""
        return min(kind.matched.calls for kind in self._kinds)

    def ids(self, order_column: str, descending: bool, offset: int = 0,
            limit: int | None = None) -> tuple[str, list[Any]]:
        """The query for the matching calls' ids in the list's order (`limit` of them from
        `offset`; None: all). Raises ValueError for a column outside SORT_COLUMNS."""
        order = order_by(order_column, descending)
        page, page_params = ("", []) if limit is None else (" LIMIT ? OFFSET ?", [limit, offset])
        keyed = self._keyed(order_column, descending)
        if keyed is None or (limit is not None
                             and self._walk_cost(order_column, offset + limit) < self._cost(keyed)):
            index = ("idx_calls_history" if order_column == "received_at"
                     else f"idx_calls_by_{order_column}")
            where, params = self._shown.where(order_column)
            return (f"SELECT id FROM calls INDEXED BY {index} WHERE {where} ORDER BY {order}"
                    f"{page}", [*params, *page_params])
        return (f"SELECT {keyed.source} WHERE {keyed.where} ORDER BY {keyed.order}{page}",
                [*keyed.params, *page_params])

    def count(self) -> int:
        """How many calls match."""
        count = self._count(at_once=False)
        assert count is not None
        return count

    def quick_count(self) -> int | None:
        """How many calls match, if that costs little; else None."""
        return self._count(at_once=True)

    def _count(self, *, at_once: bool) -> int | None:
        shown = self._shown
        if len(self._kinds) == 1 and not shown.bounded:
            total = self._kinds[0].matched.calls
            if shown.upto_id is not None:
                since = replace(shown, upto_id=None, after_id=shown.upto_id)
                where, params = since.where()
                total -= self._db.execute(
                    f"SELECT count(*) FROM {since.source()} WHERE {where}", params).fetchone()[0]
            return int(total)
        keyed = self._keyed(None, descending=True)
        if keyed is not None and not (at_once and self._cost(keyed) > COUNT_WITH_PAGE):
            return int(self._db.execute(
                f"SELECT count(*) FROM (SELECT {keyed.source} WHERE {keyed.where})",
                keyed.params).fetchone()[0])
        if at_once:
            return None
        where, params = shown.where()
        return int(self._db.execute(
            f"SELECT count(*) FROM calls INDEXED BY idx_calls_history WHERE {where}",
            params).fetchone()[0])

    def _keyed(self, order_column: str | None, descending: bool) -> _Keyed | None:
        """The query of the listed keys' calls (in the list's order: `order_column`, if any);
        None when no kind of words matched few enough rows to list."""
        kinds = self._kinds
        if all(kind.matched.keys is None for kind in kinds):
            return None
        direction = "DESC" if descending else "ASC"
        then = f"received_at {direction}, call {direction}"
        cards_alone = kinds[0]
        if len(kinds) == 1 and cards_alone.names and cards_alone.matched.keys is not None:
            bounds, params = self._shown.bounds(unindexed="", row_id="call")
            where = " AND ".join([f"card IN {_LISTED}", *bounds])
            listed = cards_alone.matched.keys[0]
            if order_column is None or order_column in _CARD_CALL_ORDERS:
                order = then if order_column in (None, "received_at") else (
                    f"{order_column} {direction}, {then}")
                return _Keyed(f"call AS id FROM {cards.CARD_CALLS}", where, [listed, *params],
                              order, reads_rows=False)
            if order_column in _CARD_ORDERS:
                return _Keyed(f"call AS id FROM {cards.CARD_CALLS} JOIN {cards.CARDS} "
                              f"ON {cards.CARDS}.id = card", where, [listed, *params],
                              f"{order_column} {direction}, {then}", reads_rows=False)
        clauses: list[str] = []
        params = []
        for kind in kinds:
            sql, values = kind.condition()
            clauses.append(sql)
            params.extend(values)
        bounds, bound_params = self._shown.bounds()
        # Listed numbers' calls are read from the caller index, which has the filters' columns
        # (and the row id, by which the cards' calls are told).
        by_caller = any(not kind.names and kind.matched.keys is not None for kind in kinds)
        covered = (by_caller and all(kind.matched.keys is not None for kind in kinds)
                   and (order_column is None or order_column in _CALLER_ORDERS))
        source = "id FROM calls INDEXED BY idx_calls_by_caller" if by_caller else "id FROM calls"
        return _Keyed(source, " AND ".join([*clauses, *bounds]), [*params, *bound_params],
                      order_by(order_column or "received_at", descending),
                      reads_rows=not covered)

    def _cost(self, keyed: _Keyed) -> float:
        """What reading the listed keys' calls costs (see WALK_COST)."""
        keys = sum(kind.matched.rows for kind in self._kinds if kind.matched.keys is not None)
        return self.at_most * (ROW_COST if keyed.reads_rows else 1) + KEY_COST * keys

    def _walk_cost(self, order_column: str, rows: int) -> float:
        """What walking the history in the list's order costs until `rows` have matched."""
        names = any(kind.names for kind in self._kinds)
        if names and order_column in _CARD_ORDERS:
            return float("inf")
        # The words are tested on the walked index's own entries: the history's covering index
        # has every column they read, the caller index the caller's number.
        covering = order_column == "received_at" or (order_column == "caller" and not names)
        calls = int(self._db.execute("SELECT coalesce(max(id), 0) FROM calls").fetchone()[0])
        return (WALK_COST * (1 if covering else ROW_COST) * rows * calls
                / max(self.at_most, 1))
