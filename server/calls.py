"""The call service: one commubo call in, one decision out, recorded before the answer leaves
(server/recording.py says where: the database, else the journal). It knows no HTTP; the route
in server/webhook.py reads the request and writes the answer."""

from __future__ import annotations

import asyncio
import hmac
import logging
import re
import time
import uuid
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from sqlite_utils import Database

from application import Office
from screening.call import Call, decode
from screening.closed_days import public_holiday
from screening.decision_order import screen
from screening.messages import Message
from screening.mode_in_force import ModeInForce
from screening.phone import load_numbering_plan
from screening.policy import AskPerson, Decision, Reason, Verdict, failsafe
from server.broker import DecisionBroker
from server.events import (
    CallArrived,
    CallDecided,
    CallWaiting,
    EventSink,
    ListenerEvent,
    ListenerFailed,
    StorageFailing,
    StorageRecovered,
)
from server.logs import redact
from server.recording import CallRecorder
from storage.calls import CallHistory, CallRecord
from storage.journal import Journal
from storage.self_tests import record_self_test
from storage.settings import Counters
from storage.snapshot import ScreeningSnapshot
from storage.writer import StorageHealth, Writer

log = logging.getLogger(__name__)

REFUSED_COUNTER = "refused-requests"
# A post whose JSON object carries this field is callgate's own reachability test, not a call.
SELF_TEST_FIELD = "callgateSelfTest"
SELF_TEST_NONCE = re.compile(r"[A-Za-z0-9_-]{1,128}")


@dataclass(frozen=True)
class Answered:
    """A call decided, or a repeat of one (answered as first decided)."""

    verdict: Verdict
    duplicate: bool = False


@dataclass(frozen=True)
class TokenRevoked:
    """The token matched the tokens last read, but another program replaced it meanwhile:
    answered as a wrong token."""


@dataclass(frozen=True)
class SelfTestTaken:
    """callgate's own test call: no call, no event, no history, only its nonce noted."""

    nonce: str | None  # None: the field held no valid nonce
    not_recorded: str | None = None  # why the database did not note it


def local_id() -> str:
    """An id for a post that named no call: one no commubo call can carry."""
    return f"local-{uuid.uuid4().hex}"


def local_call() -> Call:
    return Call(call_id=local_id())


def _matches(candidate: str, tokens: tuple[str, ...]) -> bool:
    """Constant time, and every token is compared: no early exit to time."""
    given = candidate.encode()
    matches = [hmac.compare_digest(given, token.encode()) for token in tokens]
    return any(matches)


