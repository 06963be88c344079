"""callgate's command line: wires storage, the listener and (later) the console."""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import logging
import os
import signal
import sqlite3
import sys
import threading
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NoReturn
from zoneinfo import ZoneInfo

import platformdirs
from sqlite_utils import Database

from screening import phone
from screening.call import Customer
from screening.names import parse_name
from screening.policy import Mode, ScreeningSettings
from screening.rule_draft import RuleEntry
from screening.rules import (
    Action,
    Rule,
    RuleKind,
    future_expiry,
    parse_duration,
    parse_target,
)
from screening.schedule import (
    ModeInForce,
    ModeSource,
    OverrideEnd,
    format_instant,
    parse_instant,
    zone,
)
from screening.urls import webhook_url
from server import logs
from server.events import CallDecided, CallWaiting, ListenerEvent, ListenerFailed
from storage.calls import CallHistory
from storage.database import BUSY_TIMEOUT_MS, DB_FILENAME, open_database, writing
from storage.explain import explain_call
from storage.export import Cell, moment_cell, restored, write_csv, write_xlsx
from storage.rules import RuleBook, rule_of
from storage.settings import SETTINGS, SettingsStore, UnknownSetting

PROG = "callgate"
HISTORY_FIELDS = (
    "call_id", "received_at", "phone_number", "caller", "customer_name", "customer_kana",
    "customer_org", "operator_name", "scenario_id", "call_type", "decision", "reason", "detail",
    "rule_id", "latency_ms", "repeats", "raw_body",
)

RULE_CSV_FIELDS = ("number", "action", "note", "expires", "once", "kind")
SCHEDULE_HELP = """\
forms:
  schedule [show]                 the schedule, and the mode in force now and until when
  schedule on | off               let business hours choose the mode, or not
  schedule set [--hours TEXT] [--open-mode MODE] [--closed-mode MODE] [--holidays on|off]
               [--closed-days TEXT] [--time-zone ZONE] [--on]

examples:
  schedule set --hours "mon-fri 9:00-12:00, 13:00-18:00; sat 9:00-12:00" --on
  schedule set --closed-mode ask --closed-days "12-29..01-03 年末年始; 2025-08-13..2025-08-16"

`mode MODE` while the schedule is on overrides it until the next time the office opens or
closes (`mode MODE --until-off`: until `mode schedule`).
"""

log = logging.getLogger(PROG)


class UsageError(Exception):
    """Bad input on the command line: one line on stderr, exit status 2."""


class StorageError(Exception):
    """The database cannot be used (locked, unreadable, in no usable place): one line on
    stderr, exit status 1."""


