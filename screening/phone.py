"""Phone numbers as commubo sends them and as rules name them, folded to one canonical form."""

from __future__ import annotations

from functools import lru_cache

import phonenumbers

REGION = "JP"


class InvalidNumber(ValueError):
    """A number a person typed that cannot be a phone number."""


@lru_cache(maxsize=4096)
def canonical(raw: str) -> str | None:
    """E.164 form of a possible phone number (Japanese domestic form assumed), else None.

    `03-3000-1234`, `0330001234` and `+81330001234` all give `+81330001234`. Cached: the
    same callers ring again and again, and parsing is the costliest step of screening a call.
    """
    try:
        number = phonenumbers.parse(raw, REGION)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def parse_rule_number(raw: str) -> str:
    """Canonical form of a number typed for a rule; raises InvalidNumber with the reason."""
    text = raw.strip()
    if not any(ch.isdigit() for ch in text):
        raise InvalidNumber(f"{raw!r} is not a phone number: it has no digits")
    number = canonical(text)
    if number is None:
        raise InvalidNumber(f"{raw!r} is not a possible phone number")
    return number


def is_withheld(raw: str) -> bool:
    """True for what commubo sends when there is no number to show: empty or without digits."""
    return not any(ch.isdigit() for ch in raw)


def display(number: str) -> str:
    """A canonical number as people in Japan write it: 03-3000-1234, or +1 202-555-0100 abroad."""
    try:
        parsed = phonenumbers.parse(number, REGION)
    except phonenumbers.NumberParseException:
        return number
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if parsed.country_code == phonenumbers.country_code_for_region(REGION)
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return str(phonenumbers.format_number(parsed, style))
