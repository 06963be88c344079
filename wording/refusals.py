"""Why what a person typed is refused: numbers, prefixes, names, durations, times, business
hours, closed days and the bounded settings (screening's parsers). %1 is what was typed, quoted
as Python quotes it, so that an invisible character shows."""

from __future__ import annotations

from wording import QT_TRANSLATE_NOOP, register

register({
    # Numbers for rules (screening/phone.py)
    "refusal.number.no_digits": QT_TRANSLATE_NOOP(
        "refusals", "%1 is not a phone number: it has no digits"),
    "refusal.number.plus": QT_TRANSLATE_NOOP(
        "refusals", "%1 is not a phone number: a + may only stand at the start"),
    "refusal.number.letter": QT_TRANSLATE_NOOP(
        "refusals", "%1 is not a phone number: %2 is a letter; "
        "write only digits, a + at the start, and spaces, hyphens, dots, slashes or brackets "
        "between them"),
    "refusal.number.symbol": QT_TRANSLATE_NOOP(
        "refusals", "%1 is not a phone number: %2 has no place in a phone number; "
        "write only digits, a + at the start, and spaces, hyphens, dots, slashes or brackets "
        "between them"),
    "refusal.number.impossible": QT_TRANSLATE_NOOP(
        "refusals", "%1 is not a possible phone number"),
    # Prefixes for rules (screening/phone.py)
    "refusal.prefix.no_star": QT_TRANSLATE_NOOP(
        "refusals", "%1 is not a prefix: a prefix ends with *, like 0120*"),
    "refusal.prefix.star_inside": QT_TRANSLATE_NOOP(
        "refusals", "%1 is not a prefix: a * may only stand at the end"),
    "refusal.prefix.plus": QT_TRANSLATE_NOOP(
        "refusals", "%1 is not a prefix: a + may only stand at the start"),
    "refusal.prefix.letter": QT_TRANSLATE_NOOP(
        "refusals", "%1 is not a prefix: %2 is a letter; "
        "write only digits, a + at the start, and spaces, hyphens, dots, slashes or brackets "
        "between them"),
    "refusal.prefix.symbol": QT_TRANSLATE_NOOP(
        "refusals", "%1 is not a prefix: %2 has no place in a phone number; "
        "write only digits, a + at the start, and spaces, hyphens, dots, slashes or brackets "
        "between them"),
    "refusal.prefix.no_digits": QT_TRANSLATE_NOOP(
        "refusals", "%1 is not a prefix: it has no digits before the * "
        "(a rule for every caller is a mode, not a rule)"),
    "refusal.prefix.country_zero": QT_TRANSLATE_NOOP(
        "refusals", "%1 is not a prefix: no country code starts with 0"),
    "refusal.prefix.no_trunk_zero": QT_TRANSLATE_NOOP(
        "refusals", "%1 is not a prefix: a Japanese prefix starts with 0 (like 0120*), "
        "an international one with + and the country code (like +1*)"),
    "refusal.prefix.abroad": QT_TRANSLATE_NOOP(
        "refusals", "%1 is not a prefix: write numbers abroad with + and the country code, "
        "like +1*"),
    "refusal.prefix.every_number": QT_TRANSLATE_NOOP(
        "refusals", "%1 is not a prefix: 0* would match every number in Japan "
        "(that is a mode, not a rule)"),
    "refusal.prefix.too_long": QT_TRANSLATE_NOOP(
        "refusals", "%1 is too long for a prefix: numbers have at most %2 digits"),
    # Names for name rules (screening/names.py)
    "refusal.name.empty": QT_TRANSLATE_NOOP("refusals", "a name rule needs a name"),
    "refusal.name.nobody": QT_TRANSLATE_NOOP(
        "refusals", "%1 names nobody: a legal form or punctuation alone matches every company"),
    "refusal.name.number": QT_TRANSLATE_NOOP(
        "refusals", "%1 looks like a number: use a number or prefix rule for it"),
    # How long or until when a temporary rule lasts (screening/rules.py)
    "refusal.duration.form": QT_TRANSLATE_NOOP(
        "refusals", "%1 is not a duration: write it like 30m, 24h or 7d"),
    "refusal.duration.too_long": QT_TRANSLATE_NOOP(
        "refusals", "%1 is too long for a duration"),
    "refusal.duration.zero": QT_TRANSLATE_NOOP(
        "refusals", "%1 is no time at all: a duration must be longer than zero"),
    "refusal.until.past": QT_TRANSLATE_NOOP(
        "refusals", "%1 is already past: a temporary rule must end in the future"),
    # Times and time zones (screening/instants.py)
    "refusal.time_zone": QT_TRANSLATE_NOOP(
        "refusals", "%1 is not a time zone (like Asia/Tokyo)"),
    "refusal.instant": QT_TRANSLATE_NOOP(
        "refusals", "%1 is not a time: write it like 2025-01-06T09:30 (office time) "
        "or with an offset, 2025-01-06T09:30+09:00"),
    # Business hours (screening/hours.py)
    "refusal.hours.start_time": QT_TRANSLATE_NOOP(
        "refusals", "%1: %2 is not a start time (00:00 to 23:59)"),
    "refusal.hours.end_time": QT_TRANSLATE_NOOP(
        "refusals", "%1: %2 is not an end time (00:00 to 24:00)"),
    "refusal.hours.backwards": QT_TRANSLATE_NOOP(
        "refusals", "%1: %2 ends before it starts "
        "(write a stretch across midnight as 22:00-24:00 and 00:00-06:00 next day)"),
    "refusal.hours.form": QT_TRANSLATE_NOOP(
        "refusals", "%1 is not business hours: write them like 9:00-12:00, 13:00-18:00"),
    "refusal.hours.weekday": QT_TRANSLATE_NOOP(
        "refusals", "%1: %2 is not a day of the week (mon, tue, … sun)"),
    "refusal.hours.days_backwards": QT_TRANSLATE_NOOP(
        "refusals", "%1: %2 runs backwards (write mon-fri, not fri-mon)"),
    "refusal.hours.twice": QT_TRANSLATE_NOOP("refusals", "%1: %2 is given twice"),
    # Closed days (screening/closed_days.py)
    "refusal.closed_days.form": QT_TRANSLATE_NOOP(
        "refusals", "%1 is not closed days: write a date or a range like "
        "2025-12-29..2026-01-03, or 12-29..01-03 for every year"),
    "refusal.closed_days.years": QT_TRANSLATE_NOOP(
        "refusals", "%1: give the year on both dates or on neither"),
    "refusal.closed_days.backwards": QT_TRANSLATE_NOOP(
        "refusals", "closed days must end on or after their first day, not %1"),
    "refusal.closed_days.too_long": QT_TRANSLATE_NOOP(
        "refusals", "closed days %1 last longer than a year"),
    "refusal.date.month": QT_TRANSLATE_NOOP(
        "refusals", "%1 is not a date: there is no month %2"),
    "refusal.date.year": QT_TRANSLATE_NOOP("refusals", "%1 is not a date: there is no year %2"),
    "refusal.date.day": QT_TRANSLATE_NOOP(
        "refusals", "%1 is not a date: month %3 has no day %2"),
    # Bounded numbers (screening/policy.py)
    "refusal.ask_timeout.number": QT_TRANSLATE_NOOP(
        "refusals", "ask timeout must be a number of seconds, not %1"),
    "refusal.ask_timeout.range": QT_TRANSLATE_NOOP(
        "refusals", "ask timeout must be between %1 and %2 seconds"),
    "refusal.repeat_minutes.number": QT_TRANSLATE_NOOP(
        "refusals", "repeat-caller window must be a number of minutes, not %1"),
    "refusal.repeat_minutes.range": QT_TRANSLATE_NOOP(
        "refusals", "repeat-caller window must be between %1 and %2 minutes"),
})