def storage_problem(db_path: Path, error: OSError | sqlite3.Error) -> str:
    """One line for people: what is wrong with the database, and where it is."""
    code = (getattr(error, "sqlite_errorcode", None) or 0) & 0xFF
    if isinstance(error, sqlite3.Error) and code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return (f"the database {db_path} is locked by another program (still after "
                f"{BUSY_TIMEOUT_MS / 1000:g} s): nothing was changed; try again once it is free")
    if isinstance(error, FileExistsError):
        return f"cannot use the data directory {db_path.parent}: it is a file, not a directory"
    if isinstance(error, NotADirectoryError):
        return (f"cannot use the data directory {db_path.parent}: a part of its path is a file, "
                "not a directory")
    if isinstance(error, OSError):
        return f"cannot use the data directory {db_path.parent}: {error.strerror or error}"
    return f"cannot use the database {db_path}: {error}"


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def build_parser() -> Parser:
    common = Parser(add_help=False)
    common.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS,
                        help="where the database lives (env CALLGATE_DATA_DIR)")
    common.add_argument("--host", default=argparse.SUPPRESS,
                        help="listener address (env CALLGATE_HOST)")
    common.add_argument("--port", default=argparse.SUPPRESS,
                        help="listener port (env CALLGATE_PORT)")
    parser = Parser(prog="main.py", parents=[common],
                    description="callgate: screen commubo's incoming calls.")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    def command(name: str, help_text: str) -> Parser:
        return commands.add_parser(name, parents=[common], help=help_text, description=help_text)

    command("serve", "run the listener without a window, one log line per call")
    command("url", "print the local webhook URL with its token")
    command("rotate-token", "make a new webhook token; the old one works for token-grace-hours")
    mode = command("mode", "show the mode in force, or set the mode by hand; while the schedule "
                           "is on, that is a manual override until the schedule's next change "
                           "(or, with --until-off, until `mode schedule` turns it off)")
    mode.add_argument("mode", nargs="?", choices=[*(m.value for m in Mode), "schedule"],
                      help="a mode, or `schedule` to turn the manual override off")
    mode.add_argument("--until-off", action="store_true",
                      help="the override lasts until turned off, not until the next change")
    for action in Action:
        verb = command(action.value, f"{action.value} calls from a number, a prefix (0120*) "
                                     "or, with --name, a registered customer's name")
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
    unlist = command("unlist", "remove the rule for a number, a prefix (0120*) or a name")
    unlist.add_argument("number", metavar="NUMBER|PREFIX*")
    unlist.add_argument("--name", action="store_true", help="the target is a name rule's name")
    rules = command("rules", "list the allow and block rules")
    rules_style = rules.add_mutually_exclusive_group()
    rules_style.add_argument("--json", action="store_true")
    rules_style.add_argument("--csv", action="store_true",
                             help=f"columns {','.join(RULE_CSV_FIELDS)}, as import-rules reads")
    imports = command("import-rules", "add or replace rules from a CSV file, all or nothing; "
                                      "refused rows are reported with the reason")
    imports.add_argument("file", metavar="FILE.csv", type=Path)
    explain = command("explain", "print the decision a call would get (accept, reject or ask) "
                                 "and every step that led there; records nothing")
    explain.add_argument("number", metavar="NUMBER",
                         help="the caller's number as commubo would send it ('' for withheld)")
    explain.add_argument("--at", metavar="ISO-TIME",
                         help="the time of the call (office time unless an offset is given); "
                              "default now")
    explain.add_argument("--customer", action="store_true",
                         help="the caller is a registered customer")
    explain.add_argument("--company", default="", help="the customer's company (implies "
                                                         "--customer)")
    explain.add_argument("--customer-name", default="",
                         help="the customer's name (implies --customer)")
    schedule = command("schedule", "show or set business hours and the modes they choose")
    schedule.formatter_class = argparse.RawDescriptionHelpFormatter
    schedule.epilog = SCHEDULE_HELP
    forms = schedule.add_subparsers(dest="schedule_command", metavar="show|set|on|off",
                                    parser_class=Parser)
    forms.add_parser("show", help="the schedule and the mode in force now (the default)")
    forms.add_parser("on", help="let the schedule choose the mode")
    forms.add_parser("off", help="the mode setting alone decides again")
    change = forms.add_parser("set", help="change parts of the schedule, all or nothing",
                              formatter_class=argparse.RawDescriptionHelpFormatter,
                              epilog=SCHEDULE_HELP)
    change.add_argument("--hours", help="business hours: 'mon-fri 9:00-12:00, 13:00-18:00; "
                                        "sat 9:00-12:00' (days not named are closed)")
    change.add_argument("--open-mode", choices=[m.value for m in Mode])
    change.add_argument("--closed-mode", choices=[m.value for m in Mode])
    change.add_argument("--holidays", choices=["on", "off"],
                        help="closed on Japanese public holidays")
    change.add_argument("--closed-days", help="'2025-08-13..2025-08-16 お盆; 12-29..01-03 年末年始'"
                                              " (replaces the list; '' for none)")
    change.add_argument("--time-zone", help="the office's time zone, like Asia/Tokyo")
    change.add_argument("--on", action="store_true", help="also turn the schedule on")
    config = command("config", "show or set a setting")
    config.add_argument("key", nargs="?")
    config.add_argument("value", nargs="?")
    history = command("history", "print the call history, newest first, or write it to an "
                                 "Excel workbook")
    style = history.add_mutually_exclusive_group()
    style.add_argument("--json", action="store_true")
    style.add_argument("--csv", action="store_true")
    style.add_argument("--xlsx", metavar="FILE", type=Path,
                       help="write an Excel workbook: numbers and ids as text, times in the "
                            "office's time zone")
    history.add_argument("--limit", type=int, default=None)
    simulate = command("simulate", "post a test call to the running listener")
    simulate.add_argument("--from", dest="number", default=None, help="caller's number")
    simulate.add_argument("--unknown", action="store_true", help="a caller who is no customer")
    simulate.add_argument("--url", default=None, help="webhook URL (default: the local one)")
    check = command("check", "test that commubo can reach the webhook through the public URL "
                             "(exit status 0 only when it can)")
    check.add_argument("--no-self-test", action="store_true",
                       help="only ask the tunnel; do not post a test call to the public URL")
    check.add_argument("--json", action="store_true")
    check.add_argument("--show-token", action="store_true",
                       help="show the public webhook URL with its secret token")
    return parser


