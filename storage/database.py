"""Opening the database file: durability pragmas, schema migrations, and which of its failures
a later attempt can get past."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database, Migrations

from screening.call import Customer
from screening.names import company_reading, reading
from storage import cards

DB_FILENAME = "callgate.db"
BUSY_TIMEOUT_MS = 5000
# SQLite result codes that a later attempt can get past: busy, locked, out of memory,
# read-only, I/O error, full, cannot open, lock protocol.
TRANSIENT_CODES = frozenset({5, 6, 7, 8, 10, 13, 14, 15})
# Of those, the ones a smaller transaction may get past: the disk full (SQLITE_FULL), a file at
# the size it may reach (SQLITE_IOERR, from EFBIG).
OUT_OF_ROOM_CODES = frozenset({10, 13})

migrations = Migrations("callgate")


@migrations(name="0001_calls_rules_settings")
def _initial_schema(db: Database) -> None:
    db.table("calls").create(
        {
            "id": int,
            "call_id": str,
            "received_at": str,
            "phone_number": str,
            "caller": str,
            "customer_name": str,
            "customer_kana": str,
            "customer_org": str,
            "operator_name": str,
            "scenario_id": str,
            "call_type": str,
            "decision": str,
            "reason": str,
            "detail": str,
            "rule_id": int,
            "latency_ms": float,
            "repeats": int,
            "raw_body": str,
        },
        pk="id",
        not_null={"call_id", "received_at", "decision", "reason", "raw_body"},
        defaults={"repeats": 0},
    )
    db.table("calls").create_index(["call_id"], unique=True)
    db.table("calls").create_index(["received_at"])
    db.table("calls").create_index(["caller"])
    db.table("rules").create(
        {
            "id": int,
            "number": str,
            "action": str,
            "note": str,
            "created_at": str,
            "last_matched_at": str,
            "times_matched": int,
        },
        pk="id",
        not_null={"number", "action", "created_at"},
        defaults={"note": "", "times_matched": 0},
    )
    db.table("rules").create_index(["number"], unique=True)
    db.table("settings").create({"key": str, "value": str}, pk="key", not_null={"value"})
    db.table("counters").create({"name": str, "value": int}, pk="name", not_null={"value"})


# Every column a history search, filter or sort reads, behind received_at: browsing a million calls
# newest first then walks this index alone and touches table rows (with their raw bodies) only
# for the page it shows. `id` right behind received_at breaks ties in the same order as the list
# (newest first), so paging needs no sort. It starts with received_at, so the plain received_at
# index is redundant. Migration 0007 added the company's kana, 0010 the customer's reading,
# 0011 the company's.
HISTORY_INDEX_COLUMNS = (
    "received_at", "id", "caller", "phone_number", "customer_name", "customer_kana", "customer_org",
    "customer_org_kana", "decision", "reason", "latency_ms", "customer_reading",
    "customer_org_reading",
)
HISTORY_INDEX = "idx_calls_history"


@migrations(name="0002_history_browsing_index")
def _history_browsing_index(db: Database) -> None:
    # The columns as they were then (0007, 0010 and 0011 rebuild the index with what they added).
    columns = [column for column in HISTORY_INDEX_COLUMNS
               if column not in ("customer_org_kana", "customer_reading", "customer_org_reading")]
    db.table("calls").create_index(columns, index_name=HISTORY_INDEX, if_not_exists=True)
    db.execute("DROP INDEX IF EXISTS idx_calls_received_at")


# One index per other column the history sorts by, each followed by what the decision, reason and
# date filters read: a sorted, filtered page is then read in order from one index and the query
# stops after a page, instead of sorting a million calls for each page (gui/history.py).
# Customers sort by their kana reading (migration 0010), no longer by the name as written.
HISTORY_SORT_INDEXES = {
    "caller": ("caller", "received_at", "id", "decision", "reason"),
    "customer_reading": ("customer_reading", "received_at", "id", "decision", "reason"),
    "customer_org": ("customer_org", "received_at", "id", "decision", "reason"),
    "decision": ("decision", "received_at", "id", "reason"),
    "reason": ("reason", "received_at", "id", "decision"),
    "latency_ms": ("latency_ms", "received_at", "id", "decision", "reason"),
}


def _sort_index(db: Database, column: str) -> None:
    db.table("calls").create_index(list(HISTORY_SORT_INDEXES[column]),
                                   index_name=f"idx_calls_by_{column}", if_not_exists=True)


@migrations(name="0003_history_sort_indexes")
def _history_sort_indexes(db: Database) -> None:
    for column in HISTORY_SORT_INDEXES:
        if column != "customer_reading":
            _sort_index(db, column)
    # The customer's name as written, as customers sorted then (0010 replaces it).
    db.table("calls").create_index(
        ["customer_name", "received_at", "id", "decision", "reason"],
        index_name="idx_calls_by_customer_name", if_not_exists=True)
    # A leading part of idx_calls_by_caller, which serves every query it served.
    db.execute("DROP INDEX IF EXISTS idx_calls_caller")


CONFIG_VERSION = "config-version"
# The body of every trigger that moves the config version (migrations 0004 and 0006).
_BUMP_CONFIG_VERSION = (
    f"BEGIN UPDATE counters SET value = value + 1 WHERE name = '{CONFIG_VERSION}'; END")


@migrations(name="0004_config_version")
def _config_version(db: Database) -> None:
    """A counter that moves whenever rules or settings change (not when a rule merely matches),
    so the listener rereads them only then, though the history is written all the time."""
    db.execute("INSERT OR IGNORE INTO counters (name, value) VALUES (?, 0)", [CONFIG_VERSION])
    for table, change in (("rules", "INSERT"), ("rules", "DELETE"),
                          ("rules", "UPDATE OF number, action, note"),
                          ("settings", "INSERT"), ("settings", "DELETE"), ("settings", "UPDATE")):
        name = f"{table}_{change.split()[0].lower()}_bumps_config_version"
        db.execute(f"CREATE TRIGGER IF NOT EXISTS {name} AFTER {change} ON {table} "
                   f"{_BUMP_CONFIG_VERSION}")


def is_transient(error: BaseException) -> bool:
    """A storage failure that retrying can get past, as opposed to a job that cannot work."""
    code = getattr(error, "sqlite_errorcode", None)
    return isinstance(error, sqlite3.OperationalError) and (
        code is None or code & 0xFF in TRANSIENT_CODES)


def is_out_of_room(error: BaseException) -> bool:
    """A storage failure where less to write at once may succeed."""
    code = getattr(error, "sqlite_errorcode", None)
    return is_transient(error) and code is not None and code & 0xFF in OUT_OF_ROOM_CODES


def utc_now() -> str:
    """Timestamps are stored in UTC ISO 8601 so that text order is time order."""
    return datetime.now(UTC).isoformat(timespec="milliseconds")


def _enable_wal(db: Database) -> None:
    """Switch a new file to WAL; SQLite refuses that at once (no busy wait) while another
    connection holds a lock, so retry for as long as busy_timeout would have waited."""
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            db.enable_wal()
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


@contextmanager
def writing(db: Database) -> Iterator[Database]:
    """A transaction that takes the write lock before it reads (BEGIN IMMEDIATE), for every
    change that reads, then writes.

    A deferred transaction (`db.atomic()`) that reads first gets a snapshot; if another
    connection commits before it writes (the listener does, for every call), SQLite refuses
    the write at once (SQLITE_BUSY_SNAPSHOT), without waiting: busy_timeout cannot help it.
    Taking the lock first waits for it up to busy_timeout instead. Inside a transaction, a
    savepoint of it.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
        db.conn.execute("COMMIT")
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise


@contextmanager
def one_snapshot(db: Database) -> Iterator[Database]:
    """One snapshot for several queries (a deferred transaction that only reads), unless a
    transaction is open already: what one query counted and the next one reads agree, though
    the listener commits a call between them."""
    if db.conn.in_transaction:
        yield db
        return
    db.conn.execute("BEGIN")
    try:
        yield db
    finally:
        if db.conn.in_transaction:
            db.conn.execute("COMMIT")


def open_database(path: Path) -> Database:
    """A connection for the calling thread: WAL, full sync, a busy timeout, current schema.

    synchronous=FULL because a call's record must survive a power cut once its answer has left.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    # No sqlite-utils plugins: none is ours, and finding installed ones reads every package's
    # metadata, a tenth of a start-up.
    db = Database(path, execute_plugins=False)
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    _enable_wal(db)
    db.execute("PRAGMA synchronous = FULL")
    if migrations.pending(db):
        # The write lock first, so two processes starting at once cannot both apply the
        # same migration.
        with writing(db):
            migrations.apply(db)
    return db


SELF_TESTS_TABLE = "self_tests"


@migrations(name="0005_self_tests")
def _self_tests(db: Database) -> None:
    """The nonces of callgate's own test calls (never calls: no history, no statistics), so a
    self-test through the public URL can tell that this database, not another, received it."""
    db.table(SELF_TESTS_TABLE).create(
        {"nonce": str, "received_at": str}, pk="nonce", not_null={"received_at"},
        if_not_exists=True,
    )
    db.table(SELF_TESTS_TABLE).create_index(["received_at"], if_not_exists=True)


RULE_CHANGE_COLUMNS = ("number", "action", "note", "kind", "pattern", "expires_at", "once",
                       "used_at")


@migrations(name="0006_rule_kinds_expiry_once")
def _rule_kinds(db: Database) -> None:
    """Prefix and name rules, expiry and one-shot rules (issue 5).

    `number` keeps the canonical target of every rule (the number, the prefix like `+81120*`,
    or the name), so one unique index on (kind, number) replaces the one on number alone.
    Using up a one-shot rule (`used_at`) or changing its expiry moves the config version, so
    the listener rereads the rules at once.
    """
    rules = db.table("rules")
    columns = rules.columns_dict
    for name, ddl in (
        ("kind", "TEXT NOT NULL DEFAULT 'number'"),
        ("pattern", "TEXT NOT NULL DEFAULT ''"),
        ("expires_at", "TEXT"),
        ("once", "INTEGER NOT NULL DEFAULT 0"),
        ("used_at", "TEXT"),
    ):
        if name not in columns:
            db.execute(f"ALTER TABLE rules ADD COLUMN {name} {ddl}")
    db.execute("UPDATE rules SET pattern = number WHERE kind = 'prefix' AND pattern = ''")
    db.execute("DROP INDEX IF EXISTS idx_rules_number")
    db.execute("CREATE UNIQUE INDEX IF NOT EXISTS idx_rules_kind_number ON rules (kind, number)")
    db.execute("DROP TRIGGER IF EXISTS rules_update_bumps_config_version")
    db.execute(
        "CREATE TRIGGER IF NOT EXISTS rules_update_bumps_config_version "
        f"AFTER UPDATE OF {', '.join(RULE_CHANGE_COLUMNS)} ON rules {_BUMP_CONFIG_VERSION}"
    )


def org_name_kana(raw_body: str | None) -> str:
    """The company's kana (customer.orgNameKana, else orgShortNameKana) in a stored body, read
    as the listener reads it; '' when there is none or the body is no JSON object."""
    try:
        data = json.loads((raw_body or "").lstrip("\ufeff"))
    except (ValueError, RecursionError):
        return ""
    customer = data.get("customer") if isinstance(data, dict) else None
    return Customer.from_payload(customer).org_kana if isinstance(customer, dict) else ""


@migrations(name="0007_company_kana")
def _company_kana(db: Database) -> None:
    """The company's kana in the history, so a kana search finds a company as it finds a
    person; taken from the raw body of the calls recorded before, and in the covering index
    that every text search reads."""
    if "customer_org_kana" not in db.table("calls").columns_dict:
        db.execute("ALTER TABLE calls ADD COLUMN customer_org_kana TEXT NOT NULL DEFAULT ''")
    db.conn.create_function("callgate_org_name_kana", 1, org_name_kana, deterministic=True)
    db.execute("UPDATE calls SET customer_org_kana = callgate_org_name_kana(raw_body) "
               "WHERE instr(raw_body, 'orgNameKana') > 0")
    _history_index(db, [column for column in HISTORY_INDEX_COLUMNS
                        if column not in ("customer_reading", "customer_org_reading")])


def _history_index(db: Database, columns: list[str]) -> None:
    db.execute(f"DROP INDEX IF EXISTS {HISTORY_INDEX}")
    db.table("calls").create_index(columns, index_name=HISTORY_INDEX)


@migrations(name="0008_detail_codes")
def _detail_codes(db: Database) -> None:
    """The history's details as codes with arguments instead of English (issue 11), so that
    old rows read in the reader's language too; words that match no known form stay words."""
    english = "detail <> '' AND detail NOT LIKE '{\"code\":%'"
    if db.execute(f"SELECT 1 FROM calls WHERE {english} LIMIT 1").fetchone() is None:
        return  # a history begun since (a new one, say): the English forms need not load
    from storage.old_details import coded  # two dozen patterns compiled for old rows alone

    db.conn.create_function("callgate_detail_code", 2, coded, deterministic=True)
    db.execute(f"UPDATE calls SET detail = callgate_detail_code(reason, detail) WHERE {english}")


