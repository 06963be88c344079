"""What the journals of processes that died left: the records to write at the next start.

A journal whose owner's lock is free belongs to a process that died, or quit with records
unsaved (storage/journal.py). Its records are written as they were kept; each arrival without
a record is a call commubo got no answer for and aborted, recorded as rejected because callgate
stopped. Their files go once all of it is in the database.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, replace
from pathlib import Path

from filelock import FileLock, Timeout

from screening.call import Call
from screening.messages import Message
from screening.policy import Decision, Reason, Verdict
from storage.calls import CallRecord
from storage.journal import Journal, Kept, read_entries

# commubo got no answer and aborted the call; recorded at the next start
STOPPED_DETAIL = Message("detail.stopped")


@dataclass
class Leftovers:
    """What dead owners left: the records to write, and their files to delete after."""

    kept: list[Kept]
    _locks: list[FileLock]
    _files: list[Path]

    @classmethod
    def beside(cls, journal: Journal) -> Leftovers:
        """What journals of dead processes in `journal`'s directory hold, oldest first: their
        records, and a stopped call for each arrival without one. Live journals (another
        listener on this data directory) are left alone."""
        found = cls([], [], [])
        directory = journal.directory
        owners = {path.name.rsplit("-", 1)[0] for path in directory.glob("*.jsonl")}
        owners |= {path.stem for path in directory.glob("*.lock")}
        owners.discard(journal.owner)
        for owner in sorted(owners):
            lock = FileLock(directory / f"{owner}.lock")
            try:
                lock.acquire(timeout=0)
            except Timeout:
                continue
            paths = sorted(directory.glob(f"{owner}-*.jsonl"))
            arrivals, kept = read_entries(paths)
            for call_id in dict.fromkeys([*arrivals, *kept]):
                found.kept.append(kept.get(call_id) or Kept(stopped(call_id, *arrivals[call_id])))
            found._locks.append(lock)
            found._files.extend(paths)
        return found

    def forget(self) -> None:
        """Delete what dead owners left, once all of it is in the database."""
        for path in self._files:
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
        for lock in self._locks:
            lock.release()
            with contextlib.suppress(OSError):
                Path(lock.lock_file).unlink()


def stopped(call_id: str, received_at: str, raw_body: str) -> CallRecord:
    """The history row of a call that arrived and got no answer: commubo aborts such a call,
    so it was not let through."""
    try:
        data = json.loads(raw_body.removeprefix("\ufeff"))
    except (ValueError, RecursionError):
        data = None
    call = Call.from_payload(data, call_id) if isinstance(data, dict) else Call(call_id=call_id)
    verdict = Verdict(Decision.REJECT, Reason.STOPPED, STOPPED_DETAIL)
    record = CallRecord.of(replace(call, call_id=call_id), verdict, received_at, 0, raw_body)
    return replace(record, latency_ms=None)
