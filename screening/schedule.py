"""The modes, and which one is in force when: business hours, holidays, closed days, override.

Everything is computed for an instant the caller passes in (`now`, an aware datetime): nothing
here reads the clock, and nothing depends on the machine's time zone. Business hours are wall
times in the office's time zone (Asia/Tokyo unless set otherwise).

- A schedule has business hours per weekday (several ranges a day, `09:00-12:00, 13:00-18:00`),
  the mode inside hours (`open_mode`) and outside them (`closed_mode`).
- The office is closed all day on Japanese public holidays (from the `holidays` package, with
  substitute and citizens' holidays; switchable) and on its own closed days: dates, date ranges,
  and yearly ranges such as `12-29..01-03` for the year-end.
- A *schedule change* is the moment the office opens or closes. Ranges that touch (`-12:00`,
  `12:00-`) or run across midnight (`-24:00`, `00:00-`) are one stretch, without a change.
- A manual override sets a mode by hand until the next schedule change (the default: "reject all"
  set at night ends when the office opens) or until it is turned off.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import MINYEAR, UTC, date, datetime, time, timedelta
from enum import StrEnum
from functools import lru_cache
from typing import NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from screening.messages import Message, Refusal


class Mode(StrEnum):
    ACCEPT_ALL = "accept-all"
    REJECT_ALL = "reject-all"
    ASK = "ask"

    @property
    def message(self) -> Message:
        """The mode as a word to be worded (inside a detail or a step)."""
        return _MODE_WORDS[self]


_MODE_WORDS = {
    Mode.ACCEPT_ALL: Message("mode.accept-all"),
    Mode.REJECT_ALL: Message("mode.reject-all"),
    Mode.ASK: Message("mode.ask"),
}


DEFAULT_TIME_ZONE = "Asia/Tokyo"
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DAY_WORDS = (Message("weekday.monday"), Message("weekday.tuesday"), Message("weekday.wednesday"),
             Message("weekday.thursday"), Message("weekday.friday"), Message("weekday.saturday"),
             Message("weekday.sunday"))
# A weekday beside a date (`Mon`, `月`).
_SHORT_DAY_WORDS = tuple(Message(f"moment.weekday.{day}") for day in WEEKDAYS)
_JAPANESE_DAYS = "月火水木金土日"
MIDNIGHT = time(0)
DAY = 24 * 3600
HORIZON_DAYS = 400  # how far ahead the next change is looked for; beyond: "no change"


@lru_cache(maxsize=32)
def zone(name: str) -> ZoneInfo:
    """The ZoneInfo for an IANA name; a Refusal when there is none.

    The `tzdata` package supplies the database on machines without one (Windows).
    """
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise Refusal("refusal.time_zone", repr(name)) from None


def _aware(moment: datetime, what: str) -> datetime:
    if moment.utcoffset() is None:
        raise ValueError(f"{what} must be an aware datetime (with a time zone), not {moment}")
    return moment


def instant(moment: datetime, time_zone: str = DEFAULT_TIME_ZONE, *,
            seconds: bool = False) -> Message:
    """An instant as the office reads it, to be worded in the reader's language (wording/
    moments.py): `2025-01-06 (Mon) 09:00 JST`, `2025/01/06(月) 09:00 JST`; to the second for
    a call's time."""
    local = moment.astimezone(zone(time_zone))
    clock = f"{local:%H:%M:%S}" if seconds else f"{local:%H:%M}"
    return Message("moment", (f"{local:%Y}", f"{local:%m}", f"{local:%d}",
                              _SHORT_DAY_WORDS[local.weekday()], clock, f"{local:%Z}"))


def parse_instant(raw: str, time_zone: str = DEFAULT_TIME_ZONE) -> datetime:
    """An ISO time a person typed (`2025-01-06T09:30`, `2025-01-06 09:30+09:00`); without an
    offset it is the office's wall time. Raises a Refusal otherwise."""
    text = unicodedata.normalize("NFKC", raw).strip()
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise Refusal("refusal.instant", repr(raw)) from None
    if moment.utcoffset() is None:
        moment = moment.replace(tzinfo=zone(time_zone))
    return moment


