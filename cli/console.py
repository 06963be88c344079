"""No command: the console, with the listener embedded."""

from __future__ import annotations

import argparse

from cli.context import Context


def open_console(ctx: Context, args: argparse.Namespace) -> int:
    from gui.app import run_console  # Qt loads only for the console, not for every command

    host, port = ctx.address()
    return run_console(ctx.db_path, host, port)
