"""Group commit: one thread writes the listener's records, one fsync for every call waiting.

A commit with synchronous=FULL waits for the disk. Done on the listener's loop, that wait
stalls every other call; done here, calls that arrive together share one commit, and each
caller still learns only after its own rows are on disk.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path

from sqlite_utils import Database

from storage.database import open_database

Job = Callable[[Database], None]
MAX_GROUP = 500


class WriterClosed(RuntimeError):
    """The writer has stopped; nothing more can be recorded through it."""


class Writer:
    def __init__(self, db_path: Path) -> None:
        self._db_path = db_path
        self._jobs: queue.SimpleQueue[tuple[Job, Future[None]] | None] = queue.SimpleQueue()
        self._opened: Future[None] = Future()
        self._closed = False
        self._thread = threading.Thread(target=self._run, name="callgate-writer", daemon=True)

    def start(self) -> None:
        """Open the writer's own connection; raises what opening the database raised."""
        self._thread.start()
        self._opened.result()

    def submit(self, job: Job) -> Future[None]:
        """Run `job` in a transaction with others; the future completes once it is committed."""
        done: Future[None] = Future()
        if self._closed:
            done.set_exception(WriterClosed("the history writer has stopped"))
        else:
            self._jobs.put((job, done))
        return done

    def close(self) -> None:
        """Commit what is queued, then stop."""
        if not self._closed:
            self._closed = True
            self._jobs.put(None)
            self._thread.join()

    def _run(self) -> None:
        try:
            db = open_database(self._db_path)
        except BaseException as error:
            self._opened.set_exception(error)
            return
        self._opened.set_result(None)
        try:
            while True:
                first = self._jobs.get()
                group = [] if first is None else [first]
                stopping = first is None
                while not stopping and len(group) < MAX_GROUP:
                    try:
                        more = self._jobs.get_nowait()
                    except queue.Empty:
                        break
                    if more is None:
                        stopping = True
                    else:
                        group.append(more)
                if group:
                    self._commit(db, group)
                if stopping:
                    break
        finally:
            db.close()
        while True:  # anything submitted while closing is refused, never left waiting
            try:
                late = self._jobs.get_nowait()
            except queue.Empty:
                return
            if late is not None:
                late[1].set_exception(WriterClosed("the history writer has stopped"))

    def _commit(self, db: Database, group: list[tuple[Job, Future[None]]]) -> None:
        try:
            with db.atomic():
                for job, _ in group:
                    job(db)
        except Exception as error:
            if len(group) == 1:
                group[0][1].set_exception(error)
                return
            # One bad job must not cost the others their records: retry each on its own.
            for one in group:
                self._commit(db, [one])
            return
        for _, done in group:
            done.set_result(None)