# ---------------------------------------------------------------------------------------------
# Business hours


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
                      repr(raw), f"{hours}:{minute:02d}")
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
            raise Refusal("refusal.hours.backwards", repr(raw), f"{_clock(start)}-{_clock(end)}")
        found.append(TimeRange(_time_of(start), _time_of(end)))
        at = match.end()
    if not found or not _BETWEEN_RANGES.fullmatch(text[at:]):
        raise Refusal("refusal.hours.form", repr(raw))
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
    raise Refusal("refusal.hours.weekday", repr(raw), repr(word))


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
                raise Refusal("refusal.hours.days_backwards", repr(raw), part)
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
                raise Refusal("refusal.hours.twice", repr(raw), WEEKDAYS[day])
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


# ---------------------------------------------------------------------------------------------
# Closed days and holidays

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


_DATE = r"(?:(\d{4})[-/.])?(\d{1,2})[-/.](\d{1,2})"
_CLOSED = re.compile(rf"{_DATE}(?:\s*(?:\.\.|[~〜–])\s*{_DATE})?")


def parse_closed_days(raw: str) -> ClosedDays:
    """Closed days as typed, with an optional note after a space: `2025-08-13..2025-08-16 お盆`,
    `2025/08/15`, yearly `12-29..01-03 年末年始`. Raises a Refusal otherwise."""
    text = unicodedata.normalize("NFKC", raw).strip()
    match = _CLOSED.match(text)
    if match is None or (match.end() < len(text) and not text[match.end()].isspace()):
        raise Refusal("refusal.closed_days.form", repr(raw))
    note = text[match.end() :].strip()
    first_year, last_year = match[1], match[4]
    last_given = match[5] is not None
    yearly = first_year is None
    if last_given and (last_year is None) != yearly:
        raise Refusal("refusal.closed_days.years", repr(raw))
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
            raise Refusal("refusal.date.month", repr(raw), numbers[1]) from None
        if numbers[0] < MINYEAR:
            raise Refusal("refusal.date.year", repr(raw), numbers[0]) from None
        raise Refusal("refusal.date.day", repr(raw), numbers[2], numbers[1]) from None


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


# ---------------------------------------------------------------------------------------------
# The schedule


@dataclass(frozen=True)
class ScheduleState:
    """What the schedule says at one instant."""

    open: bool
    mode: Mode
    until: datetime | None  # the next schedule change (UTC), None if none within a year
    why: Message  # `open: inside business hours (Monday 09:00-12:00, 13:00-18:00)`, `closed …`


class _Day(NamedTuple):
    closed: Message | None  # why the office is closed all day, if it is
    spans: tuple[tuple[datetime, datetime], ...]  # open, in UTC
    why_open: Message
    why_closed: Message


