"""Each call's record made durable before its answer leaves.

In the database when the writer commits it within RECORD_WAIT; else in the journal (written
and synced) while the record waits in the writer for storage; only when the journal cannot be
written either, in memory, and in the log in full if it never gets in. What the journal of a
process that died left is written first thing at start; records the writer had no room for are
read back from the journal and written once storage recovers.
"""

from __future__ import annotations

import asyncio
import dataclasses
import itertools
import json
import logging
from collections.abc import Callable, Coroutine, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from filelock import Timeout
from sqlite_utils import Database

from screening.messages import Message
from screening.policy import Decision, Reason, Verdict
from server.bounded_wait import BoundedWait
from server.events import EventSink, ListenerFailed
from storage.calls import CallHistory, CallRecord, read_detail
from storage.journal import JOURNAL_DIR, Journal, Kept
from storage.leftovers import Leftovers
from storage.rules import RuleBook
from storage.writer import (
    MAX_GROUP,
    Job,
    StorageHealth,
    Together,
    Writer,
    WriterClosed,
    WriterRefused,
)

log = logging.getLogger(__name__)

# How long an answer waits for its record to reach the disk. Past this, storage is failing
# (locked by another program, full): the call is answered anyway and its record waits in the
# writer (and the journal) until storage recovers.
RECORD_WAIT = 1.0
# The same wait once the writer already knows storage is failing: no point in the full second.
RECORD_WAIT_FAILING = 0.1
# How long an answer waits for the journal's fsync. Its line is written already, which killing
# the process cannot undo: past this only a power cut could lose it.
SYNC_WAIT = 1.0


def record_calls(db: Database, kept: Sequence[Kept]) -> list[bool]:
    """The calls' history rows (in one statement), and the match on the rule that decided
    each, in the writer's transaction; a kept record that `use_once` uses its one-shot rule
    up. A call already in the history (written again from the journal) changes nothing, no
    second match or use, and gets False."""
    made = CallHistory(db).record_all([one.record for one in kept])
    book = RuleBook(db)
    for one, new in zip(kept, made, strict=True):
        record = one.record
        if new and record.rule_id is not None:
            book.note_match(record.rule_id, record.received_at)
            if one.use_once:
                book.use(record.rule_id, record.received_at)
    return made


def open_journal(data_dir: Path) -> Journal | None:
    """The journal beside the database, or None (and the log says why) when it cannot be."""
    try:
        return Journal(data_dir / JOURNAL_DIR)
    except (OSError, Timeout) as error:
        log.error("the call journal cannot be opened (%s): a call answered while the database "
                  "takes no writes is kept in memory only, and a crash would lose it", error)
        return None


def _verdict_of(record: CallRecord) -> Verdict:
    return Verdict(Decision(record.decision), Reason(record.reason), read_detail(record.detail),
                   record.rule_id)


@dataclass(frozen=True, eq=False)
class _Write(Together):
    """The write of a kept record; with `written`, its call id goes there if it was missing.
    The writes of one group commit go in together, as one statement."""

    kept: Kept
    written: list[str] | None = None

    @classmethod
    def run_all(cls, db: Database, jobs: Sequence[_Write]) -> None:
        made = record_calls(db, [job.kept for job in jobs])
        for job, new in zip(jobs, made, strict=True):
            if new and job.written is not None:
                job.written.append(job.kept.record.call_id)


def _log_late_failure(error: BaseException) -> None:
    log.error("a delayed write failed: %s", error)


