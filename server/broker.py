"""Calls waiting for a person: a future per call, each with its own deadline."""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from enum import StrEnum

from screening.policy import AskPerson, Decision, Reason, Unanswered, Verdict

# Calls recently decided, remembered so that a late click hears "too late" (and from which
# desk the decision came), not "unknown".
RECENT_CALLS = 1000


class Resolved(StrEnum):
    """What became of a person's decision."""

    DECIDED = "decided"  # it decided the call
    TOO_LATE = "too-late"  # the call was decided already (by another desk, or its default)
    UNKNOWN_CALL = "unknown-call"  # no such call waited here


class DecisionBroker:
    """Lives on the listener's loop; consoles reach it through the console service."""

    def __init__(self) -> None:
        self._waiting: dict[str, asyncio.Future[tuple[Decision, str | None] | None]] = {}
        self._recent: OrderedDict[str, str | None] = OrderedDict()  # call id: deciding desk
        self._people = 0
        self._away = 0
        self._closed = False

    @property
    def waiting(self) -> int:
        return len(self._waiting)

    @property
    def can_ask(self) -> bool:
        return self._people > 0 and not self._closed

    def set_people(self, count: int, *, away: int = 0) -> None:
        """How many consoles can answer (and how many more are attached but away); with none,
        `ask` applies the default at once."""
        self._people = count
        self._away = away

    async def ask(self, call_id: str, ask: AskPerson) -> Verdict:
        if not self.can_ask:
            return ask.timed_out(Unanswered.STOPPING if self._closed else
                                 Unanswered.ALL_AWAY if self._away else Unanswered.NO_CONSOLE)
        answer: asyncio.Future[tuple[Decision, str | None] | None] = (
            asyncio.get_running_loop().create_future())
        self._waiting[call_id] = answer
        decided: tuple[Decision, str | None] | None = None
        try:
            decided = await asyncio.wait_for(answer, ask.timeout)
        except TimeoutError:
            return ask.timed_out()
        finally:
            self._waiting.pop(call_id, None)
            self._remember(call_id, decided[1] if decided is not None else None)
        if decided is None:
            return ask.timed_out(Unanswered.STOPPING)
        decision, desk = decided
        return Verdict(decision, Reason.PERSON, decided_by=desk)  # the reason says it all

    def resolve(self, call_id: str, decision: Decision, desk: str | None = None) -> Resolved:
        """A person's answer from `desk`; the first one decides, later ones are too late."""
        answer = self._waiting.get(call_id)
        if answer is not None and not answer.done():
            answer.set_result((decision, desk))
            return Resolved.DECIDED
        return Resolved.TOO_LATE if answer is not None or call_id in self._recent \
            else Resolved.UNKNOWN_CALL

    def decided_by(self, call_id: str) -> str | None:
        """The desk whose decision decided a call that no longer waits (None: its default
        decided it, or no desk is named)."""
        answer = self._waiting.get(call_id)
        if answer is not None and answer.done():  # decided a moment ago, not yet remembered
            decided = answer.result()
            return decided[1] if decided is not None else None
        return self._recent.get(call_id)

    def _remember(self, call_id: str, desk: str | None) -> None:
        self._recent[call_id] = desk
        while len(self._recent) > RECENT_CALLS:
            self._recent.popitem(last=False)

    def close(self) -> None:
        """Give every waiting call its timeout default now, so stopping cuts nobody off."""
        self._closed = True
        for answer in self._waiting.values():
            if not answer.done():
                answer.set_result(None)
