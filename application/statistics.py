"""The statistics of the office's last days: calls per day by outcome, by weekday and hour, the
share rejected, the callers who call most and are rejected most, how often each rule matched,
and the numbers that keep calling unknown (candidates for a rule). One report for the console
and the command line, counted by storage/stats.py and put on the office's clock here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from sqlite_utils import Database

from application.rules import RuleService
from application.settings import SettingsService
from screening.instants import zone
from screening.messages import Refusal
from screening.outcomes import Outcome, outcome
from screening.policy import Decision, Reason
from screening.rules import Action, RuleKind
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


# Each stored (decision, reason): its outcome, whether it was a rejection, and a rule's.
_KINDS = {(decision.value, reason.value): (outcome(decision, reason), decision,
                                           reason is Reason.RULE)
          for decision in Decision for reason in Reason}


class _Counts:
    """The quarter hours' tallies added up on the office's clock: by day and outcome, by
    weekday and hour, by decision and by rule. Quick for tens of thousands of tallies: each
    quarter hour is put on the clock once, each (decision, reason) looked up in _KINDS."""

    def __init__(self, first_day: date, days: int, office: tzinfo) -> None:
        self.first_day, self.last_day = first_day, first_day + timedelta(days=days - 1)
        self.office = office
        self.per_day = {first_day + timedelta(days=n): _no_calls() for n in range(days)}
        self.rejected_on = dict.fromkeys(self.per_day, 0)
        self.by_hour = [[0] * 24 for _ in range(7)]
        self.decisions = dict.fromkeys(Decision, 0)
        self.matched: dict[int, int] = {}
        self._places: dict[str, tuple[date, list[int], int]] = {}

    def _place(self, quarter: str) -> tuple[date, list[int], int]:
        """A quarter hour's day, its weekday's row of hours and its hour, on the office's
        clock. (A day whose midnight came twice, clocks put back over it, keeps its calls.)"""
        moment = stats.quarter_start(quarter).astimezone(self.office)
        day = min(max(moment.date(), self.first_day), self.last_day)
        place = self._places[quarter] = (day, self.by_hour[moment.weekday()], moment.hour)
        return place

    def add(self, quarter: str, decision: str, reason: str, rule_id: int | None,
            calls: int) -> None:
        day, hours, hour = self._places.get(quarter) or self._place(quarter)
        kind, decided, by_rule = _KINDS[decision, reason]
        self.per_day[day][kind] += calls
        hours[hour] += calls
        self.decisions[decided] += calls
        if decided is Decision.REJECT:
            self.rejected_on[day] += calls
        if by_rule and rule_id is not None:
            self.matched[rule_id] = self.matched.get(rule_id, 0) + calls


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

        counts = _Counts(first_day, days, office)
        for tally in stats.tallies(db, since, until):
            counts.add(*tally)
        totals = _no_calls()
        for on_day in counts.per_day.values():
            for kind, calls in on_day.items():
                totals[kind] += calls

        top, rejected = stats.top_callers(db, since, until, TOP)
        candidates = stats.unknown_callers(db, since, until, CANDIDATE_CALLS, CANDIDATES)
        names = stats.latest_names(db, {found.caller for found in (*top, *rejected,
                                                                     *candidates)})

        def named(found: stats.CallerCount) -> CallerCount:
            name, org = names[found.caller]
            return CallerCount(found.caller, found.calls, found.rejected, found.last_at, name,
                               org)

        decisions = counts.decisions
        return Statistics(
            days=days, first_day=first_day, last_day=last_day, time_zone=office_zone,
            calls=sum(decisions.values()), accepted=decisions[Decision.ACCEPT],
            rejected=decisions[Decision.REJECT], outcomes=totals,
            per_day=[DayCount(day, on_day, counts.rejected_on[day])
                     for day, on_day in counts.per_day.items()],
            by_hour=counts.by_hour, top_callers=[named(found) for found in top],
            top_rejected=[named(found) for found in rejected],
            rules=self._rule_counts(counts.matched),
            candidates=[named(found) for found in candidates])

    def _rule_counts(self, matched: dict[int, int]) -> list[RuleCount]:
        """Every rule there is (those that matched nothing too), and the removed ones that
        matched; most matches first."""
        counts = [RuleCount(rule.id, matched.pop(rule.id, 0), rule.kind, rule.target,
                            rule.action, rule.note) for rule in self._rules.all()]
        counts += [RuleCount(rule_id, calls) for rule_id, calls in matched.items()]
        return sorted(counts, key=lambda count: (-count.matched, count.rule_id))
