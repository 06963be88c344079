"""Settings, webhook tokens and counters as stored: small key/value tables that every process
reads fresh. Only SQL here: which values a setting takes, and what they mean, is
screening/settings.py's; the application layer checks a value before it is written."""

from __future__ import annotations

from collections.abc import Mapping

from sqlite_utils import Database

from storage.database import writing

TOKEN_KEY = "webhook-token"
PREVIOUS_TOKEN_KEY = "webhook-token-previous"
PREVIOUS_UNTIL_KEY = "webhook-token-previous-until"


class SettingsTable:
    """The settings rows: key and canonical text."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def stored(self) -> dict[str, str]:
        """Every stored row (keys never set are absent: their defaults apply)."""
        return {str(key): str(value)
                for key, value in self._db.execute("SELECT key, value FROM settings")}

    def put(self, values: Mapping[str, str]) -> None:
        """Store the values, all in one transaction."""
        with writing(self._db):
            for key, value in values.items():
                self._db.execute(
                    "INSERT INTO settings (key, value) VALUES (?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [key, value])


class Tokens:
    """The webhook's secret, and the one it replaced while that still works."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def current(self) -> str | None:
        row = self._db.execute("SELECT value FROM settings WHERE key = ?", [TOKEN_KEY]).fetchone()
        return str(row[0]) if row else None

    def keep_first(self, token: str) -> str:
        """Store `token` unless a token is stored already; the token in force."""
        self._db.execute("INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)",
                         [TOKEN_KEY, token])
        return str(self.current())

    def replace(self, new: str, previous: str, previous_until: str) -> None:
        """`new` in force; `previous` keeps working until `previous_until` (UTC ISO)."""
        SettingsTable(self._db).put({PREVIOUS_TOKEN_KEY: previous,
                                     PREVIOUS_UNTIL_KEY: previous_until, TOKEN_KEY: new})

    def previous(self) -> tuple[str | None, str | None]:
        """The token replaced last and until when it works (UTC ISO), whether or not it still
        does."""
        values = dict(self._db.execute(
            "SELECT key, value FROM settings WHERE key IN (?, ?)",
            [PREVIOUS_TOKEN_KEY, PREVIOUS_UNTIL_KEY]).fetchall())
        return values.get(PREVIOUS_TOKEN_KEY), values.get(PREVIOUS_UNTIL_KEY)


class Counters:
    """Named counts that need no history row, such as refused requests."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, name: str, amount: int = 1) -> None:
        self._db.execute(
            "INSERT INTO counters (name, value) VALUES (?, ?) "
            "ON CONFLICT(name) DO UPDATE SET value = value + excluded.value",
            [name, amount],
        )

    def get(self, name: str) -> int:
        row = self._db.execute("SELECT value FROM counters WHERE name = ?", [name]).fetchone()
        return int(row[0]) if row else 0
