"""Rules and settings for the next call, reread only when another connection changed them."""

from __future__ import annotations

from collections.abc import Mapping

from sqlite_utils import Database

from screening.policy import ScreeningSettings
from screening.rules import Rule, index_rules
from storage.rules import RuleBook
from storage.settings import SettingsStore


class ScreeningSnapshot:
    """Serves the current rules and settings to the hot path.

    `PRAGMA data_version` changes whenever another connection commits, so a change from the
    command line or the console applies to the very next call without a reread per call.
    """

    def __init__(self, db: Database) -> None:
        self._db = db
        self._version: int | None = None
        self._rules: Mapping[str, Rule] = {}
        self._settings = ScreeningSettings()

    def current(self) -> tuple[Mapping[str, Rule], ScreeningSettings]:
        version = self._db.execute("PRAGMA data_version").fetchone()[0]
        if version != self._version:
            self._rules = index_rules(RuleBook(self._db).rules())
            self._settings = SettingsStore(self._db).screening()
            self._version = version
        return self._rules, self._settings

    def invalidate(self) -> None:
        """Force a reread, after this same connection changed rules or settings."""
        self._version = None
