"""What became of a call, as the statistics count it: one outcome per call, from the decision
and the reason the history keeps, so that the outcomes of a day add up to its calls."""

from __future__ import annotations

from enum import StrEnum

from screening.policy import Decision, Reason


class Outcome(StrEnum):
    """In the order the statistics stack them."""

    ACCEPTED = "accepted"  # let through by a rule, the mode, a setting or a person
    RULE = "rule"  # rejected by a rule
    MODE = "mode"  # rejected by the mode or a caller setting (withheld, unknown callers)
    PERSON = "person"  # rejected by a person
    TIMEOUT = "timeout"  # nobody answered in time: the default decided, either way
    FAILSAFE = "failsafe"  # callgate's fail-safe decided, either way
    UNSCREENED = "unscreened"  # never screened: a refused request, or callgate stopped


_REJECTED = {Reason.RULE: Outcome.RULE, Reason.MODE: Outcome.MODE,
             Reason.WITHHELD: Outcome.MODE, Reason.PERSON: Outcome.PERSON}
_EITHER_WAY = {Reason.TIMEOUT: Outcome.TIMEOUT, Reason.FAILSAFE: Outcome.FAILSAFE,
               Reason.REFUSED: Outcome.UNSCREENED, Reason.STOPPED: Outcome.UNSCREENED}


def outcome(decision: Decision, reason: Reason) -> Outcome:
    """A timeout and the fail-safe are outcomes of their own whichever way they decided: what
    staff want to see is how often nobody, or nothing, screened the call."""
    either = _EITHER_WAY.get(reason)
    if either is not None:
        return either
    if decision is Decision.ACCEPT:
        return Outcome.ACCEPTED
    return _REJECTED[reason]
