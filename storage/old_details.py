"""The English details callgate wrote into the history before details were codes, read back as
the codes that say the same (migration 0008). Every form any version wrote is here: before
issue 10's wording (`block rule for 03-3000-1234`, `mode reject-all (schedule, office closed)`,
`nobody answered in time; default accept`) and after it (`block 03-3000-1234`, `reject-all,
schedule, office closed`, `default accept`). A detail matching none of them is kept as its
words (Message.text), so it still reads as it did."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from screening.messages import NOTHING, TEXT, Message
from screening.mode import Mode
from screening.policy import Decision, Reason

_MODE = "|".join(mode.value for mode in Mode)
_DECISION = "|".join(decision.value for decision in Decision)
_SOURCES = {
    "manual override": Message("mode.source.override"),
    "schedule, office open": Message("mode.source.open"),
    "schedule, office closed": Message("mode.source.closed"),
}
_SOURCE = "|".join(re.escape(source) for source in _SOURCES)

Build = Callable[[re.Match[str]], Message]


def _mode(found: re.Match[str]) -> Message:
    mode = Mode(found["mode"]).message
    if found["source"] is None:
        return Message("detail.mode", (mode,))
    return Message("detail.mode.source", (mode, _SOURCES[found["source"]]))


def _rule(found: re.Match[str]) -> Message:
    kind, target = found["kind"], found["target"]
    if kind == "prefix":
        label = Message("rule.prefix", (target,))
    elif kind == "name":
        label = Message("rule.name", (target,))
    else:
        label = Message("rule.number", (target,))
    if found["action"] == "allow":
        return Message("detail.rule.allow", (label,))
    return Message("detail.rule.block", (label,))


def _timeout(found: re.Match[str]) -> Message:
    default = Decision(found["default"]).message
    if found["why"] == "no console is open to ask":
        return Message("detail.timeout.no_console", (default,))
    if found["why"] == "callgate is stopping":
        return Message("detail.timeout.stopping", (default,))
    return Message("detail.timeout", (default,))  # nobody answered in time


def _fixed(message: Message) -> Build:
    return lambda _: message


#: Per reason, each English form and the message it becomes.
FORMS: dict[Reason, list[tuple[re.Pattern[str], Build]]] = {
    Reason.RULE: [
        (re.compile(r"(?P<action>allow|block)(?: rule for)? (?:(?P<kind>prefix|name) )?"
                    r"(?P<target>.+)", re.DOTALL), _rule),
    ],
    Reason.MODE: [
        # mode reject-all (schedule, office closed) · reject-all, schedule, office closed
        (re.compile(rf"mode (?P<mode>{_MODE})(?: \((?P<source>{_SOURCE})\))?"), _mode),
        (re.compile(rf"(?P<mode>{_MODE})(?:, (?P<source>{_SOURCE}))?"), _mode),
        (re.compile(r"repeat caller: rejected (?P<before>\d+:\d\d) min before"),
         lambda found: Message("detail.repeat", (found["before"],))),
        (re.compile("registered customer"), _fixed(Message("caller.customer"))),
        (re.compile("unknown caller"), _fixed(Message("caller.unknown"))),
    ],
    Reason.WITHHELD: [
        (re.compile("withheld caller"), _fixed(NOTHING)),  # the reason says it
        (re.compile("payphone"), _fixed(Message("caller.payphone"))),
    ],
    Reason.PERSON: [
        (re.compile("decided by a person"), _fixed(NOTHING)),  # the reason says it
    ],
    Reason.TIMEOUT: [
        (re.compile(r"(?:(?P<why>nobody answered in time|no console is open to ask|"
                    rf"callgate is stopping); )?default (?P<default>{_DECISION})"), _timeout),
    ],
    Reason.FAILSAFE: [
        (re.compile("the body is not a JSON object"),
         _fixed(Message("detail.failsafe.not_json"))),
        (re.compile(r"unexpected error: (?P<error>.*)", re.DOTALL),
         lambda found: Message("detail.failsafe.unexpected", (found["error"],))),
        (re.compile(r"screening failed: (?P<error>.*)", re.DOTALL),
         lambda found: Message("detail.failsafe.screening", (found["error"],))),
        (re.compile(r"storage failed: (?P<error>.*)", re.DOTALL),
         lambda found: Message("detail.failsafe.storage", (found["error"],))),
    ],
    Reason.REFUSED: [
        (re.compile(r"body larger than (?P<kib>\d+) KiB"),
         lambda found: Message("detail.refused.too_large", (int(found["kib"]),))),
        (re.compile(r"content type must be application/json, not (?P<type>.*)", re.DOTALL),
         lambda found: Message("detail.refused.content_type", (found["type"],))),
        (re.compile(r"the body did not arrive within (?P<seconds>\d+(?:\.\d+)?) s"),
         lambda found: Message("detail.refused.stalled", (float(found["seconds"]),))),
        (re.compile("the client disconnected before its whole body arrived"),
         _fixed(Message("detail.refused.client_left"))),
    ],
    Reason.STOPPED: [
        (re.compile("commubo got no answer and aborted the call; recorded at the next start"),
         _fixed(Message("detail.stopped"))),
    ],
}


def old_detail(reason: str, words: str) -> Message:
    """The message an English detail of a call decided for `reason` says."""
    try:
        forms = FORMS[Reason(reason)]
    except (ValueError, KeyError):
        forms = []
    for pattern, build in forms:
        found = pattern.fullmatch(words)
        if found is not None:
            return build(found)
    return Message.text(words)


@lru_cache(maxsize=4096)
def coded(reason: str | None, stored: str | None) -> str:
    """A stored detail as the history keeps it from now on (SQL function of migration 0008):
    English made a code, a code left as it is."""
    if not stored:
        return ""
    message = Message.from_json(stored)
    if message.code != TEXT:  # already a code
        return stored
    detail = old_detail(reason or "", stored)
    return detail.to_json() if detail else ""