class Context:
    """What every command needs: the database and the listener address, resolved once."""

    def __init__(self, args: argparse.Namespace) -> None:
        data_dir = getattr(args, "data_dir", None) or os.environ.get("CALLGATE_DATA_DIR")
        self.db_path = Path(data_dir or platformdirs.user_data_dir(PROG)) / DB_FILENAME
        self._host = getattr(args, "host", None) or os.environ.get("CALLGATE_HOST")
        self._port = getattr(args, "port", None) or os.environ.get("CALLGATE_PORT")
        try:
            self.db: Database = open_database(self.db_path)
        except (OSError, sqlite3.Error) as error:
            raise StorageError(storage_problem(self.db_path, error)) from None
        self.settings = SettingsStore(self.db)

    def address(self) -> tuple[str, int]:
        """Command line over environment over the stored setting."""
        try:
            host = SETTINGS["host"].parse(self._host) if self._host else self.settings.get("host")
            port = SETTINGS["port"].parse(self._port) if self._port else self.settings.get("port")
        except ValueError as error:
            raise UsageError(str(error)) from None
        return host, int(port)

    def local_url(self) -> str:
        host, port = self.address()
        return webhook_url(host, port, self.settings.webhook_token())


def local_time(stamp: str) -> str:
    return datetime.fromisoformat(stamp).astimezone().isoformat(timespec="seconds")


def office_time(stamp: str, office: ZoneInfo) -> str:
    """A stored time in ISO 8601, in the office's time zone, with its offset."""
    return datetime.fromisoformat(stamp).astimezone(office).isoformat(timespec="seconds")


def describe_call(event: CallDecided) -> str:
    """One log line a person can read: decision, reason, caller, customer, latency."""
    call, verdict = event.call, event.verdict
    number = "withheld" if call.withheld else phone.display(call.caller or call.phone_number)
    who = call.customer.name if call.customer else "unknown caller"
    org = f" / {call.customer.org_name}" if call.customer and call.customer.org_name else ""
    detail = f"{verdict.detail}; " if verdict.detail else ""
    return (f"{verdict.decision:<6} {verdict.reason:<8} {number}  {who}{org}  "
            f"({detail}{event.latency_ms:.1f} ms)")


def log_event(event: ListenerEvent) -> None:
    if isinstance(event, CallDecided):
        log.info(describe_call(event))
    elif isinstance(event, CallWaiting):
        log.info("waiting  %s: %s", event.call.call_id, event.ask.detail)
    elif isinstance(event, ListenerFailed):
        log.error(event.message)


