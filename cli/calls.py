"""Calls: `serve` takes them (headless, a log line each), `simulate` posts a test call to the
running listener, `explain` tells the decision a call would get and why."""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import signal
import sys
import threading
from datetime import UTC, datetime
from pathlib import Path

from cli.context import PROG, Context, UsageError
from cli.parser import Commands
from cli.words import padded, reason, say, say_again, words
from screening.call import Customer
from screening.instants import parse_instant
from screening.messages import Message
from screening.policy import AskPerson, Decision, Reason
from server.events import CallDecided, CallWaiting, ListenerEvent, ListenerFailed

log = logging.getLogger(PROG)
# serve's line per call, written a batch at a time (server.logs.hand_off).
CALL_LOG = f"{PROG}.calls"
_calls = logging.getLogger(CALL_LOG)


def add(commands: Commands) -> None:
    serving = commands("serve", "run the listener without a window, one log line per call",
                       serve)
    serving.add_argument("--log-dir", type=Path, default=None,
                         help="where serve.log goes (env CALLGATE_LOG_DIR; default: the "
                              "platform's log directory, or DATA_DIR/logs with --data-dir)")
    explain = commands("explain", "print the decision a call would get (accept, reject or ask) "
                                  "and every step that led there; records nothing", explain_call)
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
    simulate = commands("simulate", "post a test call to the running listener", simulate_call)
    simulate.add_argument("--from", dest="number", default=None, help="caller's number")
    simulate.add_argument("--unknown", action="store_true", help="a caller who is no customer")
    simulate.add_argument("--url", default=None, help="webhook URL (default: the local one)")


# Where a call's latency goes in its words, filled in after they are made (and remembered).
_LATENCY = "\0latency\0"
_TOOK = Message("words.milliseconds", (_LATENCY,))
_WITHHELD = Message("history.withheld")
_UNKNOWN = Message("caller.unknown")


def describe_call(event: CallDecided) -> str:
    """One log line a person can read: decision, reason, caller, customer, latency.

    Made for every call on the listener's thread, so it is made of words said before: the
    number as the history keeps it (E.164, +81330001234: formatting it as written in Japan
    takes phonenumbers a tenth of a millisecond), the rest remembered (cli.words.say_again).
    """
    call, verdict = event.call, event.verdict
    number = say_again(_WITHHELD) if call.withheld else call.caller or call.phone_number
    customer = call.customer
    who = customer.name if customer else say_again(_UNKNOWN)
    org = f" / {customer.org_name}" if customer and customer.org_name else ""
    took = (say_again(Message("words.detail_took", (verdict.detail, _TOOK))) if verdict.detail
            else say_again(_TOOK)).replace(_LATENCY, f"{event.latency_ms:.1f}")
    return (f"{padded(say_again(verdict.decision.message), 6)} "
            f"{padded(say_again(Message(f'reason.{verdict.reason}')), 8)} {number}  "
            f"{who}{org}  ({took})")


def log_event(event: ListenerEvent) -> None:
    if isinstance(event, CallDecided):
        _calls.info(describe_call(event))
    elif isinstance(event, CallWaiting):
        log.info(words("serve.waiting", event.call.call_id, event.ask.detail))
    elif isinstance(event, ListenerFailed):
        log.error(say(event.message))


def serve(ctx: Context, args: argparse.Namespace) -> int:
    from server import logs
    from server.listener import Listener, ListenerError

    log_file = logs.log_to_file(ctx.log_dir(args.log_dir))
    stop_logging = logs.hand_off(CALL_LOG)
    host, port = ctx.address()
    listener = Listener(ctx.db_path, host, port, log_event)
    # Before the listener starts: a SIGTERM that comes while it starts stops it as cleanly as
    # one that comes later, with every line logged so far written.
    stop = threading.Event()
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())
    try:
        listener.start()
    except ListenerError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 1
    # What starting made lives as long as the service: out of the garbage collector's sight,
    # a full collection in a burst of calls scans only what came since (as the console does).
    # Collection was off while starting (main.py), so there is little garbage to free first.
    gc.freeze()
    gc.enable()
    log.info(words("serve.listening", listener.url("<token>"), ctx.office.mode.in_force().detail))
    if log_file is not None:
        log.info(words("serve.log_file", str(log_file)))
    stop.wait()
    log.info(words("serve.stopping"))
    listener.stop()
    stop_logging()
    return 0


def explain_call(ctx: Context, args: argparse.Namespace) -> int:
    time_zone = ctx.office.settings.get().time_zone
    try:
        now = parse_instant(args.at, time_zone) if args.at else datetime.now(UTC)
    except ValueError as error:
        raise UsageError(f"--at: {reason(error)}") from None
    customer = None
    if args.customer or args.company or args.customer_name:
        customer = Customer(org_name=args.company, family_name=args.customer_name)
    found = ctx.office.explain(args.number, customer=customer, at=now)
    outcome = found.outcome
    print(say(Message("handling.ask") if isinstance(outcome, AskPerson)
              else outcome.decision.message))
    for step in found.steps:
        print(f"- {say(step)}")
    return 0


def simulate_call(ctx: Context, args: argparse.Namespace) -> int:
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
    decision, why = body.get("decision", "?"), body.get("reason", body.get("error", ""))
    if decision in set(Decision) and why in set(Reason):  # a decision, in the reader's words
        decision, why = say(Decision(decision).message), words(f"reason.{why}")
    print(words("simulate.answer", status, decision, why, payload["callId"]))
    return 0 if status in (200, 403) else 1
