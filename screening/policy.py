"""The office's screening policy: every setting that decides a call, and what a decision is.

The decision order that applies them is screening/decision_order.py's; this holds its words:
decisions, reasons, verdicts, a call for a person, the settings and their one-click presets.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum

from screening.instants import DEFAULT_TIME_ZONE
from screening.messages import NOTHING, Message, Refusal
from screening.mode import Mode
from screening.mode_in_force import ModeInForce, Override, mode_in_force
from screening.schedule import Schedule

__all__ = [
    "ASK_TIMEOUT_RANGE",
    "REPEAT_MINUTES_RANGE",
    "AskPerson",
    "CallerHandling",
    "CallerPreset",
    "Decision",
    "PayphoneHandling",
    "Reason",
    "ScreeningSettings",
    "Unanswered",
    "Verdict",
    "WithheldHandling",
    "failsafe",
    "parse_ask_timeout",
    "parse_repeat_minutes",
]

ASK_TIMEOUT_RANGE = (3.0, 60.0)
REPEAT_MINUTES_RANGE = (1.0, 60.0)


class Decision(StrEnum):
    ACCEPT = "accept"
    REJECT = "reject"

    @property
    def message(self) -> Message:
        """The decision as a word to be worded (inside a detail or a step)."""
        return _DECISION_WORDS[self]


_DECISION_WORDS = {Decision.ACCEPT: Message("decision.accept"),
                   Decision.REJECT: Message("decision.reject")}


class CallerHandling(StrEnum):
    """What to do with a class of callers (withheld, customers, unknown): follow the mode, or
    always accept, reject or ask a person."""

    MODE = "mode"
    ACCEPT = "accept"
    REJECT = "reject"
    ASK = "ask"

    @property
    def message(self) -> Message:
        return _HANDLING_WORDS[self]


_HANDLING_WORDS = {
    CallerHandling.MODE: Message("handling.mode"),
    CallerHandling.ACCEPT: Message("handling.accept"),
    CallerHandling.REJECT: Message("handling.reject"),
    CallerHandling.ASK: Message("handling.ask"),
}

# The name the setting had when only withheld callers had one; the console still uses it.
WithheldHandling = CallerHandling


class PayphoneHandling(StrEnum):
    """What to do with a payphone: by default whatever is done with withheld callers, as before
    payphones were told apart."""

    AS_WITHHELD = "withheld"
    MODE = "mode"
    ACCEPT = "accept"
    REJECT = "reject"
    ASK = "ask"


class Reason(StrEnum):
    RULE = "rule"
    WITHHELD = "withheld"
    MODE = "mode"
    PERSON = "person"
    TIMEOUT = "timeout"
    FAILSAFE = "failsafe"
    REFUSED = "refused"
    # Reached callgate, which stopped (crashed, was killed) before answering: commubo aborts a
    # call that gets no answer, so it was not let through. Recorded at the next start.
    STOPPED = "stopped"


@dataclass(frozen=True)
class ScreeningSettings:
    """Every setting that decides a call. Each field after `failsafe` defaults to the behaviour
    from before it existed."""

    mode: Mode = Mode.ACCEPT_ALL
    ask_timeout: float = 10.0
    ask_default: Decision = Decision.ACCEPT
    withheld: CallerHandling = CallerHandling.MODE
    failsafe: Decision = Decision.ACCEPT
    payphone: PayphoneHandling = PayphoneHandling.AS_WITHHELD
    customers: CallerHandling = CallerHandling.MODE
    unknown: CallerHandling = CallerHandling.MODE
    repeat_caller: bool = False
    repeat_minutes: float = 3.0
    schedule: Schedule | None = None
    override: Override | None = None
    office_zone: str = DEFAULT_TIME_ZONE  # the `time-zone` setting, schedule or not

    @property
    def time_zone(self) -> str:
        """The office's time zone: the schedule's, else the setting's."""
        return self.schedule.time_zone if self.schedule is not None else self.office_zone

    def mode_at(self, now: datetime | None, *, explain: bool = False) -> ModeInForce:
        """The mode in force at `now`: an active manual override, else the schedule, else the
        mode setting; the one place that combines the three. With `explain`, the steps that
        led there. `now` may be None only without a schedule and an override."""
        return mode_in_force(self.mode, self.schedule, self.override, now, explain=explain)