def cmd_serve(ctx: Context, args: argparse.Namespace) -> int:
    from server.listener import Listener, ListenerError

    host, port = ctx.address()
    listener = Listener(ctx.db_path, host, port, log_event)
    try:
        listener.start()
    except ListenerError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 1
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    log.info("listening on %s (%s); Ctrl+C stops",
             listener.url("<token>"), current_mode(ctx.settings.screening()).detail)
    stop.wait()
    log.info("stopping: waiting calls get their default, calls in flight finish")
    listener.stop()
    return 0


def cmd_url(ctx: Context, args: argparse.Namespace) -> int:
    print(ctx.local_url())
    return 0


def cmd_rotate_token(ctx: Context, args: argparse.Namespace) -> int:
    ctx.settings.rotate_token()
    print(f"new webhook URL: {ctx.local_url()}")
    previous, until = ctx.settings.token_grace()
    if previous is None or until is None:
        print("the old token no longer works (token-grace-hours is 0)")
    else:
        print(f"the old token {previous} keeps working until {local_time(until)}")
    print("register the new URL in commubo's dashboard before then")
    return 0


def describe_mode(mode: ModeInForce, time_zone: str) -> str:
    """`schedule, office open, until 2025-01-06 (Mon) 18:00 JST`: where the mode comes from."""
    if mode.source is ModeSource.SETTING:
        return "the mode setting"
    what = "manual override" if mode.source is ModeSource.OVERRIDE else "schedule"
    if mode.source is ModeSource.SCHEDULE and mode.schedule is not None:
        what += f", office {'open' if mode.schedule.open else 'closed'}"
    if mode.until is not None:
        until = f"until {format_instant(mode.until, time_zone)}"
    else:
        until = "until turned off" if mode.source is ModeSource.OVERRIDE else "no change ahead"
    return f"{what}, {until}"


def current_mode(settings: ScreeningSettings) -> ModeInForce:
    """The mode that decides the next call: the setting, the schedule or an override."""
    return settings.mode_at(datetime.now(UTC))


def cmd_mode(ctx: Context, args: argparse.Namespace) -> int:
    if args.mode == "schedule":
        ctx.settings.clear_override()
    elif args.mode:
        ends = OverrideEnd.TURNED_OFF if args.until_off else OverrideEnd.NEXT_CHANGE
        ctx.settings.set_mode(args.mode, ends=ends)
    elif args.until_off:
        raise UsageError("--until-off needs a mode to set")
    settings = ctx.settings.screening()
    mode = current_mode(settings)
    print(mode.mode)
    if mode.source is not ModeSource.SETTING:
        print(describe_mode(mode, settings.time_zone))
    elif args.mode == "schedule":
        print("the schedule is off: the mode setting decides (python main.py schedule on)")
    return 0


def rule_target(text: str, name: bool = False) -> tuple[RuleKind, str]:
    """A number, prefix (`0120*`) or, with `name`, a customer name, canonical."""
    try:
        return (RuleKind.NAME, parse_name(text)) if name else parse_target(text)
    except ValueError as error:
        raise UsageError(str(error)) from None


def rule_expiry(ctx: Context, args: argparse.Namespace) -> datetime | None:
    try:
        if args.duration is not None:
            return datetime.now(UTC) + parse_duration(args.duration)
        if args.until is not None:
            time_zone = ctx.settings.get("time-zone")
            return future_expiry(parse_instant(args.until, time_zone), datetime.now(UTC),
                                 time_zone)
    except ValueError as error:
        raise UsageError(f"--{'for' if args.duration is not None else 'until'}: {error}") from None
    return None


def rule_state(rule: Rule, time_zone: str, now: datetime) -> str:
    """`expired 2025-01-06 (Mon) 09:00 JST`, `until …`, `one-shot`, or nothing."""
    parts = ["one-shot"] if rule.once else []
    if rule.expires_at is not None:
        when = format_instant(rule.expires_at, time_zone)
        parts.append(f"expired {when}" if rule.expired(now) else f"until {when}")
    return ", ".join(parts)


