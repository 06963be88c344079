"""`history`: the calls, newest first, as lines, JSON, CSV or an Excel workbook."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from application.history import HISTORY_FIELDS
from cli.context import PROG, Context, UsageError
from cli.parser import Commands
from cli.words import say
from screening import phone
from screening.instants import zone


def add(commands: Commands) -> None:
    history = commands("history", "print the call history, newest first, or write it to an "
                                  "Excel workbook", show_history)
    style = history.add_mutually_exclusive_group()
    style.add_argument("--json", action="store_true")
    style.add_argument("--csv", action="store_true")
    style.add_argument("--xlsx", metavar="FILE", type=Path,
                       help="write an Excel workbook: numbers and ids as text, times in the "
                            "office's time zone")
    history.add_argument("--limit", type=int, default=None)


def show_history(ctx: Context, args: argparse.Namespace) -> int:
    if args.limit is not None and args.limit < 0:
        raise UsageError("--limit must not be negative")
    history = ctx.office.history
    calls = history.recent(args.limit)
    if args.xlsx is not None:
        try:
            written = history.write_xlsx(args.xlsx, calls, say)
        except OSError as error:
            print(f"{PROG}: error: cannot write {args.xlsx}: {error.strerror or error}",
                  file=sys.stderr)
            return 1
        print(f"wrote {written} calls to {args.xlsx}")
        return 0
    if args.csv:
        history.write_csv(sys.stdout, calls, say)
        return 0
    office = zone(ctx.office.settings.get().time_zone)
    rows: list[dict[str, Any]] = [
        {field: row[field] for field in HISTORY_FIELDS} | {
            # ISO 8601 in the office's time zone, with its offset.
            "received_at": datetime.fromisoformat(row["received_at"]).astimezone(office)
            .isoformat(timespec="seconds"),
            # The words for people, and the code with its arguments for scripts.
            "detail": say(row["detail"]),
            "detail_code": row["detail"].code if row["detail"] else None,
            "detail_args": row["detail"].plain()["args"] if row["detail"] else [],
        }
        for row in calls
    ]
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
    else:
        for row in rows:
            number = phone.display(row["caller"]) if row["caller"] else (
                row["phone_number"] or "withheld")
            # No latency for a call that got no answer (reason `stopped`).
            took = "no answer" if row["latency_ms"] is None else f"{row['latency_ms']:.1f} ms"
            print(f"{row['received_at']}  {row['decision']:<6} {row['reason']:<8} {number:<16} "
                  f"{row['customer_name'] or '-'}  {took}")
    return 0
