"""The words of screening's values, which details and steps carry as arguments: decisions,
modes and where a mode comes from, what a caller class's setting says, caller classes and
weekdays. The command line's English keeps the words people type (`accept-all`)."""

from __future__ import annotations

from wording import QT_TRANSLATE_NOOP, register

register({
    "decision.accept": QT_TRANSLATE_NOOP("decisions", "accept"),
    "decision.reject": QT_TRANSLATE_NOOP("decisions", "reject"),
    "mode.accept-all": QT_TRANSLATE_NOOP("decisions", "accept-all"),
    "mode.reject-all": QT_TRANSLATE_NOOP("decisions", "reject-all"),
    "mode.ask": QT_TRANSLATE_NOOP("decisions", "ask"),
    # Where the mode in force comes from, when not the mode setting
    "mode.source.override": QT_TRANSLATE_NOOP("decisions", "manual override"),
    "mode.source.open": QT_TRANSLATE_NOOP("decisions", "schedule, office open"),
    "mode.source.closed": QT_TRANSLATE_NOOP("decisions", "schedule, office closed"),
    # The mode in force, for logs and a call waiting for a person (%1 the mode, %2 its source)
    "mode.detail": QT_TRANSLATE_NOOP("decisions", "mode %1"),
    "mode.detail.source": QT_TRANSLATE_NOOP("decisions", "mode %1 (%2)"),
    # What the setting of a class of callers says
    "handling.mode": QT_TRANSLATE_NOOP("decisions", "mode"),
    "handling.accept": QT_TRANSLATE_NOOP("decisions", "accept"),
    "handling.reject": QT_TRANSLATE_NOOP("decisions", "reject"),
    "handling.ask": QT_TRANSLATE_NOOP("decisions", "ask"),
    # One caller of a class (a detail), and the callers of a class (in steps)
    "caller.withheld": QT_TRANSLATE_NOOP("decisions", "withheld caller"),
    "caller.payphone": QT_TRANSLATE_NOOP("decisions", "payphone"),
    "caller.customer": QT_TRANSLATE_NOOP("decisions", "registered customer"),
    "caller.unknown": QT_TRANSLATE_NOOP("decisions", "unknown caller"),
    "callers.withheld": QT_TRANSLATE_NOOP("decisions", "withheld callers"),
    "callers.payphone": QT_TRANSLATE_NOOP("decisions", "payphones"),
    "callers.customer": QT_TRANSLATE_NOOP("decisions", "registered customers"),
    "callers.unknown": QT_TRANSLATE_NOOP("decisions", "unknown callers"),
    "weekday.monday": QT_TRANSLATE_NOOP("decisions", "Monday"),
    "weekday.tuesday": QT_TRANSLATE_NOOP("decisions", "Tuesday"),
    "weekday.wednesday": QT_TRANSLATE_NOOP("decisions", "Wednesday"),
    "weekday.thursday": QT_TRANSLATE_NOOP("decisions", "Thursday"),
    "weekday.friday": QT_TRANSLATE_NOOP("decisions", "Friday"),
    "weekday.saturday": QT_TRANSLATE_NOOP("decisions", "Saturday"),
    "weekday.sunday": QT_TRANSLATE_NOOP("decisions", "Sunday"),
})
