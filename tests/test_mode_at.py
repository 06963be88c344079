"""The mode in force is worked out in one place (issue 11): ScreeningSettings.mode_at combines
the mode setting, the schedule and a manual override; the policy, the listener's health, the
command line and the console all ask it."""

from __future__ import annotations

import ast
from datetime import UTC, datetime
from pathlib import Path

from screening.hours import parse_hours
from screening.mode import Mode, ModeSource
from screening.mode_in_force import Override
from screening.policy import ScreeningSettings
from screening.schedule import Schedule

PROJECT = Path(__file__).resolve().parent.parent
MONDAY_10 = datetime(2025, 1, 6, 1, 0, tzinfo=UTC)  # 10:00 in Tokyo
OFFICE = Schedule(week=parse_hours("mon-fri 09:00-18:00"), open_mode=Mode.ASK,
                  closed_mode=Mode.REJECT_ALL)


def test_the_setting_alone_without_a_schedule() -> None:
    held = Override(Mode.REJECT_ALL, MONDAY_10)
    state = ScreeningSettings(mode=Mode.ACCEPT_ALL, override=held).mode_at(MONDAY_10)
    assert (state.mode, state.source, state.until) == (Mode.REJECT_ALL, ModeSource.OVERRIDE,
                                                       None)
    plain = ScreeningSettings(mode=Mode.ACCEPT_ALL).mode_at(MONDAY_10)
    assert (plain.mode, plain.source, plain.steps) == (Mode.ACCEPT_ALL, ModeSource.SETTING, ())


def test_the_schedule_and_an_override_over_it() -> None:
    scheduled = ScreeningSettings(mode=Mode.ACCEPT_ALL, schedule=OFFICE)
    state = scheduled.mode_at(MONDAY_10)
    assert (state.mode, state.source) == (Mode.ASK, ModeSource.SCHEDULE)
    assert state.until == datetime(2025, 1, 6, 9, 0, tzinfo=UTC)  # 18:00 in Tokyo
    assert state.steps == (), "steps only when asked for"
    assert scheduled.mode_at(MONDAY_10, explain=True).steps
    night = Override(Mode.REJECT_ALL, MONDAY_10)
    overridden = ScreeningSettings(schedule=OFFICE, override=night).mode_at(MONDAY_10)
    assert (overridden.mode, overridden.source, overridden.until) == (
        Mode.REJECT_ALL, ModeSource.OVERRIDE, state.until)


def _calls_of_mode_in_force(source: str) -> list[int]:
    """Lines that call the pure mode_in_force(setting, schedule, override, ...) with arguments
    (a method `mode_in_force()` without any is another thing)."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and node.args:
            name = (node.func.id if isinstance(node.func, ast.Name)
                    else node.func.attr if isinstance(node.func, ast.Attribute) else "")
            if name == "mode_in_force":
                lines.append(node.lineno)
    return lines


def test_only_mode_at_combines_the_setting_the_schedule_and_the_override() -> None:
    found = {
        f"{path.relative_to(PROJECT)}:{line}"
        for layer in ("main.py", "screening", "storage", "application", "server", "cli", "gui")
        for path in ([PROJECT / layer] if layer.endswith(".py")
                     else sorted((PROJECT / layer).rglob("*.py")))
        if path.exists()
        for line in _calls_of_mode_in_force(path.read_text(encoding="utf-8"))
    }
    assert len(found) == 1 and next(iter(found)).startswith("screening/policy.py:"), found
