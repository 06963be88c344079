"""The mode: `mode` (the mode in force, or set by hand) and `schedule` (business hours and the
modes they choose)."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from application.mode import ModeState
from cli.context import Context, UsageError
from cli.parser import Commands, Parser
from cli.words import print_rows, reason, say, words
from screening.hours import WEEKDAYS, format_hours, parse_hours
from screening.instants import instant
from screening.messages import Message, Refusal
from screening.mode import Mode, ModeSource
from screening.settings import Key

SCHEDULE_HELP = """\
forms:
  schedule [show]                 the schedule, and the mode in force now and until when
  schedule on | off               let business hours choose the mode, or not
  schedule set [--hours TEXT] [--open-mode MODE] [--closed-mode MODE] [--holidays on|off]
               [--closed-days TEXT] [--time-zone ZONE] [--on]

examples:
  schedule set --hours "mon-fri 9:00-12:00, 13:00-18:00; sat 9:00-12:00" --on
  schedule set --closed-mode ask --closed-days "12-29..01-03 年末年始; 2025-08-13..2025-08-16"

`mode MODE` while the schedule is on overrides it until the next time the office opens or
closes (`mode MODE --until-off`: until `mode schedule`).
"""

#: `schedule set`'s options and the settings they set.
SCHEDULE_OPTIONS = {
    "hours": Key.SCHEDULE_HOURS, "open_mode": Key.OPEN_MODE, "closed_mode": Key.CLOSED_MODE,
    "holidays": Key.PUBLIC_HOLIDAYS, "closed_days": Key.CLOSED_DAYS, "time_zone": Key.TIME_ZONE,
}


def add(commands: Commands) -> None:
    mode = commands("mode", "show the mode in force, or set the mode by hand; while the "
                            "schedule is on, that is a manual override until the schedule's "
                            "next change (or, with --until-off, until `mode schedule` turns it "
                            "off)", set_mode)
    mode.add_argument("mode", nargs="?", choices=[*(m.value for m in Mode), "schedule"],
                      help="a mode, or `schedule` to turn the manual override off")
    mode.add_argument("--until-off", action="store_true",
                      help="the override lasts until turned off, not until the next change")
    schedule = commands("schedule", "show or set business hours and the modes they choose",
                        set_schedule)
    schedule.formatter_class = argparse.RawDescriptionHelpFormatter
    schedule.epilog = SCHEDULE_HELP
    forms = schedule.add_subparsers(dest="schedule_command", metavar="show|set|on|off",
                                    parser_class=Parser)
    forms.add_parser("show", help="the schedule and the mode in force now (the default)")
    forms.add_parser("on", help="let the schedule choose the mode")
    forms.add_parser("off", help="the mode setting alone decides again")
    change = forms.add_parser("set", help="change parts of the schedule, all or nothing",
                              formatter_class=argparse.RawDescriptionHelpFormatter,
                              epilog=SCHEDULE_HELP)
    change.add_argument("--hours", help="business hours: 'mon-fri 9:00-12:00, 13:00-18:00; "
                                        "sat 9:00-12:00' (days not named are closed)")
    change.add_argument("--open-mode", choices=[m.value for m in Mode])
    change.add_argument("--closed-mode", choices=[m.value for m in Mode])
    change.add_argument("--holidays", choices=["on", "off"],
                        help="closed on Japanese public holidays")
    change.add_argument("--closed-days", help="'2025-08-13..2025-08-16 お盆; 12-29..01-03 年末年始'"
                                              " (replaces the list; '' for none)")
    change.add_argument("--time-zone", help="the office's time zone, like Asia/Tokyo")
    change.add_argument("--on", action="store_true", help="also turn the schedule on")


def describe_mode(mode: ModeState, time_zone: str) -> Message:
    """`schedule, office open, until 2025-01-06 (Mon) 18:00 JST`: where the mode comes from."""
    if mode.source is ModeSource.SETTING:
        return Message("mode.from.setting")
    if mode.source is ModeSource.OVERRIDE:
        source = Message("mode.source.override")
    elif mode.office_open is not None:
        source = Message("mode.source.open" if mode.office_open else "mode.source.closed")
    else:
        source = Message("mode.from.schedule")
    if mode.until is not None:
        until = Message("words.until", (instant(mode.until, time_zone),))
    else:
        until = Message("mode.until_off" if mode.source is ModeSource.OVERRIDE
                        else "mode.no_change")
    return Message("words.pair", (source, until))


def set_mode(ctx: Context, args: argparse.Namespace) -> int:
    modes = ctx.office.mode
    if args.mode == "schedule":
        state = modes.resume_schedule()
    elif args.mode:
        state = modes.set(args.mode, until_off=args.until_off)
    elif args.until_off:
        raise UsageError("--until-off needs a mode to set")
    else:
        state = modes.state()
    print(say(state.mode.message))
    if state.source is not ModeSource.SETTING:
        print(say(describe_mode(state, ctx.office.settings.get().time_zone)))
    elif args.mode == "schedule":
        print(words("mode.schedule_off"))
    return 0


def hours_text(typed: str) -> str:
    """Business hours with the days in the reader's words (`月-金 09:00-18:00`), as `--hours`
    takes them too; as stored when they cannot be read."""
    try:
        week = parse_hours(typed)
    except ValueError:
        return typed
    return format_hours(week, [words(f"schedule.day.{day}") for day in WEEKDAYS])


def print_schedule(ctx: Context) -> None:
    settings = ctx.office.settings.get()
    values, time_zone = settings.text, settings.time_zone
    hours = hours_text(values[Key.SCHEDULE_HOURS])
    rows = [
        ("schedule", words(f"switch.{values[Key.SCHEDULE]}")),
        ("hours", hours or words("schedule.closed_every_day")),
        ("open_mode", say(Mode(values[Key.OPEN_MODE]).message)),
        ("closed_mode", say(Mode(values[Key.CLOSED_MODE]).message)),
        ("holidays", words("schedule.holidays_closed" if settings.public_holidays
                           else "switch.off")),
        ("closed_days", "; ".join(say(days.words()) for days in settings.closed_days)
         or words("schedule.no_closed_days")),
        ("time_zone", time_zone),
    ]
    now = datetime.now(UTC)
    mode = ctx.office.mode.state(now)
    rows.append(("now", words("words.aside", mode.mode.message, describe_mode(mode, time_zone))))
    override, schedule = settings.override, settings.schedule  # read only while it is on
    if override is not None and schedule is not None:
        until = override.until(schedule)
        state = Message("override.in_force" if override.active(schedule, now)
                        else "override.not_yet" if override.set_at > now else "override.over")
        lasting = (Message("words.until", (instant(until, time_zone),)) if until
                   else Message("mode.until_off"))
        rows.append(("override", words("schedule.override", override.mode.message,
                                       instant(override.set_at, time_zone), lasting, state)))
    print_rows([(words(f"schedule.row.{row}"), value) for row, value in rows])


def set_schedule(ctx: Context, args: argparse.Namespace) -> int:
    command = args.schedule_command or "show"
    if command in ("on", "off"):
        ctx.office.mode.turn_schedule(command == "on")
    elif command == "set":
        changes = {key: given.strip() for option, key in SCHEDULE_OPTIONS.items()
                   if (given := getattr(args, option)) is not None}
        if not changes and not args.on:
            raise UsageError("schedule set: give at least one of --hours, --open-mode, "
                             "--closed-mode, --holidays, --closed-days, --time-zone, --on")
        try:
            ctx.office.mode.set_schedule(changes, turn_on=args.on)
        except Refusal as refusal:
            option = next((f"--{option.replace('_', '-')}: "
                           for option, key in SCHEDULE_OPTIONS.items() if key == refusal.field),
                          "")
            raise UsageError(f"{option}{reason(refusal)}") from None
    print_schedule(ctx)
    return 0
