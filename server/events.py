"""What the listener reports to whoever watches it (the console, the log of `serve`).

Events are plain immutable values so that they can cross threads now and a network later.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from screening.call import Call
from screening.messages import Message
from screening.policy import AskPerson, Verdict


@dataclass(frozen=True)
class CallArrived:
    call: Call
    received_at: str


@dataclass(frozen=True)
class CallWaiting:
    """A person is asked; `deadline` is when the default applies, in this process's
    `time.monotonic()` seconds: moving the wall clock must not move a countdown."""

    call: Call
    received_at: str
    ask: AskPerson
    deadline: float


@dataclass(frozen=True)
class CallDecided:
    call: Call
    verdict: Verdict
    latency_ms: float
    received_at: str


@dataclass(frozen=True)
class ListenerFailed:
    """Something went wrong that staff should see: storage errors, fail-safe answers."""

    message: Message


@dataclass(frozen=True)
class StorageFailing:
    """The database stopped taking writes (`why`); calls are still answered, and their
    records wait in memory until it takes them again."""

    why: str
    waiting: int


@dataclass(frozen=True)
class StorageRecovered:
    """The database takes writes again; `written` records that had waited are now in it."""

    written: int


ListenerEvent = (CallArrived | CallWaiting | CallDecided | ListenerFailed | StorageFailing
                 | StorageRecovered)
EventSink = Callable[[ListenerEvent], None]


def ignore(event: ListenerEvent) -> None:
    """The sink for a listener nobody watches."""


def fan_out(*sinks: EventSink) -> EventSink:
    """One sink that hands each event to every one of `sinks`, in order."""
    def each(event: ListenerEvent) -> None:
        for sink in sinks:
            sink(event)

    return each
