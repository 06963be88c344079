"""Reaching callgate: `url` and `rotate-token` (the webhook's address and its secret), `check`
(whether commubo can reach the webhook through the public URL)."""

from __future__ import annotations

import argparse
import asyncio
import json

from cli.context import Context
from cli.parser import Commands


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
    print(f"new webhook URL: {ctx.local_url()}")
    if state.previous is None or state.previous_until is None:
        print("the old token no longer works (token-grace-hours is 0)")
    else:
        until = state.previous_until.astimezone().isoformat(timespec="seconds")
        print(f"the old token {state.previous} keeps working until {until}")
    print("register the new URL in commubo's dashboard before then")
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
    if found.tunnel is None:
        print("tunnel      none configured (python main.py config tunnel ngrok|cloudflared|url)")
    else:
        health = {True: "healthy", False: "DOWN", None: "cannot be watched"}[found.tunnel.healthy]
        print(f"tunnel      {found.tunnel_kind}, {health}: {found.tunnel.why}")
    hint = "" if public is None or args.show_token else "   (--show-token shows the token)"
    print(f"public URL  {shown or 'unknown'}{hint}")
    if test is None:
        print("self-test   not run")
    else:
        took = f" ({test.round_trip_ms:.1f} ms)" if test.round_trip_ms is not None else ""
        outcome = "ok" if test.ok else f"FAILED ({test.kind})"
        print(f"self-test   {outcome}{took}: {test.message}")
    print(found.summary())
    return 0 if found.reachable else 1

