"""Can commubo reach this callgate? A test call through the public URL, and the tunnel's word.

The self-test posts a test call carrying a one-time nonce to the public webhook URL, the way
commubo would, and passes only if the answer echoes that nonce AND this callgate's own database
recorded it: an answer from another program, or from another callgate behind a tunnel that
forwards to the wrong port, does not count. Test calls never reach the history or statistics.
"""

from __future__ import annotations

import asyncio
import errno
import json
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
from yarl import URL

import wording
from screening.messages import NOTHING, Message, Refusal
from screening.settings import Key
from screening.urls import public_webhook_url, redact_token
from server.calls import SELF_TEST_FIELD
from server.tunnels import Tunnel, TunnelStatus, joined, tunnel_from_settings
from storage.self_tests import seen_by

SELF_TEST_TIMEOUT = 10.0
# The listener commits the nonce before it answers, so it is normally there at the first look.
CONFIRM_WAIT = 1.0
LOCAL_PROBE_TIMEOUT = 2.0

KINDS = ("ok", "no-public-url", "dns", "tls", "timeout", "refused", "wrong-token", "rejected",
         "http-error", "other-listener", "error")
STATES = ("reachable", "unreachable", "unknown")

NO_PUBLIC_URL = Message("check.no_public_url")


@dataclass(frozen=True)
class SelfTestResult:
    ok: bool
    kind: str  # one of KINDS
    said: Message  # for people, one clause (wording/checks.py)
    round_trip_ms: float | None  # from sending the test call to its whole answer, if any

    @property
    def message(self) -> str:
        """`said` in English (the command line, logs)."""
        return wording.render(self.said)


def new_nonce() -> str:
    """A one-time value no other test (or call) can carry: 144 random bits, URL-safe."""
    return secrets.token_urlsafe(18)


def _where(url: str) -> str:
    """scheme://host[:port] of a URL, for messages: never the token."""
    try:
        origin = URL(url).origin()
    except ValueError:
        return redact_token(url)
    return str(origin)


async def _confirmed(db_path: Path, nonce: str) -> bool:
    deadline = time.monotonic() + CONFIRM_WAIT
    while True:
        if await asyncio.to_thread(seen_by, db_path, nonce):
            return True
        if time.monotonic() >= deadline:
            return False
        await asyncio.sleep(0.05)


def _failure(kind: str, said: Message, round_trip_ms: float | None = None) -> SelfTestResult:
    return SelfTestResult(False, kind, said, round_trip_ms)


def _connect_failure(error: BaseException, where: str, timeout: float) -> SelfTestResult:
    """The precise reason a test call got no HTTP answer at all."""
    if isinstance(error, aiohttp.ClientConnectorDNSError):
        return _failure("dns", Message("check.test.dns", (error.host,)))
    if isinstance(error, aiohttp.ClientConnectorCertificateError):
        why = error.certificate_error
        detail = getattr(why, "verify_message", None) or str(why)
        return _failure("tls", Message("check.test.certificate", (where, detail)))
    if isinstance(error, aiohttp.ServerFingerprintMismatch):
        return _failure("tls", Message("check.test.fingerprint", (where,)))
    if isinstance(error, aiohttp.ClientSSLError):
        return _failure("tls", Message("check.test.handshake", (where, _os_detail(error))))
    if isinstance(error, TimeoutError):
        return _failure("timeout", Message("check.test.timeout", (where, timeout)))
    if isinstance(error, aiohttp.ClientConnectorError):
        if (isinstance(error.os_error, ConnectionRefusedError)
                or error.os_error.errno == errno.ECONNREFUSED):
            return _failure("refused", Message("check.test.refused", (where,)))
        return _failure("error", Message("check.test.connect", (where, _os_detail(error))))
    if isinstance(error, aiohttp.ServerDisconnectedError):
        return _failure("error", Message("check.test.disconnected", (where,)))
    if isinstance(error, aiohttp.InvalidURL):
        return _failure("error", Message("check.test.invalid_url",
                                         (redact_token(str(error.url)),)))
    return _failure("error", Message("check.test.other",
                                     (where, f"{error.__class__.__name__}: {error}")))


def _os_detail(error: aiohttp.ClientConnectorError) -> str:
    os_error = error.os_error
    return os_error.strerror or str(os_error) or os_error.__class__.__name__


def _decode(raw: bytes) -> Any:
    try:
        return json.loads(raw)
    except ValueError:
        return None


