"""The decision order, as the README tells users; the first step that applies decides.

1. Number rules (exact number, then the longest prefix; block wins a tie), then name rules on
   a registered customer's company or name. Expired rules never match.
2. Repeat caller (off by default): a number rejected within the last N minutes rings through.
3. The caller's class: withheld (非通知), payphone (公衆電話, treated as withheld by default),
   registered customer, unknown caller, each with a setting that by default follows the mode.
4. The mode in force: a manual override, else the schedule, else the mode setting.

`explain` returns the decision with every step that led to it; `screen` returns the decision
alone. Neither reads the clock: the caller passes `now`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from screening import phone
from screening.call import Call, CallerClass
from screening.instants import instant
from screening.messages import Message, quoted
from screening.mode import Mode, mode_detail
from screening.mode_in_force import ModeInForce
from screening.policy import (
    AskPerson,
    CallerHandling,
    Decision,
    PayphoneHandling,
    Reason,
    ScreeningSettings,
    Verdict,
)
from screening.rules import Action, Rule, RuleIndex, RuleMatch


@dataclass(frozen=True)
class Explanation:
    """A decision and how it came about: the basis of `explain` and "test a number"."""

    outcome: Verdict | AskPerson
    steps: tuple[Message, ...]
    caller_class: CallerClass
    rule: Rule | None = None  # the rule that decided, if one did (a one-shot rule is now used)
    mode: ModeInForce | None = None  # the mode in force, when it could be known

    @property
    def decision(self) -> str:
        """`accept`, `reject` or `ask`."""
        return "ask" if isinstance(self.outcome, AskPerson) else self.outcome.decision.value


# Callers of a class, in the steps of an explanation ("the setting for withheld callers").
_CLASS_NAMES = {
    CallerClass.WITHHELD: Message("callers.withheld"),
    CallerClass.PAYPHONE: Message("callers.payphone"),
    CallerClass.CUSTOMER: Message("callers.customer"),
    CallerClass.UNKNOWN: Message("callers.unknown"),
}


_CLASS_SETTING = {
    CallerClass.WITHHELD: "withheld",
    CallerClass.CUSTOMER: "customers",
    CallerClass.UNKNOWN: "unknown",
}
# One caller of a class, as the detail of a call that its class's setting decided.
_CLASS_DETAIL = {
    CallerClass.WITHHELD: Message("caller.withheld"),
    CallerClass.PAYPHONE: Message("caller.payphone"),
    CallerClass.CUSTOMER: Message("caller.customer"),
    CallerClass.UNKNOWN: Message("caller.unknown"),
}
_MODE_DETAILS = {mode: Message("detail.mode", (mode.message,)) for mode in Mode}


def _describe_caller(call: Call) -> Message:
    kind = call.caller_class
    raw = call.phone_number
    if kind is CallerClass.WITHHELD:
        if raw:
            return Message("step.caller.withheld_sent", (quoted(raw),))
        return Message("step.caller.withheld")
    if kind is CallerClass.PAYPHONE:
        return Message("step.caller.payphone", (quoted(raw),))
    customer = call.customer if kind is CallerClass.CUSTOMER else None
    who = " ".join(p for p in (customer.org_name, customer.name) if p) if customer else ""
    caller = call.caller
    if caller:
        number = (phone.display(caller), caller)
        if customer is None:
            return Message("step.caller.unknown", number)
        if who:
            return Message("step.caller.customer_named", (*number, who))
        return Message("step.caller.customer", number)
    if customer is None:
        return Message("step.caller.unknown_impossible", (quoted(raw),))
    if who:
        return Message("step.caller.customer_impossible_named", (quoted(raw), who))
    return Message("step.caller.customer_impossible", (quoted(raw),))


class _Decider:
    def __init__(
        self,
        call: Call,
        index: RuleIndex,
        settings: ScreeningSettings,
        now: datetime | None,
        last_reject: datetime | None,
        explaining: bool,
    ) -> None:
        self.explaining = explaining
        self.call = call
        self.index = index
        self.settings = settings
        self.now = now
        self.last_reject = last_reject
        self.steps: list[Message] = []
        self.mode: ModeInForce | None = None

    def say(self, step: Callable[[], Message]) -> None:
        """Note a step, when explaining: on the hot path the steps are never built."""
        if self.explaining:
            self.steps.append(step())

    def when(self, moment: datetime) -> Message:
        return instant(moment, self.settings.time_zone)

    def rules(self, match: RuleMatch, numbers: bool) -> tuple[Verdict, Rule] | None:
        """The rule that decides, of the number and prefix rules (`numbers`) or the name rules."""
        if not match.candidates:
            if numbers:
                self.say(lambda: Message("step.rules.none.number"))
            else:
                self.say(lambda: Message("step.rules.none.name"))
            return None
        if self.explaining:
            for candidate in match.candidates:
                rule = candidate.rule.describe()
                expires_at = candidate.rule.expires_at
                if candidate.expired and expires_at is not None:
                    step = Message("step.rule.expired", (rule, self.when(expires_at)))
                elif candidate.rule is match.rule:
                    step = Message("step.rule.matches", (rule,))
                else:
                    step = Message("step.rule.matches_too", (rule, match.why_not(candidate)))
                self.steps.append(step)
        applies = match.rule
        if applies is None:
            return None
        if applies.once:
            self.say(lambda: Message("step.rule.once"))
        # The reason says it is a rule: the detail says which.
        if applies.action is Action.ALLOW:
            verdict = Verdict(Decision.ACCEPT, Reason.RULE,
                              Message("detail.rule.allow", (applies.label,)), applies.id)
        else:
            verdict = Verdict(Decision.REJECT, Reason.RULE,
                              Message("detail.rule.block", (applies.label,)), applies.id)
        return verdict, applies

    def repeat(self) -> Verdict | None:
        settings = self.settings
        if not settings.repeat_caller:
            return None
        window = timedelta(minutes=settings.repeat_minutes)
        minutes = settings.repeat_minutes
        if not self.call.caller:
            self.say(lambda: Message("step.repeat.no_number"))
            return None
        if self.last_reject is None:
            self.say(lambda: Message("step.repeat.no_reject"))
            return None
        if self.now is None:
            raise ValueError("the repeat-caller setting needs the time of the call")
        last = self.last_reject
        ago = self.now - last
        within = timedelta() <= ago <= window
        if within:
            self.say(lambda: Message("step.repeat.within", (self.when(last), minutes)))
        else:
            self.say(lambda: Message("step.repeat.not_within", (self.when(last), minutes)))
            return None
        seconds = int(ago.total_seconds())
        before = f"{seconds // 60}:{seconds % 60:02d}"
        return Verdict(Decision.ACCEPT, Reason.MODE, Message("detail.repeat", (before,)))

    def caller_class(self) -> Verdict | AskPerson | None:
        settings = self.settings
        kind = self.call.caller_class
        handling: CallerHandling
        names = _CLASS_NAMES[kind]
        if kind is CallerClass.PAYPHONE:
            if settings.payphone is PayphoneHandling.AS_WITHHELD:
                self.say(lambda: Message("step.class.payphone_as_withheld"))
                handling, names = settings.withheld, _CLASS_NAMES[CallerClass.WITHHELD]
            else:
                handling = CallerHandling(settings.payphone.value)
        else:
            handling = getattr(settings, _CLASS_SETTING[kind])
        if handling is CallerHandling.MODE:
            self.say(lambda: Message("step.class.follows_mode", (names,)))
            return None
        self.say(lambda: Message("step.class.decides", (names, handling.message)))
        detail = _CLASS_DETAIL[kind]
        if handling is CallerHandling.ASK:
            return AskPerson(settings.ask_timeout, settings.ask_default, detail)
        # Until the record has reasons of their own for these, customers and unknown callers
        # decided by their setting are recorded as decided by the mode (the detail tells).
        if kind is CallerClass.WITHHELD:  # the reason says it all
            return Verdict(Decision(handling.value), Reason.WITHHELD)
        reason = Reason.WITHHELD if kind is CallerClass.PAYPHONE else Reason.MODE
        return Verdict(Decision(handling.value), reason, detail)

    def mode_in_force(self) -> ModeInForce:
        if self.mode is None:
            self.mode = self.settings.mode_at(self.now, explain=self.explaining)
        return self.mode

    def by_mode(self) -> Verdict | AskPerson:
        settings = self.settings
        if self.explaining or settings.schedule is not None or settings.override is not None:
            mode = self.mode_in_force()
            self.steps.extend(mode.steps)  # empty unless explaining
            chosen, detail = mode.mode, mode.detail
        else:  # the hot path without a schedule: the mode as set
            chosen, detail = settings.mode, mode_detail(settings.mode)
        if chosen is Mode.ASK:
            self.say(lambda: Message("step.mode.ask", (
                chosen.message, settings.ask_timeout, settings.ask_default.message)))
            return AskPerson(settings.ask_timeout, settings.ask_default, detail)
        decision = Decision.ACCEPT if chosen is Mode.ACCEPT_ALL else Decision.REJECT
        self.say(lambda: Message("step.mode.decides", (chosen.message, decision.message)))
        # The reason says "mode": the detail names which, and where it comes from.
        source = self.mode.why if self.mode is not None else None
        if source is None:
            return Verdict(decision, Reason.MODE, _MODE_DETAILS[chosen])
        return Verdict(decision, Reason.MODE,
                       Message("detail.mode.source", (chosen.message, source)))

    def decide(self) -> tuple[Verdict | AskPerson, Rule | None]:
        call = self.call
        self.say(lambda: _describe_caller(call))
        if call.caller:
            decided = self.rules(self.index.match_number(call.caller, self.now), numbers=True)
            if decided is not None:
                return decided
        if call.customer is not None and self.index.name_rules:
            decided = self.rules(self.index.match_name(call.customer, self.now), numbers=False)
            if decided is not None:
                return decided
        elif self.index.name_rules:
            self.say(lambda: Message("step.rules.customers_only"))
        outcome = self.repeat() or self.caller_class()
        if outcome is not None:
            return outcome, None
        return self.by_mode(), None

    def aside(self) -> None:
        """For explain: the mode in force, when something before it decided."""
        try:
            mode = self.mode_in_force()
        except ValueError:
            return
        self.say(lambda: Message("step.mode.not_needed", (mode.detail,)))


def explain(
    call: Call,
    rules: RuleIndex,
    settings: ScreeningSettings,
    *,
    now: datetime | None,
    last_reject: datetime | None = None,
) -> Explanation:
    """The decision for a call at `now` and every step that led to it, recording nothing.

    `last_reject` is when this caller's number was last rejected (for the repeat-caller
    setting). `now` may be None only when nothing needs the time: no schedule, no override, no
    expiring rule for this caller and no repeat-caller check; otherwise ValueError.
    """
    decider = _Decider(call, rules, settings, now, last_reject, explaining=True)
    outcome, rule = decider.decide()
    if decider.mode is None:
        decider.aside()
    return Explanation(outcome, tuple(decider.steps), call.caller_class, rule, decider.mode)


def screen(
    call: Call,
    rules: RuleIndex,
    settings: ScreeningSettings,
    *,
    now: datetime | None = None,
    last_reject: datetime | None = None,
) -> Verdict | AskPerson:
    """Decide a call in the order users read in the README (see `explain` for the inputs)."""
    decider = _Decider(call, rules, settings, now, last_reject, explaining=False)
    return decider.decide()[0]