def cmd_rule(ctx: Context, args: argparse.Namespace) -> int:
    kind, target = rule_target(args.number, args.name)
    expires_at = rule_expiry(ctx, args)
    once = bool(getattr(args, "once", False))
    rule = RuleBook(ctx.db).put(target, Action(args.command), args.note, kind=kind,
                                expires_at=expires_at, once=once)
    state = rule_state(rule, ctx.settings.get("time-zone"), datetime.now(UTC))
    print(f"{rule.action} {rule.label}" + (f"  ({state})" if state else "")
          + (f"  {rule.note}" if rule.note else ""))
    return 0


def cmd_unlist(ctx: Context, args: argparse.Namespace) -> int:
    kind, target = rule_target(args.number, args.name)
    shown = Rule(0, target, Action.BLOCK, kind=kind, pattern=target).label
    if not RuleBook(ctx.db).remove(target, kind):
        print(f"{PROG}: error: {shown} has no rule", file=sys.stderr)
        return 1
    print(f"removed the rule for {shown}")
    return 0


def csv_row(rule: Rule) -> dict[str, str]:
    """A rule as a row of `rules --csv`, in the form import-rules reads back."""
    target = {RuleKind.NUMBER: phone.display, RuleKind.PREFIX: phone.display_prefix}.get(
        rule.kind, str)(rule.target)
    return {
        "number": target, "action": rule.action.value, "note": rule.note,
        "expires": rule.expires_at.astimezone(UTC).isoformat(timespec="seconds")
        if rule.expires_at else "",
        "once": "yes" if rule.once else "", "kind": rule.kind.value,
    }


def cmd_rules(ctx: Context, args: argparse.Namespace) -> int:
    rows = RuleBook(ctx.db).rows()
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if args.csv:
        cells = (csv_row(rule_of(row)) for row in rows)
        write_csv(sys.stdout, list(RULE_CSV_FIELDS),
                  ([rule[field] for field in RULE_CSV_FIELDS] for rule in cells))
        return 0
    time_zone, now = ctx.settings.get("time-zone"), datetime.now(UTC)
    for row in rows:
        rule = rule_of(row)
        matched = f"matched {row['times_matched']}x" if row["times_matched"] else "never matched"
        state = rule_state(rule, time_zone, now)
        print(f"{row['action']:<5}  {rule.label:<16} {matched:<14} "
              + (f"[{state}] " if state else "") + f"{row['note']}")
    if not rows:
        print("no rules: every call follows the mode")
    return 0


_YES = {"yes": True, "y": True, "true": True, "1": True, "on": True, "once": True,
        "no": False, "n": False, "false": False, "0": False, "off": False, "": False}


def import_entry(row: dict[str, str | None], time_zone: str) -> RuleEntry:
    """One CSV row as a rule to store; ValueError with the reason it is refused."""
    def cell(key: str) -> str:
        # `rules --csv` wrote `'+1 202-555-0100` so that no spreadsheet runs it as a formula.
        return restored((row.get(key) or "").strip()).strip()

    action_text = cell("action").lower()
    if action_text not in (Action.ALLOW, Action.BLOCK):
        raise ValueError(f"action must be allow or block, not {cell('action')!r}")
    action = Action(action_text)
    kind_text = cell("kind").lower()
    if kind_text and kind_text not in tuple(RuleKind):
        raise ValueError(f"kind must be number, prefix or name, not {cell('kind')!r}")
    if kind_text == RuleKind.NAME:
        kind, target = RuleKind.NAME, parse_name(cell("number"))
    else:
        kind, target = parse_target(cell("number"))
        if kind_text and kind_text != kind:
            raise ValueError(f"{cell('number')!r} is a {kind}, not a {kind_text}")
    expires_at = parse_instant(cell("expires"), time_zone) if cell("expires") else None
    once = _YES.get(cell("once").lower())
    if once is None:
        raise ValueError(f"once must be yes or empty, not {cell('once')!r}")
    if once and action is not Action.ALLOW:
        raise ValueError("a one-shot rule must be an allow rule")
    return RuleEntry(target, action, cell("note"), kind, expires_at, once)


