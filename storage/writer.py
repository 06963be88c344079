"""Group commit: one thread writes the listener's records, one fsync for every call waiting.

A commit with synchronous=FULL waits for the disk. Done on the listener's loop, that wait
stalls every other call; done here, calls that arrive together share one commit, and each
caller still learns only after its own rows are on disk. Jobs come from a loop (the listener's)
and are settled on it, every job of a commit together: one wake-up of the loop per commit, not
one per record, since each costs both threads a turn of the interpreter's lock.

When storage cannot take writes for a while (another program holds the write lock, the disk
is full or failing), the writer keeps what was submitted, in order, and retries until storage
recovers; its watcher hears when that starts and when it ends. A group that fails for want of
room is retried at once in halves, down to one record, and only then waits to try the whole
again: a disk with a little room takes as much as fits in it, in as few commits as it can (each
commit writes the history's index pages again, so many small ones fill the room with those).

Counts that need no row per event (refused requests) are the tally's (storage/tally.py): the
writer saves them when no record waits.
"""

from __future__ import annotations

import asyncio
import contextlib
import enum
import itertools
import logging
import queue
import sqlite3
import threading
import time
from abc import ABC, abstractmethod
from collections import defaultdict
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Self

from sqlite_utils import Database

from storage.database import is_out_of_room, is_transient, open_database
from storage.tally import Tally

log = logging.getLogger(__name__)

Job = Callable[[Database], None]


class Together(ABC):
    """A job that runs with the jobs of its kind beside it in a group, all in one go: the
    records of a group commit in one statement (each statement costs the writer a turn of the
    interpreter's lock, and waits for the listener's thread to give it back)."""

    @classmethod
    @abstractmethod
    def run_all(cls, db: Database, jobs: Sequence[Self]) -> None:
        """What each of `jobs` would do alone."""

    def __call__(self, db: Database) -> None:
        type(self).run_all(db, [self])


def _kind(entry: _Entry) -> type[Together] | None:
    return type(entry.job) if isinstance(entry.job, Together) else None


@dataclass(frozen=True, slots=True)
class Submitted:
    """A job the writer holds: `done` settles on the writer's thread (its callbacks run
    there), `seen` on the loop it came from, once `done` has."""

    done: Future[None]
    seen: asyncio.Future[None]


@dataclass(frozen=True, slots=True)
class _Entry:
    job: Job
    submitted: Submitted


class _Signal(enum.Enum):
    CLOSE = enum.auto()  # close() was asked for
    WAKE = enum.auto()  # counts wait to be saved


MAX_GROUP = 500
# How long one attempt waits for another connection's write lock. Short, so that a lock held
# by another program is reported quickly; the writer retries anyway.
WRITER_BUSY_TIMEOUT_MS = 500
RETRY_DELAYS = (0.05, 0.1, 0.25, 0.5, 1.0)
# How long closing keeps retrying records that storage has not taken yet.
CLOSE_GRACE = 10.0


def writer_connection(db_path: Path) -> Database:
    """The database as the writer writes it: a short busy timeout (a locked database shows at
    once), and statement journals in memory. A statement of many rows, or one whose trigger
    writes more (the search dictionary's), keeps a statement journal to undo itself alone: in
    memory, not in a temporary file made and deleted for each commit."""
    db = open_database(db_path)
    db.execute(f"PRAGMA busy_timeout = {WRITER_BUSY_TIMEOUT_MS}")
    db.execute("PRAGMA temp_store = MEMORY")
    return db


# Jobs kept while storage is down; past this, new ones are refused rather than eat the memory.
MAX_BACKLOG = 10_000


class WriterRefused(RuntimeError):
    """The writer did not keep the job: nothing is wrong with it, and another way may."""


class WriterClosed(WriterRefused):
    """The writer has stopped; nothing more can be recorded through it."""


class BacklogFull(WriterRefused):
    """Storage has been down so long that the writer keeps no more waiting records."""


@dataclass(frozen=True)
class StorageHealth:
    """What the writer reports when storage stops taking writes (`failing` is the error) and
    when it takes them again (`failing` is None, `written` how many waited)."""

    failing: str | None
    waiting: int = 0
    written: int = 0


HealthWatcher = Callable[[StorageHealth], None]


