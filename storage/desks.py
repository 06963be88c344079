"""The desks table (migration 0011): the desks that may attach, as stored. Only SQL here: the
names, roles and secrets are checked, and the secrets hashed, by application/desks.py."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlite_utils import Database

from storage.database import CONFIG_VERSION, DESKS_TABLE, DESKS_VERSION, writing
from storage.settings import Counters

_COLUMNS = "name, role, salt, secret_hash, created_at, last_seen, attached_until"


class DeskRows:
    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, name: str, role: str, salt: str, secret_hash: str, created_at: str) -> bool:
        """False when a desk of that name exists already (nothing is changed then)."""
        with writing(self._db):
            return self._db.execute(
                f"INSERT INTO {DESKS_TABLE} (name, role, salt, secret_hash, created_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (name) DO NOTHING",
                [name, role, salt, secret_hash, created_at]).rowcount == 1

    def all(self) -> list[dict[str, Any]]:
        """Every desk, by name."""
        return list(self._db.query(f"SELECT {_COLUMNS} FROM {DESKS_TABLE} ORDER BY name"))

    def get(self, name: str) -> dict[str, Any] | None:
        return next(self._db.query(
            f"SELECT {_COLUMNS} FROM {DESKS_TABLE} WHERE name = ?", [name]), None)

    def remove(self, name: str) -> bool:
        with writing(self._db):
            return self._db.execute(
                f"DELETE FROM {DESKS_TABLE} WHERE name = ?", [name]).rowcount == 1

    def seen(self, names: Iterable[str], at: str, attached_until: str | None) -> None:
        """These desks were seen at `at`, and are attached until `attached_until` unless seen
        again (None: they detached)."""
        with writing(self._db):
            self._db.conn.executemany(
                f"UPDATE {DESKS_TABLE} SET last_seen = ?, attached_until = ? WHERE name = ?",
                [(at, attached_until, name) for name in names])

    def version(self) -> int:
        """Moves whenever a desk is added or removed, or its role or secret changes."""
        return Counters(self._db).get(DESKS_VERSION)

    def versions(self) -> tuple[int, int]:
        """The desks version and the config version (rules and settings), in one read."""
        found = dict(self._db.execute(
            "SELECT name, value FROM counters WHERE name IN (?, ?)",
            [DESKS_VERSION, CONFIG_VERSION]).fetchall())
        return int(found.get(DESKS_VERSION, 0)), int(found.get(CONFIG_VERSION, 0))
