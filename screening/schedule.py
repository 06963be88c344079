"""The office's schedule: which mode it sets at an instant, and until when.

Everything is computed for an instant the caller passes in (`now`, an aware datetime): nothing
here reads the clock, and nothing depends on the machine's time zone. Business hours are wall
times in the office's time zone (screening/hours.py).

- A schedule has business hours per weekday, the mode inside hours (`open_mode`) and outside
  them (`closed_mode`).
- The office is closed all day on Japanese public holidays (switchable) and on its own closed
  days (screening/closed_days.py).
- A *schedule change* is the moment the office opens or closes. Ranges that touch (`-12:00`,
  `12:00-`) or run across midnight (`-24:00`, `00:00-`) are one stretch, without a change.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from screening.closed_days import ClosedDays, holiday_word, public_holiday
from screening.hours import CLOSED_WEEK, DAY_WORDS, MIDNIGHT, Week, merge_ranges
from screening.instants import DEFAULT_TIME_ZONE, aware, zone
from screening.messages import Message
from screening.mode import Mode

HORIZON_DAYS = 400  # how far ahead the next change is looked for; beyond: "no change"


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
        wall = datetime.combine(day, MIDNIGHT) + timedelta(seconds=seconds)
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
        moment = aware(now, "now").astimezone(UTC)
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
