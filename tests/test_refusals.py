"""What people type and callgate refuses: a code with arguments, worded at the edge as clearly
as before codes. One table for every parser of the screening core."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest
from message_codes import PROJECT, message_codes

import wording
from screening import phone
from screening.closed_days import parse_closed_days
from screening.hours import parse_hours, parse_ranges
from screening.instants import parse_instant, zone
from screening.messages import Refusal
from screening.names import InvalidName, parse_name
from screening.policy import parse_ask_timeout, parse_repeat_minutes
from screening.rules import future_expiry, parse_duration, parse_target

NOW = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)

REFUSED: list[tuple[Callable[[str], object], str, str, str]] = [
    (parse_target, "abc", "refusal.number.no_digits",
     "'abc' is not a phone number: it has no digits"),
    (parse_target, "03-3000-12a4", "refusal.number.letter",
     "'03-3000-12a4' is not a phone number: 'a' is a letter; write only digits, a + at the "
     "start, and spaces, hyphens, dots, slashes or brackets between them"),
    (parse_target, "0330001234#", "refusal.number.symbol",
     "'0330001234#' is not a phone number: '#' has no place in a phone number; write only "
     "digits, a + at the start, and spaces, hyphens, dots, slashes or brackets between them"),
    (parse_target, "03+3000", "refusal.number.plus",
     "'03+3000' is not a phone number: a + may only stand at the start"),
    (parse_target, "12", "refusal.number.impossible", "'12' is not a possible phone number"),
    (phone.parse_prefix, "0120", "refusal.prefix.no_star",
     "'0120' is not a prefix: a prefix ends with *, like 0120*"),
    (parse_target, "0120**", "refusal.prefix.star_inside",
     "'0120**' is not a prefix: a * may only stand at the end"),
    (parse_target, "+1+2*", "refusal.prefix.plus",
     "'+1+2*' is not a prefix: a + may only stand at the start"),
    (parse_target, "03-3000-a*", "refusal.prefix.letter",
     "'03-3000-a*' is not a prefix: 'a' is a letter; write only digits, a + at the start, and "
     "spaces, hyphens, dots, slashes or brackets between them"),
    (parse_target, "03_*", "refusal.prefix.symbol",
     "'03_*' is not a prefix: '_' has no place in a phone number; write only digits, a + at "
     "the start, and spaces, hyphens, dots, slashes or brackets between them"),
    (parse_target, "*", "refusal.prefix.no_digits",
     "'*' is not a prefix: it has no digits before the * (a rule for every caller is a mode, "
     "not a rule)"),
    (parse_target, "+0*", "refusal.prefix.country_zero",
     "'+0*' is not a prefix: no country code starts with 0"),
    (parse_target, "120*", "refusal.prefix.no_trunk_zero",
     "'120*' is not a prefix: a Japanese prefix starts with 0 (like 0120*), an international "
     "one with + and the country code (like +1*)"),
    (parse_target, "001*", "refusal.prefix.abroad",
     "'001*' is not a prefix: write numbers abroad with + and the country code, like +1*"),
    (parse_target, "0*", "refusal.prefix.every_number",
     "'0*' is not a prefix: 0* would match every number in Japan (that is a mode, not a rule)"),
    (parse_target, "0" + "1" * 16 + "*", "refusal.prefix.too_long",
     f"'0{'1' * 16}*' is too long for a prefix: numbers have at most 15 digits"),
    (parse_name, "", "refusal.name.empty", "a name rule needs a name"),
    (parse_name, "株式会社", "refusal.name.nobody",
     "'株式会社' names nobody: a legal form or punctuation alone matches every company"),
    (parse_name, "03-3000-1234", "refusal.name.number",
     "'03-3000-1234' looks like a number: use a number or prefix rule for it"),
    (parse_duration, "soon", "refusal.duration.form",
     "'soon' is not a duration: write it like 30m, 24h or 7d"),
    (parse_duration, "99999999999999w", "refusal.duration.too_long",
     "'99999999999999w' is too long for a duration"),
    (parse_duration, "0h", "refusal.duration.zero",
     "'0h' is no time at all: a duration must be longer than zero"),
    (lambda text: future_expiry(parse_instant(text), NOW, "Asia/Tokyo"), "2025-01-06T09:00",
     "refusal.until.past",
     "2025-01-06 (Mon) 09:00 JST is already past: a temporary rule must end in the future"),
    (zone, "Mars/Olympus_Mons", "refusal.time_zone",
     "'Mars/Olympus_Mons' is not a time zone (like Asia/Tokyo)"),
    (parse_instant, "tomorrow morning", "refusal.instant",
     "'tomorrow morning' is not a time: write it like 2025-01-06T09:30 (office time) or with an "
     "offset, 2025-01-06T09:30+09:00"),
    (parse_ranges, "9:60-12:00", "refusal.hours.start_time",
     "'9:60-12:00': 9:60 is not a start time (00:00 to 23:59)"),
    (parse_ranges, "9:00-25:00", "refusal.hours.end_time",
     "'9:00-25:00': 25:00 is not an end time (00:00 to 24:00)"),
    (parse_ranges, "18:00-9:00", "refusal.hours.backwards",
     "'18:00-9:00': 18:00-09:00 ends before it starts (write a stretch across midnight as "
     "22:00-24:00 and 00:00-06:00 next day)"),
    (parse_ranges, "nine to five", "refusal.hours.form",
     "'nine to five' is not business hours: write them like 9:00-12:00, 13:00-18:00"),
    (parse_hours, "funday 9-12", "refusal.hours.weekday",
     "'funday 9-12': 'funday' is not a day of the week (mon, tue, … sun)"),
    (parse_hours, "fri-mon 9-12", "refusal.hours.days_backwards",
     "'fri-mon 9-12': fri-mon runs backwards (write mon-fri, not fri-mon)"),
    (parse_hours, "mon 9-12; mon 13-18", "refusal.hours.twice",
     "'mon 9-12; mon 13-18': mon is given twice"),
    (parse_closed_days, "summer", "refusal.closed_days.form",
     "'summer' is not closed days: write a date or a range like 2025-12-29..2026-01-03, or "
     "12-29..01-03 for every year"),
    (parse_closed_days, "12-29..2026-01-03", "refusal.closed_days.years",
     "'12-29..2026-01-03': give the year on both dates or on neither"),
    (parse_closed_days, "2025-08-16..2025-08-13", "refusal.closed_days.backwards",
     "closed days must end on or after their first day, not 2025-08-16..2025-08-13"),
    (parse_closed_days, "2025-01-01..2026-06-01", "refusal.closed_days.too_long",
     "closed days 2025-01-01..2026-06-01 last longer than a year"),
    (parse_closed_days, "2025-13-01", "refusal.date.month",
     "'2025-13-01' is not a date: there is no month 13"),
    (parse_closed_days, "0000-01-01", "refusal.date.year",
     "'0000-01-01' is not a date: there is no year 0"),
    (parse_closed_days, "2025-02-30", "refusal.date.day",
     "'2025-02-30' is not a date: month 2 has no day 30"),
    (parse_ask_timeout, "soon", "refusal.ask_timeout.number",
     "ask timeout must be a number of seconds, not 'soon'"),
    (parse_ask_timeout, "90", "refusal.ask_timeout.range",
     "ask timeout must be between 3 and 60 seconds"),
    (parse_repeat_minutes, "x", "refusal.repeat_minutes.number",
     "repeat-caller window must be a number of minutes, not 'x'"),
    (parse_repeat_minutes, "0.5", "refusal.repeat_minutes.range",
     "repeat-caller window must be between 1 and 60 minutes"),
]


@pytest.mark.parametrize(("parse", "typed", "code", "words"), REFUSED,
                         ids=[code for _, _, code, _ in REFUSED])
def test_a_refusal_is_a_code_with_arguments_worded_at_the_edge(
    parse: Callable[[str], object], typed: str, code: str, words: str
) -> None:
    with pytest.raises(Refusal) as caught:
        parse(typed)
    assert caught.value.message.code == code
    assert wording.known(code)
    assert wording.render(caught.value.message) == words
    assert wording.refused(caught.value) == words


def test_every_refusal_of_these_parsers_is_in_the_table() -> None:
    """A refusal added to one of these parsers gets a row here (the source scan finds it)."""
    parsers = [PROJECT / "screening" / f"{name}.py"
               for name in ("phone", "names", "rules", "instants", "hours", "closed_days",
                            "policy")]
    raised = {use.code for use in message_codes(parsers) if use.code.startswith("refusal.")}
    assert raised == {code for _, _, code, _ in REFUSED}


def test_invalid_numbers_and_names_are_refusals_and_value_errors() -> None:
    with pytest.raises(phone.InvalidNumber) as number:
        phone.parse_rule_number("abc")
    with pytest.raises(InvalidName) as name:
        parse_name("")
    for caught in (number.value, name.value):
        assert isinstance(caught, Refusal) and isinstance(caught, ValueError)


def test_a_refusal_reads_as_its_code_in_logs_and_other_errors_as_their_text() -> None:
    refusal = Refusal("refusal.number.no_digits", "'abc'")
    assert str(refusal) == "refusal.number.no_digits 'abc'"
    assert wording.refused(ValueError("plain words")) == "plain words"
