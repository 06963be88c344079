"""The words of the statistics (application/statistics.py): the outcomes a day's calls are
stacked by, and what `stats` prints; the console's Statistics tab names the outcomes so too."""

from __future__ import annotations

from wording import QT_TRANSLATE_NOOP, register

register({
    "refusal.stats.days": QT_TRANSLATE_NOOP(
        "Statistics", "the statistics cover from %1 to %2 days"),
    # What became of the calls (screening.outcomes.Outcome), stacked in this order
    "stats.outcome.accepted": QT_TRANSLATE_NOOP("Statistics", "Let through"),
    "stats.outcome.rule": QT_TRANSLATE_NOOP("Statistics", "Rejected by a rule"),
    "stats.outcome.mode": QT_TRANSLATE_NOOP("Statistics", "Rejected by the mode"),
    "stats.outcome.person": QT_TRANSLATE_NOOP("Statistics", "Rejected by a person"),
    "stats.outcome.timeout": QT_TRANSLATE_NOOP("Statistics", "Timed out"),
    "stats.outcome.failsafe": QT_TRANSLATE_NOOP("Statistics", "Fail-safe"),
    "stats.outcome.unscreened": QT_TRANSLATE_NOOP("Statistics", "Not screened"),
    # `stats`: %1 the first day, %2 the last, %3 the time zone
    "stats.period": QT_TRANSLATE_NOOP("Statistics", "Calls from %1 to %2 (%3)"),
    # %Ln calls, %2 let through, %3 rejected, %4 the share rejected (12.5%)
    "stats.totals": QT_TRANSLATE_NOOP(
        "Statistics", "%Ln call(s): %2 let through, %3 rejected (%4)", "", 1),
    "stats.per_day": QT_TRANSLATE_NOOP("Statistics", "Calls per day"),
    "stats.by_hour": QT_TRANSLATE_NOOP("Statistics", "Calls by weekday and hour"),
    "stats.top_callers": QT_TRANSLATE_NOOP("Statistics", "Top callers"),
    "stats.top_rejected": QT_TRANSLATE_NOOP("Statistics", "Most rejected numbers"),
    "stats.rules": QT_TRANSLATE_NOOP("Statistics", "Rule matches"),
    "stats.candidates": QT_TRANSLATE_NOOP(
        "Statistics", "Unknown numbers that keep calling (candidates for a rule)"),
    "stats.none": QT_TRANSLATE_NOOP("Statistics", "none"),
    "stats.day": QT_TRANSLATE_NOOP("Statistics", "Day"),
    "stats.calls": QT_TRANSLATE_NOOP("Statistics", "Calls"),
    "stats.rejected": QT_TRANSLATE_NOOP("Statistics", "Rejected"),
    "stats.number": QT_TRANSLATE_NOOP("Statistics", "Number"),
    "stats.customer": QT_TRANSLATE_NOOP("Statistics", "Customer"),
    "stats.rule": QT_TRANSLATE_NOOP("Statistics", "Rule"),
    "stats.matched": QT_TRANSLATE_NOOP("Statistics", "Matched"),
    # A rule that decided calls in the period and was removed since (%1 its id)
    "stats.rule.removed": QT_TRANSLATE_NOOP("Statistics", "removed rule #%1"),
    "stats.rule.block": QT_TRANSLATE_NOOP("Statistics", "block %1"),
    "stats.rule.allow": QT_TRANSLATE_NOOP("Statistics", "allow %1"),
    "stats.weekdays": QT_TRANSLATE_NOOP("Statistics", "Mon Tue Wed Thu Fri Sat Sun"),
})
