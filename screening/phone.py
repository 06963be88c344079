"""Phone numbers as commubo sends them and as rules name them, folded to one canonical form."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from screening.messages import Refusal, quoted

REGION = "JP"
COUNTRY_CODE = 81  # REGION's; tests/test_screening_phone.py holds it to phonenumbers

# phonenumbers is imported where it is needed, not here: its numbering plan (every country's,
# hundreds of patterns) is a tenth of the service's start-up, and a plain domestic number,
# as most calls bring, never needs it. load_numbering_plan() loads it once the port is open.


def load_numbering_plan() -> None:
    """Import phonenumbers now (from a thread of its own once the service listens), so that
    the first call that needs it does not wait for it."""
    import phonenumbers  # noqa: F401


class InvalidNumber(Refusal):
    """A number or prefix a person typed that cannot be one; its first argument is what was
    typed, quoted (screening.messages.quoted: invisible characters show)."""


# ---------------------------------------------------------------------------------------------
# Folding: one spelling for every way of writing the same characters

# Characters that show nothing: Unicode format characters (Cf: zero-width joiners and spaces,
# the BOM, bidi marks, the word joiner, the soft hyphen), combining marks (Mn, Me: variation
# selectors, the keycap), control characters (Cc) and the Hangul fillers, which are letters
# that show nothing. Between digits they would hide a number from its rule.
_INVISIBLE_CATEGORIES = frozenset({"Cf", "Mn", "Me", "Cc"})
_HANGUL_FILLERS = frozenset("\u115f\u1160\u3164\uffa0")
_DIGITS = frozenset("0123456789")
# What people put between digits: spaces, ASCII and Japanese hyphens (and the long-vowel mark an
# input method often types for one), dots and the katakana middle dot, slashes and brackets.
# Full-width forms are folded to these first.
_SEPARATORS = frozenset(" -‐‑‒–—―−ー.・/()[]")


def _folded_char(ch: str) -> str:
    if ch.isspace():
        return " "
    category = unicodedata.category(ch)
    if category == "Nd":  # a digit of any script, as the ASCII digit it means
        return str(unicodedata.decimal(ch))
    if category in _INVISIBLE_CATEGORIES or ch in _HANGUL_FILLERS:
        return ""
    return ch


@lru_cache(maxsize=4096)
def fold(raw: str) -> str:
    """`raw` as it reads: NFKC (full-width forms and ① become ASCII), digits of every script
    as ASCII digits, every kind of space as a space, and nothing that shows nothing.

    Everything that reads a number (canonical, withheld and payphone detection, rule parsing)
    starts here, so that no spelling of a number can pass as another number or as none.
    """
    return "".join(_folded_char(ch) for ch in unicodedata.normalize("NFKC", raw))


def _number_part(text: str) -> str:
    """A folded text's number: from its first digit or + up to the first letter after that
    (`ext. 5`, `(Tanaka)`). Letters are never read as keypad digits: a caller's number has
    none, and `03-3000-1234 (Tanaka)` must stay 03-3000-1234, not become 0330001234826252."""
    start = next((i for i, ch in enumerate(text) if ch in _DIGITS or ch == "+"), len(text))
    end = next((i for i in range(start, len(text))
                if text[i].isalpha() and text[i] not in _SEPARATORS), len(text))
    return text[start:end]


# A domestic number as most calls bring it: the trunk 0, a first digit that is no 0, and 8 to
# 17 digits in all after the trunk 0. For these phonenumbers strips the 0 (no number of Japan's
# begins with 0 without it), finds no international prefix (010) and no country code, and
# calls every length from 8 to 17 possible: the E.164 form is +81 and the digits after the 0.
# Spelt out here because parsing them was a tenth of each call's work (unique callers miss the
# cache); tests/test_screening_phone.py holds it to phonenumbers.
_DOMESTIC = re.compile(r"0(?!10)[1-9][0-9]{7,16}")


@lru_cache(maxsize=4096)
def canonical(raw: str) -> str | None:
    """E.164 form of a possible phone number (Japanese domestic form assumed), else None.

    `03-3000-1234`, `0330001234`, `+81330001234` and `03\u200d3000\u200c1234` all give
    `+81330001234`: the number is its digits (and a leading +), whatever stands between them.
    Cached: the same callers ring again and again, and parsing is the costliest step of
    screening a call.
    """
    part = _number_part(fold(raw))
    digits = "".join(ch for ch in part if ch in _DIGITS)
    if not digits:
        return None
    plus = part.startswith("+")
    if not plus and _DOMESTIC.fullmatch(digits):
        return "+81" + digits[1:]
    import phonenumbers

    try:
        number = phonenumbers.parse(("+" if plus else "") + digits, REGION)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def _typed_digits(raw: str, text: str, *, prefix: bool) -> tuple[bool, str]:
    """Whether a folded number (or `prefix`) typed by a person starts with +, and its digits;
    InvalidNumber naming the first character that has no place in a phone number."""
    plus = text.startswith("+")
    for ch in text[1:] if plus else text:
        if ch in _DIGITS or ch in _SEPARATORS:
            continue
        if ch == "+":
            raise InvalidNumber("refusal.prefix.plus" if prefix else "refusal.number.plus",
                                quoted(raw))
        if ch.isalpha():
            raise InvalidNumber("refusal.prefix.letter" if prefix else "refusal.number.letter",
                                quoted(raw), quoted(ch))
        raise InvalidNumber("refusal.prefix.symbol" if prefix else "refusal.number.symbol",
                            quoted(raw), quoted(ch))
    return plus, "".join(ch for ch in text if ch in _DIGITS)


def parse_rule_number(raw: str) -> str:
    """Canonical form of a number typed for a rule; raises InvalidNumber with the reason.

    Only digits, a leading + and separators are a number: `03-3000-12a4` is refused, never
    saved as a block of 033000124."""
    text = fold(raw).strip()
    if _DIGITS.isdisjoint(text):
        raise InvalidNumber("refusal.number.no_digits", quoted(raw))
    _typed_digits(raw, text, prefix=False)
    number = canonical(text)
    if number is None:
        raise InvalidNumber("refusal.number.impossible", quoted(raw))
    return number


def is_withheld(raw: str) -> bool:
    """True for what commubo sends when there is no number to show: empty or without digits."""
    return _DIGITS.isdisjoint(fold(raw))


@lru_cache(maxsize=4096)
def display(number: str) -> str:
    """A canonical number as people in Japan write it: 03-3000-1234, or +1 202-555-0100 abroad.

    A number phonenumbers does not know as valid (0901112222, a digit short) keeps its trunk 0
    and shows ungrouped: its NATIONAL format would drop the 0 (901112222). Kept for the
    numbers seen lately: an office's callers call again, and every call's log line, card and
    history row shows its number (formatting one is a tenth of a millisecond)."""
    import phonenumbers

    try:
        parsed = phonenumbers.parse(number, REGION)
    except phonenumbers.NumberParseException:
        return number
    domestic = parsed.country_code == COUNTRY_CODE
    if domestic and not phonenumbers.is_valid_number(parsed):
        return "0" + str(phonenumbers.national_significant_number(parsed))
    style = (
        phonenumbers.PhoneNumberFormat.NATIONAL
        if domestic
        else phonenumbers.PhoneNumberFormat.INTERNATIONAL
    )
    return str(phonenumbers.format_number(parsed, style))


# ---------------------------------------------------------------------------------------------
# Payphones

# ASSUMPTION: commubo's reference does not say how a call from a payphone (公衆電話) arrives.
# Japanese caller ID gives a reason instead of a number ("C" = 公衆電話, "P" = 非通知,
# "O" = 表示圏外), so we expect `phoneNumber` to hold a word like these for a payphone. Every
# other digit-less value stays a withheld caller. Compared folded (see fold), case folded and
# without spaces, hyphens and underscores. Extend this set when a real payphone call is seen.
PAYPHONE_MARKS = frozenset({"公衆電話", "こうしゅうでんわ", "コウシュウデンワ", "payphone",
                            "publicphone", "c"})


def _folded_mark(raw: str) -> str:
    return "".join(ch for ch in fold(raw).casefold() if ch not in " -_")


def is_payphone(raw: str) -> bool:
    """True when commubo's phoneNumber is one of the PAYPHONE_MARKS (an assumption, see there)."""
    return _folded_mark(raw) in PAYPHONE_MARKS


