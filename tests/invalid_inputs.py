"""Inputs callgate refuses, one table for every way in: the command line, the application layer
and the console (its protocol, and the dialogs that take the input). Each way must refuse each
input with the same reason, worded from the same code.

An entry is a rule as a person asks for it (a RuleDraft, and the `allow`/`block` arguments that
ask for it), a setting (its key and value, and `config KEY VALUE`) or a part of the schedule
(`schedule set --OPTION VALUE`). `says` is a part of the English words of the reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from typed_numbers import REFUSED

from screening.rule_draft import ExpiryKind, RuleDraft
from screening.rules import Action
from screening.settings import Key


@dataclass(frozen=True)
class Invalid:
    id: str
    args: tuple[str, ...]  # the command line's
    says: str
    draft: RuleDraft | None = None
    setting: tuple[str, str] | None = None  # (key, value)
    schedule: tuple[Key, str] | None = None  # (part of the schedule, value)


def _block(id: str, says: str, target: str, *options: str) -> Invalid:
    """`block TARGET OPTIONS` (`allow` with --once), and the draft it asks for."""
    once = "--once" in options
    action = Action.ALLOW if once else Action.BLOCK
    expiry, text = ExpiryKind.NEVER, ""
    for option, kind in (("--for", ExpiryKind.FOR), ("--until", ExpiryKind.UNTIL)):
        if option in options:
            expiry, text = kind, options[options.index(option) + 1]
    draft = RuleDraft(target, action, is_name="--name" in options, expiry=expiry,
                      expiry_text=text, once=once)
    return Invalid(id, (action.value, target, *options), says, draft=draft)


def _config(id: str, says: str, key: str, value: str) -> Invalid:
    return Invalid(id, ("config", key, value), says, setting=(key, value))


def _schedule(id: str, says: str, option: str, key: Key, value: str) -> Invalid:
    return Invalid(id, ("schedule", "set", option, value), says, schedule=(key, value))


INVALID: list[Invalid] = [
    # Numbers with letters and other characters no phone number has.
    *(_block(f"number-{n}", reason, typed) for n, (typed, reason) in enumerate(REFUSED)),
    # Prefixes.
    _block("prefix-star-inside", "a * may only stand at the end", "0120*5*"),
    _block("prefix-letters", "is a letter", "abc*"),
    _block("prefix-country-0", "no country code starts with 0", "+0*"),
    # Names.
    _block("name-legal-form", "names nobody", "株式会社", "--name"),
    _block("name-empty", "a name rule needs a name", "", "--name"),
    _block("name-a-number", "looks like a number", "03-3000-1234", "--name"),
    # Durations.
    _block("duration-words", "is not a duration", "0120*", "--for", "soon"),
    _block("duration-zero", "no time at all", "0120*", "--for", "0m"),
    _block("duration-too-long", "too long for a duration", "0120*", "--for", "99999999w"),
    # Ends of temporary rules.
    _block("until-past", "already past", "0120*", "--until", "2001-01-01T00:00"),
    _block("until-once-past", "already past", "03-3000-1234", "--once", "--until",
           "2020-02-02T10:00"),
    _block("until-words", "is not a time", "0120*", "--until", "tomorrow"),
    # Settings.
    _config("setting-unknown", "no setting 'colour'; settings are: mode", "colour", "blue"),
    _config("setting-mode", "'loud' is not one of: accept-all, reject-all, ask", "mode", "loud"),
    _config("setting-ask-timeout", "between 3 and 60 seconds", "ask-timeout", "99"),
    _config("setting-ask-timeout-words", "number of seconds", "ask-timeout", "soon"),
    _config("setting-repeat-minutes", "between 1 and 60", "repeat-minutes", "120"),
    _config("setting-on-off", "'perhaps' is not on or off", "repeat-caller", "perhaps"),
    _config("setting-port", "port must be a number from 1 to 65535, not '0'", "port", "0"),
    _config("setting-host", "'example.com' is not an IP address to listen on", "host",
            "example.com"),
    _config("setting-time-zone", "is not a time zone", "time-zone", "Mars/Olympus"),
    _config("setting-grace", "token grace must be between 0 and 720 hours",
            "token-grace-hours", "1000"),
    _config("setting-tunnel", "'frp' is not one of: none, ngrok", "tunnel", "frp"),
    _config("setting-address", "is not an address as host:port", "ngrok-api", "localhost"),
    _config("setting-public-url-path", "without a path", "public-url",
            "https://calls.example.com/hooks/commubo/secret"),
    _config("setting-public-url-scheme", "starts with https://", "public-url",
            "calls.example.com"),
    _config("setting-instant", "needs a time zone offset", "override-set-at",
            "2025-01-01T00:00"),
    # Parts of the schedule.
    _schedule("schedule-hours", "is not a day of the week", "--hours", Key.SCHEDULE_HOURS,
              "xyz"),
    _schedule("schedule-closed-days", "is not a date", "--closed-days", Key.CLOSED_DAYS,
              "2025-02-30"),
    _schedule("schedule-time-zone", "is not a time zone", "--time-zone", Key.TIME_ZONE,
              "Mars/Olympus"),
]
