"""Numbers however they are spelt: a block rule holds for every spelling of its number, a rule's
number is a phone number or is refused, and a number shows with its leading 0.

Issue 10, points 6 (the number part), 13 and 14.
"""

from __future__ import annotations

import re
import uuid

import phonenumbers
import pytest
from conftest import Running, post, sample
from hypothesis import given
from hypothesis import strategies as st
from refusing import refused
from typed_numbers import ACCEPTED, REFUSED

import wording
from screening import phone
from screening.call import Call, CallerClass
from screening.phone import InvalidNumber
from screening.rules import Action, RuleKind, parse_target
from storage.database import open_database
from storage.rules import RuleBook

TOKYO = "+81330001234"
DIGITS = "0330001234"

#: Characters that show nothing (Unicode format characters, category Cf, and their kin) and
#: that a body or a paste can carry between digits.
INVISIBLE = [
    "\u200b",  # zero-width space
    "\u200c",  # zero-width non-joiner
    "\u200d",  # zero-width joiner
    "\u2060",  # word joiner
    "\ufeff",  # byte order mark / zero-width no-break space
    "\u00ad",  # soft hyphen
    "\u200e", "\u200f",  # left-to-right and right-to-left marks
    "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",  # bidi embeddings and overrides
    "\u2066", "\u2067", "\u2068", "\u2069",  # bidi isolates
    "\u180e",  # Mongolian vowel separator
    "\ufe0f",  # variation selector (a combining mark)
    "\u20e3",  # combining enclosing keycap
    "\u0303",  # combining tilde
    "\u3164",  # Hangul filler
    "\x00", "\x7f",  # control characters
]
#: What people and systems write between the digits of a number.
SEPARATORS = [" ", "-", "\t", "\n", "\u3000", "ー", "‐", "−", "－", ".", "/", "(", ")", "・",
              "★", "~", "_", ",", ":"]
#: Each digit in other scripts and forms that mean the same digit.
DIGIT_FORMS = [
    lambda d: d,
    lambda d: chr(0xFF10 + int(d)),  # full-width
    lambda d: chr(0x0660 + int(d)),  # Arabic-Indic
    lambda d: chr(0x0966 + int(d)),  # Devanagari
    lambda d: chr(0x1D7CE + int(d)),  # mathematical bold
]

#: A few spellings of 0330001234 a hostile or careless body can send, each checked end to end.
SPELLINGS = [
    "03\u200d3000\u200c1234",  # the example
    "\ufeff0330001234",
    "０３３０００１２３４",
    "٠٣٣٠٠٠١٢٣٤",
    "03\u202e3000\u202c1234",
    "0\u20e33\u20e33000-1234",
    "03\u31643000\u31641234",
    "03\t3000\n1234",
    "03★3000★1234",
    "03-3000-1234 (Tanaka)",  # letters end the number; they are never read as keypad digits
    "03-3000-1234 ext. 5",
    "tel:+81-3-3000-1234",
]


# ---------------------------------------------------------------------------------------------
# The canonical form: what phonenumbers makes of the digits, whichever way canonical gets there


def by_phonenumbers(digits: str) -> str | None:
    """The E.164 form phonenumbers gives digits dialled in Japan, if it calls them possible."""
    try:
        number = phonenumbers.parse(digits, phone.REGION)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_possible_number(number):
        return None
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


@given(st.text(alphabet="0123456789", min_size=1, max_size=20))
def test_the_canonical_form_of_any_digits_is_phonenumbers(digits: str) -> None:
    assert phone.canonical.__wrapped__(digits) == by_phonenumbers(digits)


def test_the_canonical_form_of_every_domestic_beginning_is_phonenumbers() -> None:
    """Every start 0 to 0999 (the trunk 0, the international prefix 010, the 00 of carriers),
    at every length from 1 to 19 digits."""
    starts = [f"{n:0{width}d}" for width in (1, 2, 3, 4) for n in range(10 ** (width - 1))
              if f"{n:0{width}d}".startswith("0")]
    for start in starts:
        for length in range(len(start), 20):
            digits = (start + "5820137469" * 2)[:length]
            assert phone.canonical.__wrapped__(digits) == by_phonenumbers(digits), digits


# ---------------------------------------------------------------------------------------------
# Point 6: a block rule holds for every spelling of its number


@st.composite
def spellings(draw: st.DrawFn) -> str:
    """0330001234 with any digit forms and, around each digit, invisible characters and
    separators."""
    parts = [draw(st.lists(st.sampled_from(INVISIBLE + SEPARATORS[:4]), max_size=2))]
    for digit in DIGITS:
        parts.append([draw(st.sampled_from(DIGIT_FORMS))(digit)])
        parts.append(draw(st.lists(st.sampled_from(INVISIBLE + SEPARATORS), max_size=3)))
    return "".join("".join(part) for part in parts)


