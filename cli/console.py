"""No command: the console, with callgate's listener embedded.

The listener runs here on its own thread, as `serve` runs it, and keeps running for its console
when its port cannot be bound (the console then says so, and still shows the rules and the
history). The console reaches it through the console protocol alone (gui/app.py).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from application import Office
from cli.context import PROG, Context
from cli.words import say
from desktop.libraries import missing_packages, opens_on_x11
from screening.messages import Message
from screening.setting_values import Language

if TYPE_CHECKING:
    from server.listener import Listener


def embedded(db_path: Path, host: str, port: int, *, port_setting: int | None = None) -> Listener:
    """The listener a console starts beside itself, started; ListenerError when it cannot run
    at all (a port in use is no such reason)."""
    from server.listener import Listener  # aiohttp loads only for the commands that listen

    if port_setting is None:
        port_setting = Office(db_path).settings.get().port
    listener = Listener(db_path, host, port, port_setting=port_setting, keep_without_port=True)
    listener.start()
    return listener


def run(db_path: Path, host: str, port: int, port_setting: int | None = None,
        language: Language = Language.AUTO) -> int:
    """The console as `python main.py` opens it, in the language `language` chooses; one
    line instead, before Qt loads, when the system lacks a library that a window needs."""
    missing = missing_packages() if opens_on_x11(os.environ) else []
    if missing:
        words = say(Message("desktop.libraries.missing", (" ".join(missing),)))
        print(f"{PROG}: error: {words}", file=sys.stderr)
        return 1
    from gui.app import run_console  # Qt loads only for the console, not for every command
    from server.listener import ListenerError

    def start() -> Listener:
        return embedded(db_path, host, port, port_setting=port_setting)

    try:
        return run_console(start, db_path.parent, language)
    except ListenerError as error:
        print(f"{PROG}: error: {error}", file=sys.stderr)
        return 1


def language_of(office: Office, given: str | None) -> Language:
    """The console's language: `--lang` for this run, else the language setting (read here,
    before any window: the console applies it at start)."""
    return Language(given) if given else office.settings.get().language


def open_console(ctx: Context, args: argparse.Namespace) -> int:
    host, port = ctx.address()
    return run(ctx.db_path, host, port, ctx.office.settings.get().port,
               language_of(ctx.office, getattr(args, "lang", None)))
