"""Every setting once: its key, default, parser and help, and the typed settings of an office.

Pure (no SQL, no Qt), so that the command line, the console and the console protocol name a
setting by the same `Key` and refuse a value for the same reason (a Refusal with a code whose
words are in wording/settings.py). Storage keeps the canonical text of each value; a value is
checked before it is written, so reading them back (`OfficeSettings.of`) never fails.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from types import MappingProxyType
from urllib.parse import urlsplit

from screening.messages import Message, Refusal, naming
from screening.policy import (
    CallerHandling,
    Decision,
    PayphoneHandling,
    ScreeningSettings,
    parse_ask_timeout,
    parse_repeat_minutes,
)
from screening.schedule import (
    DEFAULT_TIME_ZONE,
    ClosedDays,
    Mode,
    Override,
    OverrideEnd,
    Schedule,
    Week,
    format_hours,
    parse_closed_days,
    parse_hours,
    zone,
)


class Key(StrEnum):
    """The name of every setting, in the order `config` lists them."""

    MODE = "mode"
    ASK_TIMEOUT = "ask-timeout"
    ASK_DEFAULT = "ask-default"
    WITHHELD = "withheld"
    FAILSAFE = "failsafe"
    PAYPHONE = "payphone"
    CUSTOMERS = "customers"
    UNKNOWN = "unknown"
    REPEAT_CALLER = "repeat-caller"
    REPEAT_MINUTES = "repeat-minutes"
    SCHEDULE = "schedule"
    SCHEDULE_HOURS = "schedule-hours"
    OPEN_MODE = "open-mode"
    CLOSED_MODE = "closed-mode"
    PUBLIC_HOLIDAYS = "public-holidays"
    CLOSED_DAYS = "closed-days"
    TIME_ZONE = "time-zone"
    OVERRIDE_MODE = "override-mode"
    OVERRIDE_SET_AT = "override-set-at"
    OVERRIDE_ENDS = "override-ends"
    HOST = "host"
    PORT = "port"
    TOKEN_GRACE_HOURS = "token-grace-hours"
    TUNNEL = "tunnel"
    NGROK_API = "ngrok-api"
    CLOUDFLARED_METRICS = "cloudflared-metrics"
    PUBLIC_URL = "public-url"


#: The parts of the schedule (`schedule set`, the console's schedule dialog), without the switch.
SCHEDULE_KEYS = (Key.SCHEDULE_HOURS, Key.OPEN_MODE, Key.CLOSED_MODE, Key.PUBLIC_HOLIDAYS,
                 Key.CLOSED_DAYS, Key.TIME_ZONE)


class TunnelKind(StrEnum):
    """How commubo reaches callgate (server/tunnels.py has an adapter for each but NONE)."""

    NONE = "none"
    NGROK = "ngrok"
    CLOUDFLARED = "cloudflared"
    URL = "url"
    QUICK = "quick"


# --- Parsers: typed text in, the canonical text to store out, or a Refusal ---------------------

Choice = (
    type[Mode] | type[Decision] | type[CallerHandling] | type[PayphoneHandling]
    | type[OverrideEnd] | type[TunnelKind]
)


def _choice(kind: Choice) -> Callable[[str], str]:
    def parse(text: str) -> str:
        try:
            return str(kind(text).value)
        except ValueError:
            allowed = ", ".join(item.value for item in kind)
            raise Refusal("refusal.setting.choice", text, allowed) from None

    return parse


def _seconds(text: str) -> str:
    return f"{parse_ask_timeout(text):g}"


_ON = {"on": "on", "yes": "on", "true": "on", "1": "on",
       "off": "off", "no": "off", "false": "off", "0": "off"}


def _on_off(text: str) -> str:
    value = _ON.get(text.lower())
    if value is None:
        raise Refusal("refusal.setting.on_off", text)
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
        raise Refusal("refusal.setting.instant", text) from None
    if moment.utcoffset() is None:
        raise Refusal("refusal.setting.instant_offset", text)
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def _host(text: str) -> str:
    if text == "localhost":
        return text
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        raise Refusal("refusal.setting.host", text) from None


def parse_port(text: str) -> str:
    """A TCP port, 1-65535, in its plain spelling (`--port`, CALLGATE_PORT and the setting)."""
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= 65535:
        raise Refusal("refusal.setting.port", text)
    return str(int(text))


GRACE_HOURS = (0.0, 720.0)


def _grace_hours(text: str) -> str:
    try:
        hours = float(text)
    except ValueError:
        raise Refusal("refusal.setting.grace_number", text) from None
    low, high = GRACE_HOURS
    if not low <= hours <= high:
        raise Refusal("refusal.setting.grace_range", low, high)
    return f"{hours:g}"


_HOSTNAME = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?")


def _tunnel(text: str) -> str:
    return _choice(TunnelKind)(text.lower())


def _network_host(host: str) -> str:
    """An IP address (IPv6 in brackets) or a host name, in one canonical spelling."""
    bracketed = host.startswith("[") and host.endswith("]")
    try:
        ip = ipaddress.ip_address(host[1:-1] if bracketed else host)
    except ValueError:
        name = host.lower()
        if not bracketed and _HOSTNAME.fullmatch(name) and len(name) <= 253:
            return name
        raise Refusal("refusal.setting.network_host", host) from None
    return f"[{ip}]" if ip.version == 6 else str(ip)


def _address(text: str) -> str:
    """host:port of a helper's local HTTP server (the ngrok agent API, cloudflared's metrics);
    a bare port means this machine, and a pasted `http://host:port/` is understood."""
    body = text.removeprefix("http://").removesuffix("/")
    if body.isascii() and body.isdigit():
        return f"127.0.0.1:{parse_port(body)}"
    host, colon, port = body.rpartition(":")
    if not colon or not host:
        raise Refusal("refusal.setting.address", text)
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"  # an IPv6 address written without brackets
    return f"{_network_host(host)}:{parse_port(port)}"


def parse_public_url(text: str) -> str:
    """Empty, or the public base URL that forwards to callgate: scheme and host (and port)
    only, without a trailing slash. Refusals never repeat a path: it may hold the token."""
    if not text:
        return ""
    if any(char.isspace() for char in text):
        raise Refusal("refusal.url.spaces")
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not text.lower().startswith(f"{scheme}://"):
        raise Refusal("refusal.url.scheme")
    if parts.username is not None or parts.password is not None:
        raise Refusal("refusal.url.credentials")
    if parts.path not in ("", "/") or parts.query or parts.fragment or "?" in text:
        raise Refusal("refusal.url.path")
    netloc = parts.netloc
    if netloc.startswith("["):
        host, _, rest = netloc.partition("]")
        host += "]"
        if rest and not rest.startswith(":"):
            raise Refusal("refusal.url.host_port", netloc)
        port = rest[1:]
    else:
        host, _, port = netloc.partition(":")
    if not host:
        raise Refusal("refusal.url.no_host")
    if not host.isascii() and not host.startswith("["):
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            raise Refusal("refusal.url.host_name", host) from None
    host = _network_host(host).rstrip(".")
    if port and parse_port(port) != {"http": "80", "https": "443"}[scheme]:
        return f"{scheme}://{host}:{int(port)}"
    return f"{scheme}://{host}"


# --- The settings ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Spec:
    """One setting: its default (canonical text), its parser and what `config` says of it."""

    key: Key
    default: str
    parse: Callable[[str], str]

    @property
    def help(self) -> Message:
        return Message(f"setting.help.{self.key}")


SPECS: Mapping[Key, Spec] = MappingProxyType({spec.key: spec for spec in (
    Spec(Key.MODE, Mode.ACCEPT_ALL, _choice(Mode)),
    Spec(Key.ASK_TIMEOUT, "10", _seconds),
    Spec(Key.ASK_DEFAULT, Decision.ACCEPT, _choice(Decision)),
    Spec(Key.WITHHELD, CallerHandling.MODE, _choice(CallerHandling)),
    Spec(Key.FAILSAFE, Decision.ACCEPT, _choice(Decision)),
    Spec(Key.PAYPHONE, PayphoneHandling.AS_WITHHELD, _choice(PayphoneHandling)),
    Spec(Key.CUSTOMERS, CallerHandling.MODE, _choice(CallerHandling)),
    Spec(Key.UNKNOWN, CallerHandling.MODE, _choice(CallerHandling)),
    Spec(Key.REPEAT_CALLER, "off", _on_off),
    Spec(Key.REPEAT_MINUTES, "3", _repeat_minutes),
    Spec(Key.SCHEDULE, "off", _on_off),
    Spec(Key.SCHEDULE_HOURS, "mon-fri 09:00-18:00", _hours),
    Spec(Key.OPEN_MODE, Mode.ACCEPT_ALL, _choice(Mode)),
    Spec(Key.CLOSED_MODE, Mode.REJECT_ALL, _choice(Mode)),
    Spec(Key.PUBLIC_HOLIDAYS, "on", _on_off),
    Spec(Key.CLOSED_DAYS, "", _closed_days),
    Spec(Key.TIME_ZONE, DEFAULT_TIME_ZONE, _time_zone),
    Spec(Key.OVERRIDE_MODE, "", _override_mode),
    Spec(Key.OVERRIDE_SET_AT, "", _instant),
    Spec(Key.OVERRIDE_ENDS, OverrideEnd.NEXT_CHANGE, _choice(OverrideEnd)),
    Spec(Key.HOST, "127.0.0.1", _host),
    Spec(Key.PORT, "8080", parse_port),
    Spec(Key.TOKEN_GRACE_HOURS, "24", _grace_hours),
    Spec(Key.TUNNEL, TunnelKind.NONE, _tunnel),
    Spec(Key.NGROK_API, "127.0.0.1:4040", _address),
    Spec(Key.CLOUDFLARED_METRICS, "127.0.0.1:20241", _address),
    Spec(Key.PUBLIC_URL, "", parse_public_url),
)})


def key_of(name: str) -> Key:
    """The setting a person named; a Refusal that lists them all otherwise."""
    try:
        return Key(name)
    except ValueError:
        raise Refusal("refusal.setting.unknown", name, ", ".join(Key)) from None


def canonical(key: Key | str, text: str) -> str:
    """The text to store for a typed value (trimmed); a Refusal naming the key otherwise."""
    spec = SPECS[key_of(key)]
    with naming(spec.key):
        return spec.parse(text.strip())


def with_defaults(stored: Mapping[str, str]) -> dict[str, str]:
    """Every setting's text by its Key, in Key order: as stored, else its default (other
    stored keys are left out)."""
    return {key: stored.get(key, spec.default) for key, spec in SPECS.items()}


@dataclass(frozen=True)
class OfficeSettings:
    """An office's settings, typed; `text` keeps the canonical text of every key."""

    mode: Mode
    ask_timeout: float
    ask_default: Decision
    withheld: CallerHandling
    failsafe: Decision
    payphone: PayphoneHandling
    customers: CallerHandling
    unknown: CallerHandling
    repeat_caller: bool
    repeat_minutes: float
    schedule_on: bool
    hours: Week
    open_mode: Mode
    closed_mode: Mode
    public_holidays: bool
    closed_days: tuple[ClosedDays, ...]
    time_zone: str
    override: Override | None  # as stored, in force or not; read only while the schedule is on
    host: str
    port: int
    token_grace_hours: float
    tunnel: TunnelKind
    ngrok_api: str
    cloudflared_metrics: str
    public_url: str
    text: Mapping[str, str] = field(compare=False, repr=False)  # by Key

    @classmethod
    def of(cls, stored: Mapping[str, str]) -> OfficeSettings:
        """The settings from the stored text (missing keys take their defaults)."""
        text = with_defaults(stored)
        override = None
        if text[Key.OVERRIDE_MODE] and text[Key.OVERRIDE_SET_AT]:
            override = Override(Mode(text[Key.OVERRIDE_MODE]),
                                datetime.fromisoformat(text[Key.OVERRIDE_SET_AT]),
                                OverrideEnd(text[Key.OVERRIDE_ENDS]))
        return cls(
            mode=Mode(text[Key.MODE]),
            ask_timeout=float(text[Key.ASK_TIMEOUT]),
            ask_default=Decision(text[Key.ASK_DEFAULT]),
            withheld=CallerHandling(text[Key.WITHHELD]),
            failsafe=Decision(text[Key.FAILSAFE]),
            payphone=PayphoneHandling(text[Key.PAYPHONE]),
            customers=CallerHandling(text[Key.CUSTOMERS]),
            unknown=CallerHandling(text[Key.UNKNOWN]),
            repeat_caller=text[Key.REPEAT_CALLER] == "on",
            repeat_minutes=float(text[Key.REPEAT_MINUTES]),
            schedule_on=text[Key.SCHEDULE] == "on",
            hours=parse_hours(text[Key.SCHEDULE_HOURS]),
            open_mode=Mode(text[Key.OPEN_MODE]),
            closed_mode=Mode(text[Key.CLOSED_MODE]),
            public_holidays=text[Key.PUBLIC_HOLIDAYS] == "on",
            closed_days=closed_days_of(text[Key.CLOSED_DAYS]),
            time_zone=text[Key.TIME_ZONE],
            override=override,
            host=text[Key.HOST],
            port=int(text[Key.PORT]),
            token_grace_hours=float(text[Key.TOKEN_GRACE_HOURS]),
            tunnel=TunnelKind(text[Key.TUNNEL]),
            ngrok_api=text[Key.NGROK_API],
            cloudflared_metrics=text[Key.CLOUDFLARED_METRICS],
            public_url=text[Key.PUBLIC_URL],
            text=MappingProxyType(text),
        )

    @property
    def schedule(self) -> Schedule | None:
        """The schedule as set, or None while the `schedule` setting is off."""
        if not self.schedule_on:
            return None
        return Schedule(week=self.hours, open_mode=self.open_mode, closed_mode=self.closed_mode,
                        public_holidays=self.public_holidays, closed_days=self.closed_days,
                        time_zone=self.time_zone)

    def screening(self) -> ScreeningSettings:
        """What decides a call."""
        schedule = self.schedule
        return ScreeningSettings(
            mode=self.mode,
            ask_timeout=self.ask_timeout,
            ask_default=self.ask_default,
            withheld=self.withheld,
            failsafe=self.failsafe,
            payphone=self.payphone,
            customers=self.customers,
            unknown=self.unknown,
            repeat_caller=self.repeat_caller,
            repeat_minutes=self.repeat_minutes,
            schedule=schedule,
            # A manual override overrides the schedule; without one, `mode` is set by hand.
            override=self.override if schedule is not None else None,
            office_zone=self.time_zone,
        )
