"""Desks: `desk add` registers a console on another machine and prints its connection string,
`desk list` shows them, `desk remove` ends a desk's session and its access."""

from __future__ import annotations

import argparse
import json

from cli.context import Context
from cli.parser import Commands, Parser
from cli.words import say
from screening.desk import DeskRole
from screening.instants import instant


def add(commands: Commands) -> None:
    desk = commands("desk", "add, list or remove the desks that attach to this callgate over "
                            "the office network", manage_desks)
    forms = desk.add_subparsers(dest="desk_command", metavar="add|list|remove",
                                parser_class=Parser)
    added = forms.add_parser("add", help="register a desk; the last line printed is its "
                                         "connection string (python main.py --connect ...)")
    added.add_argument("name", metavar="NAME")
    added.add_argument("--role", choices=[role.value for role in DeskRole],
                       default=DeskRole.OPERATOR.value,
                       help="operator (the default): decides calls and sets the mode; admin: "
                            "also changes rules, settings, the schedule, the token and desks")
    added.add_argument("--address", metavar="HOST",
                       help="the host name or address desks reach this machine at (default: "
                            "desk-host, or this machine's address on its network)")
    listed = forms.add_parser("list", help="every desk: role, attached now, last seen")
    listed.add_argument("--json", action="store_true")
    removed = forms.add_parser("remove", help="remove a desk: its session ends at once and "
                                              "its connection string no longer attaches")
    removed.add_argument("name", metavar="NAME")


def manage_desks(ctx: Context, args: argparse.Namespace) -> int:
    command = args.desk_command or "list"
    desks = ctx.office.desks
    if command == "add":
        added = desks.add(args.name, args.role, address=args.address)
        print(f"added the desk {added.desk.name} ({added.desk.role}); on that desk, open "
              "the console with `python main.py --connect` and this connection string")
        print("(keep it secret: whoever has it can attach as this desk)")
        print(added.connection)
        return 0
    if command == "remove":
        desks.remove(args.name)
        print(f"removed the desk {args.name}")
        return 0
    time_zone = ctx.office.settings.get().time_zone
    views = desks.all()
    if getattr(args, "json", False):
        print(json.dumps([{
            "name": view.name, "role": view.role.value, "attached": view.attached,
            "last_seen": view.last_seen.isoformat() if view.last_seen else None,
            "created_at": view.created_at.isoformat()} for view in views],
            ensure_ascii=False, indent=2))
        return 0
    if not views:
        print("no desks: add one with `python main.py desk add NAME`")
        return 0
    width = max(len(view.name) for view in views)
    for view in views:
        seen = say(instant(view.last_seen, time_zone)) if view.last_seen else "never"
        attached = "attached" if view.attached else "-"
        print(f"{view.name:<{width}}  {view.role:<8}  {attached:<8}  last seen {seen}")
    return 0
