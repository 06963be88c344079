"""Phone numbers as commubo sends them and as rules name them, folded to one canonical form."""

from __future__ import annotations

import unicodedata
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


# ---------------------------------------------------------------------------------------------
# Payphones

# ASSUMPTION: commubo's reference does not say how a call from a payphone (公衆電話) arrives.
# Japanese caller ID gives a reason instead of a number ("C" = 公衆電話, "P" = 非通知,
# "O" = 表示圏外), so we expect `phoneNumber` to hold a word like these for a payphone. Every
# other digit-less value stays a withheld caller. Compared after NFKC, case folding and removal
# of spaces, hyphens and underscores. Extend this set when a real payphone call is seen.
PAYPHONE_MARKS = frozenset({"公衆電話", "こうしゅうでんわ", "コウシュウデンワ", "payphone",
                            "publicphone", "c"})


def _folded_mark(raw: str) -> str:
    text = unicodedata.normalize("NFKC", raw).casefold()
    return "".join(ch for ch in text if not ch.isspace() and ch not in "-_")


def is_payphone(raw: str) -> bool:
    """True when commubo's phoneNumber is one of the PAYPHONE_MARKS (an assumption, see there)."""
    return _folded_mark(raw) in PAYPHONE_MARKS


# ---------------------------------------------------------------------------------------------
# Prefixes

MAX_DIGITS = 15  # E.164: no number has more digits, so neither can a prefix
# What people put between digits: ASCII and Japanese hyphens, the long-vowel mark an input
# method often types for a hyphen, dots, slashes, brackets and spaces.
_SEPARATORS = frozenset(" \t-‐‑‒–—―−ー.()/[]")


def parse_prefix(raw: str) -> str:
    """Canonical form of a prefix typed for a rule: `0120*` and `+81120*` give `+81120*`.

    A prefix ends with `*`. Domestic prefixes start with 0 (`050*`, `03-3000-*`) and become
    E.164 like whole numbers do; international ones start with + and a country code (`+1*`).
    Full-width digits and separators are folded. Raises InvalidNumber with the reason.
    """
    text = unicodedata.normalize("NFKC", raw).strip()
    if "*" not in text:
        raise InvalidNumber(f"{raw!r} is not a prefix: a prefix ends with *, like 0120*")
    body = text[:-1]
    if "*" in body or not text.endswith("*"):
        raise InvalidNumber(f"{raw!r} is not a prefix: a * may only stand at the end")
    compact = "".join(ch for ch in body if ch not in _SEPARATORS)
    plus = compact.startswith("+")
    digits = compact[1:] if plus else compact
    if not digits:
        raise InvalidNumber(
            f"{raw!r} is not a prefix: it has no digits before the * "
            "(a rule for every caller is a mode, not a rule)"
        )
    if not (digits.isascii() and digits.isdigit()):
        raise InvalidNumber(f"{raw!r} is not a prefix: only digits may come before the *")
    if plus:
        if digits[0] == "0":
            raise InvalidNumber(f"{raw!r} is not a prefix: no country code starts with 0")
        if digits.startswith("810"):  # +81 0120…: the domestic 0 written after the country code
            digits = "81" + digits[3:]
        canonical_digits = digits
    else:
        if digits[0] != "0":
            raise InvalidNumber(
                f"{raw!r} is not a prefix: a Japanese prefix starts with 0 (like 0120*), "
                "an international one with + and the country code (like +1*)"
            )
        if digits.startswith("00"):
            raise InvalidNumber(
                f"{raw!r} is not a prefix: write numbers abroad with + and the country code, "
                "like +1*"
            )
        if digits == "0":
            raise InvalidNumber(
                f"{raw!r} is not a prefix: 0* would match every number in Japan "
                "(that is a mode, not a rule)"
            )
        canonical_digits = "81" + digits[1:]
    if len(canonical_digits) > MAX_DIGITS:
        raise InvalidNumber(f"{raw!r} is too long for a prefix: numbers have at most 15 digits")
    return f"+{canonical_digits}*"


def display_prefix(prefix: str) -> str:
    """A canonical prefix as people in Japan write it: `+81120*` → `0120*`, `+1*` → `+1*`."""
    digits = prefix.removeprefix("+").removesuffix("*")
    domestic = f"{phonenumbers.country_code_for_region(REGION)}"
    typed = "0" + digits[len(domestic):] if digits.startswith(domestic) else "+" + digits
    formatter = phonenumbers.AsYouTypeFormatter(REGION)
    shown = typed
    for ch in typed:
        shown = formatter.input_digit(ch)
    # The formatter may give up (and print the bare digits) on what it cannot place: still fine.
    return f"{shown or typed}*"