class Writer:
    def __init__(self, db_path: Path, *, grace: float | None = None) -> None:
        """`grace`: how long closing keeps retrying records that storage has not taken."""
        self._db_path = db_path
        self._grace = CLOSE_GRACE if grace is None else grace
        self._jobs: queue.SimpleQueue[_Entry | _Signal] = queue.SimpleQueue()
        # Outcomes to tell the loops their jobs came from, once the commit is over.
        self._to_loops: list[tuple[asyncio.Future[None], BaseException | None]] = []
        self._opened: Future[None] = Future()
        self._closed = False
        self._watchers: list[HealthWatcher] = []
        self._trouble: str | None = None
        self._waiting = 0
        self._waiting_lock = threading.Lock()
        self._tally = Tally()
        self._thread = threading.Thread(target=self._run, name="callgate-writer", daemon=True)

    @property
    def trouble(self) -> str | None:
        """Why storage is not taking writes right now, or None while it is."""
        return self._trouble

    @property
    def waiting(self) -> int:
        """Records submitted and not yet committed (or failed)."""
        return self._waiting

    def watch(self, watcher: HealthWatcher) -> None:
        """Hear (on the writer thread) when storage starts and stops failing."""
        self._watchers.append(watcher)

    def start(self) -> None:
        """Open the writer's own connection; raises what opening the database raised."""
        self._thread.start()
        self._opened.result()

    def submit(self, job: Job) -> Submitted:
        """Run `job` in a transaction with others; from a running loop, whose `seen` future
        completes once the job is committed (or has failed)."""
        submitted = Submitted(Future(), asyncio.get_running_loop().create_future())
        refused: WriterRefused | None = None
        if self._closed:
            refused = WriterClosed("the history writer has stopped")
        elif self._trouble is not None and self._waiting >= MAX_BACKLOG:
            refused = BacklogFull(
                f"{MAX_BACKLOG} records already wait for storage ({self._trouble})")
        if refused is None:
            with self._waiting_lock:
                self._waiting += 1
            self._jobs.put(_Entry(job, submitted))
        else:
            submitted.done.set_exception(refused)
            submitted.seen.set_exception(refused)
        return submitted

    def count(self, name: str) -> None:
        """Add one to the counter `name`, saved within a few seconds (or at close)."""
        if self._tally.add(name):
            self._jobs.put(_Signal.WAKE)

    def counted(self, name: str) -> int:
        """How many times `name` was counted since start, saved or not."""
        return self._tally.counted(name)

    def close(self) -> None:
        """Commit what is queued (retrying for up to the grace period), save the counts, stop."""
        if not self._closed:
            self._closed = True
            self._jobs.put(_Signal.CLOSE)
            self._thread.join()

    def _run(self) -> None:
        try:
            db = writer_connection(self._db_path)
        except BaseException as error:
            self._opened.set_exception(error)
            return
        self._opened.set_result(None)
        try:
            self._serve(db)
            self._tally.save(db, closing=True)
        finally:
            db.close()
        while True:  # anything submitted while closing is refused, never left waiting
            try:
                late = self._jobs.get_nowait()
            except queue.Empty:
                break
            if not isinstance(late, _Signal):
                self._settle(late, WriterClosed("the history writer has stopped"))
        self._tell_loops()

    def _serve(self, db: Database) -> None:
        backlog: list[_Entry] = []
        failures = 0
        delayed = 0
        group = MAX_GROUP
        stop_by: float | None = None
        retry_at_once = False
        while True:
            if failures and not retry_at_once:
                time.sleep(RETRY_DELAYS[min(failures, len(RETRY_DELAYS)) - 1])
            if stop_by is None and self._gather(backlog, wait=self._idle_wait(backlog)):
                stop_by = time.monotonic() + self._grace
            if not backlog:
                if stop_by is not None:
                    return
                self._tally.save(db, closing=False)
                continue
            if failures and stop_by is not None and time.monotonic() > stop_by:
                self._give_up(backlog)
                return
            try:
                self._commit(db, backlog[:group])
            except sqlite3.Error as error:
                self._tell_loops()
                self._drop_finished(backlog)
                self._report_failure(error, len(backlog))
                # Out of room: half as many at once may fit; none fit: wait, then all again.
                retry_at_once = is_out_of_room(error) and group > 1
                if retry_at_once:
                    group //= 2
                else:
                    failures += 1
                    group = MAX_GROUP
                continue
            self._tell_loops()
            failures = 0
            retry_at_once = False
            group = min(MAX_GROUP, group * 2)
            finished = self._drop_finished(backlog)
            if not backlog:
                self._tally.save(db, closing=False)
            if self._trouble is not None:
                delayed += finished
                if not backlog and self._jobs.empty():
                    self._report_recovery(delayed)
                    self._checkpoint(db)
                    delayed = 0

    def _idle_wait(self, backlog: list[_Entry]) -> float | None:
        """How long to wait for a job: not at all while records wait, until the counts are due
        while counts wait, else for ever."""
        return 0 if backlog else self._tally.wait()

    def _checkpoint(self, db: Database) -> None:
        """Once storage takes writes again, move the WAL into the database and empty it: after a
        full disk, the room the WAL took while it grew is given back."""
        try:
            db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error as error:
            log.warning("could not checkpoint the WAL after storage recovered: %s", error)

    def _drop_finished(self, backlog: list[_Entry]) -> int:
        """Take out the jobs that are settled (committed or failed on their own account);
        a storage failure part-way through a group can leave some of each kind."""
        before = len(backlog)
        backlog[:] = [entry for entry in backlog if not entry.submitted.done.done()]
        with self._waiting_lock:
            self._waiting -= before - len(backlog)
        return before - len(backlog)

    def _gather(self, backlog: list[_Entry], *, wait: float | None) -> bool:
        """Move submitted jobs into the backlog, first waiting up to `wait` seconds for one
        (None: for ever); True once close() has been asked for."""
        try:
            entry = self._jobs.get(timeout=wait) if wait != 0 else self._jobs.get_nowait()
        except queue.Empty:
            return False
        while entry is not _Signal.CLOSE:
            if not isinstance(entry, _Signal):
                backlog.append(entry)
            try:
                entry = self._jobs.get_nowait()
            except queue.Empty:
                return False
        return True

    def _commit(self, db: Database, group: list[_Entry]) -> None:
        """Commit the group, or raise the storage failure that keeps all of it waiting; a job
        that fails on its own account fails alone, and the others are still committed."""
        try:
            with db.atomic():
                for kind, entries in itertools.groupby(group, key=_kind):
                    jobs = [entry.job for entry in entries]
                    if kind is None:
                        for job in jobs:
                            job(db)
                    else:
                        kind.run_all(db, [job for job in jobs if isinstance(job, kind)])
        except Exception as error:
            if is_transient(error):
                raise
            if len(group) == 1:
                self._settle(group[0], error)
                return
            for one in group:
                self._commit(db, [one])
            return
        for entry in group:
            self._settle(entry, None)

    def _settle(self, entry: _Entry, error: BaseException | None) -> None:
        """On the writer's thread; the loop the job came from hears at _tell_loops()."""
        if error is None:
            entry.submitted.done.set_result(None)
        else:
            entry.submitted.done.set_exception(error)
        self._to_loops.append((entry.submitted.seen, error))

    def _tell_loops(self) -> None:
        """Every outcome settled since the last time, on its loop: one wake-up per loop."""
        if not self._to_loops:
            return
        by_loop: defaultdict[asyncio.AbstractEventLoop,
                             list[tuple[asyncio.Future[None], BaseException | None]]] \
            = defaultdict(list)
        for seen, error in self._to_loops:
            by_loop[seen.get_loop()].append((seen, error))
        self._to_loops = []
        for loop, outcomes in by_loop.items():
            with contextlib.suppress(RuntimeError):  # that loop has closed: nobody waits
                loop.call_soon_threadsafe(_show, outcomes)

    def _report_failure(self, error: sqlite3.Error, waiting: int) -> None:
        first = self._trouble is None
        self._trouble = str(error)
        if first:
            log.error("storage is not taking writes (%s); %d records wait", error, waiting)
            self._tell(StorageHealth(str(error), waiting=waiting))

    def _report_recovery(self, written: int) -> None:
        log.warning("storage takes writes again; %d delayed records written", written)
        self._trouble = None
        self._tell(StorageHealth(None, written=written))

    def _give_up(self, backlog: list[_Entry]) -> None:
        why = WriterClosed(f"the history writer stopped before storage recovered "
                           f"({self._trouble})")
        for entry in backlog:
            self._settle(entry, why)
        self._tell_loops()
        self._drop_finished(backlog)

    def _tell(self, health: StorageHealth) -> None:
        for watcher in self._watchers:
            try:
                watcher(health)
            except Exception:
                log.exception("a storage watcher failed")


def _show(outcomes: list[tuple[asyncio.Future[None], BaseException | None]]) -> None:
    """On a loop: the outcomes of its jobs (one nobody awaits any more is left alone)."""
    for seen, error in outcomes:
        if seen.done():
            continue
        if error is None:
            seen.set_result(None)
        else:
            seen.set_exception(error)
