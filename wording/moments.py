"""A moment on the office's clock as words (screening.instants.instant): in the steps of an
explanation, a refusal, and what the command line prints. Each language orders and punctuates
a date its own way, so the whole pattern is a template (`2025/01/06(月) 09:00 JST`)."""

from __future__ import annotations

from wording import QT_TRANSLATE_NOOP, register

register({
    # %1 the year, %2 the month, %3 the day (two digits each but the year), %4 the weekday's
    # short name, %5 the time (09:00, or 09:00:05), %6 the time zone's abbreviation
    "moment": QT_TRANSLATE_NOOP("moments", "%1-%2-%3 (%4) %5 %6"),
    # A day without its time: %1 the year, %2 the month, %3 the day, %4 the weekday
    "moment.day": QT_TRANSLATE_NOOP("moments", "%1-%2-%3 (%4)"),
    # Closed days of the schedule (screening.closed_days.ClosedDays.words): %1 the year, %2
    # the month, %3 the day; a yearly one's %1 the month, %2 the day; a span %1 to %2; %2 a note
    "closed_days.day": QT_TRANSLATE_NOOP("moments", "%1-%2-%3"),
    "closed_days.yearly_day": QT_TRANSLATE_NOOP("moments", "%1-%2"),
    "closed_days.span": QT_TRANSLATE_NOOP("moments", "%1..%2"),
    "closed_days.noted": QT_TRANSLATE_NOOP("moments", "%1 %2"),
    "moment.weekday.mon": QT_TRANSLATE_NOOP("moments", "Mon"),
    "moment.weekday.tue": QT_TRANSLATE_NOOP("moments", "Tue"),
    "moment.weekday.wed": QT_TRANSLATE_NOOP("moments", "Wed"),
    "moment.weekday.thu": QT_TRANSLATE_NOOP("moments", "Thu"),
    "moment.weekday.fri": QT_TRANSLATE_NOOP("moments", "Fri"),
    "moment.weekday.sat": QT_TRANSLATE_NOOP("moments", "Sat"),
    "moment.weekday.sun": QT_TRANSLATE_NOOP("moments", "Sun"),
})
