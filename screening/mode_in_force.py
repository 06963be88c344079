"""The mode in force at an instant: an active manual override, else the schedule, else the
mode setting; the one place that combines the three, with the steps that led there.

A manual override sets a mode by hand until the next schedule change (the default: "reject all"
set at night ends when the office opens) or until it is turned off.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from screening.instants import DEFAULT_TIME_ZONE, aware, instant
from screening.messages import Message
from screening.mode import Mode, ModeSource, mode_detail
from screening.schedule import Schedule, ScheduleState


class OverrideEnd(StrEnum):
    NEXT_CHANGE = "next-change"  # the default: ends when the office next opens or closes
    TURNED_OFF = "turned-off"  # lasts until someone turns it off


@dataclass(frozen=True)
class Override:
    """A mode set by hand at `set_at`, overriding the schedule."""

    mode: Mode
    set_at: datetime
    ends: OverrideEnd = OverrideEnd.NEXT_CHANGE

    def __post_init__(self) -> None:
        aware(self.set_at, "an override's set_at")

    def until(self, schedule: Schedule | None) -> datetime | None:
        """When the override ends by itself (UTC); None: when turned off. Without a schedule
        there is no next change, so it lasts until turned off too."""
        if self.ends is OverrideEnd.TURNED_OFF or schedule is None:
            return None
        return schedule.next_change(self.set_at)

    def active(self, schedule: Schedule | None, now: datetime) -> bool:
        until = self.until(schedule)
        return self.set_at <= now and (until is None or now < until)


@dataclass(frozen=True)
class ModeInForce:
    """The mode that decides calls at one instant, where it comes from, and until when."""

    mode: Mode
    source: ModeSource
    until: datetime | None  # when it changes by itself (UTC); None: only by hand
    steps: tuple[Message, ...]  # how it came about, step by step
    schedule: ScheduleState | None = None

    @property
    def why(self) -> Message | None:
        """Where the mode comes from, when not the mode setting: `manual override`, `schedule,
        office closed`; None for the setting."""
        if self.source is ModeSource.OVERRIDE:
            return _OVERRIDE
        if self.source is ModeSource.SCHEDULE and self.schedule is not None:
            return _SCHEDULE_OPEN if self.schedule.open else _SCHEDULE_CLOSED
        return None

    @property
    def detail(self) -> Message:
        """`mode ask`, `mode reject-all (schedule, office closed)`, `mode ask (manual override)`:
        short, for logs and a call waiting for a person."""
        why = self.why
        if why is None:
            return mode_detail(self.mode)
        return Message("mode.detail.source", (self.mode.message, why))


_OVERRIDE = Message("mode.source.override")
_SCHEDULE_OPEN = Message("mode.source.open")
_SCHEDULE_CLOSED = Message("mode.source.closed")


def mode_in_force(
    mode: Mode,
    schedule: Schedule | None = None,
    override: Override | None = None,
    now: datetime | None = None,
    *,
    explain: bool = True,
) -> ModeInForce:
    """Which mode decides at `now`: an active manual override, else the schedule, else the
    mode setting. `now` may be None only without a schedule and an override. With `explain`
    false the steps are left empty (they cost more than the answer)."""
    time_zone = schedule.time_zone if schedule is not None else DEFAULT_TIME_ZONE

    def when(moment: datetime) -> Message:
        return instant(moment, time_zone)

    steps: list[Message] = []

    def say(step: Callable[[], Message]) -> None:
        if explain:
            steps.append(step())

    if now is None:
        if schedule is not None or override is not None:
            raise ValueError("a schedule or an override needs the time of the call")
        say(lambda: Message("step.mode.setting", (mode.message,)))
        return ModeInForce(mode, ModeSource.SETTING, None, tuple(steps))
    aware(now, "now")
    state: ScheduleState | None = None
    chosen, source, until = mode, ModeSource.SETTING, None
    if schedule is None:
        say(lambda: Message("step.mode.no_schedule", (mode.message,)))
    else:
        state = schedule.state_at(now)
        scheduled = state

        def schedule_step() -> Message:
            if scheduled.until is None:
                return Message("step.schedule.no_change", (
                    time_zone, when(now), scheduled.why, scheduled.mode.message))
            return Message("step.schedule.until", (
                time_zone, when(now), scheduled.why, scheduled.mode.message,
                when(scheduled.until)))

        say(schedule_step)
        chosen, source, until = state.mode, ModeSource.SCHEDULE, state.until
    if override is not None:
        ends = override.until(schedule)
        manual = override
        if override.set_at > now:
            say(lambda: Message("step.override.later", (
                manual.mode.message, when(manual.set_at))))
        elif ends is None:
            say(lambda: Message("step.override.active", (
                manual.mode.message, when(manual.set_at))))
            chosen, source, until = override.mode, ModeSource.OVERRIDE, None
        else:
            change = ends
            if now < change:  # override.active(), without a second `until`
                say(lambda: Message("step.override.active_until", (
                    manual.mode.message, when(manual.set_at), when(change))))
                chosen, source, until = override.mode, ModeSource.OVERRIDE, change
            else:
                say(lambda: Message("step.override.expired", (
                    manual.mode.message, when(manual.set_at), when(change))))
    return ModeInForce(chosen, source, until, tuple(steps), state)
