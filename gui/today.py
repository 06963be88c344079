"""Today's calls from the history into the live list when the console starts, so a restart
does not leave staff looking at an empty list.

"Today" is the office's day (the `time-zone` setting), not the machine's. The history is read
on a worker thread with a connection of its own; the GUI thread only merges the result.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot

from application import Office
from gui.live import CallState, LiveCall
from gui.reach import BackgroundTask
from screening.call import Call
from screening.policy import Decision, Reason, Verdict

log = logging.getLogger(__name__)


def live_call(row: Mapping[str, Any]) -> LiveCall:
    """A history row as the live list shows a decided call: the card needs what commubo sent
    (the customer's note, the operator), so the call is read again from the raw body."""
    call_id = str(row["call_id"])
    try:
        sent = json.loads(row["raw_body"] or "")
    except (ValueError, RecursionError):
        sent = None
    if isinstance(sent, dict):
        call = replace(Call.from_payload(sent, call_id), call_id=call_id)
    else:  # a body that was no JSON object: only what the row says
        call = Call(call_id=call_id, phone_number=row["phone_number"] or "")
    verdict = Verdict(Decision(row["decision"]), Reason(row["reason"]), row["detail"],
                      row["rule_id"])
    return LiveCall(call, row["received_at"], CallState.DECIDED, verdict=verdict)


def todays_calls(db_path: Path, limit: int, now: datetime) -> list[LiveCall]:
    """Up to `limit` of today's calls, newest first (runs on the worker thread)."""
    office = Office(db_path)
    try:
        rows = office.history.today(now, limit)
    finally:
        office.close()
    return [live_call(row) for row in rows]


class TodaysCalls(QObject):
    """Reads today's calls once, off the GUI thread; `loaded` carries them, newest first."""

    loaded = Signal(list)

    def __init__(self, db_path: Path, limit: int, parent: QObject) -> None:
        super().__init__(parent)
        self._db_path = db_path
        self._limit = limit
        self._task = BackgroundTask(self, name="callgate-today")
        self._task.finished.connect(self._finished)

    def start(self) -> None:
        db_path, limit, now = self._db_path, self._limit, datetime.now(UTC)

        async def work() -> object:
            return todays_calls(db_path, limit, now)

        self._task.start(work)

    def stop(self) -> None:
        self._task.stop()

    @Slot(object)
    def _finished(self, outcome: object) -> None:
        if isinstance(outcome, BaseException):
            log.error("could not read today's calls from the history", exc_info=outcome)
            return
        assert isinstance(outcome, list)
        self.loaded.emit(outcome)