@migrations(name="0009_console_preferences_out")
def _console_preferences_out(db: Database) -> None:
    """The console kept its own state (window geometry, notices shown) beside the settings, so
    each resize moved the configuration's version; it keeps it in Qt's per-user settings now
    (issue 11)."""
    db.execute("DELETE FROM settings WHERE key LIKE 'ui.%'")


@migrations(name="0010_customer_reading")
def _customer_reading(db: Database) -> None:
    """Customers sort by their kana reading (issue 12: `すずき` with `スズキ` and `ｽｽﾞｷ`), as
    screening.names.reading makes it from the stored kana and name; its index replaces the
    one on the name as written, and the covering index that every text search reads has it
    too, so a search sorted by customer never reads the table."""
    if "customer_reading" not in db.table("calls").columns_dict:
        db.execute("ALTER TABLE calls ADD COLUMN customer_reading TEXT NOT NULL DEFAULT ''")
    db.conn.create_function("callgate_reading", 2, reading, deterministic=True)
    db.execute("UPDATE calls SET customer_reading = "
               "callgate_reading(coalesce(customer_kana, ''), coalesce(customer_name, '')) "
               "WHERE coalesce(customer_kana, '') <> '' OR coalesce(customer_name, '') <> ''")
    db.execute("DROP INDEX IF EXISTS idx_calls_by_customer_name")
    _sort_index(db, "customer_reading")
    _history_index(db, [column for column in HISTORY_INDEX_COLUMNS
                        if column != "customer_org_reading"])


