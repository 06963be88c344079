"""No command: the console, with callgate's listener embedded; or, with `--connect` (or
CALLGATE_CONNECT), the console attached to a callgate service on another machine. A desk
remembers its service once given: `python main.py` attaches to it again, until `--embedded`
opens the console beside its own listener and forgets it.

The embedded listener runs here on its own thread, as `serve` runs it, and keeps running for its
console when its port cannot be bound (the console then says so, and still shows the rules and
the history). Either way the console reaches callgate through the console protocol alone
(gui/app.py): a link to the listener beside it, or a NetworkLink to the service's desk port.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from application import Office
from cli.context import PROG, Context, UsageError
from cli.words import reason, say
from screening.desk import Connection
from screening.messages import Message, Refusal
from screening.setting_values import Language

if TYPE_CHECKING:
    from server.listener import Listener
    from server.protocol.network import NetworkLink


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
    from desktop.libraries import missing_packages, opens_on_x11  # not for every command

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


class Attached:
    """A service on another machine, as the console starts it: nothing to start here, only
    a link to open (the console's session closes it)."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    @property
    def home(self) -> Path:
        """What this desk's console is keyed by (one console per desk and service, its
        preferences its own): no file is kept there."""
        import platformdirs  # not for every command

        where = f"{self.connection.desk}@{self.connection.host}-{self.connection.port}"
        return Path(platformdirs.user_data_dir(PROG)) / "desks" / where

    def link(self) -> NetworkLink:
        from server.protocol.network import NetworkLink  # aiohttp loads only for a console

        return NetworkLink(self.connection)

    def stop(self) -> None:
        """Nothing runs here but the link."""


def attached(text: str) -> Attached:
    """The service a connection string names; a malformed one is one line (UsageError)."""
    try:
        return Attached(Connection.parse(text))
    except Refusal as refusal:
        raise UsageError(f"--connect: {reason(refusal)}") from None


def chosen_service(given: str | None, *, embedded: bool = False) -> Attached | None:
    """The service the console attaches to: the connection string `given` (checked, then
    remembered), else the one this desktop remembers; None for the console beside its own
    listener (`embedded`, which forgets any)."""
    from gui.preferences import RememberedService  # Qt's settings, only for the console

    memory = RememberedService()
    if embedded:
        memory.remember(None)
        return None
    if given:
        remote = attached(given)
        memory.remember(str(remote.connection))
        return remote
    remembered = memory.get()
    if remembered is None:
        return None
    try:
        return Attached(Connection.parse(remembered))
    except Refusal:  # not one this callgate reads: the console beside its listener, as before
        return None


def open_attached(remote: Attached) -> int:
    """The console attached to the service `remote` names."""
    from gui.app import run_console  # Qt loads only for the console

    return run_console(lambda: remote, remote.home)
