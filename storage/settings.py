"""Settings and counters: small key/value tables that every process reads fresh."""

from __future__ import annotations

import ipaddress
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from sqlite_utils import Database

from screening.policy import Decision, Mode, ScreeningSettings, WithheldHandling, parse_ask_timeout

TOKEN_KEY = "webhook-token"
UI_PREFIX = "ui."


def _choice(kind: type[Mode] | type[Decision] | type[WithheldHandling]) -> Callable[[str], str]:
    def parse(text: str) -> str:
        try:
            return str(kind(text))
        except ValueError:
            allowed = ", ".join(item.value for item in kind)
            raise ValueError(f"{text!r} is not one of: {allowed}") from None

    return parse


def _seconds(text: str) -> str:
    return f"{parse_ask_timeout(text):g}"


def _host(text: str) -> str:
    if text == "localhost":
        return text
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        raise ValueError(f"{text!r} is not an IP address to listen on") from None


def _port(text: str) -> str:
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= 65535:
        raise ValueError(f"port must be a number from 1 to 65535, not {text!r}")
    return str(int(text))


@dataclass(frozen=True)
class Setting:
    key: str
    default: str
    parse: Callable[[str], str]
    help: str


SETTINGS = {
    setting.key: setting
    for setting in (
        Setting("mode", Mode.ACCEPT_ALL, _choice(Mode), "accept-all, reject-all or ask"),
        Setting("ask-timeout", "10", _seconds, "seconds a person has to decide (3-60)"),
        Setting("ask-default", Decision.ACCEPT, _choice(Decision), "decision when nobody answers"),
        Setting(
            "withheld", WithheldHandling.MODE, _choice(WithheldHandling),
            "withheld callers: mode (follow the mode), accept, reject or ask",
        ),
        Setting("failsafe", Decision.ACCEPT, _choice(Decision), "decision when callgate fails"),
        Setting("host", "127.0.0.1", _host, "address the listener binds (on restart)"),
        Setting("port", "8080", _port, "port the listener binds (on restart)"),
    )
}


class UnknownSetting(KeyError):
    def __str__(self) -> str:
        return f"no setting {self.args[0]!r}; settings are: {', '.join(SETTINGS)}"


class SettingsStore:
    """Validated settings; a value is checked when it is written, so reads never fail."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def all(self) -> dict[str, str]:
        stored = {row["key"]: row["value"] for row in self._db.table("settings").rows}
        return {key: stored.get(key, setting.default) for key, setting in SETTINGS.items()}

    def get(self, key: str) -> str:
        if key not in SETTINGS:
            raise UnknownSetting(key)
        return self.all()[key]

    def set(self, key: str, value: str) -> str:
        """Store a setting; raises UnknownSetting or ValueError with a reason for people."""
        if key not in SETTINGS:
            raise UnknownSetting(key)
        canonical = SETTINGS[key].parse(value.strip())
        self._db.table("settings").upsert({"key": key, "value": canonical}, pk="key")
        return canonical

    def set_many(self, values: dict[str, str]) -> None:
        """Store several settings at once, or none of them if one is not valid."""
        with self._db.atomic():
            for key, value in values.items():
                self.set(key, value)

    def screening(self) -> ScreeningSettings:
        values = self.all()
        return ScreeningSettings(
            mode=Mode(values["mode"]),
            ask_timeout=float(values["ask-timeout"]),
            ask_default=Decision(values["ask-default"]),
            withheld=WithheldHandling(values["withheld"]),
            failsafe=Decision(values["failsafe"]),
        )

    def remember(self, key: str, value: str) -> None:
        """Keep the console's own state (window geometry, notices shown) beside the settings."""
        self._db.table("settings").upsert({"key": f"{UI_PREFIX}{key}", "value": value}, pk="key")

    def recall(self, key: str) -> str | None:
        row = self._db.execute(
            "SELECT value FROM settings WHERE key = ?", [f"{UI_PREFIX}{key}"]
        ).fetchone()
        return str(row[0]) if row else None

    def webhook_token(self) -> str:
        """The secret in the webhook path, made on first use (192 random bits, URL-safe)."""
        self._db.execute(
            "INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)",
            [TOKEN_KEY, secrets.token_urlsafe(24)],
        )
        row = self._db.execute("SELECT value FROM settings WHERE key = ?", [TOKEN_KEY]).fetchone()
        return str(row[0])


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