@migrations(name="0011_company_reading")
def _company_reading(db: Database) -> None:
    """A kana search finds a company however the customer list wrote its reading (issue 12:
    `ﾔﾏﾀﾞｼｮｳﾃﾝ`, `やまだしょうてん` and `ヤマダ・ショウテン` by `やまだ`): the company's
    reading and name folded as screening.names.company_reading makes them, in the covering
    index that every text search reads; and the short name's reading where a call came with
    no other (taken from its body, as 0007 took the company's)."""
    if "customer_org_reading" not in db.table("calls").columns_dict:
        db.execute("ALTER TABLE calls ADD COLUMN customer_org_reading TEXT NOT NULL DEFAULT ''")
    db.conn.create_function("callgate_org_name_kana", 1, org_name_kana, deterministic=True)
    db.execute("UPDATE calls SET customer_org_kana = callgate_org_name_kana(raw_body) "
               "WHERE customer_org_kana = '' AND instr(raw_body, 'orgShortNameKana') > 0")
    db.conn.create_function("callgate_company_reading", 2, company_reading, deterministic=True)
    db.execute("UPDATE calls SET customer_org_reading = callgate_company_reading("
               "coalesce(customer_org_kana, ''), coalesce(customer_org, '')) "
               "WHERE coalesce(customer_org_kana, '') <> '' OR coalesce(customer_org, '') <> ''")
    _history_index(db, list(HISTORY_INDEX_COLUMNS))


