"""The hot path: one commubo post in, one decision out, recorded before the answer leaves
(server/recording.py says where: the database, else the journal)."""

from __future__ import annotations

import asyncio
import hmac
import logging
import re
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from aiohttp import HttpVersion11, hdrs, web
from sqlite_utils import Database

import wording
from application import Office
from screening.call import Call, decode
from screening.messages import Message
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
from server.recording import CallRecorder
from storage.calls import CallHistory, CallRecord
from storage.database import SELF_TESTS_TABLE, utc_now
from storage.journal import Journal
from storage.settings import Counters
from storage.snapshot import ScreeningSnapshot
from storage.writer import StorageHealth, Writer

log = logging.getLogger(__name__)

MAX_BODY = 64 * 1024
TOO_LARGE = Message("detail.refused.too_large", (MAX_BODY // 1024,))
REFUSED_COUNTER = "refused-requests"
# A post whose JSON object carries this field is callgate's own reachability test, not a call.
SELF_TEST_FIELD = "callgateSelfTest"
SELF_TEST_NONCE = re.compile(r"[A-Za-z0-9_-]{1,128}")
SELF_TEST_KEEP_DAYS = 7
# A body that has not arrived this long after its headers never will: the client stalled.
BODY_TIMEOUT = 10.0


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


class CallDesk:
    """Everything one listener needs to take calls, bound to the listener thread's connection."""

    def __init__(
        self, db: Database, writer: Writer, broker: DecisionBroker, emit: EventSink,
        *, journal: Journal | None = None, body_timeout: float = BODY_TIMEOUT,
    ) -> None:
        """Call start() before the first call: it writes what the journal kept."""
        self.broker = broker
        self._body_timeout = body_timeout
        self._writer = writer
        self._watcher = emit
        self._history = CallHistory(db)
        # Refused requests are counted by the writer in memory; this is what was saved before.
        self._refused_before = Counters(db).get(REFUSED_COUNTER)
        self._snapshot = ScreeningSnapshot(db, tokens_read=redact.keep_secret)
        Office.over(db).webhook.token()  # made on first start, before the first call
        self._snapshot.webhook_tokens()  # read now, so the log hides them from the start
        try:  # load the holiday package now, not during the first call that needs it
            public_holiday(date.today())
        except Exception:
            log.exception("could not load the public holidays")
        self._in_flight: dict[str, asyncio.Future[Verdict]] = {}
        self._recorder = CallRecorder(writer, journal, self._emit)
        writer.watch(self._storage_changed)

    def start(self) -> None:
        self._recorder.start()

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
        """Saved at start, and counted since (saved or not)."""
        return self._refused_before + self._writer.counted(REFUSED_COUNTER)

    def config_version(self) -> int | None:
        """Moves whenever rules or settings change (here or in another program)."""
        self._snapshot.current()
        return self._snapshot.version

    def mode_in_force(self) -> ModeInForce:
        """The mode deciding calls now: a manual override, the schedule or the mode setting."""
        return self._snapshot.current()[1].mode_at(datetime.now(UTC))

    async def handle(self, request: web.Request) -> web.Response:
        started = time.perf_counter()
        received_at = utc_now()
        if not self.token_matches(request.match_info.get("token", "")):
            return self.not_found()
        body = ""
        try:
            body = await self._read_body(request)
            content_type = request.headers.get(hdrs.CONTENT_TYPE)
            if content_type is not None and not _is_json(content_type):
                why = Message("detail.refused.content_type", (content_type,))
                return await self._refuse(415, why, received_at, started, body)
            return await self._take(body, received_at, started)
        except web.HTTPRequestEntityTooLarge:
            return await self._refuse(413, TOO_LARGE, received_at, started, "")
        except BodyStalled:
            why = Message("detail.refused.stalled", (self._body_timeout,))
            # Then the connection closes: aiohttp would otherwise linger, reading for the
            # rest of a body that is not coming.
            return await send_and_close(
                request, await self._refuse(408, why, received_at, started, ""))
        except ClientLeft:
            # Nobody is left to read the answer; the post is kept, like any other refused one.
            why = Message("detail.refused.client_left")
            return await self._refuse(400, why, received_at, started, "")
        except Exception as error:
            # The last line of defence: for commubo a 5xx would mean "reject".
            log.exception("unexpected error while taking a call")
            call = Call(call_id=f"local-{uuid.uuid4().hex}")
            verdict = self._failsafe(Message("detail.failsafe.unexpected", (repr(error),)))
            return answer(await self._finish(call, verdict, received_at, started, body))

    async def expect(self, request: web.Request) -> web.StreamResponse | None:
        """`Expect: 100-continue`: what the headers decide already (a wrong token, a body
        declared over the limit) is answered now, and the connection closed, rather than
        inviting a body only to refuse it; otherwise 100 Continue, as aiohttp would."""
        if not self.token_matches(request.match_info.get("token", "")):
            return await send_and_close(request, self.not_found())
        if _declared_too_large(request):
            refused = await self._refuse(413, TOO_LARGE, utc_now(), time.perf_counter(), "")
            return await send_and_close(request, refused)
        expect = request.headers.get(hdrs.EXPECT, "")
        if expect.lower() != "100-continue":
            raise web.HTTPExpectationFailed(text=f"Unknown Expect: {expect}")
        if request.version == HttpVersion11:
            await request.writer.write(b"HTTP/1.1 100 Continue\r\n\r\n")
        return None

    def not_found(self) -> web.Response:
        """A wrong or missing token: 404, and nothing but a count of refused requests."""
        self.count_refused()
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

    def count_refused(self) -> None:
        """In memory: a flood of wrong tokens must cost no write each, nor a call's place in
        the backlog."""
        self._writer.count(REFUSED_COUNTER)

    async def _take(self, body: str, received_at: str, started: float) -> web.Response:
        fallback_id = f"local-{uuid.uuid4().hex}"
        try:
            data = decode(body)
        except (ValueError, RecursionError):
            data = None
        if not isinstance(data, dict):
            call = Call(call_id=fallback_id)
            self._recorder.arrived(call.call_id, received_at, body)
            verdict = self._failsafe(Message("detail.failsafe.not_json"))
            return answer(await self._finish(call, verdict, received_at, started, body))
        if SELF_TEST_FIELD in data:
            return await self._self_test(data[SELF_TEST_FIELD], received_at)
        call = Call.from_payload(data, fallback_id)
        repeated = await self._repeat_of(call.call_id)
        if repeated is not None:
            return answer(repeated, duplicate=True)
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
        return answer(verdict)

    async def _self_test(self, nonce: object, received_at: str) -> web.Response:
        """callgate's own test call: answered and noted, but no call, no event, no history."""
        if not isinstance(nonce, str) or not SELF_TEST_NONCE.fullmatch(nonce):
            why = f"{SELF_TEST_FIELD} must be 1 to 128 letters, digits, '-' or '_'"
            return web.json_response({"error": why}, status=400)
        body: dict[str, Any] = {"decision": Decision.ACCEPT, "reason": "self-test",
                                "nonce": nonce}
        try:
            if await self._recorder.write(
                    lambda db: record_self_test(db, nonce, received_at)) is not None:
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
        elif (unrecorded := self._recorder.unrecorded(call_id)) is not None:
            verdict = unrecorded
        else:
            stored = self._history.verdict_of(call_id)
            if stored is None:
                return None
            verdict = stored
        try:
            await self._recorder.write(lambda db: CallHistory(db).note_repeat(call_id))
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

    async def _refuse(
        self, status: int, why: Message, received_at: str, started: float, body: str
    ) -> web.Response:
        """A post commubo should never send: answer the status, but keep it in the history."""
        call = Call(call_id=f"local-{uuid.uuid4().hex}")
        verdict = Verdict(Decision.REJECT, Reason.REFUSED, why)
        await self._finish(call, verdict, received_at, started, body)
        return web.json_response({"error": wording.render(why)}, status=status)
