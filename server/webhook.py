"""The hot path: one commubo post in, one decision out, recorded before the answer leaves."""

from __future__ import annotations

import asyncio
import dataclasses
import hmac
import json
import logging
import re
import time
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from aiohttp import HttpVersion11, hdrs, web
from sqlite_utils import Database

from application import Office
from screening.call import Call, decode
from screening.policy import AskPerson, Decision, Reason, Verdict, failsafe, screen
from screening.schedule import ModeInForce, public_holiday
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
from storage.calls import CallHistory, CallRecord
from storage.database import SELF_TESTS_TABLE, utc_now
from storage.rules import RuleBook
from storage.settings import Counters
from storage.snapshot import ScreeningSnapshot
from storage.writer import Job, StorageHealth, Writer

log = logging.getLogger(__name__)

MAX_BODY = 64 * 1024
TOO_LARGE = f"body larger than {MAX_BODY // 1024} KiB"
REFUSED_COUNTER = "refused-requests"
# A post whose JSON object carries this field is callgate's own reachability test, not a call.
SELF_TEST_FIELD = "callgateSelfTest"
SELF_TEST_NONCE = re.compile(r"[A-Za-z0-9_-]{1,128}")
SELF_TEST_KEEP_DAYS = 7
# How long an answer waits for its record to reach the disk. Past this, storage is failing
# (locked by another program, full): the call is answered anyway and its record waits in the
# writer until storage recovers.
RECORD_WAIT = 1.0
# A body that has not arrived this long after its headers never will: the client stalled.
BODY_TIMEOUT = 10.0
# The same wait once the writer already knows storage is failing: no point in the full second.
RECORD_WAIT_FAILING = 0.1


def _is_json(content_type: str) -> bool:
    media = content_type.split(";", 1)[0].strip().lower()
    return media == "application/json" or (
        media.startswith("application/") and media.endswith("+json")
    )


def answer(verdict: Verdict, *, duplicate: bool = False) -> web.Response:
    """200 lets commubo answer the call, 403 makes it hang up."""
    status = 200 if verdict.decision is Decision.ACCEPT else 403
    body: dict[str, Any] = {"decision": verdict.decision, "reason": verdict.reason}
    if duplicate:
        body["duplicate"] = True
    return web.json_response(body, status=status)


def record_self_test(db: Database, nonce: str, received_at: str) -> None:
    """Note a test call's nonce, so the self-test can tell that this database saw it; rows
    older than a week go, so the table stays small however often the test runs."""
    cutoff = (datetime.fromisoformat(received_at) - timedelta(days=SELF_TEST_KEEP_DAYS))
    db.execute(f"DELETE FROM {SELF_TESTS_TABLE} WHERE received_at < ?",
               [cutoff.isoformat(timespec="milliseconds")])
    db.execute(f"INSERT OR IGNORE INTO {SELF_TESTS_TABLE} (nonce, received_at) VALUES (?, ?)",
               [nonce, received_at])


def record_call(db: Database, record: CallRecord, *, use_once: bool = False) -> None:
    """A call's history row, and the match on the rule that decided it, in one transaction;
    with `use_once`, that rule is a one-shot rule and this call uses it up."""
    CallHistory(db).record(record)
    if record.rule_id is not None:
        book = RuleBook(db)
        book.note_match(record.rule_id, record.received_at)
        if use_once:
            book.use(record.rule_id, record.received_at)


class BodyStalled(Exception):
    """The request's body did not arrive within the body timeout."""


class ClientLeft(Exception):
    """The client closed its connection before its whole body arrived."""


def _declared_too_large(request: web.BaseRequest) -> bool:
    return request.content_length is not None and request.content_length > MAX_BODY


async def send_and_close(request: web.BaseRequest, response: web.Response) -> web.Response:
    """Send the answer now, then close the connection without waiting for a body: one that
    stalled, or one never invited (Expect: 100-continue), whose bytes must not be read as
    the next request."""
    await response.prepare(request)
    await response.write_eof()
    request.protocol.force_close()
    return response


def _log_late_failure(error: BaseException) -> None:
    log.error("a delayed write failed: %s", error)