@given(spellings())
def test_every_spelling_of_a_number_is_that_number(raw: str) -> None:
    assert phone.canonical(raw) == TOKYO
    call = Call(call_id="x", phone_number=raw)
    assert not call.withheld and call.caller == TOKYO


@given(st.lists(st.sampled_from([*INVISIBLE, " ", "-"]), max_size=6).map("".join))
def test_nothing_but_invisible_characters_is_a_withheld_caller(raw: str) -> None:
    call = Call(call_id="x", phone_number=raw)
    assert call.withheld and call.caller is None


@pytest.mark.parametrize("raw", ["公衆\u200d電話", "\ufeff公衆電話", "ｺｳｼｭｳﾃﾞﾝﾜ\u200b"])
def test_a_payphone_mark_with_invisible_characters_is_a_payphone(raw: str) -> None:
    call = Call(call_id="x", phone_number=raw)
    assert call.caller_class is CallerClass.PAYPHONE


@pytest.mark.parametrize("raw", SPELLINGS)
def test_a_block_rule_holds_for_every_spelling_through_the_listener(
    running: Running, raw: str
) -> None:
    db = open_database(running.db_path)
    RuleBook(db).put(TOKYO, Action.BLOCK, "salesman")
    db.close()
    body = sample("seed_incoming_call.json") | {"callId": uuid.uuid4().hex, "phoneNumber": raw}
    answer = post(running.url, body)
    assert (answer.status, answer.body["decision"], answer.body["reason"]) == (
        403, "reject", "rule")


# ---------------------------------------------------------------------------------------------
# Point 13: a rule's number is a phone number or is refused


@pytest.mark.parametrize(("typed", "number"), ACCEPTED)
def test_a_rule_number_in_any_usual_form_is_accepted(typed: str, number: str) -> None:
    assert phone.parse_rule_number(typed) == number
    assert parse_target(typed) == (RuleKind.NUMBER, number)


@pytest.mark.parametrize(("typed", "reason"), REFUSED)
def test_anything_else_is_refused_with_what_is_wrong(typed: str, reason: str) -> None:
    with pytest.raises(InvalidNumber) as caught:
        parse_target(typed)
    assert reason in wording.refused(caught.value)
    assert repr(typed) in wording.refused(caught.value), "the message names what the person typed"


@pytest.mark.parametrize(("typed", "reason"), [
    ("03-3000-a*", "'a' is a letter"),
    ("０３ａ*", "'a' is a letter"),
    ("03_*", "'_' has no place in a phone number"),
    ("+1+2*", "a + may only stand at the start"),
])
def test_a_prefix_refuses_the_same_characters(typed: str, reason: str) -> None:
    with refused(re.escape(reason), InvalidNumber):
        phone.parse_prefix(typed)


@pytest.mark.parametrize(("typed", "prefix"), [
    ("03・3000*", "+8133000*"), ("\u200e0120*", "+81120*"), ("+81 (0)120*", "+81120*")])
def test_a_prefix_takes_the_same_separators(typed: str, prefix: str) -> None:
    assert phone.parse_prefix(typed) == prefix


# ---------------------------------------------------------------------------------------------
# Point 14: numbers keep their leading 0 on screen


@pytest.mark.parametrize(("number", "shown"), [
    ("+81901112222", "0901112222"),  # one digit short of a mobile number
    ("+81501234567", "0501234567"),  # an 050 number one digit short
    ("+8133000123", "033000123"),
    ("+81330001234", "03-3000-1234"),  # numbers phonenumbers knows keep their grouping
    ("+819012345678", "090-1234-5678"),
    ("+81120123456", "0120-123-456"),
    ("+12025550100", "+1 202-555-0100"),
    ("+1202555", "+1 202555"),
])
def test_display_keeps_the_trunk_0_of_unusual_numbers(number: str, shown: str) -> None:
    assert phone.display(number) == shown


@pytest.mark.parametrize("typed", ["0901112222", "0501234567", "090-111-2222"])
def test_an_unusual_rule_number_reads_back_as_it_was_typed(typed: str) -> None:
    """What `rules --csv` writes is what import-rules and a person read back."""
    canonical = phone.parse_rule_number(typed)
    assert phone.display(canonical).replace("-", "") == typed.replace("-", "")
    assert phone.parse_rule_number(phone.display(canonical)) == canonical


def test_the_country_code_is_phonenumbers() -> None:
    assert phonenumbers.country_code_for_region(phone.REGION) == phone.COUNTRY_CODE
