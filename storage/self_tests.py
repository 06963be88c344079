"""The nonces of callgate's own reachability tests: noted by the listener that took one, looked
up by the self-test that sent it, so that a test proves *this* database saw it."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

from sqlite_utils import Database

from storage.database import SELF_TESTS_TABLE

KEEP_DAYS = 7


def record_self_test(db: Database, nonce: str, received_at: str) -> None:
    """Note a test call's nonce; rows older than a week go, so the table stays small however
    often the test runs."""
    cutoff = datetime.fromisoformat(received_at) - timedelta(days=KEEP_DAYS)
    db.execute(f"DELETE FROM {SELF_TESTS_TABLE} WHERE received_at < ?",
               [cutoff.isoformat(timespec="milliseconds")])
    db.execute(f"INSERT OR IGNORE INTO {SELF_TESTS_TABLE} (nonce, received_at) VALUES (?, ?)",
               [nonce, received_at])


def seen_by(db_path: Path, nonce: str) -> bool:
    """Whether this callgate's database recorded the nonce; read-only, creates nothing."""
    if not db_path.exists():
        return False
    uri = f"{db_path.resolve().as_uri()}?mode=ro"
    try:
        connection = sqlite3.connect(uri, uri=True, timeout=5)
    except sqlite3.Error:
        return False
    try:
        row = connection.execute(
            f"SELECT 1 FROM {SELF_TESTS_TABLE} WHERE nonce = ?", [nonce]
        ).fetchone()
    except sqlite3.Error:  # no such table: a database from before self-tests
        return False
    finally:
        connection.close()
    return row is not None