class CallDesk:
    """Everything one listener needs to take calls, bound to the listener thread's connection."""

    def __init__(
        self, db: Database, writer: Writer, broker: DecisionBroker, emit: EventSink,
        *, body_timeout: float = BODY_TIMEOUT,
    ) -> None:
        self.broker = broker
        self._body_timeout = body_timeout
        self._writer = writer
        self._watcher = emit
        self._history = CallHistory(db)
        self._counters = Counters(db)
        self._snapshot = ScreeningSnapshot(db, tokens_read=redact.keep_secret)
        Office.over(db).webhook.token()  # made on first start, before the first call
        self._snapshot.webhook_tokens()  # read now, so the log hides them from the start
        try:  # load the holiday package now, not during the first call that needs it
            public_holiday(date.today())
        except Exception:
            log.exception("could not load the public holidays")
        self._in_flight: dict[str, asyncio.Future[Verdict]] = {}
        # Calls answered while storage was failing, until their records are on disk.
        self._unrecorded: dict[str, Verdict] = {}
        writer.watch(self._storage_changed)

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
        """Constant time, and every accepted token is compared: no early exit to time."""
        given = candidate.encode()
        matches = [hmac.compare_digest(given, token.encode())
                   for token in self._snapshot.webhook_tokens()]
        return any(matches)

    def storage(self) -> tuple[str | None, int]:
        """Why the database takes no writes now (None while it does), and the records waiting
        to be written."""
        return self._writer.trouble, self._writer.waiting

    def refused_requests(self) -> int:
        return self._counters.get(REFUSED_COUNTER)

    def mode_in_force(self) -> ModeInForce:
        """The mode deciding calls now: a manual override, the schedule or the mode setting."""
        return self._snapshot.current()[1].mode_at(datetime.now(UTC))

    async def handle(self, request: web.Request) -> web.Response:
        started = time.perf_counter()
        received_at = utc_now()
        if not self.token_matches(request.match_info.get("token", "")):
            return await self.not_found()
        body = ""
        try:
            body = await self._read_body(request)
            content_type = request.headers.get(hdrs.CONTENT_TYPE)
            if content_type is not None and not _is_json(content_type):
                why = f"content type must be application/json, not {content_type}"
                return await self._refuse(415, why, received_at, started, body)
            return await self._take(body, received_at, started)
        except web.HTTPRequestEntityTooLarge:
            return await self._refuse(413, TOO_LARGE, received_at, started, "")
        except BodyStalled:
            why = f"the body did not arrive within {self._body_timeout:g} s"
            # Then the connection closes: aiohttp would otherwise linger, reading for the
            # rest of a body that is not coming.
            return await send_and_close(
                request, await self._refuse(408, why, received_at, started, ""))
        except ClientLeft:
            # Nobody is left to read the answer; the post is kept, like any other refused one.
            why = "the client disconnected before its whole body arrived"
            return await self._refuse(400, why, received_at, started, "")
        except Exception as error:
            # The last line of defence: for commubo a 5xx would mean "reject".
            log.exception("unexpected error while taking a call")
            call = Call(call_id=f"local-{uuid.uuid4().hex}")
            verdict = self._failsafe(f"unexpected error: {error!r}")
            return answer(await self._finish(call, verdict, received_at, started, body))

    async def expect(self, request: web.Request) -> web.StreamResponse | None:
        """`Expect: 100-continue`: what the headers decide already (a wrong token, a body
        declared over the limit) is answered now, and the connection closed, rather than
        inviting a body only to refuse it; otherwise 100 Continue, as aiohttp would."""
        if not self.token_matches(request.match_info.get("token", "")):
            return await send_and_close(request, await self.not_found())
        if _declared_too_large(request):
            refused = await self._refuse(413, TOO_LARGE, utc_now(), time.perf_counter(), "")
            return await send_and_close(request, refused)
        expect = request.headers.get(hdrs.EXPECT, "")
        if expect.lower() != "100-continue":
            raise web.HTTPExpectationFailed(text=f"Unknown Expect: {expect}")
        if request.version == HttpVersion11:
            await request.writer.write(b"HTTP/1.1 100 Continue\r\n\r\n")
        return None

    async def not_found(self) -> web.Response:
        """A wrong or missing token: 404, and nothing but a count of refused requests."""
        await self.count_refused()
        return web.json_response({"error": "not found"}, status=404)

    async def _read_body(self, request: web.Request) -> str:
        """The whole body as text; BodyStalled if it stops coming (a client that stops
        sending must not hold its connection and handler for ever), ClientLeft if the client
        hangs up first."""
        if _declared_too_large(request):  # refused before a byte of it is read
            raise web.HTTPRequestEntityTooLarge(MAX_BODY, request.content_length or 0)
        try:
            async with asyncio.timeout(self._body_timeout):
                raw = await request.read()
        except TimeoutError as error:
            raise BodyStalled from error
        except ConnectionError as error:
            raise ClientLeft from error
        # A byte order mark is no part of the JSON text (RFC 8259 lets a reader ignore it).
        return raw.decode("utf-8-sig", errors="backslashreplace")

    async def count_refused(self) -> None:
        try:
            await self._write(lambda db: Counters(db).add(REFUSED_COUNTER))
        except Exception:
            log.exception("could not count a refused request")

    async def _take(self, body: str, received_at: str, started: float) -> web.Response:
        fallback_id = f"local-{uuid.uuid4().hex}"
        try:
            data = decode(body)
        except (ValueError, RecursionError):
            data = None
        if not isinstance(data, dict):
            call = Call(call_id=fallback_id)
            verdict = self._failsafe("the body is not a JSON object")
            return answer(await self._finish(call, verdict, received_at, started, body))
        if SELF_TEST_FIELD in data:
            return await self._self_test(data[SELF_TEST_FIELD], received_at)
        call = Call.from_payload(data, fallback_id)
        repeated = await self._repeat_of(call.call_id)
        if repeated is not None:
            return answer(repeated, duplicate=True)
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
        return answer(verdict)

    async def _self_test(self, nonce: object, received_at: str) -> web.Response:
        """callgate's own test call: answered and noted, but no call, no event, no history."""
        if not isinstance(nonce, str) or not SELF_TEST_NONCE.fullmatch(nonce):
            why = f"{SELF_TEST_FIELD} must be 1 to 128 letters, digits, '-' or '_'"
            return web.json_response({"error": why}, status=400)
        body: dict[str, Any] = {"decision": Decision.ACCEPT, "reason": "self-test",
                                "nonce": nonce}
        try:
            if await self._write(lambda db: record_self_test(db, nonce, received_at)) is not None:
                body |= {"recorded": False,
                         "error": f"storage is not taking writes: {self._writer.trouble}"}
        except Exception as error:
            log.exception("could not record a self-test")
            body |= {"recorded": False, "error": f"could not record the self-test: {error}"}
        return web.json_response(body)

    async def _repeat_of(self, call_id: str) -> Verdict | None:
        """The decision already given (or about to be given) for this call id, if any."""
        first = self._in_flight.get(call_id)
        if first is not None:
            verdict = await asyncio.shield(first)
        elif call_id in self._unrecorded:
            verdict = self._unrecorded[call_id]
        else:
            stored = self._history.verdict_of(call_id)
            if stored is None:
                return None
            verdict = stored
        try:
            await self._write(lambda db: CallHistory(db).note_repeat(call_id))
        except Exception:
            log.exception("could not count a repeat of call %s", call_id)
        return verdict

    async def _decide(self, call: Call, received_at: str) -> Verdict:
        try:
            rules, settings = self._snapshot.current()
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
            return self._failsafe(f"screening failed: {error}")

    def _failsafe(self, why: str) -> Verdict:
        try:
            settings = self._snapshot.current()[1]
        except Exception:
            log.exception("settings unreadable; using the built-in fail-safe")
            return Verdict(Decision.ACCEPT, Reason.FAILSAFE, why)
        return failsafe(settings, why)

    async def _write(
        self, job: Job, *, failed_late: Callable[[BaseException], None] = _log_late_failure,
    ) -> asyncio.Future[None] | None:
        """Run a write in the writer's next group commit and wait until it is on disk, but
        no longer than RECORD_WAIT: past that the write is still queued, and comes back so
        that the caller can answer anyway; nobody awaits it then, so if it fails, its error
        goes to `failed_late` (by default the log). Raises what the write raised in time."""
        written = asyncio.wrap_future(self._writer.submit(job))
        bound = RECORD_WAIT if self._writer.trouble is None else RECORD_WAIT_FAILING
        done, _ = await asyncio.wait({written}, timeout=bound)
        if not done:
            def report(written: asyncio.Future[None]) -> None:
                if not written.cancelled() and (error := written.exception()) is not None:
                    failed_late(error)

            written.add_done_callback(report)
            return written
        written.result()
        return None

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

    def _record_later(
        self, record: CallRecord, verdict: Verdict, written: asyncio.Future[None]
    ) -> None:
        """A call answered before its record reached the disk: repeats of it get the same
        answer until it does (or fails to: _lost has the record then)."""
        self._unrecorded[record.call_id] = verdict
        written.add_done_callback(lambda _: self._unrecorded.pop(record.call_id, None))
        self._emit(ListenerFailed(
            f"call {record.call_id} answered ({verdict.decision}) but not recorded yet: "
            f"{self._writer.trouble or 'storage is slow'}; it is kept and written when "
            "storage recovers"))

    def _lost(self, record: CallRecord, error: BaseException | None) -> None:
        """The last place a record can go when the database refuses it: the log, in full."""
        log.error("call %s could not be recorded (%s); its record: %s", record.call_id,
                  error, json.dumps(dataclasses.asdict(record), ensure_ascii=False))
        self._emit(ListenerFailed(f"could not record call {record.call_id}: {error}"))

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
            pending = await self._write(
                lambda db: record_call(db, record, use_once=once is not None),
                failed_late=lambda error: self._lost(record, error))
        except Exception as error:
            self._lost(record, error)
            if verdict.reason is not Reason.FAILSAFE:
                verdict = self._failsafe(f"storage failed: {error}")
        finally:
            if once is not None:
                self._settle(once, pending)
        if pending is not None:
            self._record_later(record, verdict, pending)
        if verdict.reason is Reason.FAILSAFE:
            self._emit(ListenerFailed(f"fail-safe {verdict.decision} for {call.call_id}: "
                                      f"{verdict.detail}"))
        self._emit(CallDecided(call, verdict, latency_ms, received_at))
        return verdict

    async def _refuse(
        self, status: int, why: str, received_at: str, started: float, body: str
    ) -> web.Response:
        """A post commubo should never send: answer the status, but keep it in the history."""
        call = Call(call_id=f"local-{uuid.uuid4().hex}")
        verdict = Verdict(Decision.REJECT, Reason.REFUSED, why)
        await self._finish(call, verdict, received_at, started, body)
        return web.json_response({"error": why}, status=status)