def cmd_import_rules(ctx: Context, args: argparse.Namespace) -> int:
    try:
        text = args.file.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read {args.file}: {error}") from None
    reader = csv.DictReader(text.splitlines(keepends=True))
    header = [name.strip().lower() for name in reader.fieldnames or ()]
    missing = [name for name in ("number", "action") if name not in header]
    if missing:
        raise UsageError(f"{args.file}: the header row must name the columns "
                         f"{', '.join(RULE_CSV_FIELDS)} (missing: {', '.join(missing)})")
    reader.fieldnames = header
    time_zone = ctx.settings.get("time-zone")
    entries: list[RuleEntry] = []
    refused: list[str] = []
    seen: dict[tuple[RuleKind, str], int] = {}
    rows = 0
    for row in reader:
        line = reader.line_num
        if not any((value or "").strip() for value in row.values() if isinstance(value, str)):
            continue
        rows += 1
        try:
            entry = import_entry(row, time_zone)
        except ValueError as error:
            refused.append(f"line {line}: {error}")
            continue
        first = seen.setdefault((entry.kind, entry.target), line)
        if first != line:
            refused.append(f"line {line}: the same {entry.kind} as line {first}")
            continue
        entries.append(entry)
    if refused:
        print(f"{PROG}: error: import-rules: {len(refused)} of {rows} rows refused; "
              "nothing was imported", file=sys.stderr)
        for reason in refused:
            print(f"  {reason}", file=sys.stderr)
        return 2
    book = RuleBook(ctx.db)
    with writing(ctx.db):  # the count of replaced rules is of the rules replaced
        replaced = sum(book.find(entry.target, entry.kind) is not None for entry in entries)
        book.put_many(entries)
    print(f"imported {len(entries)} rules ({len(entries) - replaced} new, {replaced} replaced)")
    return 0


def cmd_explain(ctx: Context, args: argparse.Namespace) -> int:
    settings = ctx.settings.screening()
    try:
        now = parse_instant(args.at, settings.time_zone) if args.at else datetime.now(UTC)
    except ValueError as error:
        raise UsageError(f"--at: {error}") from None
    customer = None
    if args.customer or args.company or args.customer_name:
        customer = Customer(org_name=args.company, family_name=args.customer_name)
    found = explain_call(ctx.db, args.number, customer=customer, at=now)
    print(found.decision)
    for step in found.steps:
        print(f"- {step}")
    return 0


def print_schedule(ctx: Context) -> None:
    values = ctx.settings.all()
    settings = ctx.settings.screening()
    rows = [
        ("schedule", values["schedule"]),
        ("hours", values["schedule-hours"] or "closed every day"),
        ("open mode", values["open-mode"]),
        ("closed mode", values["closed-mode"]),
        ("holidays", "closed on Japanese public holidays" if values["public-holidays"] == "on"
         else "off"),
        ("closed days", values["closed-days"] or "-"),
        ("time zone", values["time-zone"]),
    ]
    now = datetime.now(UTC)
    mode = settings.mode_at(now)
    rows.append(("now", f"{mode.mode} ({describe_mode(mode, settings.time_zone)})"))
    override = settings.override  # read only while the schedule is on
    if override is not None and settings.schedule is not None:
        until = override.until(settings.schedule)
        state = ("in force" if override.active(settings.schedule, now)
                 else "not yet in force" if override.set_at > now else "over")
        lasting = (f"until {format_instant(until, settings.time_zone)}" if until
                   else "until turned off")
        since = format_instant(override.set_at, settings.time_zone)
        rows.append(("override", f"{override.mode} set {since}, {lasting}: {state}"))
    for key, value in rows:
        print(f"{key:<12} {value}")


