"""callgate's command line: wires storage, the listener and (later) the console."""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, NoReturn

import platformdirs
from sqlite_utils import Database

from screening import phone
from screening.policy import Mode
from screening.rules import Action
from server.events import CallDecided, CallWaiting, ListenerEvent, ListenerFailed
from server.urls import webhook_url
from storage.calls import CallHistory
from storage.database import DB_FILENAME, open_database
from storage.rules import RuleBook
from storage.settings import SETTINGS, SettingsStore, UnknownSetting

PROG = "callgate"
HISTORY_FIELDS = (
    "call_id", "received_at", "phone_number", "caller", "customer_name", "customer_kana",
    "customer_org", "operator_name", "scenario_id", "call_type", "decision", "reason", "detail",
    "rule_id", "latency_ms", "repeats", "raw_body",
)

log = logging.getLogger(PROG)


class UsageError(Exception):
    """Bad input on the command line: one line on stderr, exit status 2."""


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
    mode = command("mode", "show or set the mode")
    mode.add_argument("mode", nargs="?", choices=[m.value for m in Mode])
    for action in Action:
        verb = command(action.value, f"{action.value} calls from a number")
        verb.add_argument("number")
        verb.add_argument("--note", default="")
    command("unlist", "remove a number's rule").add_argument("number")
    command("rules", "list the allow and block rules").add_argument("--json", action="store_true")
    config = command("config", "show or set a setting")
    config.add_argument("key", nargs="?")
    config.add_argument("value", nargs="?")
    history = command("history", "print the call history, newest first")
    style = history.add_mutually_exclusive_group()
    style.add_argument("--json", action="store_true")
    style.add_argument("--csv", action="store_true")
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
        self.db: Database = open_database(self.db_path)
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


def describe_call(event: CallDecided) -> str:
    """One log line a person can read: decision, reason, caller, customer, latency."""
    call, verdict = event.call, event.verdict
    number = "withheld" if call.withheld else phone.display(call.caller or call.phone_number)
    who = call.customer.name if call.customer else "unknown caller"
    org = f" / {call.customer.org_name}" if call.customer and call.customer.org_name else ""
    return (f"{verdict.decision:<6} {verdict.reason:<8} {number}  {who}{org}  "
            f"({verdict.detail}; {event.latency_ms:.1f} ms)")


def log_event(event: ListenerEvent) -> None:
    if isinstance(event, CallDecided):
        log.info(describe_call(event))
    elif isinstance(event, CallWaiting):
        log.info("waiting  %s: %s", event.call.call_id, event.ask.detail)
    elif isinstance(event, ListenerFailed):
        log.error(event.message)


def cmd_serve(ctx: Context, args: argparse.Namespace) -> int:
    from server.listener import Listener, ListenerError

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
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
    log.info("listening on %s (mode %s); Ctrl+C stops",
             listener.url("<token>"), ctx.settings.get("mode"))
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


def cmd_mode(ctx: Context, args: argparse.Namespace) -> int:
    if args.mode:
        ctx.settings.set("mode", args.mode)
    print(ctx.settings.get("mode"))
    return 0


def rule_number(text: str) -> str:
    try:
        return phone.parse_rule_number(text)
    except phone.InvalidNumber as error:
        raise UsageError(str(error)) from None


def cmd_rule(ctx: Context, args: argparse.Namespace) -> int:
    rule = RuleBook(ctx.db).put(rule_number(args.number), Action(args.command), args.note)
    print(f"{rule.action} {phone.display(rule.number)}" + (f"  {rule.note}" if rule.note else ""))
    return 0


def cmd_unlist(ctx: Context, args: argparse.Namespace) -> int:
    number = rule_number(args.number)
    if not RuleBook(ctx.db).remove(number):
        print(f"{PROG}: error: {phone.display(number)} has no rule", file=sys.stderr)
        return 1
    print(f"removed the rule for {phone.display(number)}")
    return 0


def cmd_rules(ctx: Context, args: argparse.Namespace) -> int:
    rows = RuleBook(ctx.db).rows()
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for row in rows:
        matched = f"matched {row['times_matched']}x" if row["times_matched"] else "never matched"
        print(f"{row['action']:<5}  {phone.display(row['number']):<16} {matched:<14} {row['note']}")
    if not rows:
        print("no rules: every call follows the mode")
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


def cmd_history(ctx: Context, args: argparse.Namespace) -> int:
    if args.limit is not None and args.limit < 0:
        raise UsageError("--limit must not be negative")
    rows: list[dict[str, Any]] = [
        {field: row[field] for field in HISTORY_FIELDS} | {
            "received_at": local_time(row["received_at"])
        }
        for row in CallHistory(ctx.db).recent(args.limit)
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    elif args.csv:
        writer = csv.DictWriter(sys.stdout, fieldnames=HISTORY_FIELDS)
        writer.writeheader()
        writer.writerows(rows)
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
    from server.selftest import check_reachability
    from server.urls import redact_token

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
    "config": cmd_config,
    "history": cmd_history,
    "simulate": cmd_simulate,
    "check": cmd_check,
}


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        return COMMANDS[args.command](Context(args), args)
    except UsageError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 2


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
