"""Whether commubo can reach this callgate, watched by the service for every console.

The tunnel is asked every 30 s and the public webhook self-tested every 15 minutes and at start,
on a thread and loop of their own: a slow tunnel or DNS never delays a call on the listener's
loop. Every finding goes to `found`; a public address that changed (a restarted tunnel) to
`moved`. A quick tunnel (`tunnel quick`) is this monitor's child process while it runs.
Between self-tests a healthy tunnel with the same public URL keeps the last self-test's verdict;
while callgate is not known to be reachable every tick runs the whole self-test, so a console
learns within one tick that reachability is back.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
import time
from collections.abc import Awaitable, Callable, Coroutine, Mapping
from concurrent.futures import Future
from dataclasses import replace
from pathlib import Path
from typing import Any, Protocol, TypeVar

import aiohttp

from screening.messages import NOTHING, Message
from screening.setting_values import TunnelKind
from screening.settings import Key
from screening.urls import WEBHOOK_PREFIX
from server.selftest import Reachability, SelfTestResult, check_reachability
from server.tunnels import QuickTunnel, TunnelError, TunnelStatus, joined, tunnel_from_settings

log = logging.getLogger(__name__)

ADAPTER_CHECK = 30.0
SELF_TEST_EVERY = 15 * 60.0
QUICK_START_GRACE = 30.0  # seconds a new quick tunnel may take to get its address
QUICK_RETRY = 3.0
DETECT_TIMEOUT = 5.0
STOP_TIMEOUT = 5.0
Result = TypeVar("Result")


class CheckFunction(Protocol):
    """The shape of `server.selftest.check_reachability` (tests pass their own)."""

    def __call__(
        self, db_path: Path, settings: Mapping[str, str], local_port: int, token: str, *,
        run_self_test: bool = True,
    ) -> Awaitable[Reachability]: ...


Settings = Callable[[], tuple[dict[str, str], str]]
"""The settings a check reads and the webhook token (read on the monitor's thread)."""


def public_base(webhook_url: str | None) -> str | None:
    """The public webhook URL without its token: what a tunnel restart can change."""
    return webhook_url.split(WEBHOOK_PREFIX)[0] if webhook_url else None


def failed_check(error: BaseException) -> Reachability:
    """A check that raised says nothing about reachability; its reason is kept for people."""
    text = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    why = Message("check.failed", (text,))
    return Reachability(state="unknown", tunnel=None,
                        self_test=SelfTestResult(False, "error", why, None),
                        public_webhook_url=None, said=why)


class ReachabilityMonitor:
    def __init__(
        self,
        db_path: Path,
        local_port: int,
        settings: Settings,
        found: Callable[[Reachability], None],
        moved: Callable[[str, str], None] = lambda old, new: None,
        *,
        adapter_interval: float | None = None,
        self_test_interval: float | None = None,
        check: CheckFunction = check_reachability,
    ) -> None:
        """The intervals default to ADAPTER_CHECK and SELF_TEST_EVERY as they are when the
        monitor is made (a test of the whole console shortens them there)."""
        self._db_path = db_path
        self._local_port = local_port
        self._settings = settings
        self._found = found
        self._moved = moved
        self._adapter_interval = ADAPTER_CHECK if adapter_interval is None else adapter_interval
        self._self_test_interval = (SELF_TEST_EVERY if self_test_interval is None
                                    else self_test_interval)
        self._check = check
        self.last: Reachability | None = None
        self.started = 0  # checks begun so far
        self.completed = 0  # checks finished so far
        self._last_full: Reachability | None = None
        self._known_base: str | None = None
        self._quick: QuickTunnel | None = None
        self._quick_problem: Message | None = None
        self._quick_started = 0.0
        self._loop: asyncio.AbstractEventLoop | None = None
        self._wake: asyncio.Event | None = None
        self._full_asked = True  # the first check is a whole one
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="callgate-reachability",
                                        daemon=True)

    @property
    def quick_tunnel(self) -> QuickTunnel | None:
        return self._quick

    def start(self) -> None:
        self._thread.start()
        self._ready.wait(STOP_TIMEOUT)

    def stop(self) -> None:
        """Stop checking (a check in flight is cancelled) and the quick tunnel, if any."""
        self._call(self._cancel_all)
        self._thread.join(STOP_TIMEOUT)
        self._stop_quick_tunnel()

    def check_now(self) -> None:
        """Check the tunnel and self-test the public webhook now (from any thread)."""
        self._call(self._ask_full)

    def run(self, work: Callable[[], Coroutine[Any, Any, Result]]) -> Future[Result]:
        """Run a coroutine on the monitor's loop (the setup's detection and self-test)."""
        if self._loop is None:
            raise RuntimeError("the reachability monitor is not running")
        return asyncio.run_coroutine_threadsafe(work(), self._loop)

    # -- the setup's questions ------------------------------------------------------------------

    async def detect(self, values: Mapping[str, str]) -> TunnelStatus | None:
        """What the tunnel these settings name says of itself (None: there is none)."""
        quick = values.get(Key.TUNNEL) == TunnelKind.QUICK
        adapter = self._quick_for(values) if quick else None
        if quick and adapter is None:
            return TunnelStatus(None, False, self._quick_problem or NOTHING)
        tunnel = adapter or tunnel_from_settings(values, self._local_port)
        if tunnel is None:
            return None
        timeout = aiohttp.ClientTimeout(total=DETECT_TIMEOUT)
        async with aiohttp.ClientSession(timeout=timeout) as session:
            return await tunnel.status(session)

    async def self_test(self, values: Mapping[str, str]) -> Reachability:
        """A whole check with these settings (not yet saved, perhaps), now."""
        _, token = await asyncio.to_thread(self._settings)
        checked = await asyncio.to_thread(self._check_settings, dict(values))
        return await self._check(self._db_path, checked, self._local_port, token,
                                 run_self_test=True)

    # -- the loop ------------------------------------------------------------------------

    def _run(self) -> None:
        # A loop of its own, never one a process-wide event-loop policy makes: qasync's (Python
        # 3.11) makes Qt loops, which cannot run off the main thread.
        loop = asyncio.SelectorEventLoop()
        self._loop = loop
        try:
            loop.run_until_complete(self._checks())
        except asyncio.CancelledError:
            pass
        finally:
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    def _call(self, callback: Callable[[], None]) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(callback)

    def _cancel_all(self) -> None:
        for task in asyncio.all_tasks():
            task.cancel()

    def _ask_full(self) -> None:
        self._full_asked = True
        if self._wake is not None:
            self._wake.set()

    async def _checks(self) -> None:
        self._wake = asyncio.Event()
        self._ready.set()
        next_self_test = time.monotonic()
        while True:
            full = self._full_asked or time.monotonic() >= next_self_test or not (
                self.last is not None and self.last.state == "reachable")
            self._full_asked = False
            self._wake.clear()  # before the check: a check asked for meanwhile comes next
            if full:
                next_self_test = time.monotonic() + self._self_test_interval
            again = await self._one(full)
            wait = QUICK_RETRY if again else self._adapter_interval
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), wait)

    async def _one(self, full: bool) -> bool:
        """One check; True when the next should come soon (a quick tunnel still starting,
        or a new public URL to test)."""
        self.started += 1
        try:
            values, token = await asyncio.to_thread(self._settings)
            values = await asyncio.to_thread(self._check_settings, values)
            result = await self._check(self._db_path, values, self._local_port, token,
                                       run_self_test=full)
        except asyncio.CancelledError:
            raise
        except Exception as error:
            log.error("reachability check failed", exc_info=error)
            result = failed_check(error)
        again = False
        if self._quick_problem is not None and result.state != "reachable":
            result = replace(result, said=joined(result.said, self._quick_problem))
        elif self._quick_starting() and result.state != "reachable":
            # Not a loss: the quick tunnel just started and is still getting its address.
            result = replace(result, state="unknown",
                             said=Message("check.quick.starting", (result.said,)))
            again = True
        if full:
            self._last_full = result
        else:
            result, moved = self._merged(result)
            again = again or moved
            self._full_asked = self._full_asked or moved
        self.last = result
        self.completed += 1
        base = public_base(result.public_webhook_url)
        if base is not None:
            known, self._known_base = self._known_base, base
            if known is not None and known != base:
                self._moved(known, base)
        self._found(result)
        return again

    def _merged(self, result: Reachability) -> tuple[Reachability, bool]:
        """A tunnel-only check keeps the last self-test's verdict while nothing changed;
        True when the public URL changed and needs its own test now."""
        last = self._last_full
        if result.state == "unreachable" or last is None:
            return result, False
        if result.public_webhook_url != last.public_webhook_url:
            return result, True
        return replace(result, state=last.state, self_test=last.self_test,
                       said=last.said), False

    # -- the quick tunnel -----------------------------------------------------------------------

    def _check_settings(self, values: dict[str, str]) -> dict[str, str]:
        """The settings a check reads; a quick tunnel is started here and read like any
        cloudflared, through its metrics server."""
        if values.get(Key.TUNNEL) != TunnelKind.QUICK:
            self._stop_quick_tunnel()
            return values
        quick = self._quick_for(values)
        if quick is None or quick.metrics is None:
            return values
        return values | {Key.TUNNEL: TunnelKind.CLOUDFLARED,
                         Key.CLOUDFLARED_METRICS: quick.metrics, Key.PUBLIC_URL: ""}

    def _quick_for(self, values: Mapping[str, str]) -> QuickTunnel | None:
        if self._quick is None:
            self._quick = QuickTunnel(self._local_port)
        pid = self._quick.pid if self._quick.running else None
        try:
            self._quick.start()  # nothing when it runs; a new one (and a new URL) if it died
        except TunnelError as error:
            self._quick_problem = error.message
            return None
        if self._quick.pid != pid:
            self._quick_started = time.monotonic()
        self._quick_problem = None
        return self._quick

    def _quick_starting(self) -> bool:
        return (self._quick is not None and self._quick.running
                and time.monotonic() - self._quick_started < QUICK_START_GRACE)

    def _stop_quick_tunnel(self) -> None:
        if self._quick is not None:
            self._quick.stop()
            self._quick = None
