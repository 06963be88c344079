"""Settings and counters: small key/value tables that every process reads fresh."""

from __future__ import annotations

import ipaddress
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from sqlite_utils import Database

from screening.policy import (
    CallerHandling,
    Decision,
    Mode,
    PayphoneHandling,
    ScreeningSettings,
    parse_ask_timeout,
    parse_repeat_minutes,
)
from screening.schedule import (
    DEFAULT_TIME_ZONE,
    ClosedDays,
    Override,
    OverrideEnd,
    Schedule,
    format_hours,
    parse_closed_days,
    parse_hours,
    zone,
)
from storage.database import writing

TOKEN_KEY = "webhook-token"
PREVIOUS_TOKEN_KEY = "webhook-token-previous"
PREVIOUS_UNTIL_KEY = "webhook-token-previous-until"
UI_PREFIX = "ui."


Choice = (
    type[Mode] | type[Decision] | type[CallerHandling] | type[PayphoneHandling] | type[OverrideEnd]
)


def _choice(kind: Choice) -> Callable[[str], str]:
    def parse(text: str) -> str:
        try:
            return str(kind(text).value)
        except ValueError:
            allowed = ", ".join(item.value for item in kind)
            raise ValueError(f"{text!r} is not one of: {allowed}") from None

    return parse


def _seconds(text: str) -> str:
    return f"{parse_ask_timeout(text):g}"


_ON = {"on": "on", "yes": "on", "true": "on", "1": "on",
       "off": "off", "no": "off", "false": "off", "0": "off"}


def _on_off(text: str) -> str:
    value = _ON.get(text.lower())
    if value is None:
        raise ValueError(f"{text!r} is not on or off")
    return value


def _repeat_minutes(text: str) -> str:
    return f"{parse_repeat_minutes(text):g}"


def _hours(text: str) -> str:
    return format_hours(parse_hours(text))


def closed_days_of(text: str) -> tuple[ClosedDays, ...]:
    """The office's closed days as stored: one entry per line or separated by `;`."""
    return tuple(parse_closed_days(part) for part in re.split(r"[;\n]", text) if part.strip())


def _closed_days(text: str) -> str:
    return "; ".join(str(days) for days in closed_days_of(text))


def _time_zone(text: str) -> str:
    zone(text)
    return text


def _override_mode(text: str) -> str:
    """Empty (no manual override) or a mode."""
    return _choice(Mode)(text) if text else ""


def _instant(text: str) -> str:
    """Empty, or an aware ISO time stored in UTC."""
    if not text:
        return ""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{text!r} is not an ISO time like 2025-01-06T09:30:00+09:00") from None
    if moment.utcoffset() is None:
        raise ValueError(f"{text!r} needs a time zone offset, like +09:00")
    return moment.astimezone(UTC).isoformat(timespec="seconds")


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


def _grace_hours(text: str) -> str:
    try:
        hours = float(text)
    except ValueError:
        raise ValueError(f"token grace must be a number of hours, not {text!r}") from None
    if not 0 <= hours <= 720:
        raise ValueError("token grace must be between 0 and 720 hours")
    return f"{hours:g}"


TUNNEL_KINDS = ("none", "ngrok", "cloudflared", "url", "quick")
_HOSTNAME = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?")


def _tunnel(text: str) -> str:
    kind = text.lower()
    if kind not in TUNNEL_KINDS:
        raise ValueError(f"{text!r} is not one of: {', '.join(TUNNEL_KINDS)}")
    return kind


def _network_host(host: str) -> str:
    """An IP address (IPv6 in brackets) or a host name, in one canonical spelling."""
    bracketed = host.startswith("[") and host.endswith("]")
    try:
        ip = ipaddress.ip_address(host[1:-1] if bracketed else host)
    except ValueError:
        name = host.lower()
        if not bracketed and _HOSTNAME.fullmatch(name) and len(name) <= 253:
            return name
        raise ValueError(f"{host!r} is not a host name or an IP address") from None
    return f"[{ip}]" if ip.version == 6 else str(ip)


def _address(text: str) -> str:
    """host:port of a helper's local HTTP server (the ngrok agent API, cloudflared's metrics);
    a bare port means this machine, and a pasted `http://host:port/` is understood."""
    body = text.removeprefix("http://").removesuffix("/")
    if body.isascii() and body.isdigit():
        return f"127.0.0.1:{_port(body)}"
    host, colon, port = body.rpartition(":")
    if not colon or not host:
        raise ValueError(f"{text!r} is not an address as host:port, such as 127.0.0.1:4040")
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"  # an IPv6 address written without brackets
    return f"{_network_host(host)}:{_port(port)}"


