"""The listener's side of the console protocol: what every attached console sees and may do.

It lives on the listener's loop. Calls reach it as the call service's events and leave it, numbered,
to every console (hub.py). A console that attaches gets a snapshot first. Its commands are
answered here: a person's decision on the loop at once (the broker), everything that reads or
writes the database on a worker thread of its own, one for changes and one for reads, so that a
long history count never delays a mode change and the listener's loop never waits for a lock.
A watcher turns changes made elsewhere (the command line, another console) and the turns of the
schedule into events within half a second.
"""

from __future__ import annotations

import asyncio
import logging
import time
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from application import Office
from application.trouble import DATABASE_ERRORS, problem
from screening.messages import Refusal
from server import events as listener
from server.broker import DecisionBroker, Resolved
from server.console import answers
from server.console.hub import EventHub
from server.console.reach import ReachabilityMonitor
from server.console.views import (
    call_view,
    decided,
    decided_of_row,
    instant,
    public_url,
    reach_state,
    self_test_view,
)
from server.protocol import messages as protocol
from server.protocol.inprocess import Session
from server.protocol.roles import may, not_allowed
from server.selftest import Reachability

log = logging.getLogger(__name__)

WATCH_INTERVAL = 0.5
TODAY_LIMIT = 200  # the calls of the day a console lists (its live list's length)
Value = TypeVar("Value")
_REACHABILITY = (protocol.CheckReachability, protocol.DetectPublicUrl, protocol.RunSelfTest)


