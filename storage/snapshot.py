"""Rules and settings for the next call, reread only when another connection changed them."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime

from sqlite_utils import Database

from screening.policy import ScreeningSettings
from screening.rules import Rule, RuleIndex
from screening.settings import OfficeSettings
from storage.database import CONFIG_VERSION
from storage.rules import RuleBook
from storage.settings import Counters, SettingsTable, Tokens

log = logging.getLogger(__name__)


class ScreeningSnapshot:
    """Serves the current rules and settings to the hot path.

    `PRAGMA data_version` changes whenever another connection commits, and the config-version
    counter (moved by triggers) whenever rules or settings change, so a change from the command
    line or the console applies to the very next call, while recording calls rereads nothing.
    The call service reads the counter in the statement it reads anyway for each call
    (`observe`), and compares a token with the tokens last read, reading again only when it
    does not match: the hot path runs one statement, not three.
    """

    def __init__(
        self, db: Database, *, tokens_read: Callable[[tuple[str, ...]], None] | None = None
    ) -> None:
        """`tokens_read` hears the webhook tokens each time they are read (to keep them out
        of the log)."""
        self._db = db
        self._tokens_read = tokens_read
        self._data_version: int | None = None
        self._config_version: int | None = None
        self._rules = RuleIndex()
        self._read: list[Rule] = []
        self._once: frozenset[int] = frozenset()
        # One-shot rules used up by a call whose record is not on disk yet, and since when.
        self._spent: dict[int, datetime] = {}
        self._settings = ScreeningSettings()
        self._tokens: tuple[str, ...] = ()
        self._previous_until: datetime | None = None

    def current(self) -> tuple[RuleIndex, ScreeningSettings]:
        """Every rule, indexed once per change, and the settings (schedule and override
        included); expiry is judged per call, by the `now` given to screen()."""
        data_version = self._db.execute("PRAGMA data_version").fetchone()[0]
        if data_version != self._data_version:
            self._data_version = data_version
            self.observe(Counters(self._db).get(CONFIG_VERSION))
        return self._rules, self._settings

    def observe(self, config_version: int) -> None:
        """The config version as just read (in the statement a call reads anyway): the rules,
        settings and tokens are read again if it moved."""
        if config_version == self._config_version:
            return
        self._read = RuleBook(self._db).rules()
        self._once = frozenset(rule.id for rule in self._read if rule.once)
        self._index()
        self._settings = OfficeSettings.of(SettingsTable(self._db).stored()).screening()
        tokens = Tokens(self._db)
        previous, until = tokens.previous()
        if until is None:
            previous = None
        self._tokens = tuple(token for token in (tokens.current(), previous) if token)
        if self._tokens_read is not None:
            self._tokens_read(self._tokens)
        self._previous_until = datetime.fromisoformat(until) if until else None
        self._config_version = config_version

    @property
    def rules_and_settings(self) -> tuple[RuleIndex, ScreeningSettings]:
        """As last read (by current() or observe()), without reading anything."""
        return self._rules, self._settings

    @property
    def version(self) -> int | None:
        """The config version last read: it moves whenever rules or settings change."""
        return self._config_version

    def spend(self, rule_id: int, when: datetime) -> None:
        """Use a one-shot rule up now, in memory: a second call in the moment before the
        first one's record (and the rule's use) is on disk must not pass it too."""
        self._spent[rule_id] = when
        self._index()

    def settle(self, rule_id: int) -> None:
        """The use of a spent rule reached the disk, or failed to: from the next reread on,
        the database says whether it is used."""
        if self._spent.pop(rule_id, None) is not None:
            self._index()

    def _index(self) -> None:
        spent = self._spent
        self._rules = RuleIndex(
            rule.used(spent[rule.id]) if rule.id in spent else rule for rule in self._read)

    def is_once(self, rule_id: int) -> bool:
        """Whether the rule is a one-shot rule (as last read), used up by the call it decides."""
        return rule_id in self._once

    def webhook_tokens(self, *, reread: bool = True) -> tuple[str, ...]:
        """The tokens that open the webhook now: the current one, and the previous one during
        its grace period after a rotation; without `reread`, as last read. A storage error
        keeps the tokens last read: a failing disk must not lock commubo out."""
        if reread:
            try:
                self.current()
            except sqlite3.Error:
                log.exception("could not reread the webhook tokens; using the ones last read")
        if self._previous_until is not None and self._previous_until <= datetime.now(UTC):
            return self._tokens[:1]
        return self._tokens
