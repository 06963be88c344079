"""What a console holds of callgate: a link that delivers a snapshot and events, and takes
commands. The console never waits on it: every answer comes back as a call on the console's own
thread, through the `post` hop the console gives when it opens the link."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Protocol

from screening.messages import Message
from server.protocol.messages import Command, Event, Result, Snapshot

Post = Callable[[Callable[[], None]], None]
"""Runs a callable on the console's thread, later, from any thread (a Qt queued signal)."""


class LinkState(StrEnum):
    CONNECTING = "connecting"
    ATTACHED = "attached"  # a snapshot arrived; events follow
    LOST = "lost"  # no connection: calls are still answered by the service, not decided here
    REFUSED = "refused"  # the service refused this desk, or is not the one it trusts: final
    CLOSED = "closed"


class ConsoleLink(Protocol):
    def open(
        self,
        post: Post,
        on_snapshot: Callable[[Snapshot], None],
        on_event: Callable[[Event], None],
        on_state: Callable[[LinkState], None],
    ) -> None:
        """Attach; the snapshot (again after every reconnection), the events and the link's
        state changes all arrive through `post`."""

    def request(self, command: Command, done: Callable[[Result], None]) -> None:
        """Send a command; `done` gets its result through `post` (a `Failed` one when the link
        is lost before the answer)."""

    def close(self) -> None:
        """Detach; no callback runs afterwards."""

    @property
    def remote(self) -> str:
        """Where the service is, as people write it (host:port), for a service on another
        machine; '' for the listener beside this console. A remote link attaches again by
        itself after it is lost."""

    @property
    def problem(self) -> Message | None:
        """Why the link is LOST or REFUSED now, for people (None while it is attached); read
        it when the state arrives."""
