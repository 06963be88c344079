"""`config`: every setting with its value and what it is for, one setting, or a new value."""

from __future__ import annotations

import argparse

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
    try:
        if args.key is None:
            values = settings.values()
            key_width = max(map(len, values))
            value_width = max(len(value or "-") for value in values.values())
            for key, value in values.items():
                help_text = say(SPECS[key_of(key)].help)
                print(f"{key:<{key_width}}  {value or '-':<{value_width}}  {help_text}")
        elif args.value is None:
            print(settings.value(args.key))
        else:
            print(settings.set(args.key, args.value))
    except Refusal as refusal:
        if refusal.field is None:  # no such setting
            raise UsageError(reason(refusal)) from None
        raise UsageError(f"{args.key}: {reason(refusal)}") from None
    return 0
