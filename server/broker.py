"""Calls waiting for a person: a future per call, each with its own deadline."""

from __future__ import annotations

import asyncio

from screening.policy import AskPerson, Decision, Reason, Unanswered, Verdict


class DecisionBroker:
    """Lives on the listener's loop; other threads reach it through the Listener."""

    def __init__(self) -> None:
        self._waiting: dict[str, asyncio.Future[Decision | None]] = {}
        self._people = 0
        self._closed = False

    @property
    def waiting(self) -> int:
        return len(self._waiting)

    @property
    def can_ask(self) -> bool:
        return self._people > 0 and not self._closed

    def set_people(self, count: int) -> None:
        """How many consoles can answer; with none, `ask` applies the default at once."""
        self._people = count

    async def ask(self, call_id: str, ask: AskPerson) -> Verdict:
        if not self.can_ask:
            return ask.timed_out(Unanswered.STOPPING if self._closed else Unanswered.NO_CONSOLE)
        answer: asyncio.Future[Decision | None] = asyncio.get_running_loop().create_future()
        self._waiting[call_id] = answer
        try:
            decision = await asyncio.wait_for(answer, ask.timeout)
        except TimeoutError:
            return ask.timed_out()
        finally:
            self._waiting.pop(call_id, None)
        if decision is None:
            return ask.timed_out(Unanswered.STOPPING)
        return Verdict(decision, Reason.PERSON)  # the reason says it all

    def resolve(self, call_id: str, decision: Decision) -> bool:
        """A person's answer; False when the call is no longer waiting (decided or timed out)."""
        answer = self._waiting.get(call_id)
        if answer is None or answer.done():
            return False
        answer.set_result(decision)
        return True

    def close(self) -> None:
        """Give every waiting call its timeout default now, so stopping cuts nobody off."""
        self._closed = True
        for answer in self._waiting.values():
            if not answer.done():
                answer.set_result(None)
