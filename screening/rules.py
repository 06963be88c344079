"""Allow and block rules on numbers, prefixes and customer names, and which one applies.

Which rule wins (the README's "How a call is decided" says the same to users):

1. Number rules first: an exact number beats every prefix, a longer prefix beats a shorter one
   (`03-3000-*` beats `03*`), and at equal specificity block beats allow. Prefixes compare the
   canonical E.164 number, so `0120*` and `+81120*` are one prefix.
2. Only when no number rule applies, name rules: they match the customer's company or name when
   commubo sent a `customer` object. A longer name beats a shorter one (`エーアイ化粧品 東京支店`
   beats `エーアイ化粧品`), and at equal length block beats allow. Numbers come first because a
   number names one line exactly, while a name is only as good as commubo's customer list.
3. An expired rule never matches (it is reported as expired until someone removes it). A one-shot
   rule (`once`) is used up by the call it lets through: the caller of `screen` then stores
   `rule.used(at)`, which expires it at that moment.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from screening import phone
from screening.call import Customer
from screening.instants import instant
from screening.messages import Message, Refusal
from screening.names import customer_names, fold

EXACT = 100  # the specificity of an exact number: above any prefix (at most 15 digits)


class Action(StrEnum):
    ALLOW = "allow"
    BLOCK = "block"


class RuleKind(StrEnum):
    NUMBER = "number"  # one canonical number, in `number`
    PREFIX = "prefix"  # a canonical prefix like `+81120*`, in `pattern`
    NAME = "name"  # a company or person name as typed, in `pattern`


def shown_target(kind: RuleKind, target: str) -> str:
    """A canonical target as people write it: `03-3000-1234`, `0120*`, or the name."""
    if kind is RuleKind.NUMBER:
        return phone.display(target)
    if kind is RuleKind.PREFIX:
        return phone.display_prefix(target)
    return target


@dataclass(frozen=True)
class Rule:
    """A rule on one canonical (E.164) number, one prefix or one customer name.

    The fields after `note` default to what every rule was before prefixes, names and expiry
    existed: a permanent rule on one number.
    """

    id: int
    number: str
    action: Action
    note: str = ""
    kind: RuleKind = RuleKind.NUMBER
    pattern: str = ""
    expires_at: datetime | None = None
    once: bool = False

    def __post_init__(self) -> None:
        if self.expires_at is not None and self.expires_at.utcoffset() is None:
            raise ValueError("a rule's expiry must be an aware datetime (with a time zone)")

    @property
    def target(self) -> str:
        """What the rule names, canonical: the number, the prefix (`+81120*`) or the name."""
        return self.number if self.kind is RuleKind.NUMBER else self.pattern

    @property
    def label(self) -> Message:
        """What the rule names, as people write it: `03-3000-1234`, `prefix 0120*`, `name …`."""
        if self.kind is RuleKind.PREFIX:
            return Message("rule.prefix", (phone.display_prefix(self.pattern),))
        if self.kind is RuleKind.NAME:
            return Message("rule.name", (self.pattern,))
        return Message("rule.number", (phone.display(self.number),))

    def describe(self) -> Message:
        """`One-shot allow rule #3 for prefix 0120*`, as the subject of a sentence."""
        if self.action is Action.ALLOW:
            return Message("rule.allow.once" if self.once else "rule.allow", (self.id, self.label))
        return Message("rule.block.once" if self.once else "rule.block", (self.id, self.label))

    def expired(self, now: datetime) -> bool:
        """True from the moment of its expiry on (a used one-shot rule is expired too)."""
        return self.expires_at is not None and self.expires_at <= now

    def used(self, at: datetime) -> Rule:
        """A one-shot rule after it let a call through: expired from `at` on."""
        return replace(self, expires_at=at if self.expires_at is None else min(at, self.expires_at))


# ---------------------------------------------------------------------------------------------
# Matching every kind of rule


@dataclass(frozen=True)
class Candidate:
    """A rule that names the caller, and how specifically."""

    rule: Rule
    specificity: int  # EXACT for a number; digits of a prefix; folded length of a name
    expired: bool


def _rank(candidate: Candidate) -> tuple[int, bool, bool, int]:
    rule = candidate.rule
    return (-candidate.specificity, rule.action is not Action.BLOCK, rule.once, rule.id)


@dataclass(frozen=True)
class RuleMatch:
    """Every rule that names the caller, most specific first (block first at equal
    specificity), and the one that applies: the first that has not expired."""

    candidates: tuple[Candidate, ...] = ()
    rule: Rule | None = None

    def why_not(self, candidate: Candidate) -> Message:
        """Why a live candidate did not apply (it lost to `rule`)."""
        winner = next(c for c in self.candidates if c.rule is self.rule)
        if candidate.specificity < winner.specificity:
            return Message("rule.why_not.more_specific")
        if winner.rule.action is not candidate.rule.action:
            return Message("rule.why_not.block_wins")
        return Message("rule.why_not.equal")


NO_MATCH = RuleMatch()


def _matched(candidates: list[Candidate]) -> RuleMatch:
    if not candidates:
        return NO_MATCH
    candidates.sort(key=_rank)
    rule = next((c.rule for c in candidates if not c.expired), None)
    return RuleMatch(tuple(candidates), rule)


def _is_expired(rule: Rule, now: datetime | None) -> bool:
    if rule.expires_at is None:
        return False
    if now is None:
        raise ValueError(f"rule #{rule.id} expires: deciding needs the time of the call")
    return rule.expired(now)


_PREFIX = re.compile(r"\+[1-9][0-9]{0,14}\*")


class RuleIndex:
    """Every rule, indexed so that one call costs a few dictionary look-ups, however many
    rules there are (one per prefix length of the caller's number, plus a scan of name rules,
    only for registered customers). Build it once per change of the rules.

    Rules whose target is malformed (a prefix that is not canonical, an empty number or name)
    can match nothing and are left out of matching.
    """

    def __init__(self, rules: Iterable[Rule] = ()) -> None:
        self._rules = tuple(rules)
        self._numbers: dict[str, list[Rule]] = {}
        self._prefixes: dict[str, list[Rule]] = {}
        self._names: list[tuple[str, Rule]] = []
        for rule in self._rules:
            if rule.kind is RuleKind.NUMBER and rule.number:
                self._numbers.setdefault(rule.number, []).append(rule)
            elif rule.kind is RuleKind.PREFIX and _PREFIX.fullmatch(rule.pattern):
                self._prefixes.setdefault(rule.pattern[:-1], []).append(rule)
            elif rule.kind is RuleKind.NAME and (folded := fold(rule.pattern)):
                self._names.append((folded, rule))

    @property
    def rules(self) -> tuple[Rule, ...]:
        return self._rules

    def __len__(self) -> int:
        return len(self.rules)

    def __iter__(self) -> Iterator[Rule]:
        return iter(self.rules)

    @property
    def name_rules(self) -> int:
        """How many name rules can match."""
        return len(self._names)

    def match_number(self, caller: str | None, now: datetime | None) -> RuleMatch:
        """The number and prefix rules for a canonical number, and the one that applies.

        `now` may be None only while no candidate rule carries an expiry.
        """
        if not caller:
            return NO_MATCH
        found = [
            Candidate(rule, EXACT, _is_expired(rule, now)) for rule in self._numbers.get(caller, ())
        ]
        for length in range(len(caller), 1, -1):
            for rule in self._prefixes.get(caller[:length], ()):
                found.append(Candidate(rule, length - 1, _is_expired(rule, now)))
        return _matched(found)

    def match_name(self, customer: Customer | None, now: datetime | None) -> RuleMatch:
        """The name rules that match a registered customer's names, and the one that applies."""
        if customer is None or not self._names:
            return NO_MATCH
        names = customer_names(customer)
        found = [
            Candidate(rule, len(folded), _is_expired(rule, now))
            for folded, rule in self._names
            if any(folded in name for name in names)
        ]
        return _matched(found)


