"""The call journal: what the database has not taken yet, in files beside it.

Two kinds of line, each one JSON object:
- an *arrival*, written when a call's body has been read, before it is decided: a plain write
  to a file opened O_APPEND, which the kernel keeps if the process is killed (only a power cut
  can lose it), so the hot path pays no fsync;
- a *record*, written and synced before an answer leaves without its record in the database
  (storage failing or slow).

A process appends to segments of its own, `<owner>-<n>.jsonl`, and holds `<owner>.lock` while
it lives. Every entry stays open until `settle()` says that its call's record is in the
database (or in the log); a segment past the current one is deleted once nothing in it is
open, and the current one is replaced when it reaches SEGMENT_BYTES, so a call that waits a
minute for a person keeps only its own segment. The segments of an owner whose lock is free
belong to a process that died, or quit with records unsaved: storage/leftovers.py reads them
back.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import threading
import time
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from filelock import FileLock

from storage.calls import CallRecord

log = logging.getLogger(__name__)

JOURNAL_DIR = "journal"
SEGMENT_BYTES = 1 << 20
_OPEN_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0)


@dataclass(frozen=True)
class Kept:
    """A record the journal holds for the database, and whether it uses up its one-shot rule."""

    record: CallRecord
    use_once: bool = False


@dataclass
class _Segment:
    path: Path
    fd: int
    size: int = 0
    open_entries: int = 0
    synced: int = 0
    sync_lock: threading.Lock = field(default_factory=threading.Lock)


@dataclass(frozen=True)
class Mark:
    """Where an entry ends: what sync() must get onto the disk."""

    segment: _Segment
    end: int


class Journal:
    """One process's journal. Appends come from the listener's loop; settle() from any
    thread; sync() from a worker thread, so that the loop never waits for the disk."""

    def __init__(self, directory: Path) -> None:
        """Raises OSError when the directory cannot be used."""
        directory.mkdir(parents=True, exist_ok=True)
        self._directory = directory
        self._owner = f"{time.time_ns():020d}-{os.getpid()}"
        self._lock = FileLock(directory / f"{self._owner}.lock")
        self._lock.acquire(timeout=0)
        self._state = threading.Lock()
        self._segments: list[_Segment] = []
        self._open: dict[str, list[_Segment]] = {}
        self._numbered = 0
        self._failing = False
        try:
            self._segments.append(self._new_segment())
        except OSError:
            self._lock.release()
            raise

    @property
    def directory(self) -> Path:
        return self._directory

    @property
    def owner(self) -> str:
        """The name this process's files start with (`<owner>-<n>.jsonl`, `<owner>.lock`)."""
        return self._owner

    def arrived(self, call_id: str, received_at: str, raw_body: str) -> None:
        """Note a call before it is decided; nothing is synced, and a failure is only logged."""
        entry = {"arrived": call_id, "received_at": received_at, "raw_body": raw_body}
        with contextlib.suppress(OSError):
            self._append(call_id, entry)

    def keep(self, kept: Kept) -> Mark:
        """Write a record for the database; sync(mark) then puts it on the disk. Raises
        OSError when the journal cannot be written (a full disk)."""
        entry = {"record": asdict(kept.record), "use_once": kept.use_once}
        return self._append(kept.record.call_id, entry)

    def sync(self, mark: Mark) -> None:
        """Put everything up to the mark on the disk (blocking: call it from a worker thread).
        Syncs that come together share one fsync."""
        segment = mark.segment
        with segment.sync_lock:
            if segment.synced >= mark.end:
                return
            end = segment.size
            try:
                fd = os.open(segment.path, os.O_WRONLY | os.O_APPEND)
            except FileNotFoundError:
                return  # settled and deleted meanwhile: nothing left to keep
            try:
                os.fsync(fd)
            finally:
                os.close(fd)
            if segment.synced == 0:
                _sync_directory(self._directory)
            segment.synced = end

    def settle(self, call_id: str) -> None:
        """The call's record is in the database (or the log): its entries are done."""
        with self._state:
            for segment in self._open.pop(call_id, ()):
                segment.open_entries -= 1
            self._drop_settled()

    def records(self, call_ids: Iterable[str]) -> list[Kept]:
        """This process's journaled records of these calls, read back from its files."""
        wanted = set(call_ids)
        with self._state:
            paths = [segment.path for segment in self._segments]
        kept = read_entries(paths)[1]
        return [kept[call_id] for call_id in kept if call_id in wanted]

    def close(self) -> None:
        """Stop; with nothing left open, the files go, else the next start writes them."""
        with self._state:
            for segment in self._segments:
                with contextlib.suppress(OSError):
                    os.close(segment.fd)
            settled = all(segment.open_entries == 0 for segment in self._segments)
            if settled:
                for segment in self._segments:
                    with contextlib.suppress(OSError):
                        segment.path.unlink()
            self._segments = []
        self._lock.release()
        if settled:
            with contextlib.suppress(OSError):
                Path(self._lock.lock_file).unlink()

    def _new_segment(self) -> _Segment:
        self._numbered += 1
        path = self._directory / f"{self._owner}-{self._numbered:06d}.jsonl"
        return _Segment(path, os.open(path, _OPEN_FLAGS, 0o600))

    def _append(self, call_id: str, entry: dict[str, Any]) -> Mark:
        line = (json.dumps(entry) + "\n").encode()  # ASCII: the quickest to encode
        with self._state:
            segment = self._current()
            try:
                written = os.write(segment.fd, line)
                if written != len(line):
                    raise OSError(f"only {written} of {len(line)} bytes written")
            except OSError as error:
                # A torn line would spoil the next one too: cut it off.
                with contextlib.suppress(OSError):
                    os.ftruncate(segment.fd, segment.size)
                self._report(error)
                raise
            segment.size += written
            segment.open_entries += 1
            self._open.setdefault(call_id, []).append(segment)
            if self._failing:
                self._failing = False
                log.warning("the call journal takes writes again")
            return Mark(segment, segment.size)

    def _current(self) -> _Segment:
        """The segment to append to: a new one once the current one is full (if it can be
        made; else the full one goes on)."""
        current = self._segments[-1]
        if current.size < SEGMENT_BYTES:
            return current
        try:
            self._segments.append(self._new_segment())
        except OSError as error:
            self._report(error)
            return current
        self._drop_settled()
        return self._segments[-1]

    def _drop_settled(self) -> None:
        """Delete every segment but the current one that has nothing open (under _state)."""
        keep = []
        for segment in self._segments[:-1]:
            if segment.open_entries:
                keep.append(segment)
                continue
            with contextlib.suppress(OSError):
                os.close(segment.fd)
            with contextlib.suppress(OSError):
                segment.path.unlink()
        self._segments[:-1] = keep

    def _report(self, error: OSError) -> None:
        if not self._failing:
            self._failing = True
            log.error("the call journal cannot be written (%s): until it can, a call answered "
                      "while the database takes no writes is kept in memory only, and a "
                      "crash would lose it", error)


def read_entries(paths: list[Path]) -> tuple[dict[str, tuple[str, str]], dict[str, Kept]]:
    """Arrivals (call id -> received at, raw body) and records (call id -> Kept) in these
    files, in order; a line cut short or unreadable is skipped."""
    arrivals: dict[str, tuple[str, str]] = {}
    kept: dict[str, Kept] = {}
    for path in paths:
        try:
            lines = path.read_bytes().split(b"\n")[:-1]  # the last piece has no newline yet
        except FileNotFoundError:
            continue
        for number, line in enumerate(lines, 1):
            try:
                entry = json.loads(line)
                if "arrived" in entry:
                    arrivals[entry["arrived"]] = (entry["received_at"], entry["raw_body"])
                else:
                    record = CallRecord(**entry["record"])
                    kept[record.call_id] = Kept(record, bool(entry["use_once"]))
            except (ValueError, KeyError, TypeError) as error:
                log.warning("skipped line %d of %s: %s", number, path.name, error)
    return arrivals, kept


def _sync_directory(directory: Path) -> None:
    """A new file's name on the disk too (POSIX; Windows cannot open a directory)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
