"""The webhook route: commubo's HTTP in, the call service's decision out as 200 or 403. What
only HTTP knows is decided here (the token, the body's size, type and arrival); the call
itself is the call service's (server/calls.py)."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from functools import lru_cache
from typing import Any

from aiohttp import HttpVersion11, hdrs, web

import wording
from screening.messages import Message
from screening.policy import Decision, Reason, Verdict
from server.calls import SELF_TEST_FIELD, Answered, CallService, SelfTestTaken, TokenRevoked
from storage.database import utc_now

log = logging.getLogger(__name__)

MAX_BODY = 64 * 1024
TOO_LARGE = Message("detail.refused.too_large", (MAX_BODY // 1024,))
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
    return web.Response(text=_answer_text(verdict.decision, verdict.reason, duplicate),
                        status=status, content_type="application/json")


@lru_cache(maxsize=64)
def _answer_text(decision: Decision, reason: Reason, duplicate: bool) -> str:
    """An answer's JSON, made once for each kind (as web.json_response would make it)."""
    body: dict[str, Any] = {"decision": decision, "reason": reason}
    if duplicate:
        body["duplicate"] = True
    return json.dumps(body)


def _self_test_answer(taken: SelfTestTaken) -> web.Response:
    if taken.nonce is None:
        why = f"{SELF_TEST_FIELD} must be 1 to 128 letters, digits, '-' or '_'"
        return web.json_response({"error": why}, status=400)
    body: dict[str, Any] = {"decision": Decision.ACCEPT, "reason": "self-test",
                            "nonce": taken.nonce}
    if taken.not_recorded is not None:
        body |= {"recorded": False, "error": taken.not_recorded}
    return web.json_response(body)


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


class Webhook:
    """The route's handlers over one call service."""

    def __init__(self, calls: CallService, *, body_timeout: float = BODY_TIMEOUT) -> None:
        self._calls = calls
        self._body_timeout = body_timeout

    async def handle(self, request: web.Request) -> web.Response:
        started = time.perf_counter()
        received_at = utc_now()
        token = request.match_info.get("token", "")
        if not self._calls.token_matches(token):
            return self.not_found()
        body = ""
        try:
            body = await self._read_body(request)
            content_type = request.headers.get(hdrs.CONTENT_TYPE)
            if content_type is not None and not _is_json(content_type):
                why = Message("detail.refused.content_type", (content_type,))
                return await self._refuse(415, why, received_at, started, body)
            taken = await self._calls.take(body, received_at, started, token)
            if isinstance(taken, Answered):
                return answer(taken.verdict, duplicate=taken.duplicate)
            if isinstance(taken, TokenRevoked):
                return self.not_found()
            return _self_test_answer(taken)
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
            log.exception("unexpected error while taking a call")
            return answer(await self._calls.unexpected(error, received_at, started, body))

    async def expect(self, request: web.Request) -> web.StreamResponse | None:
        """`Expect: 100-continue`: what the headers decide already (a wrong token, a body
        declared over the limit) is answered now, and the connection closed, rather than
        inviting a body only to refuse it; otherwise 100 Continue, as aiohttp would."""
        if not self._calls.token_matches(request.match_info.get("token", "")):
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
        self._calls.count_refused()
        return web.json_response({"error": "not found"}, status=404)

    def wrong_method(self) -> web.Response:
        """Anything but POST on the webhook: 405, counted like a wrong token, never decided."""
        self._calls.count_refused()
        return web.json_response({"error": "method not allowed"}, status=405,
                                 headers={"Allow": "POST"})

    async def _read_body(self, request: web.Request) -> str:
        """The whole body as text; BodyStalled if it stops coming (a client that stops
        sending must not hold its connection and handler for ever), ClientLeft if the client
        hangs up first."""
        if _declared_too_large(request):  # refused before a byte of it is read
            raise web.HTTPRequestEntityTooLarge(MAX_BODY, request.content_length or 0)
        try:
            if request.content.is_eof():  # all of it came with the headers: nothing to wait for
                raw = await request.read()
            else:
                async with asyncio.timeout(self._body_timeout):
                    raw = await request.read()
        except TimeoutError as error:
            raise BodyStalled from error
        except ConnectionError as error:
            raise ClientLeft from error
        # A byte order mark is no part of the JSON text (RFC 8259 lets a reader ignore it).
        return raw.decode("utf-8-sig", errors="backslashreplace")

    async def _refuse(
        self, status: int, why: Message, received_at: str, started: float, body: str
    ) -> web.Response:
        """A post commubo should never send: answer the status, but keep it in the history."""
        await self._calls.refuse(why, received_at, started, body)
        return web.json_response({"error": wording.render(why)}, status=status)