# ---------------------------------------------------------------------------------------------
# Prefixes

MAX_DIGITS = 15  # E.164: no number has more digits, so neither can a prefix


def parse_prefix(raw: str) -> str:
    """Canonical form of a prefix typed for a rule: `0120*` and `+81120*` give `+81120*`.

    A prefix ends with `*`. Domestic prefixes start with 0 (`050*`, `03-3000-*`) and become
    E.164 like whole numbers do; international ones start with + and a country code (`+1*`).
    The same characters as in a number are allowed before the *, folded the same way. Raises
    InvalidNumber with the reason.
    """
    text = fold(raw).strip()
    if "*" not in text:
        raise InvalidNumber("refusal.prefix.no_star", quoted(raw))
    body = text[:-1]
    if "*" in body or not text.endswith("*"):
        raise InvalidNumber("refusal.prefix.star_inside", quoted(raw))
    plus, digits = _typed_digits(raw, body.strip(), prefix=True)
    if not digits:
        raise InvalidNumber("refusal.prefix.no_digits", quoted(raw))
    if plus:
        if digits[0] == "0":
            raise InvalidNumber("refusal.prefix.country_zero", quoted(raw))
        if digits.startswith("810"):  # +81 0120…: the domestic 0 written after the country code
            digits = "81" + digits[3:]
        canonical_digits = digits
    else:
        if digits[0] != "0":
            raise InvalidNumber("refusal.prefix.no_trunk_zero", quoted(raw))
        if digits.startswith("00"):
            raise InvalidNumber("refusal.prefix.abroad", quoted(raw))
        if digits == "0":
            raise InvalidNumber("refusal.prefix.every_number", quoted(raw))
        canonical_digits = "81" + digits[1:]
    if len(canonical_digits) > MAX_DIGITS:
        raise InvalidNumber("refusal.prefix.too_long", quoted(raw), MAX_DIGITS)
    return f"+{canonical_digits}*"


def display_prefix(prefix: str) -> str:
    """A canonical prefix as people in Japan write it: `+81120*` → `0120*`, `+1*` → `+1*`."""
    import phonenumbers

    digits = prefix.removeprefix("+").removesuffix("*")
    domestic = f"{COUNTRY_CODE}"
    typed = "0" + digits[len(domestic):] if digits.startswith(domestic) else "+" + digits
    formatter = phonenumbers.AsYouTypeFormatter(REGION)
    shown = typed
    for ch in typed:
        shown = formatter.input_digit(ch)
    # The formatter may give up (and print the bare digits) on what it cannot place: still fine.
    return f"{shown or typed}*"
