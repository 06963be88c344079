"""Reaching callgate: `url` and `rotate-token` (the webhook's address and its secret), `check`
(whether commubo can reach the webhook through the public URL)."""

from __future__ import annotations

import argparse
import asyncio
import json
from typing import TYPE_CHECKING

from cli.context import Context
from cli.parser import Commands
from cli.words import print_rows, say, words
from screening.instants import instant
from screening.messages import Message

if TYPE_CHECKING:
    from server.selftest import Reachability, SelfTestResult


def add(commands: Commands) -> None:
    commands("url", "print the local webhook URL with its token", url)
    commands("rotate-token", "make a new webhook token; the old one works for "
                             "token-grace-hours", rotate_token)
    check = commands("check", "test that commubo can reach the webhook through the public URL "
                              "(exit status 0 only when it can)", check_reach)
    check.add_argument("--no-self-test", action="store_true",
                       help="only ask the tunnel; do not post a test call to the public URL")
    check.add_argument("--json", action="store_true")
    check.add_argument("--show-token", action="store_true",
                       help="show the public webhook URL with its secret token")


def url(ctx: Context, args: argparse.Namespace) -> int:
    print(ctx.local_url())
    return 0


def rotate_token(ctx: Context, args: argparse.Namespace) -> int:
    state = ctx.office.webhook.rotate()
    print(words("token.new_url", ctx.local_url()))
    if state.previous is None or state.previous_until is None:
        print(words("token.old_stopped"))
    else:
        # On the office's clock, not the machine's.
        until = instant(state.previous_until, ctx.office.settings.get().time_zone)
        print(words("token.old_until", state.previous, until))
    print(words("token.register"))
    return 0


def check_reach(ctx: Context, args: argparse.Namespace) -> int:
    from screening.urls import redact_token
    from server.selftest import check_reachability

    _, port = ctx.address()
    office = ctx.office
    found = asyncio.run(check_reachability(
        ctx.db_path, office.settings.values(), port, office.webhook.token(),
        run_self_test=not args.no_self_test))
    public = found.public_webhook_url
    shown = public if public is None or args.show_token else redact_token(public)
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
    if shown is None:
        public_line = words("report.public_url.unknown")
    else:
        public_line = shown if args.show_token else words("report.public_url.redacted", shown)
    print_rows([(words(f"report.row.{row}"), value) for row, value in (
        ("tunnel", tunnel_line(found)), ("public_url", public_line),
        ("self_test", self_test_line(test)))])
    print(say(found.summary_message()))
    return 0 if found.reachable else 1


def tunnel_line(found: Reachability) -> str:
    """What the tunnel says of itself: its kind, whether it is healthy, and why."""
    tunnel = found.tunnel
    if tunnel is None:
        return words("report.tunnel.none")
    from server.tunnels import sentence

    health = {True: "healthy", False: "down", None: "unwatched"}[tunnel.healthy]
    kind = Message(f"report.tunnel.{found.tunnel_kind}") if found.tunnel_kind else ""
    return words("report.tunnel", kind, Message(f"report.health.{health}"),
                 sentence(tunnel.said) if tunnel.said else "")


def self_test_line(test: SelfTestResult | None) -> str:
    """The self-test's outcome (with its kind of failure), how long it took, and what it
    found."""
    if test is None:
        return words("report.self_test.not_run")
    kind = Message(f"report.kind.{test.kind}")
    if test.round_trip_ms is None:
        return (words("report.self_test.ok", test.said) if test.ok
                else words("report.self_test.failed", kind, test.said))
    took = f"{test.round_trip_ms:.1f}"
    return (words("report.self_test.ok_took", took, test.said) if test.ok
            else words("report.self_test.failed_took", kind, took, test.said))