@dataclass(frozen=True)
class Schedule:
    """Business hours per weekday (Monday first), the modes inside and outside them, the days
    the office is closed, and the office's time zone."""

    week: Week = CLOSED_WEEK
    open_mode: Mode = Mode.ACCEPT_ALL
    closed_mode: Mode = Mode.REJECT_ALL
    public_holidays: bool = True
    closed_days: tuple[ClosedDays, ...] = ()
    time_zone: str = DEFAULT_TIME_ZONE
    # Per local date: why the office is closed all day, and its open spans in UTC. Filled as
    # days are asked for, so that deciding a call costs a few look-ups.
    _days: dict[date, _Day] = field(
        default_factory=dict, init=False, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        if len(self.week) != 7:
            raise ValueError("a schedule has business hours for 7 days, Monday first")
        object.__setattr__(self, "week", tuple(merge_ranges(day) for day in self.week))
        object.__setattr__(self, "closed_days", tuple(self.closed_days))
        zone(self.time_zone)

    @property
    def zone(self) -> ZoneInfo:
        return zone(self.time_zone)

    def _day(self, day: date) -> _Day:
        known = self._days.get(day)
        if known is None:
            closed = self._closed_because(day)
            hours = () if closed else self.week[day.weekday()]
            spans = tuple(
                (self._instant(day, r.start_seconds), self._instant(day, r.end_seconds))
                for r in hours
            )
            known = _Day(closed, spans, self._why(day, closed, True), self._why(day, closed, False))
            if len(self._days) >= 1024:
                self._days.clear()
            self._days[day] = known
        return known

    def _closed_because(self, day: date) -> Message | None:
        for closed in self.closed_days:
            if closed.covers(day):
                return Message("schedule.closed_day", (str(closed),))
        if self.public_holidays and (holiday := public_holiday(day)) is not None:
            return Message("schedule.holiday", (holiday_word(holiday),))
        return None

    def _instant(self, day: date, seconds: int) -> datetime:
        wall = datetime.combine(day + timedelta(days=seconds // DAY), _time_of(seconds % DAY))
        return wall.replace(tzinfo=self.zone).astimezone(UTC)

    def _open_stretches(self, first: date) -> Iterator[tuple[datetime, datetime]]:
        """Open stretches (UTC) from the local date `first` on, ranges that touch made one."""
        pending: tuple[datetime, datetime] | None = None
        for offset in range(HORIZON_DAYS):
            for start, end in self._day(first + timedelta(days=offset)).spans:
                if pending is not None and start <= pending[1]:
                    pending = (pending[0], max(pending[1], end))
                    continue
                if pending is not None:
                    yield pending
                pending = (start, end)
        if pending is not None:
            yield pending

    def _why(self, day: date, closed: Message | None, is_open: bool) -> Message:
        if closed is not None:
            return Message("schedule.closed_all_day", (closed,))
        weekday = DAY_WORDS[day.weekday()]
        hours = self.week[day.weekday()]
        if not hours:
            return Message("schedule.no_hours", (weekday,))
        listed = ", ".join(str(r) for r in hours)
        if is_open:
            return Message("schedule.inside", (weekday, listed))
        return Message("schedule.outside", (weekday, listed))

    def state_at(self, now: datetime) -> ScheduleState:
        """Open or closed at `now`, the scheduled mode, and until when (the next change)."""
        moment = _aware(now, "now").astimezone(UTC)
        local = moment.astimezone(self.zone)
        is_open, until = False, None
        if any(self.week):
            for start, end in self._open_stretches(local.date() - timedelta(days=1)):
                if end <= moment:
                    continue
                is_open, until = start <= moment, end if start <= moment else start
                break
        mode = self.open_mode if is_open else self.closed_mode
        today = self._day(local.date())
        return ScheduleState(is_open, mode, until, today.why_open if is_open else today.why_closed)

    def next_change(self, after: datetime) -> datetime | None:
        """The first moment after `after` when the office opens or closes (UTC), or None."""
        return self.state_at(after).until


# ---------------------------------------------------------------------------------------------
# The mode in force


class OverrideEnd(StrEnum):
    NEXT_CHANGE = "next-change"  # the default: ends when the office next opens or closes
    TURNED_OFF = "turned-off"  # lasts until someone turns it off


@dataclass(frozen=True)
class Override:
    """A mode set by hand at `set_at`, overriding the schedule."""

    mode: Mode
    set_at: datetime
    ends: OverrideEnd = OverrideEnd.NEXT_CHANGE

    def __post_init__(self) -> None:
        _aware(self.set_at, "an override's set_at")

    def until(self, schedule: Schedule | None) -> datetime | None:
        """When the override ends by itself (UTC); None: when turned off. Without a schedule
        there is no next change, so it lasts until turned off too."""
        if self.ends is OverrideEnd.TURNED_OFF or schedule is None:
            return None
        return schedule.next_change(self.set_at)

    def active(self, schedule: Schedule | None, now: datetime) -> bool:
        until = self.until(schedule)
        return self.set_at <= now and (until is None or now < until)


class ModeSource(StrEnum):
    SETTING = "setting"  # no schedule: the mode as set
    SCHEDULE = "schedule"
    OVERRIDE = "override"


@dataclass(frozen=True)
class ModeInForce:
    """The mode that decides calls at one instant, where it comes from, and until when."""

    mode: Mode
    source: ModeSource
    until: datetime | None  # when it changes by itself (UTC); None: only by hand
    steps: tuple[Message, ...]  # how it came about, step by step
    schedule: ScheduleState | None = None

    @property
    def why(self) -> Message | None:
        """Where the mode comes from, when not the mode setting: `manual override`, `schedule,
        office closed`; None for the setting."""
        if self.source is ModeSource.OVERRIDE:
            return _OVERRIDE
        if self.source is ModeSource.SCHEDULE and self.schedule is not None:
            return _SCHEDULE_OPEN if self.schedule.open else _SCHEDULE_CLOSED
        return None

    @property
    def detail(self) -> Message:
        """`mode ask`, `mode reject-all (schedule, office closed)`, `mode ask (manual override)`:
        short, for logs and a call waiting for a person."""
        why = self.why
        if why is None:
            return mode_detail(self.mode)
        return Message("mode.detail.source", (self.mode.message, why))


_OVERRIDE = Message("mode.source.override")
_SCHEDULE_OPEN = Message("mode.source.open")
_SCHEDULE_CLOSED = Message("mode.source.closed")
_MODE_DETAILS = {mode: Message("mode.detail", (mode.message,)) for mode in Mode}


def mode_detail(mode: Mode) -> Message:
    """`mode ask`: the mode setting's detail (made once per mode: the hot path asks for it)."""
    return _MODE_DETAILS[mode]


def mode_in_force(
    mode: Mode,
    schedule: Schedule | None = None,
    override: Override | None = None,
    now: datetime | None = None,
    *,
    explain: bool = True,
) -> ModeInForce:
    """Which mode decides at `now`: an active manual override, else the schedule, else the
    mode setting. `now` may be None only without a schedule and an override. With `explain`
    false the steps are left empty (they cost more than the answer)."""
    time_zone = schedule.time_zone if schedule is not None else DEFAULT_TIME_ZONE

    def when(moment: datetime) -> Message:
        return instant(moment, time_zone)

    steps: list[Message] = []

    def say(step: Callable[[], Message]) -> None:
        if explain:
            steps.append(step())

    if now is None:
        if schedule is not None or override is not None:
            raise ValueError("a schedule or an override needs the time of the call")
        say(lambda: Message("step.mode.setting", (mode.message,)))
        return ModeInForce(mode, ModeSource.SETTING, None, tuple(steps))
    _aware(now, "now")
    state: ScheduleState | None = None
    chosen, source, until = mode, ModeSource.SETTING, None
    if schedule is None:
        say(lambda: Message("step.mode.no_schedule", (mode.message,)))
    else:
        state = schedule.state_at(now)
        scheduled = state

        def schedule_step() -> Message:
            if scheduled.until is None:
                return Message("step.schedule.no_change", (
                    time_zone, when(now), scheduled.why, scheduled.mode.message))
            return Message("step.schedule.until", (
                time_zone, when(now), scheduled.why, scheduled.mode.message,
                when(scheduled.until)))

        say(schedule_step)
        chosen, source, until = state.mode, ModeSource.SCHEDULE, state.until
    if override is not None:
        ends = override.until(schedule)
        manual = override
        if override.set_at > now:
            say(lambda: Message("step.override.later", (
                manual.mode.message, when(manual.set_at))))
        elif ends is None:
            say(lambda: Message("step.override.active", (
                manual.mode.message, when(manual.set_at))))
            chosen, source, until = override.mode, ModeSource.OVERRIDE, None
        else:
            change = ends
            if now < change:  # override.active(), without a second `until`
                say(lambda: Message("step.override.active_until", (
                    manual.mode.message, when(manual.set_at), when(change))))
                chosen, source, until = override.mode, ModeSource.OVERRIDE, change
            else:
                say(lambda: Message("step.override.expired", (
                    manual.mode.message, when(manual.set_at), when(change))))
    return ModeInForce(chosen, source, until, tuple(steps), state)