class CallerPreset(StrEnum):
    """The one-click settings for customers and unknown callers."""

    FOLLOW_MODE = "follow-mode"  # customers and unknown callers follow the mode
    CUSTOMERS_RING = "customers-ring"  # registered customers always ring through
    ASK_UNKNOWN = "ask-unknown"  # ask for unknown callers, let customers through

    @property
    def handling(self) -> tuple[CallerHandling, CallerHandling]:
        """(customers, unknown callers)."""
        return {
            CallerPreset.FOLLOW_MODE: (CallerHandling.MODE, CallerHandling.MODE),
            CallerPreset.CUSTOMERS_RING: (CallerHandling.ACCEPT, CallerHandling.MODE),
            CallerPreset.ASK_UNKNOWN: (CallerHandling.ACCEPT, CallerHandling.ASK),
        }[self]

    def apply(self, settings: ScreeningSettings) -> ScreeningSettings:
        customers, unknown = self.handling
        return replace(settings, customers=customers, unknown=unknown)

    @classmethod
    def of(cls, settings: ScreeningSettings) -> CallerPreset | None:
        """The preset the settings are set to, or None for another combination."""
        pair = (settings.customers, settings.unknown)
        return next((preset for preset in cls if preset.handling == pair), None)


@dataclass(frozen=True)
class Verdict:
    """A final decision with the reason a person can read back later; the detail says only
    what the reason does not (which rule, which mode), and nothing when the reason says all."""

    decision: Decision
    reason: Reason
    detail: Message = NOTHING
    rule_id: int | None = None
    decided_by: str | None = None  # the desk whose person decided (reason `person`)


class Unanswered(StrEnum):
    """Why a call waiting for a person got the default."""

    TIMED_OUT = "timed-out"  # nobody answered in time
    NO_CONSOLE = "no-console"  # nobody could: no console was open to ask
    ALL_AWAY = "all-away"  # nobody could: every desk attached is marked away
    STOPPING = "stopping"  # nobody could: callgate was stopping


@dataclass(frozen=True)
class AskPerson:
    """No rule or mode decides: a person has `timeout` seconds, then `default` applies."""

    timeout: float
    default: Decision
    detail: Message

    def timed_out(self, why: Unanswered = Unanswered.TIMED_OUT) -> Verdict:
        """The default, as the reason `timeout` says; and why nobody could answer (no console
        open, callgate stopping), when not merely nobody did."""
        default = self.default.message
        if why is Unanswered.NO_CONSOLE:
            detail = Message("detail.timeout.no_console", (default,))
        elif why is Unanswered.STOPPING:
            detail = Message("detail.timeout.stopping", (default,))
        elif why is Unanswered.ALL_AWAY:
            detail = Message("detail.timeout.away", (default,))
        else:
            detail = Message("detail.timeout", (default,))
        return Verdict(self.default, Reason.TIMEOUT, detail)


def _bounded(text: str, bounds: tuple[float, float], no_number: Refusal,
             out_of_range: Refusal) -> float:
    low, high = bounds
    try:
        value = float(text)
    except ValueError:
        raise no_number from None
    if not low <= value <= high:
        raise out_of_range
    return value


def parse_ask_timeout(text: str) -> float:
    """Seconds a person gets to decide; refuses values outside 3–60 s."""
    return _bounded(text, ASK_TIMEOUT_RANGE,
                    Refusal("refusal.ask_timeout.number", repr(text)),
                    Refusal("refusal.ask_timeout.range", *ASK_TIMEOUT_RANGE))


def parse_repeat_minutes(text: str) -> float:
    """Minutes within which a rejected number calling again rings through; 1–60."""
    return _bounded(text, REPEAT_MINUTES_RANGE,
                    Refusal("refusal.repeat_minutes.number", repr(text)),
                    Refusal("refusal.repeat_minutes.range", *REPEAT_MINUTES_RANGE))


def failsafe(settings: ScreeningSettings, why: Message) -> Verdict:
    """The decision when something inside callgate went wrong: never a 5xx for commubo."""
    return Verdict(settings.failsafe, Reason.FAILSAFE, why)
