"""The command line's grammar: the options every command takes, and each group's commands
(cli/calls.py, rules.py, mode.py, config.py, history.py, reach.py add theirs)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from cli.context import Context, UsageError
from screening.setting_values import Language

Handler = Callable[[Context, argparse.Namespace], int]
Commands = Callable[[str, str, Handler], "Parser"]
"""Adds a command: its name, its help and what runs it; the parser for its arguments."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def build_parser() -> Parser:
    from cli import calls, config, desks, history, mode, reach, rules, stats

    common = Parser(add_help=False)
    common.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS,
                        help="where the database lives (env CALLGATE_DATA_DIR)")
    common.add_argument("--host", default=argparse.SUPPRESS,
                        help="listener address (env CALLGATE_HOST)")
    common.add_argument("--port", default=argparse.SUPPRESS,
                        help="listener port (env CALLGATE_PORT)")
    common.add_argument("--lang", choices=[Language.JAPANESE, Language.ENGLISH],
                        default=argparse.SUPPRESS,
                        help="the language of what people read (default: the language "
                             "setting, else the system's)")
    parser = Parser(parents=[common],  # named as started: main.py, callgate, callgate-console
                    description="callgate: screen commubo's incoming calls.")
    console = parser.add_mutually_exclusive_group()
    console.add_argument("--connect", metavar="CONNECTION",
                         help="open the console attached to the callgate service that this "
                              "connection string names (`desk add` prints it; env "
                              "CALLGATE_CONNECT); remembered: later starts attach to it again")
    console.add_argument("--embedded", action="store_true",
                         help="open the console with callgate's listener beside it, and "
                              "forget the service a --connect remembered")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    def command(name: str, help_text: str, handler: Handler) -> Parser:
        added: Parser = subparsers.add_parser(name, parents=[common], help=help_text,
                                              description=help_text)
        added.set_defaults(handler=handler)
        return added

    for group in (calls, reach, mode, rules, config, history, stats, desks):
        group.add(command)
    return parser
