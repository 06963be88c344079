"""The statistics of the office's last days: calls per day by outcome, by weekday and hour, the
share rejected, the callers who call most and are rejected most, how often each rule matched,
and the numbers that keep calling unknown (candidates for a rule). One report for the console
and the command line, counted by storage/stats.py and put on the office's clock here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlite_utils import Database

from application.rules import RuleService
from application.settings import SettingsService
from screening.messages import Refusal
from screening.outcomes import Outcome, outcome
from screening.policy import Decision, Reason
from screening.rules import Action, RuleKind
from screening.schedule import zone
from storage import stats

DAYS_RANGE = (1, 366)
TOP = 10  # callers in each top list
CANDIDATE_CALLS = 3  # calls as no customer that make a number a candidate for a rule
CANDIDATES = 20


@dataclass(frozen=True)
class DayCount:
    """One of the office's days: its calls by outcome (every outcome, zeros too), and how
    many of them were rejected (a timeout or the fail-safe may have, or not)."""

    day: date
    outcomes: dict[Outcome, int]
    rejected: int

    @property
    def calls(self) -> int:
        return sum(self.outcomes.values())


@dataclass(frozen=True)
class CallerCount:
    """A number, its calls in the period and how many were rejected, with the customer's
    name and company on its latest call ('' for none)."""

    caller: str  # canonical
    calls: int
    rejected: int
    last_at: datetime
    name: str = ""
    org: str = ""


@dataclass(frozen=True)
class RuleCount:
    """A rule and how often it decided a call in the period; `kind` None for a rule removed
    since (its calls stay counted)."""

    rule_id: int
    matched: int
    kind: RuleKind | None = None
    target: str = ""
    action: Action | None = None
    note: str = ""


@dataclass(frozen=True)
class Statistics:
    days: int
    first_day: date
    last_day: date
    time_zone: str
    calls: int
    accepted: int
    rejected: int
    outcomes: dict[Outcome, int]
    per_day: list[DayCount]
    by_hour: list[list[int]]  # [weekday, Monday first][hour of the office's clock]
    top_callers: list[CallerCount]
    top_rejected: list[CallerCount]
    rules: list[RuleCount]
    candidates: list[CallerCount]

    @property
    def rejected_share(self) -> float:
        """Rejected calls over all calls (0 for none)."""
        return self.rejected / self.calls if self.calls else 0.0


def _no_calls() -> dict[Outcome, int]:
    return dict.fromkeys(Outcome, 0)


class StatisticsService:
    def __init__(self, db: Callable[[], Database], settings: SettingsService,
                 rules: RuleService) -> None:
        self._db = db
        self._settings = settings
        self._rules = rules

    def report(self, days: int, now: datetime | None = None) -> Statistics:
        """The office's last `days` days up to `now`'s, today included, on its clock (the
        `time-zone` setting). Refused for fewer than one day or more than a year."""
        low, high = DAYS_RANGE
        if not low <= days <= high:
            raise Refusal("refusal.stats.days", low, high, field="days")
        office_zone = self._settings.get().time_zone
        office = zone(office_zone)
        last_day = (now or datetime.now(UTC)).astimezone(office).date()
        first_day = last_day - timedelta(days=days - 1)
        since = datetime.combine(first_day, time(), tzinfo=office)
        until = datetime.combine(last_day + timedelta(days=1), time(), tzinfo=office)
        db = self._db()

        per_day = {first_day + timedelta(days=n): _no_calls() for n in range(days)}
        rejected_on = dict.fromkeys(per_day, 0)
        by_hour = [[0] * 24 for _ in range(7)]
        matched: dict[int, int] = {}
        decisions = dict.fromkeys(Decision, 0)
        local: dict[str, datetime] = {}
        for tally in stats.tallies(db, since, until):
            moment = local.get(tally.quarter)
            if moment is None:
                moment = local[tally.quarter] = stats.quarter_start(tally.quarter).astimezone(
                    office)
            decision, reason = Decision(tally.decision), Reason(tally.reason)
            # (A day whose midnight came twice, clocks put back over it, keeps its calls.)
            day = min(max(moment.date(), first_day), last_day)
            per_day[day][outcome(decision, reason)] += tally.calls
            if decision is Decision.REJECT:
                rejected_on[day] += tally.calls
            by_hour[moment.weekday()][moment.hour] += tally.calls
            decisions[decision] += tally.calls
            if reason is Reason.RULE and tally.rule_id is not None:
                matched[tally.rule_id] = matched.get(tally.rule_id, 0) + tally.calls
        totals = _no_calls()
        for counts in per_day.values():
            for kind, calls in counts.items():
                totals[kind] += calls

        top, rejected = stats.top_callers(db, since, until, TOP)
        candidates = stats.unknown_callers(db, since, until, CANDIDATE_CALLS, CANDIDATES)
        names = stats.latest_names(db, {found.caller for found in (*top, *rejected,
                                                                     *candidates)})

        def named(found: stats.CallerCount) -> CallerCount:
            name, org = names[found.caller]
            return CallerCount(found.caller, found.calls, found.rejected, found.last_at, name,
                               org)

        return Statistics(
            days=days, first_day=first_day, last_day=last_day, time_zone=office_zone,
            calls=sum(decisions.values()), accepted=decisions[Decision.ACCEPT],
            rejected=decisions[Decision.REJECT], outcomes=totals,
            per_day=[DayCount(day, counts, rejected_on[day]) for day, counts in per_day.items()],
            by_hour=by_hour, top_callers=[named(found) for found in top],
            top_rejected=[named(found) for found in rejected], rules=self._rule_counts(matched),
            candidates=[named(found) for found in candidates])

    def _rule_counts(self, matched: dict[int, int]) -> list[RuleCount]:
        """Every rule there is (those that matched nothing too), and the removed ones that
        matched; most matches first."""
        counts = [RuleCount(rule.id, matched.pop(rule.id, 0), rule.kind, rule.target,
                            rule.action, rule.note) for rule in self._rules.all()]
        counts += [RuleCount(rule_id, calls) for rule_id, calls in matched.items()]
        return sorted(counts, key=lambda count: (-count.matched, count.rule_id))
