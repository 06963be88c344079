"""callgate's command line: a module per group of commands (calls, rules, mode, config,
history, reach), each over the application layer; no command, the console."""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import sys
from collections.abc import Sequence

from application.trouble import DATABASE_ERRORS
from cli.console import chosen_service, open_attached, open_console
from cli.context import PROG, Context, StorageError, UsageError
from cli.parser import build_parser
from cli.words import reason, speak
from screening.instants import zone
from screening.messages import Refusal
from screening.setting_values import Language
from server import logs
from wording.catalogue import spoken

#: What turns garbage collection on again once it has started (see main.py): the service
#: (cli/calls.py serve) and the console (gui/app.py keep_long_lived).
STARTS_ITSELF = frozenset({"serve", None})


def main(argv: Sequence[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        if args.command not in STARTS_ITSELF:
            gc.enable()  # main.py turned it off for the start-up
        logs.install(logging.INFO if args.command == "serve" else logging.WARNING)
        if args.command is None:
            given = getattr(args, "connect", None) or os.environ.get("CALLGATE_CONNECT")
            remote = chosen_service(given, embedded=args.embedded)
            if remote is not None:
                return open_attached(remote)  # no data directory here: it is the service's
        ctx = Context(args)
        try:
            settings = ctx.office.settings.get()
            # Every line logged from now on, the console's too, on the office's clock; a zone
            # this machine does not know leaves the machine's, and `config` still runs.
            with contextlib.suppress(Refusal):
                logs.keep_time_in(zone(settings.time_zone))
            chosen = getattr(args, "lang", None) or settings.language
            speak(spoken(Language(chosen)))
            return int(getattr(args, "handler", open_console)(ctx, args))
        except Refusal as refusal:  # input a command passed on as it was typed
            raise UsageError(reason(refusal)) from None
        except DATABASE_ERRORS as error:  # every command's reads and writes, in one place
            raise ctx.storage_error(error) from None
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