class CallRecorder:
    """Lives on the listener's loop, beside the writer and the journal."""

    def __init__(self, writer: Writer, journal: Journal | None, emit: EventSink) -> None:
        """`emit` must not raise."""
        self._loop = asyncio.get_running_loop()
        self._writer = writer
        self._journal = journal
        self._emit = emit
        # Calls answered before their records reached the database, until they do.
        self._unrecorded: dict[str, Verdict] = {}
        # Records only the journal has (the writer had no room), until they are written.
        self._spilled: dict[str, asyncio.Future[None]] = {}
        self._tasks: set[asyncio.Task[None]] = set()
        self._waits = BoundedWait(self._loop)
        writer.watch(self._storage_changed)

    def start(self) -> None:
        """Queue what journals of dead processes left, ahead of any new call's record."""
        if self._journal is None:
            return
        try:
            leftovers = Leftovers.beside(self._journal)
        except OSError as error:
            log.error("could not read what the call journal holds: %s", error)
            return
        missing: list[str] = []
        written = []
        for kept in leftovers.kept:
            self._unrecorded[kept.record.call_id] = _verdict_of(kept.record)
            written.append(self._writer.submit(_Write(kept, missing)).seen)
        self._run(self._forget_when_written(leftovers, written, missing))

    def close(self) -> None:
        """After the writer: what the journal still holds stays for the next start."""
        if self._journal is not None:
            self._journal.close()

    def arrived(self, call_id: str, received_at: str, body: str) -> None:
        """A call is about to be decided: if callgate dies before it is recorded, the next
        start records it as not answered."""
        if self._journal is not None:
            self._journal.arrived(call_id, received_at, body)

    def unrecorded(self, call_id: str) -> Verdict | None:
        """The decision a call got whose record is not in the database yet."""
        return self._unrecorded.get(call_id)

    async def write(
        self, job: Job, *, failed_late: Callable[[BaseException], None] = _log_late_failure,
    ) -> asyncio.Future[None] | None:
        """Run a write in the writer's next group commit and wait until it is on disk, but
        no longer than RECORD_WAIT: past that the write is still queued, and comes back so
        that the caller can answer anyway; nobody awaits it then, so if it fails, its error
        goes to `failed_late` (by default the log). Raises what the write raised in time."""
        written = self._writer.submit(job).seen
        if not await self._in_time(written):
            def report(written: asyncio.Future[None]) -> None:
                if not written.cancelled() and (error := written.exception()) is not None:
                    failed_late(error)

            written.add_done_callback(report)
            return written
        written.result()
        return None

    async def record(
        self, record: CallRecord, verdict: Verdict, *, use_once: bool = False,
    ) -> asyncio.Future[None] | None:
        """Make a call's record durable. None once it is in the database; else a future that
        completes when it gets there, and the answer may leave now: the journal (or, failing
        that, memory) keeps it. Raises what keeps it out for good; the log has it then."""
        kept = Kept(record, use_once)
        submitted = self._writer.submit(_Write(kept))
        written = submitted.seen
        in_time = await self._in_time(written)
        error = written.exception() if in_time else None
        if in_time and error is None:
            self._settle(record.call_id)
            return None
        if error is not None and not isinstance(error, WriterRefused):
            self._settle(record.call_id)
            raise error
        journaled = await self._keep(kept)
        if error is not None:  # the writer has no room for it: only the journal keeps it
            if not journaled:
                self._settle(record.call_id)
                raise error
            return self._spill(record, verdict)
        submitted.done.add_done_callback(
            lambda done: self._written_late(kept, done, journaled))
        self._unrecorded[record.call_id] = verdict
        written.add_done_callback(lambda _: self._unrecorded.pop(record.call_id, None))
        trouble = self._writer.trouble
        self._emit(ListenerFailed(Message(
            "problem.unrecorded.journal" if journaled else "problem.unrecorded.memory",
            (record.call_id, verdict.decision.message,
             trouble if trouble else Message("problem.storage_slow")))))
        return written

    async def _in_time(self, written: asyncio.Future[None]) -> bool:
        """Whether the write was settled within its bound (it goes on either way)."""
        bound = RECORD_WAIT if self._writer.trouble is None else RECORD_WAIT_FAILING
        return await self._waits.settled(written, bound)

    async def _keep(self, kept: Kept) -> bool:
        """Write the record to the journal and sync it, off the loop; False when the journal
        cannot take it."""
        if self._journal is None:
            return False
        try:
            mark = self._journal.keep(kept)
        except OSError:
            return False  # the journal logs it
        synced = asyncio.ensure_future(asyncio.to_thread(self._journal.sync, mark))
        try:
            await asyncio.wait_for(asyncio.shield(synced), SYNC_WAIT)
        except TimeoutError:
            log.warning("the call journal took over %g s to sync; answering anyway", SYNC_WAIT)
        except OSError as error:
            log.error("the call journal could not be synced (%s); a power cut could lose "
                      "call %s", error, kept.record.call_id)
        return True

    def _settle(self, call_id: str) -> None:
        if self._journal is not None:
            self._journal.settle(call_id)

    def _written_late(self, kept: Kept, done: Future[None], journaled: bool) -> None:
        """On the writer thread: a record that waited is in the database, or never will be
        from this process."""
        error = done.exception()
        if error is None:
            self._settle(kept.record.call_id)
        elif isinstance(error, WriterClosed) and journaled:
            log.warning("call %s is kept in the call journal; the next start writes it "
                        "(%s)", kept.record.call_id, error)
        else:
            self.lost(kept.record, error)
            self._settle(kept.record.call_id)

    def _spill(self, record: CallRecord, verdict: Verdict) -> asyncio.Future[None]:
        written: asyncio.Future[None] = self._loop.create_future()
        self._spilled[record.call_id] = written
        self._unrecorded[record.call_id] = verdict
        written.add_done_callback(lambda _: self._unrecorded.pop(record.call_id, None))
        self._emit(ListenerFailed(Message(
            "problem.unrecorded.journal",
            (record.call_id, verdict.decision.message, str(self._writer.trouble)))))
        return written

    def _storage_changed(self, health: StorageHealth) -> None:
        """On the writer thread: once storage recovers, what only the journal has goes in."""
        if health.failing is None:
            self._loop.call_soon_threadsafe(self._write_spilled)

    def _write_spilled(self) -> None:
        if self._spilled and not any(task.get_name() == "spilled" for task in self._tasks):
            self._run(self._resubmit(), name="spilled")

    async def _resubmit(self) -> None:
        """Read the spilled records back from the journal, a group at a time, and write them;
        a group the writer refuses again waits for the next recovery."""
        assert self._journal is not None
        while self._spilled and self._writer.trouble is None:
            call_ids = list(itertools.islice(self._spilled, MAX_GROUP))
            found = {kept.record.call_id: kept for kept in
                     await asyncio.to_thread(self._journal.records, call_ids)}
            written = {call_id: self._writer.submit(_Write(kept)).seen
                       for call_id, kept in found.items()}
            for call_id in call_ids:
                try:
                    if call_id not in written:
                        raise LookupError("its record is missing from the call journal")
                    await written[call_id]
                except WriterRefused:
                    return
                except Exception as error:
                    log.error("call %s could not be recorded from the journal: %s",
                              call_id, error)
                self._settle(call_id)
                self._spilled.pop(call_id).set_result(None)

    async def _forget_when_written(
        self, leftovers: Leftovers, written: list[asyncio.Future[None]], missing: list[str],
    ) -> None:
        """Once every leftover is in the database (or the log), their files go."""
        closed = False
        for kept, outcome in zip(leftovers.kept, await asyncio.gather(
                *written, return_exceptions=True), strict=True):
            self._unrecorded.pop(kept.record.call_id, None)
            if isinstance(outcome, WriterClosed):
                closed = True
            elif isinstance(outcome, BaseException):
                self.lost(kept.record, outcome)
        if leftovers.kept:
            log.warning("the call journal kept %d calls from before callgate stopped: %d were "
                        "missing from the history and are written now", len(leftovers.kept),
                        len(missing))
        if not closed:
            leftovers.forget()

    def _run(self, work: Coroutine[Any, Any, None], *, name: str | None = None) -> None:
        task = self._loop.create_task(work, name=name)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    def lost(self, record: CallRecord, error: BaseException | None) -> None:
        """The last place a record can go when the database refuses it: the log, in full."""
        log.error("call %s could not be recorded (%s); its record: %s", record.call_id,
                  error, json.dumps(dataclasses.asdict(record), ensure_ascii=False))
        self._emit(ListenerFailed(Message("problem.not_recorded", (record.call_id, str(error)))))
