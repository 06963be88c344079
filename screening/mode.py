"""The three modes, and the three places the mode in force comes from.

The words that the command line, the console protocol and the console share; which mode is in
force at an instant is screening/mode_in_force.py's.
"""

from __future__ import annotations

from enum import StrEnum

from screening.messages import Message


class Mode(StrEnum):
    ACCEPT_ALL = "accept-all"
    REJECT_ALL = "reject-all"
    ASK = "ask"

    @property
    def message(self) -> Message:
        """The mode as a word to be worded (inside a detail or a step)."""
        return _MODE_WORDS[self]


_MODE_WORDS = {
    Mode.ACCEPT_ALL: Message("mode.accept-all"),
    Mode.REJECT_ALL: Message("mode.reject-all"),
    Mode.ASK: Message("mode.ask"),
}


class ModeSource(StrEnum):
    SETTING = "setting"  # no schedule: the mode as set
    SCHEDULE = "schedule"
    OVERRIDE = "override"


_MODE_DETAILS = {mode: Message("mode.detail", (mode.message,)) for mode in Mode}


def mode_detail(mode: Mode) -> Message:
    """`mode ask`: the mode setting's detail (made once per mode: the hot path asks for it)."""
    return _MODE_DETAILS[mode]
