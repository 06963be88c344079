"""No command: the console, with the listener embedded; or, with `--connect` (or
CALLGATE_CONNECT), the console attached to a callgate service on another machine."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING

import platformdirs

from cli.context import PROG, Context, UsageError
from cli.words import reason
from screening.desk import Connection
from screening.messages import Refusal

if TYPE_CHECKING:
    from server.protocol.network import NetworkLink


def open_console(ctx: Context, args: argparse.Namespace) -> int:
    from gui.app import run_console  # Qt loads only for the console, not for every command

    host, port = ctx.address()
    return run_console(ctx.db_path, host, port)


class Attached:
    """A service on another machine, as the console starts it: nothing to start here, only
    a link to open (the console's session closes it)."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    @property
    def home(self) -> Path:
        """What this desk's console is keyed by (one console per desk and service, its
        preferences its own): no file is kept there."""
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


def open_attached(text: str) -> int:
    """The console attached to the service `text` names (gui.app.run_console takes what
    starts the console's service and the place its console is keyed by: issue 11's console)."""
    remote = attached(text)
    from gui.app import run_console

    return run_console(lambda: remote, remote.home)  # type: ignore[arg-type, call-arg]