SCHEDULE_OPTIONS = {
    "hours": "schedule-hours", "open_mode": "open-mode", "closed_mode": "closed-mode",
    "holidays": "public-holidays", "closed_days": "closed-days", "time_zone": "time-zone",
}


def cmd_schedule(ctx: Context, args: argparse.Namespace) -> int:
    command = args.schedule_command or "show"
    if command in ("on", "off"):
        ctx.settings.turn_schedule(command == "on")
    elif command == "set":
        values: dict[str, str] = {}
        for option, key in SCHEDULE_OPTIONS.items():
            given = getattr(args, option)
            if given is None:
                continue
            try:
                values[key] = SETTINGS[key].parse(given.strip())
            except ValueError as error:
                raise UsageError(f"--{option.replace('_', '-')}: {error}") from None
        if not values and not args.on:
            raise UsageError("schedule set: give at least one of --hours, --open-mode, "
                             "--closed-mode, --holidays, --closed-days, --time-zone, --on")
        with writing(ctx.db):
            ctx.settings.set_many(values)
            if args.on:
                ctx.settings.turn_schedule(True)
    print_schedule(ctx)
    return 0


def cmd_config(ctx: Context, args: argparse.Namespace) -> int:
    try:
        if args.key is None:
            values = ctx.settings.all()
            key_width = max(map(len, values))
            value_width = max(len(value or "-") for value in values.values())
            for key, value in values.items():
                print(f"{key:<{key_width}}  {value or '-':<{value_width}}  {SETTINGS[key].help}")
        elif args.value is None:
            print(ctx.settings.get(args.key))
        else:
            print(ctx.settings.set(args.key, args.value))
    except UnknownSetting as error:
        raise UsageError(str(error)) from None
    except ValueError as error:
        raise UsageError(f"{args.key}: {error}") from None
    return 0


def history_cells(row: dict[str, Any], office: ZoneInfo) -> list[Cell]:
    """A call as a row of HISTORY_FIELDS for a spreadsheet: ids as text, the time received in
    the office's time zone."""
    cells: dict[str, Cell] = {field: row[field] for field in HISTORY_FIELDS}
    cells["received_at"] = moment_cell(row["received_at"], office)
    if row["rule_id"] is not None:
        cells["rule_id"] = str(row["rule_id"])
    return list(cells.values())


