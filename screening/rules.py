"""Per-number allow and block rules, and which one applies to a caller."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum


class Action(StrEnum):
    ALLOW = "allow"
    BLOCK = "block"


@dataclass(frozen=True)
class Rule:
    """A rule on one canonical (E.164) number."""

    id: int
    number: str
    action: Action
    note: str = ""


def index_rules(rules: Iterable[Rule]) -> Mapping[str, Rule]:
    """Rules by number, for matching each call without a scan; block wins a tie."""
    index: dict[str, Rule] = {}
    for rule in rules:
        held = index.get(rule.number)
        if held is None or rule.action is Action.BLOCK:
            index[rule.number] = rule
    return index


def match_rule(caller: str | None, rules: Mapping[str, Rule]) -> Rule | None:
    """The rule for this canonical number, if any."""
    return rules.get(caller) if caller else None
