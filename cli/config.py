"""`config`: every setting with its value and what it is for, one setting, or a new value.
The office's settings are in its database; this computer's (cli/desk.py) on the desktop."""

from __future__ import annotations

import argparse

from cli import desk
from cli.context import Context, UsageError
from cli.parser import Commands
from cli.words import reason, say
from screening.messages import Refusal
from screening.settings import SPECS, key_of


def add(commands: Commands) -> None:
    config = commands("config", "show or set a setting", configure)
    config.add_argument("key", nargs="?")
    config.add_argument("value", nargs="?")


def configure(ctx: Context, args: argparse.Namespace) -> int:
    settings = ctx.office.settings
    computer = desk.offered()
    try:
        if args.key is None:
            rows = [(key, value or "-", say(SPECS[key_of(key)].help))
                    for key, value in settings.values().items()]
            rows += [(name, desk.value(integration), say(desk.HELP[name]))
                     for name, integration in computer.items()]
            key_width = max(len(key) for key, _, _ in rows)
            value_width = max(len(value) for _, value, _ in rows)
            for key, value, help_text in rows:
                print(f"{key:<{key_width}}  {value:<{value_width}}  {help_text}")
        elif args.key in computer and args.value is None:
            print(desk.value(computer[args.key]))
        elif args.key in computer:
            print(desk.change(computer[args.key], args.value, ctx.db_path.parent))
        elif args.value is None:
            print(settings.value(args.key))
        else:
            print(settings.set(args.key, args.value))
    except Refusal as refusal:
        if refusal.field is None and args.key not in computer:  # no such setting
            raise UsageError(reason(refusal)) from None
        raise UsageError(f"{args.key}: {reason(refusal)}") from None
    except OSError as error:  # the desktop's folder or registry refused the change
        raise UsageError(f"{args.key}: {error}") from None
    return 0