# ---------------------------------------------------------------------------------------------
# What people type


def parse_target(raw: str) -> tuple[RuleKind, str]:
    """A number or prefix typed for a rule, canonical: `0120*` → (PREFIX, `+81120*`),
    `03-3000-1234` → (NUMBER, `+81330001234`). Raises phone.InvalidNumber (a Refusal).
    Name rules are asked for by name (names.parse_name), never guessed from the text."""
    if "*" in unicodedata.normalize("NFKC", raw):
        return RuleKind.PREFIX, phone.parse_prefix(raw)
    return RuleKind.NUMBER, phone.parse_rule_number(raw)


# The units as people write them, in English and in Japanese (30分, 2時間, 7日, 2週間).
_UNITS = {"min": "minutes", "m": "minutes", "h": "hours", "d": "days", "w": "weeks",
          "分": "minutes", "分間": "minutes", "時間": "hours", "日": "days", "日間": "days",
          "週": "weeks", "週間": "weeks"}
_UNIT = "|".join(sorted(_UNITS, key=len, reverse=True))  # the longest first: 分間 before 分
_DURATION = re.compile(rf"(?:\s*\d+\s*(?:{_UNIT}))+\s*", re.IGNORECASE)
_DURATION_PART = re.compile(rf"(\d+)\s*({_UNIT})", re.IGNORECASE)


def parse_duration(raw: str) -> timedelta:
    """How long a temporary rule lasts: `30m`, `24h`, `7d`, `2w`, or combined like `1h30m`;
    in Japanese too: `30分`, `2時間`, `7日`, `2週間`, `1時間30分`."""
    text = unicodedata.normalize("NFKC", raw)
    if not _DURATION.fullmatch(text):
        raise Refusal("refusal.duration.form", repr(raw))
    total = timedelta()
    try:
        for part in _DURATION_PART.finditer(text):
            total += timedelta(**{_UNITS[part[2].lower()]: int(part[1])})
    except OverflowError:
        raise Refusal("refusal.duration.too_long", repr(raw)) from None
    if total <= timedelta():
        raise Refusal("refusal.duration.zero", repr(raw))
    return total


def future_expiry(expires_at: datetime, now: datetime, time_zone: str) -> datetime:
    """The end a person asked for a temporary rule (`--until`, the rule dialog's date), when it
    is still ahead; a Refusal when it has passed."""
    if expires_at <= now:
        raise Refusal("refusal.until.past", instant(expires_at, time_zone))
    return expires_at
