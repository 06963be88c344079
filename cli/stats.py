"""`stats`: the figures of the console's Statistics tab, as lines for people or JSON for
scripts and reports."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from cli.context import Context
from cli.parser import Commands
from cli.words import padded, say, width
from screening import phone
from screening.instants import day_words
from screening.messages import Message
from screening.outcomes import Outcome
from screening.rules import Action, shown_target

if TYPE_CHECKING:
    from application.statistics import CallerCount, RuleCount, Statistics

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def add(commands: Commands) -> None:
    stats = commands("stats", "count the calls of the last days: per day by outcome, by weekday "
                              "and hour, the share rejected, top callers, rule matches and "
                              "candidates for a rule", show_stats)
    stats.add_argument("--days", type=int, default=30,
                       help="the last N days of the office's clock, today included (30)")
    stats.add_argument("--json", action="store_true")


def show_stats(ctx: Context, args: argparse.Namespace) -> int:
    report = ctx.office.statistics.report(args.days)
    if args.json:
        print(json.dumps(as_json(report), ensure_ascii=False, indent=2))
    else:
        print("\n".join(lines(report)))
    return 0


def outcome_words(kind: Outcome) -> str:
    return say(Message(f"stats.outcome.{kind.value}"))


def _caller(found: CallerCount) -> dict[str, Any]:
    return {"number": found.caller, "shown": phone.display(found.caller), "calls": found.calls,
            "rejected": found.rejected, "name": found.name, "org": found.org,
            "last_at": found.last_at.isoformat(timespec="seconds")}


def _rule(found: RuleCount) -> dict[str, Any]:
    return {"rule_id": found.rule_id, "matched": found.matched, "removed": found.kind is None,
            "kind": found.kind, "target": found.target,
            "action": found.action, "note": found.note}


def as_json(report: Statistics) -> dict[str, Any]:
    """Every figure, with numbers as stored (E.164) and as people write them."""
    return {
        "days": report.days, "first_day": report.first_day.isoformat(),
        "last_day": report.last_day.isoformat(), "time_zone": report.time_zone,
        "calls": report.calls, "accepted": report.accepted, "rejected": report.rejected,
        "rejected_share": round(report.rejected_share, 4),
        "outcomes": {str(kind): calls for kind, calls in report.outcomes.items()},
        "per_day": [{"day": day.day.isoformat(), "calls": day.calls,
                     "accepted": day.calls - day.rejected, "rejected": day.rejected,
                     "outcomes": {str(kind): calls for kind, calls in day.outcomes.items()}}
                    for day in report.per_day],
        "by_hour": dict(zip(WEEKDAYS, report.by_hour, strict=True)),
        "top_callers": [_caller(found) for found in report.top_callers],
        "top_rejected": [_caller(found) for found in report.top_rejected],
        "rules": [_rule(found) for found in report.rules],
        "candidates": [_caller(found) for found in report.candidates],
    }


def rule_words(found: RuleCount) -> str:
    if found.kind is None or found.action is None:
        return say(Message("stats.rule.removed", (found.rule_id,)))
    return say(Message("stats.rule.block" if found.action is Action.BLOCK else "stats.rule.allow",
                       (shown_target(found.kind, found.target),)))


def _pad(text: str, columns: int, *, left: bool = False) -> str:
    return padded(text, columns) if left else " " * max(0, columns - width(text)) + text


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.1%}" if whole else "-"


def _callers(title: Message, found: list[CallerCount]) -> list[str]:
    rows = [f"  {phone.display(caller.caller):<16} {caller.calls:>7,} {caller.rejected:>7,}  "
            f"{' '.join(part for part in (caller.name, caller.org) if part)}"
            for caller in found]
    return ["", say(title), *(rows or [f"  {say(Message('stats.none'))}"])]


def lines(report: Statistics) -> list[str]:
    """The report as a person reads it in a terminal: the days as a table, the hours as a
    grid of counts."""
    out = [say(Message("stats.period", (day_words(report.first_day),
                                        day_words(report.last_day), report.time_zone))),
           say(Message("stats.totals", (report.calls, f"{report.accepted:,}",
                                        f"{report.rejected:,}",
                                        _share(report.rejected, report.calls))))]
    kinds = list(Outcome)
    headers = [say(Message("stats.day")), say(Message("stats.calls")),
               *(outcome_words(kind) for kind in kinds)]
    widths = [max(width(header), 15 if n == 0 else 7) for n, header in enumerate(headers)]
    out += ["", say(Message("stats.per_day")),
            "  " + "  ".join(_pad(header, width, left=n == 0)
                             for n, (header, width) in enumerate(zip(headers, widths,
                                                                     strict=True)))]
    for day in report.per_day:
        cells = [say(day_words(day.day)), f"{day.calls:,}",
                 *(f"{day.outcomes[kind]:,}" for kind in kinds)]
        out.append("  " + "  ".join(_pad(cell, width, left=n == 0) for n, (cell, width)
                                    in enumerate(zip(cells, widths, strict=True))))
    out += ["", say(Message("stats.by_hour")), "      " + " ".join(f"{h:>4}" for h in range(24))]
    names = say(Message("stats.weekdays")).split()
    out += [f"  {name:<4}" + " ".join(f"{calls:>4}" for calls in hours)
            for name, hours in zip(names, report.by_hour, strict=False)]
    out += _callers(Message("stats.top_callers"), report.top_callers)
    out += _callers(Message("stats.top_rejected"), report.top_rejected)
    out += ["", say(Message("stats.rules"))]
    out += [f"  {found.matched:>7,}  {rule_words(found)}" for found in report.rules] or [
        f"  {say(Message('stats.none'))}"]
    out += _callers(Message("stats.candidates"), report.candidates)
    return out
