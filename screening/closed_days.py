"""The days the office is closed all day: its own closed days and Japan's public holidays.

Closed days are dates, date ranges, or yearly ranges such as `12-29..01-03` for the year-end;
public holidays come from the `holidays` package, with substitute and citizens' holidays.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import MINYEAR, date
from functools import lru_cache

from screening.messages import Message, Refusal, quoted

_YEARLESS = 2000  # a leap year, so that a yearly 02-29 is a date


@dataclass(frozen=True)
class ClosedDays:
    """Days the office is closed, `first` to `last` inclusive; `yearly` ranges ignore the year
    (stored with year 2000) and may wrap the year end, like 12-29..01-03."""

    first: date
    last: date
    note: str = ""
    yearly: bool = False

    def __post_init__(self) -> None:
        if self.yearly:
            object.__setattr__(self, "first", self.first.replace(year=_YEARLESS))
            object.__setattr__(self, "last", self.last.replace(year=_YEARLESS))
        elif self.last < self.first:
            raise Refusal("refusal.closed_days.backwards", str(self))
        elif (self.last - self.first).days > 366:
            raise Refusal("refusal.closed_days.too_long", str(self))

    def covers(self, day: date) -> bool:
        if not self.yearly:
            return self.first <= day <= self.last
        key = (day.month, day.day)
        first, last = (self.first.month, self.first.day), (self.last.month, self.last.day)
        return first <= key <= last if first <= last else key >= first or key <= last

    @property
    def span(self) -> str:
        form = "%m-%d" if self.yearly else "%Y-%m-%d"
        first, last = self.first.strftime(form), self.last.strftime(form)
        return first if first == last else f"{first}..{last}"

    def __str__(self) -> str:
        return f"{self.span} {self.note}" if self.note else self.span

    def words(self) -> Message:
        """The days as the reader's language writes dates (wording/moments.py): `2026-08-13..
        2026-08-16 お盆`, `2026/08/13〜2026/08/16 お盆`; either is taken back as typed."""
        def day(of: date) -> Message:
            if self.yearly:
                return Message("closed_days.yearly_day", (f"{of:%m}", f"{of:%d}"))
            return Message("closed_days.day", (f"{of:%Y}", f"{of:%m}", f"{of:%d}"))

        span = (day(self.first) if self.first == self.last
                else Message("closed_days.span", (day(self.first), day(self.last))))
        return Message("closed_days.noted", (span, self.note)) if self.note else span


_DATE = r"(?:(\d{4})[-/.])?(\d{1,2})[-/.](\d{1,2})"
_CLOSED = re.compile(rf"{_DATE}(?:\s*(?:\.\.|[~〜–])\s*{_DATE})?")


def parse_closed_days(raw: str) -> ClosedDays:
    """Closed days as typed, with an optional note after a space: `2025-08-13..2025-08-16 お盆`,
    `2025/08/15`, yearly `12-29..01-03 年末年始`. Raises a Refusal otherwise."""
    text = unicodedata.normalize("NFKC", raw).strip()
    match = _CLOSED.match(text)
    if match is None or (match.end() < len(text) and not text[match.end()].isspace()):
        raise Refusal("refusal.closed_days.form", quoted(raw))
    note = text[match.end() :].strip()
    first_year, last_year = match[1], match[4]
    last_given = match[5] is not None
    yearly = first_year is None
    if last_given and (last_year is None) != yearly:
        raise Refusal("refusal.closed_days.years", quoted(raw))
    first = _date(raw, first_year, match[2], match[3])
    last = _date(raw, last_year, match[5], match[6]) if last_given else first
    return ClosedDays(first, last, note, yearly)


def _date(raw: str, year: str | None, month: str, day: str) -> date:
    """A date as typed (a yearly one in the year 2000), or a Refusal saying what is wrong."""
    numbers = int(year or _YEARLESS), int(month), int(day)
    try:
        return date(*numbers)
    except ValueError:
        if not 1 <= numbers[1] <= 12:
            raise Refusal("refusal.date.month", quoted(raw), numbers[1]) from None
        if numbers[0] < MINYEAR:
            raise Refusal("refusal.date.year", quoted(raw), numbers[0]) from None
        raise Refusal("refusal.date.day", quoted(raw), numbers[2], numbers[1]) from None


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> Mapping[date, str]:
    # Imported here: loading the package costs a tenth of a second that a command which never
    # looks at a schedule should not pay. Call public_holiday() once at start to pay it early.
    from holidays.countries.japan import Japan

    return dict(Japan(years=year, language="en_US"))


def holiday_word(name: str) -> Message:
    """A public holiday's name, as the `holidays` package writes it in English, as a word to be
    worded (`holiday.coming-of-age-day`: 成人の日 in Japanese); the name goes along, to be read
    as it is where wording/ has no words for it yet."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    return Message(f"holiday.{re.sub(r'[^a-z]+', '-', plain).strip('-')}", (name,))


def public_holiday(day: date) -> str | None:
    """The name of the Japanese public holiday on `day` (substitute and citizens' holidays
    included), or None. The package knows 1949 to 2099."""
    return _public_holidays(day.year).get(day)
