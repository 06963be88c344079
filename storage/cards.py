"""The history's search dictionary: every distinct set of a customer's searchable texts once (a
customer card) and every caller's number once, each with how many calls it has, and which card
each call has.

A million calls come from some thousands of customers and numbers. A search matches its words
against these few rows instead of every call, and then finds the calls by key
(storage/search.py): how many match is the sum of the counts, and their calls are those of the
keys, in `card_calls` (one row per call, in the list's order within each card) or in the caller
index of the calls themselves. Each call is noted here by a trigger as its row is made, in the
transaction that records it (NOTE_EACH_CALL); migration 0015 builds the dictionary from the
calls recorded before.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

CARDS = "customer_cards"
CARD_CALLS = "card_calls"
NUMBERS = "caller_numbers"

#: What a customer card keeps: the columns of a call that a name search reads, by their names
#: in the calls table, so the same conditions run on either.
CARD_TEXTS = ("customer_name", "customer_kana", "customer_org", "customer_org_kana",
              "customer_reading", "customer_org_reading")
_TEXTS = ", ".join(CARD_TEXTS)

# A number without a canonical form (no possible phone number: withheld, a short code) is kept
# as commubo sent it, with no caller; a caller's row keeps '' there, as a number search never
# reads the number as sent of a call that has a caller.
SCHEMA = (
    f"CREATE TABLE {CARDS} (id INTEGER PRIMARY KEY, "
    + ", ".join(f"{column} TEXT NOT NULL" for column in CARD_TEXTS)
    + f", calls INTEGER NOT NULL DEFAULT 0, UNIQUE ({_TEXTS}))",
    f"CREATE TABLE {CARD_CALLS} (card INTEGER NOT NULL, received_at TEXT NOT NULL, "
    "call INTEGER NOT NULL, decision TEXT NOT NULL, reason TEXT NOT NULL, "
    "PRIMARY KEY (card, received_at, call)) WITHOUT ROWID",
    f"CREATE TABLE {NUMBERS} (caller TEXT UNIQUE, phone_number TEXT NOT NULL DEFAULT '', "
    "calls INTEGER NOT NULL DEFAULT 0)",
    f"CREATE UNIQUE INDEX idx_{NUMBERS}_as_sent ON {NUMBERS} (phone_number) "
    "WHERE caller IS NULL",
)

_STORED_TEXTS = ", ".join(f"coalesce(NEW.{column}, '')" for column in CARD_TEXTS)
_SAME_CARD = " AND ".join(f"{column} = coalesce(NEW.{column}, '')" for column in CARD_TEXTS)
#: Each call noted as its row is made, inside SQLite (migration 0016): the statement that
#: records a group of calls is one turn of the interpreter's lock for the writer, where a
#: statement of its own for each call's card, listing and number was three turns more, each
#: a wait on the listener's thread.
NOTE_EACH_CALL_TRIGGER = "calls_noted_in_search_dictionary"
NOTE_EACH_CALL = (
    f"CREATE TRIGGER IF NOT EXISTS {NOTE_EACH_CALL_TRIGGER} AFTER INSERT ON calls BEGIN "
    f"INSERT INTO {CARDS} ({_TEXTS}, calls) VALUES ({_STORED_TEXTS}, 1) "
    f"ON CONFLICT ({_TEXTS}) DO UPDATE SET calls = calls + 1; "
    f"INSERT INTO {CARD_CALLS} (card, received_at, call, decision, reason) "
    f"SELECT id, NEW.received_at, NEW.id, NEW.decision, NEW.reason FROM {CARDS} "
    f"WHERE {_SAME_CARD}; "
    f"INSERT INTO {NUMBERS} (caller, calls) SELECT NEW.caller, 1 WHERE NEW.caller IS NOT NULL "
    f"ON CONFLICT (caller) DO UPDATE SET calls = calls + 1; "
    f"INSERT INTO {NUMBERS} (phone_number, calls) SELECT coalesce(NEW.phone_number, ''), 1 "
    f"WHERE NEW.caller IS NULL "
    f"ON CONFLICT (phone_number) WHERE caller IS NULL DO UPDATE SET calls = calls + 1; "
    f"END"
)


def create(db: Database) -> None:
    for statement in SCHEMA:
        db.execute(statement)


def rebuild(db: Database) -> None:
    """The dictionary made anew from the calls (migration 0015; a history loaded in bulk).

    Three passes over the covering index of the history (idx_calls_history, which has every
    column read here), never over the table's rows with their raw bodies."""
    for table in (CARD_CALLS, CARDS, NUMBERS):
        db.execute(f"DELETE FROM {table}")
    stored = ", ".join(f"coalesce({column}, '')" for column in CARD_TEXTS)
    db.execute(f"INSERT INTO {CARDS} ({_TEXTS}, calls) SELECT {stored}, count(*) "
               f"FROM calls INDEXED BY idx_calls_history GROUP BY {stored}")
    same = " AND ".join(f"card.{column} = coalesce(call.{column}, '')" for column in CARD_TEXTS)
    db.execute(f"INSERT INTO {CARD_CALLS} (card, received_at, call, decision, reason) "
               "SELECT card.id, call.received_at, call.id, call.decision, call.reason "
               f"FROM calls AS call INDEXED BY idx_calls_history JOIN {CARDS} AS card ON {same} "
               "ORDER BY 1, 2, 3")
    db.execute(f"INSERT INTO {NUMBERS} (caller, phone_number, calls) SELECT caller, "
               "CASE WHEN caller IS NULL THEN coalesce(phone_number, '') ELSE '' END, count(*) "
               "FROM calls INDEXED BY idx_calls_history GROUP BY 1, 2")


# More matching rows than this are not listed: so many keys mean that a good part of the
# history matches, and its pages are then read by walking the history in order (storage/search.py).
LISTED = 10_000
# The keys a search lists of each kind of row, as JSON arrays (for json_each): a card's id; a
# number's caller, and the number as sent of one without a caller.
CARD_KEYS = ("json_group_array(id)",)
NUMBER_KEYS = ("json_group_array(caller) FILTER (WHERE caller IS NOT NULL)",
               "json_group_array(phone_number) FILTER (WHERE caller IS NULL)")


@dataclass(frozen=True)
class Matched:
    """The dictionary rows that every word of a kind matches: their keys, as JSON arrays
    (None: more than LISTED rows), how many rows and how many calls they have."""

    keys: tuple[str, ...] | None
    rows: int
    calls: int


def matching(db: Database, table: str, keys: tuple[str, ...],
             conditions: list[tuple[str, list[Any]]]) -> Matched:
    """The rows of `table` (CARDS or NUMBERS) that meet every condition, with `keys`
    (CARD_KEYS or NUMBER_KEYS) listed; in one row of SQL, not one a key."""
    where = " AND ".join(sql for sql, _ in conditions)
    params = [value for _, values in conditions for value in values]
    found = db.execute(f"SELECT count(*), total(calls), {', '.join(keys)} "
                       f"FROM (SELECT * FROM {table} WHERE {where} LIMIT ?)",
                       [*params, LISTED + 1]).fetchone()
    if found[0] <= LISTED:
        return Matched(tuple(found[2:]), found[0], int(found[1]))
    total = db.execute(f"SELECT total(calls) FROM {table} WHERE {where}", params).fetchone()[0]
    return Matched(None, found[0], int(total))
