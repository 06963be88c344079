"""Counts that need no row per event (refused requests): added up in memory, saved now and then.

They never take a place in the writer's backlog, nor a record's turn: the writer saves them,
at most every COUNT_EVERY seconds, when no record waits, and at close. A save that storage
refuses for now is tried again later; counts that can never be saved are written to the log.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time

from sqlite_utils import Database

from storage.database import is_transient
from storage.settings import Counters

log = logging.getLogger(__name__)

# How often counts are saved, at most.
COUNT_EVERY = 2.0


class Tally:
    """Counts from any thread, saved by the writer's thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        # Counts not saved yet, every count since start, and when the unsaved ones are due.
        self._unsaved: dict[str, int] = {}
        self._counted: dict[str, int] = {}
        self._due: float | None = None

    def add(self, name: str) -> bool:
        """Add one to the counter `name`; True when no count waited to be saved before (the
        writer then wakes, to save it in time)."""
        with self._lock:
            self._unsaved[name] = self._unsaved.get(name, 0) + 1
            self._counted[name] = self._counted.get(name, 0) + 1
            first = self._due is None
            if first:
                self._due = time.monotonic() + COUNT_EVERY
        return first

    def counted(self, name: str) -> int:
        """How many times `name` was counted since start, saved or not."""
        return self._counted.get(name, 0)

    def wait(self) -> float | None:
        """Seconds until the counts are due to be saved; None while no count waits."""
        due = self._due
        return None if due is None else max(0.0, due - time.monotonic())

    def save(self, db: Database, *, closing: bool) -> None:
        """Save the counts once due (at once when closing); a failure keeps them for the next
        time, or, when they can never be saved (or closing), says in the log what is lost."""
        with self._lock:
            due = self._due
            if due is None or (not closing and time.monotonic() < due):
                return
            saving = dict(self._unsaved)
        try:
            with db.atomic():
                for name, amount in saving.items():
                    Counters(db).add(name, amount)
        except sqlite3.Error as error:
            if is_transient(error) and not closing:
                with self._lock:
                    self._due = time.monotonic() + COUNT_EVERY
                return
            log.error("counts could not be saved (%s): %s", error, saving)
        with self._lock:
            for name, amount in saving.items():
                self._unsaved[name] -= amount
                if not self._unsaved[name]:
                    del self._unsaved[name]
            self._due = time.monotonic() + COUNT_EVERY if self._unsaved else None