class ConsoleService:
    def __init__(
        self,
        office: Office,
        broker: DecisionBroker,
        mode: Callable[[], protocol.ModeState],
        config_version: Callable[[], int | None],
        listener_state: Callable[[], protocol.ListenerState],
    ) -> None:
        """Made on the listener's loop. `mode` is the mode in force now; `config_version`
        moves whenever rules or settings change (both cheap: they run every half second);
        neither is asked before start()."""
        self._office = office
        self._broker = broker
        self._mode = mode
        self._config_version = config_version
        self._listener_state = listener_state
        self.hub = EventHub(asyncio.get_running_loop())
        self._id = uuid.uuid4().hex
        self._waiting: dict[str, protocol.CallWaiting] = {}
        self._storage = protocol.StorageState()
        self._reach: protocol.ReachState | None = None
        self._monitor: ReachabilityMonitor | None = None
        self._moved_from: str | None = None
        self._changes = ThreadPoolExecutor(1, thread_name_prefix="callgate-changes")
        self._reads = ThreadPoolExecutor(1, thread_name_prefix="callgate-reads")
        self._seen_mode: protocol.ModeState | None = None
        self._seen_version: int | None = None
        self._seen_values: dict[str, str] | None = None
        self._seen_rules: list[Any] | None = None
        self._watcher: asyncio.Task[None] | None = None
        self._reading: Future[tuple[dict[str, str], list[Any]]] | None = None
        self._away: set[str] = set()  # the desks marked away, by name

    def start(self) -> None:
        """Once the call service is there: from now on changes become events."""
        self._seen_mode, self._seen_version = self._mode(), self._config_version()
        self._changes.submit(self._configuration).add_done_callback(
            lambda read: self.hub.run_on_loop(self._compare, read, False))
        self._watcher = asyncio.get_running_loop().create_task(self._watch())

    # -- from the call service ------------------------------------------------------------

    def take(self, event: listener.ListenerEvent) -> None:
        """The call service's events (an EventSink; the writer's come from its own thread)."""
        self.hub.run_on_loop(self._take, event)

    def _take(self, event: listener.ListenerEvent) -> None:
        body: protocol.EventBody
        if isinstance(event, listener.StorageFailing):
            self._storage = protocol.StorageState(problem=event.why, waiting=event.waiting)
            body = protocol.StorageFailing(why=event.why, waiting=event.waiting)
        elif isinstance(event, listener.StorageRecovered):
            self._storage = protocol.StorageState()
            body = protocol.StorageRecovered(written=event.written)
        elif isinstance(event, listener.CallDecided):
            self._waiting.pop(event.call.call_id, None)
            if not self.hub.sessions:
                return
            body = decided(event.call, event.verdict, event.received_at, event.latency_ms)
        elif not self.hub.sessions:
            return  # nobody to show it to: no words made, no views built
        elif isinstance(event, listener.CallArrived):
            body = protocol.CallArrived(call=call_view(event.call),
                                        received_at=instant(event.received_at))
        elif isinstance(event, listener.CallWaiting):
            left = max(0.0, event.deadline - time.monotonic())
            body = self._waiting[event.call.call_id] = protocol.CallWaiting(
                call=call_view(event.call), received_at=instant(event.received_at),
                deadline=datetime.now(UTC) + timedelta(seconds=left), ms_left=int(left * 1000),
                timeout_s=event.ask.timeout, default=event.ask.default)
        else:
            body = protocol.ListenerProblem(message=event.message)
        self.hub.publish(body)

    def watch(self, monitor: ReachabilityMonitor) -> None:
        """Tell every console what `monitor` finds; its questions answer the setup's."""
        self._monitor = monitor

    def found(self, result: Reachability) -> None:
        """A reachability check's finding (on the monitor's thread)."""
        self.hub.run_on_loop(self._reached, reach_state(result, datetime.now(UTC)))

    def moved(self, old: str, new: str) -> None:
        """A restarted tunnel got a new public address; commubo still posts to `old`."""
        self.hub.run_on_loop(setattr, self, "_moved_from", old)

    def _reached(self, state: protocol.ReachState) -> None:
        self._reach, moved_from, self._moved_from = state, self._moved_from, None
        self.hub.publish(protocol.ReachabilityChanged(reach=state, moved_from=moved_from))

    async def _ask_monitor(self, command: protocol.Command) -> protocol.Value:
        monitor = self._monitor
        if monitor is None:
            raise Refusal("refusal.reachability.not_watched")
        if isinstance(command, protocol.DetectPublicUrl):
            status = await asyncio.wrap_future(monitor.run(
                lambda: monitor.detect(command.settings)))
            return public_url(status)
        if isinstance(command, protocol.RunSelfTest):
            found = await asyncio.wrap_future(monitor.run(
                lambda: monitor.self_test(command.settings)))
            return self_test_view(found, datetime.now(UTC))
        monitor.check_now()
        return protocol.Nothing()

    # -- consoles ---------------------------------------------------------------------------

    async def attach(self, session: Session) -> protocol.Snapshot:
        """Events from now on go to the session (which holds them until its snapshot is
        on its way); the snapshot says where they start."""
        self.hub.add(session)
        self._count_people()
        seq, now = self.hub.seq, datetime.now(UTC)
        waiting = [self._time_left(call, now) for call in self._waiting.values()]
        mode, storage, reach, state = self._mode(), self._storage, self._reach, \
            self._listener_state()
        rows, values = await self.read(lambda office: (
            office.history.today(now, TODAY_LIMIT), answers.settings_values(office)))
        return protocol.Snapshot(
            service_id=self._id, seq=seq, at=now, mode=mode, waiting=waiting,
            today=[decided_of_row(row) for row in rows], storage=storage, reachability=reach,
            listener=state, settings=values, desk=self._desk_state(session))

    def detach(self, session: Session) -> None:
        self.hub.remove(session)
        self._count_people()

    def _desk_state(self, session: Session) -> protocol.DeskState:
        return protocol.DeskState(name=session.desk, role=session.role,
                                  away=session.desk in self._away)

    def _count_people(self) -> None:
        """Ask mode asks while one desk attached is present; the others are away."""
        sessions = self.hub.sessions
        away = sum(session.desk in self._away for session in sessions)
        self._broker.set_people(len(sessions) - away, away=away)

    def attached_desks(self) -> dict[str, bool]:
        """The desks attached now, each with whether it is away."""
        return {session.desk: session.desk in self._away for session in self.hub.sessions}

    def _presence(self, session: Session, away: bool) -> protocol.DeskState:
        if away:
            self._away.add(session.desk)
        else:
            self._away.discard(session.desk)
        self._count_people()
        log.info("desk %r is %s", session.desk, "away" if away else "present")
        return self._desk_state(session)

    async def handle(self, session: Session, command: protocol.Command) -> protocol.Result:
        if not may(session.role, command):
            return not_allowed(session.desk)
        try:
            if isinstance(command, protocol.SetPresence):
                return protocol.Done(value=self._presence(session, command.away))
            if isinstance(command, protocol.ResolveCall):
                outcome = self._broker.resolve(command.call_id, command.decision,
                                               session.desk or None)
                by = self._broker.decided_by(command.call_id) \
                    if outcome is Resolved.TOO_LATE else None
                return protocol.Done(value=protocol.Resolution(outcome=outcome.value,
                                                               decided_by=by))
            if isinstance(command, _REACHABILITY):
                return protocol.Done(value=await self._ask_monitor(command))
            return protocol.Done(value=await answers.answer(self, command))
        except Refusal as refusal:
            return protocol.Refused(reason=refusal.message, field=refusal.field)
        except DATABASE_ERRORS as error:
            log.warning("a console's command was not done: %s", error)
            return protocol.Failed(message=problem(self._office.db_path, error))

    # -- what commands use --------------------------------------------------------------------

    async def read(self, work: Callable[[Office], Value]) -> Value:
        """`work(office)` on the reads thread."""
        return await self._on(self._reads, work)

    async def change(self, work: Callable[[Office], Value]) -> Value:
        """`work(office)` on the changes thread, then its event at once (not at the
        watcher's next look), published before the answer leaves: a console acting on the
        answer already shows what the change made."""
        done = await self._on(self._changes, work)
        self._look()
        if self._reading is not None:
            await asyncio.wrap_future(self._reading)
        return done

    async def _on(self, pool: ThreadPoolExecutor, work: Callable[[Office], Value]) -> Value:
        return await asyncio.get_running_loop().run_in_executor(pool, work, self._office)

    @staticmethod
    def _time_left(call: protocol.CallWaiting, now: datetime) -> protocol.CallWaiting:
        left = max(0, int((call.deadline - now).total_seconds() * 1000))
        return protocol.CallWaiting(call=call.call, received_at=call.received_at,
                                    deadline=call.deadline, ms_left=left,
                                    timeout_s=call.timeout_s, default=call.default)

    # -- changes made elsewhere, and the schedule's turns ---------------------------------------

    async def _watch(self) -> None:
        while True:
            await asyncio.sleep(WATCH_INTERVAL)
            try:
                self._look()
            except DATABASE_ERRORS as error:  # storage trouble has events of its own
                log.debug("the console service could not look for changes: %s", error)

    def _look(self) -> None:
        """On the loop: an event when the mode in force changed by itself, or the rules or
        settings changed (their contents are read on the changes thread, then compared)."""
        version, mode = self._config_version(), self._mode()
        if version == self._seen_version:
            if mode != self._seen_mode:
                self._seen_mode = mode
                self.hub.publish(protocol.ConfigChanged(mode=mode))
            return
        self._seen_version = version
        # Compared on the loop as soon as it is read: change() awaits this future after that
        # callback (done callbacks run in order), so the event goes out before the answer.
        self._reading = self._changes.submit(self._configuration)
        self._reading.add_done_callback(
            lambda read: self.hub.run_on_loop(self._compare, read, True))

    def _configuration(self) -> tuple[dict[str, str], list[Any]]:
        return answers.settings_values(self._office), self._office.rules.all()

    def _compare(self, read: Future[tuple[dict[str, str], list[Any]]], publish: bool) -> None:
        """What changed since the last read (at start: only remember what there is)."""
        if read.exception() is not None:
            self._seen_version = None  # look again next time
            return
        values, rules = read.result()
        settings_changed, rules_changed = values != self._seen_values, rules != self._seen_rules
        self._seen_values, self._seen_rules = values, rules
        if not publish:
            return
        mode = self._seen_mode = self._mode()
        self.hub.publish(protocol.ConfigChanged(
            mode=mode, rules=rules_changed, settings=values if settings_changed else None))

    def close(self) -> None:
        """At the listener's stop, on its loop."""
        if self._watcher is not None:
            self._watcher.cancel()
        for pool in (self._changes, self._reads):
            pool.submit(self._office.close)
            pool.shutdown(wait=True, cancel_futures=True)
