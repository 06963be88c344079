"""A rule as a person asks for it, before it is checked: what the command line's `block` and
`allow`, a CSV row of `import-rules` and the console's rule dialog all hand over, so that one
validation (application/rules.py) refuses the same input with the same reason everywhere."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from screening.rules import Action


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
