"""Rules and settings for the next call, reread only when another connection changed them."""

from __future__ import annotations

from collections.abc import Mapping

from sqlite_utils import Database

from screening.policy import ScreeningSettings
from screening.rules import Rule, index_rules
from storage.database import CONFIG_VERSION
from storage.rules import RuleBook
from storage.settings import Counters, SettingsStore


class ScreeningSnapshot:
    """Serves the current rules and settings to the hot path.

    `PRAGMA data_version` changes whenever another connection commits, and the config-version
    counter (moved by triggers) whenever rules or settings change, so a change from the command
    line or the console applies to the very next call, while recording calls rereads nothing.
    """

    def __init__(self, db: Database) -> None:
        self._db = db
        self._data_version: int | None = None
        self._config_version: int | None = None
        self._rules: Mapping[str, Rule] = {}
        self._settings = ScreeningSettings()

    def current(self) -> tuple[Mapping[str, Rule], ScreeningSettings]:
        data_version = self._db.execute("PRAGMA data_version").fetchone()[0]
        if data_version != self._data_version:
            self._data_version = data_version
            config_version = Counters(self._db).get(CONFIG_VERSION)
            if config_version != self._config_version:
                self._rules = index_rules(RuleBook(self._db).rules())
                self._settings = SettingsStore(self._db).screening()
                self._config_version = config_version
        return self._rules, self._settings
