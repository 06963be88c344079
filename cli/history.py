"""`history`: the calls, newest first, as lines, JSON, CSV or an Excel workbook."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import datetime
from pathlib import Path
from typing import Any

from application.history import HISTORY_FIELDS, HistoryQuery
from cli.context import PROG, Context, UsageError
from cli.parser import Commands
from cli.words import padded, say, words
from screening import phone
from screening.instants import instant, zone
from screening.policy import Decision


def add(commands: Commands) -> None:
    history = commands("history", "print the call history, newest first, or write it to an "
                                  "Excel workbook", show_history)
    style = history.add_mutually_exclusive_group()
    style.add_argument("--json", action="store_true")
    style.add_argument("--csv", action="store_true")
    style.add_argument("--xlsx", metavar="FILE", type=Path,
                       help="write an Excel workbook: numbers and ids as text, times in the "
                            "office's time zone")
    style.add_argument("--count", action="store_true",
                       help="print how many calls the list would have, and nothing else")
    history.add_argument("--limit", type=int, default=None)
    history.add_argument("--search", metavar="TEXT", default="",
                         help="only the calls the console's search finds: by number, name, "
                              "company or their kana (in hiragana, katakana or half-width)")


def show_history(ctx: Context, args: argparse.Namespace) -> int:
    if args.limit is not None and args.limit < 0:
        raise UsageError("--limit must not be negative")
    history = ctx.office.history
    if args.count:
        counted = history.count(HistoryQuery(text=args.search))
        print(counted if args.limit is None else min(counted, args.limit))
        return 0
    calls = history.recent(args.limit, args.search)
    if args.xlsx is not None:
        try:
            written = history.write_xlsx(args.xlsx, calls, say)
        except OSError as error:
            print(f"{PROG}: error: cannot write {args.xlsx}: {error.strerror or error}",
                  file=sys.stderr)
            return 1
        print(words("history.written", written, str(args.xlsx)))
        return 0
    if args.csv:
        history.write_csv(sys.stdout, calls, say)
        return 0
    time_zone = ctx.office.settings.get().time_zone
    if args.json:
        office = zone(time_zone)
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
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    for row in calls:
        print(history_line(row, time_zone))
    return 0


def history_line(row: dict[str, Any], time_zone: str) -> str:
    """One call for people: when (on the office's clock, as the reader's language writes a
    moment), the decision and its reason, the caller, the customer, how long it took."""
    when = say(instant(datetime.fromisoformat(row["received_at"]), time_zone, seconds=True))
    number = phone.display(row["caller"]) if row["caller"] else (
        row["phone_number"] or words("history.withheld"))
    # No latency for a call that got no answer (reason `stopped`).
    took = (words("history.no_answer") if row["latency_ms"] is None
            else words("words.milliseconds", f"{row['latency_ms']:.1f}"))
    decision, reason = say(Decision(row["decision"]).message), row["reason"]
    why = words(f"reason.{reason}")
    return (f"{when}  {padded(decision, 6)} {padded(why, 8)} {padded(number, 16)} "
            f"{row['customer_name'] or '-'}  {took}")
