"""A console as the protocol alone sees it, for tests: what arrives through its link runs on the
test's own thread, when the test pumps, as a Qt console's queued signals would run on its GUI
thread."""

from __future__ import annotations

import queue
import time
from collections.abc import Callable
from typing import Any

from server.protocol.link import ConsoleLink, LinkState
from server.protocol.messages import Command, Done, Event, EventBody, Result, Snapshot


class Desk:
    def __init__(self, link: ConsoleLink) -> None:
        self.link = link
        self._posted: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        self.snapshots: list[Snapshot] = []
        self.events: list[Event] = []
        self.states: list[LinkState] = []
        link.open(self._posted.put, self.snapshots.append, self.events.append, self.states.append)

    def pump(self, until: Callable[[], object], timeout: float = 10.0) -> None:
        """Run what the link posted until `until()` holds; AssertionError after `timeout`."""
        deadline = time.monotonic() + timeout
        while not until():
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"not within {timeout:g} s: {until}")
            try:
                self._posted.get(timeout=min(left, 0.05))()
            except queue.Empty:
                continue

    def attached(self) -> Snapshot:
        self.pump(lambda: self.snapshots)
        return self.snapshots[-1]

    def ask(self, command: Command, timeout: float = 10.0) -> Result:
        results: list[Result] = []
        self.link.request(command, results.append)
        self.pump(lambda: results, timeout)
        return results[0]

    def done(self, command: Command) -> Any:
        """The value of a command that must succeed."""
        result = self.ask(command)
        assert isinstance(result, Done), result
        return result.value

    def bodies(self, kind: type[EventBody]) -> list[Any]:
        return [event.body for event in self.events if isinstance(event.body, kind)]

    def wait_for(self, kind: type[EventBody], test: Callable[[Any], bool] = lambda _: True,
                 timeout: float = 10.0) -> Any:
        """The first event body of `kind` that passes `test`, once it has arrived."""
        def found() -> Any:
            return next((body for body in self.bodies(kind) if test(body)), None)

        self.pump(found, timeout)
        return found()

    def close(self) -> None:
        self.link.close()