def _public_url(text: str) -> str:
    """Empty, or the public base URL that forwards to callgate: scheme and host (and port)
    only, without a trailing slash. Errors never repeat a path: it may hold the token."""
    if not text:
        return ""
    example = "such as https://calls.example.com"
    if any(char.isspace() for char in text):
        raise ValueError(f"a URL has no spaces; give the address alone, {example}")
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not text.lower().startswith(f"{scheme}://"):
        raise ValueError(f"give an address that starts with https:// or http://, {example}")
    if parts.username is not None or parts.password is not None:
        raise ValueError("the address must not hold a user name or password")
    if parts.path not in ("", "/") or parts.query or parts.fragment or "?" in text:
        raise ValueError("give the address alone, without a path, "
                         f"{example} (callgate adds /hooks/commubo/<token> itself)")
    netloc = parts.netloc
    if netloc.startswith("["):
        host, _, rest = netloc.partition("]")
        host += "]"
        if rest and not rest.startswith(":"):
            raise ValueError(f"{netloc!r} is not a host and port")
        port = rest[1:]
    else:
        host, _, port = netloc.partition(":")
    if not host:
        raise ValueError(f"the address has no host name, {example}")
    if not host.isascii() and not host.startswith("["):
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            raise ValueError(f"{host!r} is not a host name") from None
    host = _network_host(host).rstrip(".")
    if port and _port(port) != {"http": "80", "https": "443"}[scheme]:
        return f"{scheme}://{host}:{int(port)}"
    return f"{scheme}://{host}"


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
            "withheld", CallerHandling.MODE, _choice(CallerHandling),
            "withheld callers: mode (follow the mode), accept, reject or ask",
        ),
        Setting("failsafe", Decision.ACCEPT, _choice(Decision), "decision when callgate fails"),
        Setting("payphone", PayphoneHandling.AS_WITHHELD, _choice(PayphoneHandling),
                "payphones: withheld (as withheld callers), mode, accept, reject or ask"),
        Setting("customers", CallerHandling.MODE, _choice(CallerHandling),
                "registered customers: mode (follow the mode), accept, reject or ask"),
        Setting("unknown", CallerHandling.MODE, _choice(CallerHandling),
                "callers who are no registered customer: mode, accept, reject or ask"),
        Setting("repeat-caller", "off", _on_off,
                "on: a number calling again within repeat-minutes after a reject rings through"),
        Setting("repeat-minutes", "3", _repeat_minutes, "the repeat-caller window (1-60 minutes)"),
        Setting("schedule", "off", _on_off, "on: business hours choose the mode"),
        Setting("schedule-hours", "mon-fri 09:00-18:00", _hours,
                "business hours, like mon-fri 9:00-12:00, 13:00-18:00; sat 9:00-12:00"),
        Setting("open-mode", Mode.ACCEPT_ALL, _choice(Mode), "the mode inside business hours"),
        Setting("closed-mode", Mode.REJECT_ALL, _choice(Mode), "the mode outside business hours"),
        Setting("public-holidays", "on", _on_off, "on: closed on Japanese public holidays"),
        Setting("closed-days", "", _closed_days,
                "the office's closed days, ';'-separated: 2025-08-13..2025-08-16 お盆; "
                "12-29..01-03 年末年始"),
        Setting("time-zone", DEFAULT_TIME_ZONE, _time_zone, "the office's time zone"),
        Setting("override-mode", "", _override_mode,
                "a mode set by hand over the schedule (empty: none; set with `mode`)"),
        Setting("override-set-at", "", _instant, "when the manual override was set (UTC)"),
        Setting("override-ends", OverrideEnd.NEXT_CHANGE, _choice(OverrideEnd),
                "the manual override lasts until the next-change of the schedule or turned-off"),
        Setting("host", "127.0.0.1", _host, "address the listener binds (on restart)"),
        Setting("port", "8080", _port, "port the listener binds (on restart)"),
        Setting("token-grace-hours", "24", _grace_hours,
                "hours an old webhook token keeps working after a rotation (0-720)"),
        Setting("tunnel", "none", _tunnel,
                "how commubo reaches callgate: none, ngrok, cloudflared, url or quick"),
        Setting("ngrok-api", "127.0.0.1:4040", _address,
                "host:port of the ngrok agent's local API (tunnel ngrok)"),
        Setting("cloudflared-metrics", "127.0.0.1:20241", _address,
                "host:port of cloudflared's --metrics server (tunnel cloudflared)"),
        Setting("public-url", "", _public_url,
                "public address that forwards to callgate, e.g. https://calls.example.com"),
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
        with writing(self._db):
            self._db.table("settings").upsert({"key": key, "value": canonical}, pk="key")
        return canonical

    def set_many(self, values: dict[str, str]) -> None:
        """Store several settings at once, or none of them if one is not valid."""
        with writing(self._db):
            for key, value in values.items():
                self.set(key, value)

    def screening(self) -> ScreeningSettings:
        values = self.all()
        schedule = self.schedule(values)
        return ScreeningSettings(
            mode=Mode(values["mode"]),
            ask_timeout=float(values["ask-timeout"]),
            ask_default=Decision(values["ask-default"]),
            withheld=CallerHandling(values["withheld"]),
            failsafe=Decision(values["failsafe"]),
            payphone=PayphoneHandling(values["payphone"]),
            customers=CallerHandling(values["customers"]),
            unknown=CallerHandling(values["unknown"]),
            repeat_caller=values["repeat-caller"] == "on",
            repeat_minutes=float(values["repeat-minutes"]),
            schedule=schedule,
            # A manual override overrides the schedule; without one, `mode` is set by hand.
            override=self.override(values) if schedule is not None else None,
            office_zone=values["time-zone"],
        )

    def schedule(self, values: dict[str, str] | None = None) -> Schedule | None:
        """The schedule as set, or None while the `schedule` setting is off."""
        values = values or self.all()
        if values["schedule"] != "on":
            return None
        return Schedule(
            week=parse_hours(values["schedule-hours"]),
            open_mode=Mode(values["open-mode"]),
            closed_mode=Mode(values["closed-mode"]),
            public_holidays=values["public-holidays"] == "on",
            closed_days=closed_days_of(values["closed-days"]),
            time_zone=values["time-zone"],
        )

    def override(self, values: dict[str, str] | None = None) -> Override | None:
        """The manual override as stored (in force or not), or None."""
        values = values or self.all()
        if not values["override-mode"] or not values["override-set-at"]:
            return None
        return Override(
            Mode(values["override-mode"]),
            datetime.fromisoformat(values["override-set-at"]),
            OverrideEnd(values["override-ends"]),
        )

    def set_mode(
        self, mode: Mode | str, *, ends: OverrideEnd | str = OverrideEnd.NEXT_CHANGE,
        now: datetime | None = None,
    ) -> Override | None:
        """The mode toggled by hand (the command line's `mode`, the console's mode buttons).

        It always becomes the `mode` setting. While the schedule is on it also becomes a manual
        override from `now`, until the schedule's next change (the default: "reject all" set at
        night ends when the office opens) or until turned off; returned. With the schedule off
        the `mode` setting alone decides, and any stored override is cleared.
        """
        canonical = _choice(Mode)(str(mode))
        ending = _choice(OverrideEnd)(str(ends))
        moment = (now or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")
        with writing(self._db):
            self.set("mode", canonical)
            if self.get("schedule") == "on":
                self.set_many({"override-mode": canonical, "override-set-at": moment,
                               "override-ends": ending})
            else:
                self.clear_override()
        return self.override() if self.get("schedule") == "on" else None

    def turn_schedule(self, on: bool) -> None:
        """Turn the schedule on or off; either way a manual override left from before ends."""
        with writing(self._db):
            self.set("schedule", "on" if on else "off")
            self.clear_override()

    def clear_override(self) -> None:
        """Turn the manual override off: the schedule decides again."""
        self.set_many({"override-mode": "", "override-set-at": ""})

    def remember(self, key: str, value: str) -> None:
        """Keep the console's own state (window geometry, notices shown) beside the settings."""
        with writing(self._db):
            self._db.table("settings").upsert({"key": f"{UI_PREFIX}{key}", "value": value},
                                              pk="key")

    def recall(self, key: str) -> str | None:
        row = self._db.execute(
            "SELECT value FROM settings WHERE key = ?", [f"{UI_PREFIX}{key}"]
        ).fetchone()
        return str(row[0]) if row else None

    def rotate_token(self) -> str:
        """A new webhook token; the old one keeps working for `token-grace-hours`, so no call
        is lost while the URL in commubo's dashboard is being updated."""
        grace = timedelta(hours=float(self.get("token-grace-hours")))
        until = (datetime.now(UTC) + grace).isoformat(timespec="seconds")
        new = secrets.token_urlsafe(24)
        with writing(self._db):
            old = self.webhook_token()
            for key, value in ((PREVIOUS_TOKEN_KEY, old), (PREVIOUS_UNTIL_KEY, until),
                               (TOKEN_KEY, new)):
                self._db.table("settings").upsert({"key": key, "value": value}, pk="key")
        return new

    def token_grace(self) -> tuple[str | None, str | None]:
        """The previous token and the UTC time it stops working, while it still works."""
        values = dict(self._db.execute(
            "SELECT key, value FROM settings WHERE key IN (?, ?)",
            [PREVIOUS_TOKEN_KEY, PREVIOUS_UNTIL_KEY]).fetchall())
        previous, until = values.get(PREVIOUS_TOKEN_KEY), values.get(PREVIOUS_UNTIL_KEY)
        if previous is None or until is None or datetime.fromisoformat(until) <= datetime.now(UTC):
            return None, None
        return previous, until

    def webhook_token(self) -> str:
        """The secret in the webhook path, made on first use (192 random bits, URL-safe).
        Read first: a write would wait while another program holds the write lock."""
        token = self.current_token()
        if token is not None:
            return token
        self._db.execute(
            "INSERT OR IGNORE INTO settings (key, value) VALUES (?, ?)",
            [TOKEN_KEY, secrets.token_urlsafe(24)],
        )
        return str(self.current_token())

    def current_token(self) -> str | None:
        """The webhook token without making one: for readers that must not write."""
        row = self._db.execute("SELECT value FROM settings WHERE key = ?", [TOKEN_KEY]).fetchone()
        return str(row[0]) if row else None


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