class CallService:
    """Everything one listener needs to take calls, bound to the listener thread's connection."""

    def __init__(
        self, db: Database, writer: Writer, broker: DecisionBroker, emit: EventSink,
        *, journal: Journal | None = None,
    ) -> None:
        """Call start() before the first call: it writes what the journal kept."""
        self.broker = broker
        self._writer = writer
        self._watcher = emit
        self._history = CallHistory(db)
        # Refused requests are counted by the writer in memory; this is what was saved before.
        self._refused_before = Counters(db).get(REFUSED_COUNTER)
        self._snapshot = ScreeningSnapshot(db, tokens_read=redact.keep_secret)
        Office.over(db).webhook.token()  # made on first start, before the first call
        self._snapshot.webhook_tokens()  # read now, so the log hides them from the start
        self._in_flight: dict[str, asyncio.Future[Verdict]] = {}
        self._recorder = CallRecorder(writer, journal, self._emit)
        writer.watch(self._storage_changed)

    def start(self) -> None:
        self._recorder.start()
        # The holiday package and the numbering plan take a tenth of a second each to load: on
        # a thread of their own, so the port opens without waiting for them and a call rarely
        # does.
        asyncio.get_running_loop().run_in_executor(None, _load_tables)

    def close(self) -> None:
        """After the writer has closed."""
        self._recorder.close()

    def _storage_changed(self, health: StorageHealth) -> None:
        if health.failing is None:
            self._emit(StorageRecovered(health.written))
        else:
            self._emit(StorageFailing(health.failing, health.waiting))

    def _emit(self, event: ListenerEvent) -> None:
        """Tell watchers; a failing watcher must never cost a call its answer."""
        try:
            self._watcher(event)
        except Exception:
            log.exception("a listener event could not be delivered")

    def token_matches(self, candidate: str) -> bool:
        """Against the tokens last read, and, when it matches none of them, against the tokens
        read again: a token just rotated by another program opens the webhook at once. One
        that matched is checked again when the call reads the settings' version (take())."""
        return (_matches(candidate, self._snapshot.webhook_tokens(reread=False))
                or _matches(candidate, self._snapshot.webhook_tokens()))

    def _revoked(self, token: str, config_version: int | None) -> bool:
        """Whether the settings moved since the token matched and it no longer opens the
        webhook; `config_version` as just read, None to read it now."""
        before = self._snapshot.version
        if config_version is None:
            self._snapshot.current()
        else:
            self._snapshot.observe(config_version)
        return (self._snapshot.version != before
                and not _matches(token, self._snapshot.webhook_tokens(reread=False)))

    def storage(self) -> tuple[str | None, int]:
        """Why the database takes no writes now (None while it does), and the records waiting
        to be written."""
        return self._writer.trouble, self._writer.waiting

    def count_refused(self) -> None:
        """In memory: a flood of wrong tokens must cost no write each, nor a call's place in
        the backlog."""
        self._writer.count(REFUSED_COUNTER)

    def refused_requests(self) -> int:
        """Saved at start, and counted since (saved or not)."""
        return self._refused_before + self._writer.counted(REFUSED_COUNTER)

    def config_version(self) -> int | None:
        """Moves whenever rules or settings change (here or in another program)."""
        self._snapshot.current()
        return self._snapshot.version

    def mode_in_force(self) -> ModeInForce:
        """The mode deciding calls now: a manual override, the schedule or the mode setting."""
        return self._snapshot.current()[1].mode_at(datetime.now(UTC))

    async def take(
        self, body: str, received_at: str, started: float, token: str,
    ) -> Answered | SelfTestTaken | TokenRevoked:
        """A post's body, as text, that came with `token`: decided and recorded (a body that
        is no JSON object too, by the fail-safe)."""
        try:
            data = decode(body)
        except (ValueError, RecursionError):
            data = None
        if not isinstance(data, dict) or SELF_TEST_FIELD in data:
            if self._revoked(token, None):
                return TokenRevoked()
            if isinstance(data, dict):
                return await self._self_test(data[SELF_TEST_FIELD], received_at)
            call = local_call()
            self._recorder.arrived(call.call_id, received_at, body)
            verdict = self._failsafe(Message("detail.failsafe.not_json"))
            return Answered(await self._finish(call, verdict, received_at, started, body))
        call = Call.from_payload(data, "")
        if not call.call_id:
            call = replace(call, call_id=local_id())
        # One statement for what a call needs first: its stored decision, and whether the
        # rules or settings (the tokens among them) changed since the last call.
        stored, config_version = self._history.verdict_and_config(call.call_id)
        if self._revoked(token, config_version):
            return TokenRevoked()
        repeated = await self._repeat_of(call.call_id, stored)
        if repeated is not None:
            return Answered(repeated, duplicate=True)
        self._recorder.arrived(call.call_id, received_at, body)
        pending: asyncio.Future[Verdict] = asyncio.get_running_loop().create_future()
        self._in_flight[call.call_id] = pending
        try:
            self._emit(CallArrived(call, received_at))
            verdict = await self._decide(call, received_at)
            verdict = await self._finish(call, verdict, received_at, started, body)
            pending.set_result(verdict)
        finally:
            del self._in_flight[call.call_id]
            if not pending.done():
                pending.cancel()
        return Answered(verdict)

    async def refuse(self, why: Message, received_at: str, started: float, body: str) -> None:
        """A post commubo should never send: kept in the history as refused."""
        verdict = Verdict(Decision.REJECT, Reason.REFUSED, why)
        await self._finish(local_call(), verdict, received_at, started, body)

    async def unexpected(
        self, error: Exception, received_at: str, started: float, body: str
    ) -> Verdict:
        """The last line of defence: for commubo a 5xx would mean "reject"."""
        verdict = self._failsafe(Message("detail.failsafe.unexpected", (repr(error),)))
        return await self._finish(local_call(), verdict, received_at, started, body)

    async def _self_test(self, nonce: object, received_at: str) -> SelfTestTaken:
        if not isinstance(nonce, str) or not SELF_TEST_NONCE.fullmatch(nonce):
            return SelfTestTaken(None)
        try:
            if await self._recorder.write(
                    lambda db: record_self_test(db, nonce, received_at)) is not None:
                return SelfTestTaken(nonce, f"storage is not taking writes: "
                                            f"{self._writer.trouble}")
        except Exception as error:
            log.exception("could not record a self-test")
            return SelfTestTaken(nonce, f"could not record the self-test: {error}")
        return SelfTestTaken(nonce)

    async def _repeat_of(self, call_id: str, stored: Verdict | None) -> Verdict | None:
        """The decision already given (or about to be given) for this call id, if any;
        `stored`: the one in the database."""
        first = self._in_flight.get(call_id)
        if first is not None:
            verdict = await asyncio.shield(first)
        elif (unrecorded := self._recorder.unrecorded(call_id)) is not None:
            verdict = unrecorded
        elif stored is None:
            return None
        else:
            verdict = stored
        try:
            await self._recorder.write(lambda db: CallHistory(db).note_repeat(call_id))
        except Exception:
            log.exception("could not count a repeat of call %s", call_id)
        return verdict

    async def _decide(self, call: Call, received_at: str) -> Verdict:
        try:
            rules, settings = self._snapshot.rules_and_settings  # as take() just read them
            now = datetime.now(UTC)
            rejected = (self._history.last_reject(call.caller)
                        if settings.repeat_caller and call.caller else None)
            outcome = screen(call, rules, settings, now=now, last_reject=rejected)
            if isinstance(outcome, AskPerson):
                if self.broker.can_ask:
                    deadline = time.monotonic() + outcome.timeout
                    self._emit(CallWaiting(call, received_at, outcome, deadline))
                return await self.broker.ask(call.call_id, outcome)
            return outcome
        except Exception as error:
            log.exception("screening failed for call %s", call.call_id)
            return self._failsafe(Message("detail.failsafe.screening", (str(error),)))

    def _failsafe(self, why: Message) -> Verdict:
        try:
            settings = self._snapshot.current()[1]
        except Exception:
            log.exception("settings unreadable; using the built-in fail-safe")
            return Verdict(Decision.ACCEPT, Reason.FAILSAFE, why)
        return failsafe(settings, why)

    def _one_shot(self, verdict: Verdict) -> int | None:
        """The one-shot rule that let this call through, used up in memory at once."""
        rule_id = verdict.rule_id
        if (verdict.reason is not Reason.RULE or rule_id is None
                or not self._snapshot.is_once(rule_id)):
            return None
        self._snapshot.spend(rule_id, datetime.now(UTC))
        return rule_id

    def _settle(self, rule_id: int, pending: asyncio.Future[None] | None) -> None:
        """Once the rule's use is on disk (or failed to get there), the database decides."""
        if pending is None:
            self._snapshot.settle(rule_id)
        else:
            pending.add_done_callback(lambda _: self._snapshot.settle(rule_id))

    async def _finish(
        self, call: Call, verdict: Verdict, received_at: str, started: float, body: str
    ) -> Verdict:
        """Record the call durably, then tell watchers; a storage failure still gets an answer."""
        latency_ms = (time.perf_counter() - started) * 1000
        record = CallRecord.of(call, verdict, received_at, latency_ms, body)
        once: int | None = None
        pending: asyncio.Future[None] | None = None
        try:
            once = self._one_shot(verdict)
            pending = await self._recorder.record(record, verdict, use_once=once is not None)
        except Exception as error:
            self._recorder.lost(record, error)
            if verdict.reason is not Reason.FAILSAFE:
                verdict = self._failsafe(Message("detail.failsafe.storage", (str(error),)))
        finally:
            if once is not None:
                self._settle(once, pending)
        if verdict.reason is Reason.FAILSAFE:
            self._emit(ListenerFailed(Message("problem.failsafe", (
                call.call_id, verdict.decision.message, verdict.detail))))
        self._emit(CallDecided(call, verdict, latency_ms, received_at))
        return verdict


def _load_tables() -> None:
    try:
        public_holiday(date.today())
    except Exception:
        log.exception("could not load the public holidays")
    load_numbering_plan()
