"""A rule as a person asks for it, before it is checked: what the command line's `block` and
`allow`, a CSV row of `import-rules` and the console's rule dialog all hand over, so that one
validation (`validate`, here) refuses the same input with the same reason everywhere."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from screening.instants import parse_instant
from screening.messages import Refusal, naming
from screening.names import parse_name
from screening.rules import Action, RuleKind, future_expiry, parse_duration, parse_target


class ExpiryKind(StrEnum):
    NEVER = "never"
    FOR = "for"  # a duration as typed: 30m, 24h, 7d, 1h30m
    UNTIL = "until"  # an instant: typed (office time unless an offset is given) or picked


@dataclass(frozen=True)
class RuleDraft:
    """`target` is a number, a prefix (`0120*`) or, with `is_name`, a customer's name, as
    typed. `until` is a picked instant (the console's date picker); `expiry_text` what was
    typed for FOR or UNTIL."""

    target: str
    action: Action
    note: str = ""
    is_name: bool = False
    expiry: ExpiryKind = ExpiryKind.NEVER
    expiry_text: str = ""
    until: datetime | None = None
    once: bool = False


@dataclass(frozen=True)
class RuleEntry:
    """A rule checked and ready to store: what `validate` makes of a draft."""

    target: str  # canonical: number, prefix `+81120*` or name
    action: Action
    note: str = ""
    kind: RuleKind = RuleKind.NUMBER
    expires_at: datetime | None = None
    once: bool = False


def target_of(text: str, *, is_name: bool = False) -> tuple[RuleKind, str]:
    """A number, a prefix (`0120*`) or, with `is_name`, a customer's name, canonical; a
    Refusal naming the field `target` otherwise."""
    with naming("target"):
        return (RuleKind.NAME, parse_name(text)) if is_name else parse_target(text)


def expiry_of(draft: RuleDraft, now: datetime, time_zone: str) -> datetime | None:
    """When the rule a draft asks for ends (None: never); an end already past is refused, as
    everywhere a person sets one."""
    if draft.expiry is ExpiryKind.NEVER:
        return None
    typed = draft.expiry_text.strip()
    with naming("expiry"):
        if draft.expiry is ExpiryKind.FOR:
            if not typed:
                raise Refusal("refusal.rule.expiry_missing")
            length = parse_duration(typed)
            try:
                return now + length
            except OverflowError:
                raise Refusal("refusal.rule.duration_too_long", typed) from None
        if draft.until is not None:
            until = draft.until
        elif typed:
            until = parse_instant(typed, time_zone)
        else:
            raise Refusal("refusal.rule.expiry_missing")
        return future_expiry(until, now, time_zone)


def validate(draft: RuleDraft, now: datetime, time_zone: str) -> RuleEntry:
    """The one check of a rule as a person asks for it (`block`, `allow`, a row of
    `import-rules`, the console's rule dialog): the rule to store, or a Refusal whose `field`
    says which part is wrong (`target`, `expiry`, `once`). `time_zone` is the office's, for an
    end typed without an offset."""
    kind, target = target_of(draft.target, is_name=draft.is_name)
    if draft.once and draft.action is not Action.ALLOW:
        raise Refusal("refusal.rule.once_block", field="once")
    return RuleEntry(target, draft.action, draft.note, kind, expiry_of(draft, now, time_zone),
                     draft.once)
