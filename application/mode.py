"""The mode in force, and the mode and schedule as people set them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlite_utils import Database

from application.settings import SettingsService
from screening.messages import Refusal
from screening.mode import Mode, ModeSource
from screening.mode_in_force import ModeInForce, OverrideEnd
from screening.settings import SCHEDULE_KEYS, Key, OfficeSettings, key_of
from storage.database import writing


@dataclass(frozen=True)
class ModeState:
    """The mode deciding calls at an instant, where it comes from, until when it lasts by
    itself (None: until changed by hand), and while a schedule is on, whether the office is
    open."""

    mode: Mode
    source: ModeSource
    until: datetime | None = None
    office_open: bool | None = None

    @classmethod
    def of(cls, in_force: ModeInForce) -> ModeState:
        state = in_force.schedule
        return cls(in_force.mode, in_force.source, in_force.until,
                   state.open if state is not None else None)


_NO_OVERRIDE = {Key.OVERRIDE_MODE: "", Key.OVERRIDE_SET_AT: ""}


class ModeService:
    def __init__(self, db: Callable[[], Database], settings: SettingsService) -> None:
        self._db = db
        self._settings = settings

    def in_force(self, now: datetime | None = None, *, explain: bool = False) -> ModeInForce:
        """The mode in force at `now` (the clock's if None), with its steps when `explain`."""
        return self._settings.screening().mode_at(now or datetime.now(UTC), explain=explain)

    def state(self, now: datetime | None = None) -> ModeState:
        return ModeState.of(self.in_force(now))

    def set(self, mode: Mode | str, *, until_off: bool = False,
            now: datetime | None = None) -> ModeState:
        """The mode set by hand (`mode MODE`, the console's mode buttons).

        It always becomes the `mode` setting. While the schedule is on it also becomes a manual
        override from `now`, until the schedule's next change (the default: "reject all" set at
        night ends when the office opens) or, with `until_off`, until turned off. With the
        schedule off the `mode` setting alone decides, and any stored override is cleared.
        """
        moment = (now or datetime.now(UTC)).astimezone(UTC)
        with writing(self._db()):
            changes: dict[Key, str] = {Key.MODE: str(mode)}
            if self._settings.get().schedule_on:
                ends = OverrideEnd.TURNED_OFF if until_off else OverrideEnd.NEXT_CHANGE
                changes |= {Key.OVERRIDE_MODE: str(mode),
                            Key.OVERRIDE_SET_AT: moment.isoformat(timespec="seconds"),
                            Key.OVERRIDE_ENDS: ends}
            else:
                changes |= _NO_OVERRIDE
            self._settings.save(changes)
        return self.state(now)

    def resume_schedule(self, now: datetime | None = None) -> ModeState:
        """The manual override off: the schedule decides again."""
        self._settings.save(_NO_OVERRIDE)
        return self.state(now)

    def turn_schedule(self, on: bool, now: datetime | None = None) -> ModeState:
        """Let business hours choose the mode, or not; either way an override left from before
        ends."""
        self._settings.save({Key.SCHEDULE: "on" if on else "off", **_NO_OVERRIDE})
        return self.state(now)

    def set_schedule(self, changes: Mapping[Key, str] | Mapping[str, str], *,
                     turn_on: bool = False) -> OfficeSettings:
        """Change parts of the schedule (SCHEDULE_KEYS), all or nothing; `turn_on` also turns
        it on (ending an override left from before)."""
        parts: dict[Key, str] = {}
        for name, text in changes.items():
            key = key_of(name)
            if key not in SCHEDULE_KEYS:
                raise Refusal("refusal.schedule.key", key, field=key)
            parts[key] = text
        if turn_on:
            parts |= {Key.SCHEDULE: "on", **_NO_OVERRIDE}
        return self._settings.save(parts)