def _judge_answer(
    status: int, reason: str, body: Any, location: str | None, where: str, ms: float
) -> SelfTestResult:
    """An HTTP answer other than this callgate's echo of the nonce."""
    said = f"{status} {reason}".strip()
    if status == 404:
        return _failure("wrong-token", Message("check.answer.wrong_token"), ms)
    if status == 403:
        if isinstance(body, dict) and body.get("decision") == "reject":
            return _failure("rejected", Message("check.answer.decided",
                                                (str(body.get("reason")),)), ms)
        return _failure("rejected", Message("check.answer.forbidden"), ms)
    if 200 <= status < 300:
        return _failure("other-listener", Message("check.answer.not_callgate", (where, said)),
                        ms)
    if 300 <= status < 400:
        if location:
            return _failure("http-error", Message("check.answer.redirect_to",
                                                  (said, redact_token(location))), ms)
        return _failure("http-error", Message("check.answer.redirect", (said,)), ms)
    if status in (502, 503, 504):
        return _failure("http-error", Message("check.answer.gateway", (said,)), ms)
    detail = body.get("error") if isinstance(body, dict) else None
    if isinstance(detail, str):
        return _failure("http-error", Message("check.answer.error_said", (said, detail)), ms)
    return _failure("http-error", Message("check.answer.error", (said,)), ms)


async def _post_test_call(
    session: aiohttp.ClientSession, webhook_url: str, db_path: Path, limit: float
) -> SelfTestResult:
    nonce = new_nonce()
    where = _where(webhook_url)
    started = time.perf_counter()
    try:
        async with session.post(
            webhook_url, json={SELF_TEST_FIELD: nonce}, allow_redirects=False,
            timeout=aiohttp.ClientTimeout(total=limit),
        ) as response:
            raw = await response.read()
            status, reason = response.status, response.reason or ""
            location = response.headers.get("Location")
    except (aiohttp.ClientError, TimeoutError, OSError) as error:
        return _connect_failure(error, where, limit)
    ms = (time.perf_counter() - started) * 1000
    body = _decode(raw)
    echoed = (200 <= status < 300 and isinstance(body, dict) and body.get("nonce") == nonce
              and body.get("reason") == "self-test")
    if not echoed:
        return _judge_answer(status, reason, body, location, where, ms)
    assert isinstance(body, dict)
    if body.get("recorded") is False:
        why = body.get("error")
        if isinstance(why, str) and why:
            return _failure("error", Message("check.answer.not_recorded", (where, why)), ms)
        return _failure("error", Message("check.answer.database_failed", (where,)), ms)
    if not await _confirmed(db_path, nonce):
        return _failure("other-listener", Message("check.answer.another_callgate", (where,)),
                        ms)
    return SelfTestResult(True, "ok", Message("check.test.ok", (where, f"{ms:.0f}")), ms)


async def self_test(
    webhook_url: str,
    db_path: Path,
    *,
    session: aiohttp.ClientSession | None = None,
    timeout: float = SELF_TEST_TIMEOUT,  # noqa: ASYNC109 (applies to the HTTP exchange only)
) -> SelfTestResult:
    """Post a test call to the public webhook URL and confirm this callgate received it.

    Never raises for network trouble: every outcome is a SelfTestResult with a kind from KINDS.
    """
    if not webhook_url.strip():
        return SelfTestResult(False, "no-public-url", NO_PUBLIC_URL, None)
    if session is None:
        async with aiohttp.ClientSession() as own:
            return await _post_test_call(own, webhook_url, db_path, timeout)
    return await _post_test_call(session, webhook_url, db_path, timeout)


@dataclass(frozen=True)
class Reachability:
    state: str  # one of STATES
    tunnel: TunnelStatus | None  # None when no tunnel is configured
    self_test: SelfTestResult | None  # None when it was not run
    public_webhook_url: str | None  # carries the secret token: show it redacted in logs
    tunnel_kind: str | None = None
    said: Message = NOTHING
    """Why, for people (wording/checks.py); never shows the token."""

    @property
    def reachable(self) -> bool:
        return self.state == "reachable"

    @property
    def detail(self) -> str:
        """`said` in English (the command line, logs)."""
        return wording.render(self.said)

    def summary_message(self) -> Message:
        """The state and why, in one line for a status bar."""
        if not self.said:
            return Message(f"check.state.{self.state}")
        return Message(f"check.summary.{self.state}", (self.said,))

    def summary(self) -> str:
        """One line for a status bar or the command line, in English."""
        return wording.render(self.summary_message())


