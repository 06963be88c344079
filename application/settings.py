"""The office's settings: read typed, changed all or nothing, each value checked first."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from sqlite_utils import Database

from screening.messages import Message
from screening.policy import ScreeningSettings
from screening.settings import SPECS, Key, OfficeSettings, canonical, key_of, with_defaults
from storage.database import writing
from storage.settings import SettingsTable


class SettingsService:
    def __init__(self, db: Callable[[], Database]) -> None:
        self._db = db

    def get(self) -> OfficeSettings:
        return OfficeSettings.of(SettingsTable(self._db()).stored())

    def screening(self) -> ScreeningSettings:
        """What decides the next call."""
        return self.get().screening()

    def values(self) -> dict[str, str]:
        """Every setting's canonical text by its Key, in Key order."""
        return with_defaults(SettingsTable(self._db()).stored())

    def value(self, key: Key | str) -> str:
        """One setting's text; a Refusal for a key that names no setting."""
        return self.values()[key_of(key)]

    @staticmethod
    def help(key: Key) -> Message:
        return SPECS[key].help

    def save(self, changes: Mapping[Key, str] | Mapping[str, str]) -> OfficeSettings:
        """Store every change or none: each value is checked before anything is written, and a
        Refusal names the key (`field`) of the first value refused."""
        checked: dict[str, str] = {key_of(key): canonical(key, text)
                                   for key, text in changes.items()}
        db = self._db()
        with writing(db):
            SettingsTable(db).put(checked)
            return self.get()

    def set(self, key: Key | str, text: str) -> str:
        """Store one setting; its canonical text (`config KEY VALUE` prints it)."""
        return self.save({key_of(key): text}).text[key_of(key)]