def cmd_history(ctx: Context, args: argparse.Namespace) -> int:
    if args.limit is not None and args.limit < 0:
        raise UsageError("--limit must not be negative")
    office = zone(ctx.settings.get("time-zone"))
    calls = CallHistory(ctx.db).recent(args.limit)
    if args.xlsx is not None:
        try:
            written = write_xlsx(args.xlsx, list(HISTORY_FIELDS),
                                 (history_cells(row, office) for row in calls))
        except OSError as error:
            print(f"{PROG}: error: cannot write {args.xlsx}: {error.strerror or error}",
                  file=sys.stderr)
            return 1
        print(f"wrote {written} calls to {args.xlsx}")
        return 0
    if args.csv:
        write_csv(sys.stdout, list(HISTORY_FIELDS), (history_cells(row, office) for row in calls))
        return 0
    rows: list[dict[str, Any]] = [
        {field: row[field] for field in HISTORY_FIELDS} | {
            "received_at": office_time(row["received_at"], office)
        }
        for row in calls
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            number = phone.display(row["caller"]) if row["caller"] else (
                row["phone_number"] or "withheld")
            print(f"{row['received_at']}  {row['decision']:<6} {row['reason']:<8} {number:<16} "
                  f"{row['customer_name'] or '-'}  {row['latency_ms']:.1f} ms")
    return 0


def cmd_simulate(ctx: Context, args: argparse.Namespace) -> int:
    import aiohttp

    from server.simulate import post_call, sample_call

    url = args.url or ctx.local_url()
    payload = sample_call(args.number, unknown=args.unknown)
    try:
        status, body = asyncio.run(post_call(url, payload))
    except (aiohttp.ClientError, TimeoutError) as error:
        shown = url.split("/hooks/")[0]
        print(f"{PROG}: error: no answer from {shown}: {error or type(error).__name__} "
              "(is `python main.py serve` or the console running?)", file=sys.stderr)
        return 1
    decision = body.get("decision", "?")
    reason = body.get("reason", body.get("error", ""))
    print(f"{status} {decision} ({reason}) for call {payload['callId']}")
    return 0 if status in (200, 403) else 1


def cmd_check(ctx: Context, args: argparse.Namespace) -> int:
    from screening.urls import redact_token
    from server.selftest import check_reachability

    _, port = ctx.address()
    found = asyncio.run(check_reachability(
        ctx.db_path, ctx.settings.all(), port, ctx.settings.webhook_token(),
        run_self_test=not args.no_self_test))
    url = found.public_webhook_url
    shown = url if url is None or args.show_token else redact_token(url)
    test = found.self_test
    if args.json:
        tunnel = found.tunnel
        print(json.dumps({
            "state": found.state,
            "summary": found.summary(),
            "tunnel": None if tunnel is None else {
                "kind": found.tunnel_kind, "public_url": tunnel.public_url,
                "healthy": tunnel.healthy, "why": tunnel.why},
            "public_webhook_url": shown,
            "self_test": None if test is None else {
                "ok": test.ok, "kind": test.kind, "message": test.message,
                "round_trip_ms": test.round_trip_ms},
        }, ensure_ascii=False, indent=2))
        return 0 if found.reachable else 1
    if found.tunnel is None:
        print("tunnel      none configured (python main.py config tunnel ngrok|cloudflared|url)")
    else:
        health = {True: "healthy", False: "DOWN", None: "cannot be watched"}[found.tunnel.healthy]
        print(f"tunnel      {found.tunnel_kind}, {health}: {found.tunnel.why}")
    hint = "" if url is None or args.show_token else "   (--show-token shows the token)"
    print(f"public URL  {shown or 'unknown'}{hint}")
    if test is None:
        print("self-test   not run")
    else:
        took = f" ({test.round_trip_ms:.1f} ms)" if test.round_trip_ms is not None else ""
        outcome = "ok" if test.ok else f"FAILED ({test.kind})"
        print(f"self-test   {outcome}{took}: {test.message}")
    print(found.summary())
    return 0 if found.reachable else 1


def cmd_console(ctx: Context, args: argparse.Namespace) -> int:
    from gui.app import run_console  # Qt loads only for the console, not for every command

    host, port = ctx.address()
    return run_console(ctx.db_path, host, port)


COMMANDS: dict[str | None, Callable[[Context, argparse.Namespace], int]] = {
    None: cmd_console,
    "serve": cmd_serve,
    "url": cmd_url,
    "rotate-token": cmd_rotate_token,
    "mode": cmd_mode,
    "allow": cmd_rule,
    "block": cmd_rule,
    "unlist": cmd_unlist,
    "rules": cmd_rules,
    "import-rules": cmd_import_rules,
    "explain": cmd_explain,
    "schedule": cmd_schedule,
    "config": cmd_config,
    "history": cmd_history,
    "simulate": cmd_simulate,
    "check": cmd_check,
}


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        logs.install(logging.INFO if args.command == "serve" else logging.WARNING)
        ctx = Context(args)
        try:
            return COMMANDS[args.command](ctx, args)
        except sqlite3.Error as error:  # every command's reads and writes, in one place
            raise StorageError(storage_problem(ctx.db_path, error)) from None
    except UsageError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 2
    except StorageError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 1


def run() -> int:
    """main(), quiet when the reader of our output goes away (`history --csv | head`)."""
    try:
        status = main()
        sys.stdout.flush()
    except BrokenPipeError:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return status


if __name__ == "__main__":
    sys.exit(run())
