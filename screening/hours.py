"""Business hours: the wall times of a week the office is open, as people type and read them.

A day has several ranges (`09:00-12:00, 13:00-18:00`); ranges that overlap or touch are one.
The days of the week are written here too, for everything that names one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import time

from screening.messages import Message, Refusal, quoted

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DAY_WORDS = (Message("weekday.monday"), Message("weekday.tuesday"), Message("weekday.wednesday"),
             Message("weekday.thursday"), Message("weekday.friday"), Message("weekday.saturday"),
             Message("weekday.sunday"))
_JAPANESE_DAYS = "月火水木金土日"
MIDNIGHT = time(0)
DAY = 24 * 3600


def _seconds(moment: time) -> int:
    return moment.hour * 3600 + moment.minute * 60 + moment.second


def _clock(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}" + (
        f":{seconds % 60:02d}" if seconds % 60 else ""
    )


@dataclass(frozen=True, order=True)
class TimeRange:
    """Business hours within one day, from `start` up to (not including) `end`, office time.

    `end` 00:00 means midnight at the end of the day (written 24:00). A stretch across midnight
    is two ranges, `22:00-24:00` on one day and `00:00-06:00` on the next.
    """

    start: time
    end: time

    def __post_init__(self) -> None:
        if self.start.tzinfo is not None or self.end.tzinfo is not None:
            raise ValueError("business hours are wall times without a time zone")
        if self.start.microsecond or self.end.microsecond:
            raise ValueError("business hours are whole seconds")
        if self.end_seconds <= self.start_seconds:
            raise ValueError(f"business hours must end after they start, not {self}")

    @property
    def start_seconds(self) -> int:
        return _seconds(self.start)

    @property
    def end_seconds(self) -> int:
        return DAY if self.end == MIDNIGHT else _seconds(self.end)

    def __str__(self) -> str:
        return f"{_clock(self.start_seconds)}-{_clock(self.end_seconds)}"

    def covers(self, moment: time) -> bool:
        return self.start_seconds <= _seconds(moment) < self.end_seconds


def _time_of(seconds: int) -> time:
    return MIDNIGHT if seconds == DAY else time(seconds // 3600, seconds % 3600 // 60, seconds % 60)


def merge_ranges(ranges: Iterable[TimeRange]) -> tuple[TimeRange, ...]:
    """Ranges in order, overlapping and touching ones made one (`9-12, 12-18` is `9-18`)."""
    merged: list[tuple[int, int]] = []
    for item in sorted(ranges, key=lambda r: (r.start_seconds, r.end_seconds)):
        start, end = item.start_seconds, item.end_seconds
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(TimeRange(_time_of(start), _time_of(end)) for start, end in merged)


_CLOCK = r"(\d{1,2})(?::(\d{2}))?"
_JAPANESE_CLOCK = re.compile(r"時(?:(\d{1,2})分)?")
_RANGE = re.compile(rf"{_CLOCK}\s*[-–—~〜]\s*{_CLOCK}")
_BETWEEN_RANGES = re.compile(r"[\s,、;]*")
_CLOSED_WORDS = frozenset({"", "closed", "none", "-", "休", "休み", "休業", "定休日"})


def _clock_seconds(raw: str, hours: str, minutes: str | None, *, end: bool) -> int:
    hour, minute = int(hours), int(minutes or 0)
    if minute > 59 or hour > 24 or (hour == 24 and (minute or not end)):
        raise Refusal("refusal.hours.end_time" if end else "refusal.hours.start_time",
                      quoted(raw), f"{hours}:{minute:02d}")
    return hour * 3600 + minute * 60


def parse_ranges(raw: str) -> tuple[TimeRange, ...]:
    """One day's hours as typed: `9:00-12:00, 13:00-18:00` (also `9-12`, `９：００〜１２：００`,
    `9時-12時`); `closed` or nothing for a day without hours. Raises a Refusal otherwise."""
    text = unicodedata.normalize("NFKC", raw).strip()
    if text.casefold() in _CLOSED_WORDS:
        return ()
    text = _JAPANESE_CLOCK.sub(lambda m: f":{int(m[1] or 0):02d}", text)  # 9時30分 is 9:30
    found: list[TimeRange] = []
    at = 0
    for match in _RANGE.finditer(text):
        if not _BETWEEN_RANGES.fullmatch(text[at : match.start()]):
            break
        start = _clock_seconds(raw, match[1], match[2], end=False)
        end = _clock_seconds(raw, match[3], match[4], end=True)
        if end <= start:
            raise Refusal("refusal.hours.backwards", quoted(raw), f"{_clock(start)}-{_clock(end)}")
        found.append(TimeRange(_time_of(start), _time_of(end)))
        at = match.end()
    if not found or not _BETWEEN_RANGES.fullmatch(text[at:]):
        raise Refusal("refusal.hours.form", quoted(raw))
    return merge_ranges(found)


Week = tuple[tuple[TimeRange, ...], ...]
CLOSED_WEEK: Week = ((),) * 7


def _weekday(raw: str, word: str) -> int:
    word = word.strip().casefold()
    if len(word) == 1 and word in _JAPANESE_DAYS:
        return _JAPANESE_DAYS.index(word)
    for index, name in enumerate(DAY_NAMES):
        if len(word) >= 3 and name.casefold().startswith(word):
            return index
    raise Refusal("refusal.hours.weekday", quoted(raw), quoted(word))


def _days(raw: str, spec: str) -> list[int]:
    spec = spec.casefold()
    if spec in ("daily", "every-day", "everyday", "毎日"):
        return list(range(7))
    if spec in ("weekdays", "平日"):
        return list(range(5))
    days: list[int] = []
    for part in re.split(r"[,、]", spec):
        first, dash, last = part.partition("-")
        if dash:
            start, end = _weekday(raw, first), _weekday(raw, last)
            if end < start:
                raise Refusal("refusal.hours.days_backwards", quoted(raw), part)
            days.extend(range(start, end + 1))
        else:
            days.append(_weekday(raw, part))
    return days


def parse_hours(raw: str) -> Week:
    """A week's business hours as typed: `mon-fri 9:00-12:00, 13:00-18:00; sat 9:00-12:00`.

    Entries are separated by `;` or new lines; each names days (`mon`, `mon-fri`, `mon,wed`,
    `weekdays`, `daily`, `月-金`) and that day's hours (or `closed`). Days not named are closed.
    Raises a Refusal otherwise.
    """
    week: list[tuple[TimeRange, ...] | None] = [None] * 7
    text = unicodedata.normalize("NFKC", raw)
    for entry in re.split(r"[;\n]", text):
        entry = entry.strip()
        if not entry:
            continue
        spec, _, hours = entry.partition(" ")
        ranges = parse_ranges(hours)
        for day in _days(raw, spec):
            if week[day] is not None:
                raise Refusal("refusal.hours.twice", quoted(raw), WEEKDAYS[day])
            week[day] = ranges
    return tuple(day or () for day in week)


def format_hours(week: Week, days: Sequence[str] = WEEKDAYS) -> str:
    """The inverse of parse_hours: `mon-fri 09:00-12:00, 13:00-18:00; sat 09:00-12:00`; with
    the days named as `days` names them (`月-金 09:00-18:00`, which parse_hours reads too)."""
    entries: list[str] = []
    day = 0
    while day < 7:
        last = day
        while last + 1 < 7 and week[last + 1] == week[day]:
            last += 1
        if week[day]:
            named = days[day] if last == day else f"{days[day]}-{days[last]}"
            entries.append(f"{named} {', '.join(str(r) for r in week[day])}")
        day = last + 1
    return "; ".join(entries)