async def _local_listener_answers(session: aiohttp.ClientSession, local_port: int) -> bool:
    """Whether a callgate listener answers its health check on this machine's loopback."""
    try:
        async with session.get(
            f"http://127.0.0.1:{local_port}/healthz",
            timeout=aiohttp.ClientTimeout(total=LOCAL_PROBE_TIMEOUT), allow_redirects=False,
        ) as response:
            body = _decode(await response.read())
    except (aiohttp.ClientError, TimeoutError, OSError):
        return False
    return response.status == 200 and isinstance(body, dict) and body.get("status") == "ok"


async def _hint(session: aiohttp.ClientSession, result: SelfTestResult,
                local_port: int) -> Message:
    """What the local listener says about a failure the tunnel alone cannot explain."""
    if result.kind not in ("refused", "timeout", "http-error", "other-listener", "error"):
        return NOTHING
    if not await _local_listener_answers(session, local_port):
        return Message("check.hint.no_listener", (local_port,))
    if result.kind in ("other-listener", "http-error"):
        return Message("check.hint.forward_here", (local_port,))
    return NOTHING


async def _tunnel_status(
    settings: Mapping[str, str], local_port: int, session: aiohttp.ClientSession,
    adapter: Tunnel | None,
) -> tuple[str | None, TunnelStatus | None]:
    try:
        tunnel = adapter or tunnel_from_settings(settings, local_port)
    except Exception as error:  # bad settings are a finding, not a crash
        why = error.message if isinstance(error, Refusal) else str(error)
        return None, TunnelStatus(None, False, Message("check.tunnel.settings", (why,)))
    if tunnel is None:
        return None, None
    try:
        return tunnel.kind, await tunnel.status(session)
    except Exception as error:
        return tunnel.kind, TunnelStatus(None, False, Message("check.tunnel.failed",
                                                              (str(error),)))


async def _check(
    db_path: Path, settings: Mapping[str, str], local_port: int, token: str,
    run_self_test: bool, session: aiohttp.ClientSession, adapter: Tunnel | None,
) -> Reachability:
    kind, tunnel = await _tunnel_status(settings, local_port, session, adapter)
    said = tunnel.said if tunnel is not None else NOTHING
    base = (tunnel.public_url if tunnel is not None else None) or settings.get(Key.PUBLIC_URL)
    url = public_webhook_url(base, token) if base and base.strip() else None
    if url is None:
        missing = Message("check.no_public_url.tunnel", (kind,)) if kind else NO_PUBLIC_URL
        result = SelfTestResult(False, "no-public-url", missing, None) if run_self_test else None
        if tunnel is not None and tunnel.healthy is False:
            return Reachability("unreachable", tunnel, result, None, kind, said)
        return Reachability("unknown", tunnel, result, None, kind, joined(said, NO_PUBLIC_URL))
    if not run_self_test:
        if tunnel is None:
            return Reachability("unknown", tunnel, None, url, kind,
                                Message("check.not_tested", (_where(url),)))
        state = {True: "reachable", False: "unreachable", None: "unknown"}[tunnel.healthy]
        return Reachability(state, tunnel, None, url, kind,
                            Message("check.self_test_not_run", (said,)))
    result = await self_test(url, db_path, session=session)
    if result.ok:
        return Reachability("reachable", tunnel, result, url, kind, result.said)
    hint = await _hint(session, result, local_port)
    if hint:
        result = SelfTestResult(result.ok, result.kind, joined(result.said, hint),
                                result.round_trip_ms)
    why = result.said
    if tunnel is not None and tunnel.healthy is False:
        why = joined(why, said)
    return Reachability("unreachable", tunnel, result, url, kind, why)


async def check_reachability(
    db_path: Path,
    settings: Mapping[str, str],
    local_port: int,
    token: str,
    *,
    run_self_test: bool = True,
    session: aiohttp.ClientSession | None = None,
    adapter: Tunnel | None = None,
) -> Reachability:
    """Ask the configured tunnel for the public URL and its health, then (unless told not to)
    self-test the public webhook URL. The self-test, when run, decides the state: it is what
    commubo experiences. Without it, the tunnel's health decides, and "unknown" when it has none.

    `adapter` replaces the one the settings would make: the console's own running QuickTunnel.
    """
    args = (db_path, settings, local_port, token, run_self_test)
    if session is None:
        async with aiohttp.ClientSession() as own:
            return await _check(*args, own, adapter)
    return await _check(*args, session, adapter)
