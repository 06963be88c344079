"""Every setting once: its key, default, parser and help, and the typed settings of an office.

Pure (no SQL, no Qt), so that the command line, the console and the console protocol name a
setting by the same `Key` and refuse a value for the same reason (a Refusal with a code whose
words are in wording/settings.py). Storage keeps the canonical text of each value; a value is
checked before it is written, so reading them back (`OfficeSettings.of`) never fails.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from types import MappingProxyType

from screening import setting_values as values
from screening.closed_days import ClosedDays
from screening.desk import DEFAULT_DESK_PORT
from screening.hours import Week, parse_hours
from screening.instants import DEFAULT_TIME_ZONE
from screening.messages import Message, Refusal, naming
from screening.mode import Mode
from screening.mode_in_force import Override, OverrideEnd
from screening.policy import CallerHandling, Decision, PayphoneHandling, ScreeningSettings
from screening.schedule import Schedule
from screening.setting_values import Language, TunnelKind, closed_days_of


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
    DESK_HOST = "desk-host"
    DESK_PORT = "desk-port"
    TOKEN_GRACE_HOURS = "token-grace-hours"
    TUNNEL = "tunnel"
    NGROK_API = "ngrok-api"
    CLOUDFLARED_METRICS = "cloudflared-metrics"
    PUBLIC_URL = "public-url"
    LANGUAGE = "language"


#: The parts of the schedule (`schedule set`, the console's schedule dialog), without the switch.
SCHEDULE_KEYS = (Key.SCHEDULE_HOURS, Key.OPEN_MODE, Key.CLOSED_MODE, Key.PUBLIC_HOLIDAYS,
                 Key.CLOSED_DAYS, Key.TIME_ZONE)


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
    Spec(Key.MODE, Mode.ACCEPT_ALL, values.choice(Mode)),
    Spec(Key.ASK_TIMEOUT, "10", values.seconds),
    Spec(Key.ASK_DEFAULT, Decision.ACCEPT, values.choice(Decision)),
    Spec(Key.WITHHELD, CallerHandling.MODE, values.choice(CallerHandling)),
    Spec(Key.FAILSAFE, Decision.ACCEPT, values.choice(Decision)),
    Spec(Key.PAYPHONE, PayphoneHandling.AS_WITHHELD, values.choice(PayphoneHandling)),
    Spec(Key.CUSTOMERS, CallerHandling.MODE, values.choice(CallerHandling)),
    Spec(Key.UNKNOWN, CallerHandling.MODE, values.choice(CallerHandling)),
    Spec(Key.REPEAT_CALLER, "off", values.on_off),
    Spec(Key.REPEAT_MINUTES, "3", values.minutes),
    Spec(Key.SCHEDULE, "off", values.on_off),
    Spec(Key.SCHEDULE_HOURS, "mon-fri 09:00-18:00", values.week_hours),
    Spec(Key.OPEN_MODE, Mode.ACCEPT_ALL, values.choice(Mode)),
    Spec(Key.CLOSED_MODE, Mode.REJECT_ALL, values.choice(Mode)),
    Spec(Key.PUBLIC_HOLIDAYS, "on", values.on_off),
    Spec(Key.CLOSED_DAYS, "", values.closed_days),
    Spec(Key.TIME_ZONE, DEFAULT_TIME_ZONE, values.zone_name),
    Spec(Key.OVERRIDE_MODE, "", values.mode_or_none),
    Spec(Key.OVERRIDE_SET_AT, "", values.utc_instant),
    Spec(Key.OVERRIDE_ENDS, OverrideEnd.NEXT_CHANGE, values.choice(OverrideEnd)),
    Spec(Key.HOST, "127.0.0.1", values.ip_host),
    Spec(Key.PORT, "8080", values.parse_port),
    # Every address: the desks are on other machines of the office; the port is bound only
    # while a desk is registered, and TLS with a secret per desk guards it.
    Spec(Key.DESK_HOST, "0.0.0.0", values.ip_host),
    Spec(Key.DESK_PORT, str(DEFAULT_DESK_PORT), values.parse_port),
    Spec(Key.TOKEN_GRACE_HOURS, "24", values.grace_hours),
    Spec(Key.TUNNEL, TunnelKind.NONE, values.tunnel_kind),
    Spec(Key.NGROK_API, "127.0.0.1:4040", values.address),
    Spec(Key.CLOUDFLARED_METRICS, "127.0.0.1:20241", values.address),
    Spec(Key.PUBLIC_URL, "", values.parse_public_url),
    Spec(Key.LANGUAGE, Language.AUTO, values.language),
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
    desk_host: str
    desk_port: int
    token_grace_hours: float
    tunnel: TunnelKind
    ngrok_api: str
    cloudflared_metrics: str
    public_url: str
    language: Language
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
            desk_host=text[Key.DESK_HOST],
            desk_port=int(text[Key.DESK_PORT]),
            token_grace_hours=float(text[Key.TOKEN_GRACE_HOURS]),
            tunnel=TunnelKind(text[Key.TUNNEL]),
            ngrok_api=text[Key.NGROK_API],
            cloudflared_metrics=text[Key.CLOUDFLARED_METRICS],
            public_url=text[Key.PUBLIC_URL],
            language=Language(text[Key.LANGUAGE]),
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
