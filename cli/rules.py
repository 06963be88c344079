"""The allow and block lists: `allow`, `block`, `unlist`, `rules` and `import-rules`. Every rule
goes through the application's one check (the console's rule dialog uses the same)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from application.rules import RULE_CSV_FIELDS, RuleView
from cli.context import PROG, Context, UsageError
from cli.parser import Commands
from cli.words import padded, reason, say, words
from screening.instants import instant
from screening.messages import Message, Refusal
from screening.rule_draft import ExpiryKind, RuleDraft, target_of
from screening.rules import Action, Rule, RuleKind


def add(commands: Commands) -> None:
    for action in Action:
        verb = commands(action.value, f"{action.value} calls from a number, a prefix (0120*) "
                                      "or, with --name, a registered customer's name", put_rule)
        verb.add_argument("number", metavar="NUMBER|PREFIX*")
        verb.add_argument("--note", default="")
        verb.add_argument("--name", action="store_true",
                          help="the target is a customer's company or name, not a number")
        until = verb.add_mutually_exclusive_group()
        until.add_argument("--for", dest="duration", metavar="DURATION",
                           help="a temporary rule: 30m, 24h, 7d, 2w or combined like 1h30m")
        until.add_argument("--until", metavar="ISO-TIME",
                           help="a temporary rule until this time (office time unless an offset "
                                "is given), like 2025-01-10T18:00")
        if action is Action.ALLOW:
            verb.add_argument("--once", action="store_true",
                              help="let only the next call through (a one-shot rule)")
    unlist = commands("unlist", "remove the rule for a number, a prefix (0120*) or a name",
                      remove_rule)
    unlist.add_argument("number", metavar="NUMBER|PREFIX*")
    unlist.add_argument("--name", action="store_true", help="the target is a name rule's name")
    rules = commands("rules", "list the allow and block rules", list_rules)
    style = rules.add_mutually_exclusive_group()
    style.add_argument("--json", action="store_true")
    style.add_argument("--csv", action="store_true",
                       help=f"columns {','.join(RULE_CSV_FIELDS)}, as import-rules reads")
    imports = commands("import-rules", "add or replace rules from a CSV file, all or nothing; "
                                       "refused rows are reported with the reason", import_rules)
    imports.add_argument("file", metavar="FILE.csv", type=Path)


def draft_of(args: argparse.Namespace) -> RuleDraft:
    """What `allow` or `block` asks for, as typed."""
    expiry, text = ExpiryKind.NEVER, ""
    if args.duration is not None:
        expiry, text = ExpiryKind.FOR, args.duration
    elif args.until is not None:
        expiry, text = ExpiryKind.UNTIL, args.until
    return RuleDraft(args.number, Action(args.command), args.note, is_name=args.name,
                     expiry=expiry, expiry_text=text, once=bool(getattr(args, "once", False)))


def refused(refusal: Refusal, args: argparse.Namespace) -> UsageError:
    """A refused rule as one line; a refused expiry names its option."""
    if refusal.field == "expiry":
        option = "--for" if getattr(args, "duration", None) is not None else "--until"
        return UsageError(f"{option}: {reason(refusal)}")
    return UsageError(reason(refusal))


def rule_state(rule: Rule, time_zone: str, now: datetime) -> str:
    """`expired 2025-01-06 (Mon) 09:00 JST`, `until …`, `one-shot`, both, or nothing."""
    once = Message("rule.state.once") if rule.once else None
    if rule.expires_at is None:
        return say(once) if once else ""
    when = instant(rule.expires_at, time_zone)
    ends = Message("rule.state.expired" if rule.expired(now) else "words.until", (when,))
    return words("words.pair", once, ends) if once else say(ends)


def put_rule(ctx: Context, args: argparse.Namespace) -> int:
    try:
        view = ctx.office.rules.put(draft_of(args))
    except Refusal as refusal:
        raise refused(refusal, args) from None
    rule = view.rule
    state = rule_state(rule, ctx.office.settings.get().time_zone, datetime.now(UTC))
    print(f"{words(f'action.{rule.action.value}')} {say(rule.label)}"
          + (f"  ({state})" if state else "") + (f"  {rule.note}" if rule.note else ""))
    return 0


def remove_rule(ctx: Context, args: argparse.Namespace) -> int:
    try:
        kind, target = target_of(args.number, is_name=args.name)
        removed = ctx.office.rules.remove_target(args.number, is_name=args.name)
    except Refusal as refusal:
        raise refused(refusal, args) from None
    shown = say(Rule(0, target, Action.BLOCK, kind=kind, pattern=target).label)
    if removed is None:
        print(f"{PROG}: error: {shown} has no rule", file=sys.stderr)
        return 1
    print(words("rule.removed", shown))
    return 0


def _stamp(moment: datetime | None, timespec: str = "milliseconds") -> str | None:
    return moment.astimezone(UTC).isoformat(timespec=timespec) if moment else None


def stored_form(view: RuleView) -> dict[str, Any]:
    """A rule as `rules --json` has always shown it: its columns as stored, and `expired`."""
    return {
        "id": view.id, "number": view.target, "action": view.action.value, "note": view.note,
        "created_at": _stamp(view.created_at), "last_matched_at": _stamp(view.last_matched_at),
        "times_matched": view.times_matched, "kind": view.kind.value,
        "pattern": "" if view.kind is RuleKind.NUMBER else view.target,
        "expires_at": _stamp(view.expires_at, "seconds"), "once": int(view.once),
        "used_at": _stamp(view.used_at), "expired": view.expired,
    }


def list_rules(ctx: Context, args: argparse.Namespace) -> int:
    if args.csv:
        ctx.office.rules.write_csv(sys.stdout)
        return 0
    now = datetime.now(UTC)
    views = ctx.office.rules.all(now)
    if args.json:
        print(json.dumps([stored_form(view) for view in views], ensure_ascii=False, indent=2))
        return 0
    time_zone = ctx.office.settings.get().time_zone
    for view in views:
        rule = view.rule
        matched = (words("rule.matched", view.times_matched) if view.times_matched
                   else words("rule.never_matched"))
        state = rule_state(rule, time_zone, now)
        print(f"{padded(words(f'action.{view.action.value}'), 5)}  "
              f"{padded(say(rule.label), 16)} {padded(matched, 14)} "
              + (f"[{state}] " if state else "") + f"{view.note}")
    if not views:
        print(words("rules.none"))
    return 0


def import_rules(ctx: Context, args: argparse.Namespace) -> int:
    try:
        text = args.file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read {args.file}: {error}") from None
    try:
        report = ctx.office.rules.import_csv(text)
    except Refusal as refusal:
        raise UsageError(f"{args.file}: {reason(refusal)}") from None
    if report.refused:
        print(f"{PROG}: error: import-rules: {len(report.refused)} of {report.rows} rows "
              "refused; nothing was imported", file=sys.stderr)
        for line, why in report.refused:
            print(f"  {say(Message('refusal.import.line', (line, why)))}", file=sys.stderr)
        return 2
    print(words("rules.imported", report.imported, report.added, report.replaced))
    return 0
