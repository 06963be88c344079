"""The decision order: rules, then the withheld-caller setting, then the mode."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from screening import phone
from screening.call import Call
from screening.rules import Action, Rule, match_rule

ASK_TIMEOUT_RANGE = (3.0, 60.0)


class Decision(StrEnum):
    ACCEPT = "accept"
    REJECT = "reject"


class Mode(StrEnum):
    ACCEPT_ALL = "accept-all"
    REJECT_ALL = "reject-all"
    ASK = "ask"


class WithheldHandling(StrEnum):
    """What to do with a caller who shows no number."""

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


@dataclass(frozen=True)
class ScreeningSettings:
    mode: Mode = Mode.ACCEPT_ALL
    ask_timeout: float = 10.0
    ask_default: Decision = Decision.ACCEPT
    withheld: WithheldHandling = WithheldHandling.MODE
    failsafe: Decision = Decision.ACCEPT


@dataclass(frozen=True)
class Verdict:
    """A final decision with the reason a person can read back later."""

    decision: Decision
    reason: Reason
    detail: str = ""
    rule_id: int | None = None


@dataclass(frozen=True)
class AskPerson:
    """No rule or mode decides: a person has `timeout` seconds, then `default` applies."""

    timeout: float
    default: Decision
    detail: str

    def timed_out(self, why: str = "nobody answered in time") -> Verdict:
        return Verdict(self.default, Reason.TIMEOUT, f"{why}; default {self.default}")


def parse_ask_timeout(text: str) -> float:
    """Seconds a person gets to decide; refuses values outside 3–60 s."""
    low, high = ASK_TIMEOUT_RANGE
    try:
        seconds = float(text)
    except ValueError:
        raise ValueError(f"ask timeout must be a number of seconds, not {text!r}") from None
    if not low <= seconds <= high:
        raise ValueError(f"ask timeout must be between {low:g} and {high:g} seconds")
    return seconds


def screen(
    call: Call, rules: Mapping[str, Rule], settings: ScreeningSettings
) -> Verdict | AskPerson:
    """Decide a call in the order users read in the README."""
    rule = match_rule(call.caller, rules)
    if rule is not None:
        decision = Decision.ACCEPT if rule.action is Action.ALLOW else Decision.REJECT
        detail = f"{rule.action} rule for {phone.display(rule.number)}"
        return Verdict(decision, Reason.RULE, detail, rule.id)
    if call.withheld and settings.withheld is not WithheldHandling.MODE:
        if settings.withheld is WithheldHandling.ASK:
            return AskPerson(settings.ask_timeout, settings.ask_default, "withheld caller")
        return Verdict(Decision(settings.withheld.value), Reason.WITHHELD, "withheld caller")
    if settings.mode is Mode.ASK:
        return AskPerson(settings.ask_timeout, settings.ask_default, "mode ask")
    decision = Decision.ACCEPT if settings.mode is Mode.ACCEPT_ALL else Decision.REJECT
    return Verdict(decision, Reason.MODE, f"mode {settings.mode}")


def failsafe(settings: ScreeningSettings, why: str) -> Verdict:
    """The decision when something inside callgate went wrong: never a 5xx for commubo."""
    return Verdict(settings.failsafe, Reason.FAILSAFE, why)