# The statistics' time buckets: a call's quarter hour in UTC, "2026-11-25T07:3" for 07:45 to
# 08:00 (text order is time order). Every office's day and hour starts on a quarter hour of
# UTC (time zones are offset by multiples of 15 minutes), so these add up to the office's days
# and hours in any time zone, summer time included. The statistics' query must write the
# expression exactly so (SQLite uses an index on an expression only for the same expression).
STATS_QUARTER = ("substr(received_at, 1, 14) || "
                 "(CAST(substr(received_at, 15, 2) AS INTEGER) / 15)")
STATS_QUARTERS_INDEX = "idx_calls_stats_quarters"
# The calls of callers who were no customer, not decided by a rule: the candidates for one.
UNKNOWN_CALLERS = "caller IS NOT NULL AND customer_name = '' AND customer_org = ''"
UNKNOWN_CALLERS_INDEX = "idx_calls_unknown_callers"


@migrations(name="0012_statistics_indexes")
def _statistics_indexes(db: Database) -> None:
    """The Statistics tab over a million calls (issue 14): its counts by quarter hour,
    decision, reason and rule are read from one index in its order (no table row, no sort),
    and the unknown callers from a partial index of their calls alone."""
    db.execute(f"CREATE INDEX IF NOT EXISTS {STATS_QUARTERS_INDEX} ON calls "
               f"({STATS_QUARTER}, decision, reason, rule_id)")
    db.execute(f"CREATE INDEX IF NOT EXISTS {UNKNOWN_CALLERS_INDEX} ON calls "
               f"(caller, received_at, decision, reason) WHERE {UNKNOWN_CALLERS}")


DESKS_TABLE = "desks"
DESKS_VERSION = "desks-version"


@migrations(name="0013_desks")
def _desks(db: Database) -> None:
    """The desks that may attach to this service (issue 13): a name, a role, and the secret's
    scrypt hash with its own salt, never the secret. Adding or removing a desk, or changing
    its role or secret, moves the desks version (the service binds or releases its desk port
    and closes a removed desk's session on seeing it move); the service noting when a desk
    was seen does not."""
    db.table(DESKS_TABLE).create(
        {"name": str, "role": str, "salt": str, "secret_hash": str, "created_at": str,
         "last_seen": str, "attached_until": str},
        pk="name", not_null={"role", "salt", "secret_hash", "created_at"}, if_not_exists=True,
    )
    db.execute("INSERT OR IGNORE INTO counters (name, value) VALUES (?, 0)", [DESKS_VERSION])
    bump = f"BEGIN UPDATE counters SET value = value + 1 WHERE name = '{DESKS_VERSION}'; END"
    for change in ("INSERT", "DELETE", "UPDATE OF role, salt, secret_hash"):
        name = f"desks_{change.split()[0].lower()}_bumps_desks_version"
        db.execute(f"CREATE TRIGGER IF NOT EXISTS {name} AFTER {change} ON {DESKS_TABLE} "
                   f"{bump}")


@migrations(name="0014_decided_by")
def _decided_by(db: Database) -> None:
    """The desk whose person decided a call (reason `person`), kept with the call."""
    if "decided_by" not in db.table("calls").columns_dict:
        db.execute("ALTER TABLE calls ADD COLUMN decided_by TEXT")


@migrations(name="0015_search_dictionary")
def _search_dictionary(db: Database) -> None:
    """A history search at a million calls (issue 15): each distinct set of a customer's texts
    and each caller's number once, with its count of calls, and each call's card
    (storage/cards.py), made from the calls recorded before: about 7 s for a million calls."""
    cards.create(db)
    cards.rebuild(db)


@migrations(name="0016_search_dictionary_by_trigger")
def _search_dictionary_by_trigger(db: Database) -> None:
    """Each new call noted in the search dictionary by SQLite itself, as its row is made
    (storage/cards.py NOTE_EACH_CALL), no longer by a statement of the writer's for each."""
    db.execute(cards.NOTE_EACH_CALL)
