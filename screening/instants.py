"""Instants as the office reads and types them, in its time zone (Asia/Tokyo unless set).

Nothing in callgate depends on the machine's time zone: every moment is an aware datetime, shown
and parsed in the office's zone by name.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from screening.hours import WEEKDAYS
from screening.messages import Message, Refusal, quoted

DEFAULT_TIME_ZONE = "Asia/Tokyo"
# A moment as the console writes it in Japanese, its weekday optional: 2025/01/06(月) 09:30.
_WRITTEN = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2}) *(?:\([^)]*\))? *(\d{1,2}):(\d{2})(:\d{2})?")
# A weekday beside a date (`Mon`, `月`).
_SHORT_DAY_WORDS = tuple(Message(f"moment.weekday.{day}") for day in WEEKDAYS)


@lru_cache(maxsize=32)
def zone(name: str) -> ZoneInfo:
    """The ZoneInfo for an IANA name; a Refusal when there is none.

    The `tzdata` package supplies the database on machines without one (Windows).
    """
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise Refusal("refusal.time_zone", quoted(name)) from None


def aware(moment: datetime, what: str) -> datetime:
    """`moment` itself; a ValueError naming `what` when it has no time zone."""
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


def day_words(day: date) -> Message:
    """A day as the office reads it, in the reader's language: `2025-01-06 (Mon)`,
    `2025/01/06(月)`."""
    return Message("moment.day", (f"{day:%Y}", f"{day:%m}", f"{day:%d}",
                                  _SHORT_DAY_WORDS[day.weekday()]))


def parse_instant(raw: str, time_zone: str = DEFAULT_TIME_ZONE) -> datetime:
    """A time a person typed, in ISO (`2025-01-06T09:30`, `2025-01-06 09:30+09:00`) or as a
    Japanese office writes it, as callgate shows it (`2025/01/06(月) 09:30`, `2025/1/6 9:30`);
    without an offset it is the office's wall time. Raises a Refusal otherwise."""
    text = unicodedata.normalize("NFKC", raw).strip()
    if (written := _WRITTEN.fullmatch(text)) is not None:
        year, month, day, hour, minute, second = written.groups()
        text = f"{year}-{int(month):02d}-{int(day):02d}T{int(hour):02d}:{minute}{second or ''}"
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise Refusal("refusal.instant", quoted(raw)) from None
    if moment.utcoffset() is None:
        moment = moment.replace(tzinfo=zone(time_zone))
    return moment
