"""The service watches whether commubo can reach callgate, for every console: the monitor's
timing with a scripted check, then the real checks through a faked ngrok, seen by a console."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import pytest
from console_desk import Desk
from tunnel_fakes import FakeNgrokAgent, ReverseProxy

import wording
from application import Office
from screening.messages import Message
from server.console.reach import ReachabilityMonitor
from server.listener import Listener
from server.protocol import messages as protocol
from server.selftest import Reachability, SelfTestResult
from server.tunnels import TunnelStatus


class World:
    """What a scripted check reports: the tunnel's public URL and health, the self-test."""

    def __init__(self) -> None:
        self.base = "https://a.example"
        self.tunnel_healthy = True
        self.self_test_ok = True
        self.calls: list[bool] = []
        self.fail: Exception | None = None
        self.held: threading.Event | None = None  # a check waits for it, once set here

    async def check(self, db_path: Path, settings: Mapping[str, str], local_port: int,
                    token: str, *, run_self_test: bool = True) -> Reachability:
        self.calls.append(run_self_test)
        if self.held is not None:
            await asyncio.to_thread(self.held.wait)
        if self.fail is not None:
            raise self.fail
        url = f"{self.base}/hooks/commubo/{token}"
        tunnel = TunnelStatus(self.base, self.tunnel_healthy, Message.text("scripted"))
        if not run_self_test:
            state = "reachable" if self.tunnel_healthy else "unreachable"
            return Reachability(state, tunnel, None, url, "ngrok", Message.text("tunnel only"))
        test = SelfTestResult(self.self_test_ok, "ok" if self.self_test_ok else "refused",
                              Message.text("scripted"), 12.0)
        state = "reachable" if self.self_test_ok else "unreachable"
        return Reachability(state, tunnel, test, url, "ngrok", Message.text("self-tested"))


class Heard:
    """What the monitor tells, from its own thread."""

    def __init__(self) -> None:
        self.found: list[Reachability] = []
        self.moved: list[tuple[str, str]] = []
        self._lock = threading.Lock()

    def on_found(self, result: Reachability) -> None:
        with self._lock:
            self.found.append(result)

    def on_moved(self, old: str, new: str) -> None:
        with self._lock:
            self.moved.append((old, new))


def until(test: Callable[[], object], timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while not test():
        assert time.monotonic() < deadline, f"not within {timeout:g} s"
        time.sleep(0.01)


@pytest.fixture
def world() -> World:
    return World()


@pytest.fixture
def heard() -> Heard:
    return Heard()


@pytest.fixture
def monitor(db_path: Path, world: World, heard: Heard) -> Iterator[ReachabilityMonitor]:
    running = ReachabilityMonitor(db_path, 8080, lambda: ({"tunnel": "ngrok"}, "token"),
                                  heard.on_found, heard.on_moved, adapter_interval=0.05,
                                  self_test_interval=600, check=world.check)
    yield running
    running.stop()


def test_between_self_tests_a_healthy_tunnel_keeps_the_verdict(
        monitor: ReachabilityMonitor, world: World, heard: Heard) -> None:
    monitor.start()
    until(lambda: len(world.calls) >= 4)
    assert world.calls[:4] == [True, False, False, False], "a self-test at start, then the tunnel"
    last = heard.found[-1]
    assert last.state == "reachable"
    assert last.self_test is not None and last.self_test.round_trip_ms == 12.0


def test_a_new_public_url_is_self_tested_at_once_and_announced(
        monitor: ReachabilityMonitor, world: World, heard: Heard) -> None:
    monitor.start()
    until(lambda: heard.found)
    world.base = "https://b.example"
    until(lambda: heard.moved)
    assert heard.moved == [("https://a.example", "https://b.example")]
    until(lambda: world.calls.count(True) >= 2)


def test_while_unreachable_every_tick_self_tests_so_recovery_shows_fast(
        monitor: ReachabilityMonitor, world: World, heard: Heard) -> None:
    world.self_test_ok = False
    monitor.start()
    until(lambda: len(world.calls) >= 3)
    assert set(world.calls) == {True}
    world.self_test_ok = True
    until(lambda: heard.found[-1].state == "reachable")


def test_a_tunnel_going_down_between_self_tests_shows_at_the_next_tick(
        monitor: ReachabilityMonitor, world: World, heard: Heard) -> None:
    monitor.start()
    until(lambda: heard.found)
    world.tunnel_healthy = False
    until(lambda: heard.found[-1].state == "unreachable")


def test_a_check_that_raises_is_unknown_with_its_reason_and_a_stopped_monitor_checks_nothing(
        monitor: ReachabilityMonitor, world: World, heard: Heard) -> None:
    world.fail = RuntimeError("scripted breakage")
    monitor.start()
    until(lambda: heard.found)
    assert heard.found[0].state == "unknown" and "scripted breakage" in heard.found[0].summary()
    monitor.stop()
    calls = len(world.calls)
    time.sleep(0.2)
    assert len(world.calls) == calls


def test_a_check_asked_for_while_one_runs_follows_it_at_once(
        db_path: Path, world: World, heard: Heard) -> None:
    """"Check reachability now" during a check must not wait for the next tick."""
    world.held = threading.Event()
    monitor = ReachabilityMonitor(db_path, 8080, lambda: ({"tunnel": "ngrok"}, "token"),
                                  heard.on_found, adapter_interval=600, check=world.check)
    monitor.start()
    try:
        until(lambda: world.calls)
        monitor.check_now()  # while the first check still runs
        world.held.set()
        until(lambda: len(world.calls) == 2)
        assert world.calls == [True, True]
    finally:
        monitor.stop()


# --- The real checks, through a faked ngrok, as a console sees them -----------------------------


@pytest.fixture
def watched(db_path: Path, agent: FakeNgrokAgent, proxy: ReverseProxy) -> Iterator[Listener]:
    """The listener behind `ngrok http <port>`: the proxy is its public end."""
    listener = Listener(db_path, "127.0.0.1", 0)
    listener.start()
    proxy.target_port = listener.port
    agent.forward(proxy.base, listener.port)
    Office(db_path).settings.save({"tunnel": "ngrok", "ngrok-api": f"127.0.0.1:{agent.port}"})
    yield listener
    listener.stop()


def test_a_console_hears_that_callgate_is_reachable_and_can_ask_the_setup_s_questions(
        watched: Listener, agent: FakeNgrokAgent, proxy: ReverseProxy) -> None:
    desk = Desk(watched.link(wire=True))
    desk.attached()
    desk.done(protocol.CheckReachability())
    reached = desk.wait_for(protocol.ReachabilityChanged,
                            lambda body: body.reach.state == "reachable", timeout=20)
    assert reached.reach.public_base == proxy.base

    settings = {"tunnel": "ngrok", "ngrok-api": f"127.0.0.1:{agent.port}"}
    found = desk.done(protocol.DetectPublicUrl(settings=settings))
    assert found.public_base == proxy.base and found.healthy
    tested = desk.done(protocol.RunSelfTest(settings=settings))
    assert tested.ok and tested.kind == "ok" and tested.reach.state == "reachable"
    nothing = desk.done(protocol.DetectPublicUrl(settings={"tunnel": "none"}))
    assert nothing.no_tunnel and nothing.public_base is None

    agent.stop()
    desk.done(protocol.CheckReachability())
    desk.wait_for(protocol.ReachabilityChanged,
                  lambda body: body.reach.state == "unreachable", timeout=20)
    later = Desk(watched.link(wire=True)).attached()
    assert later.reachability is not None and later.reachability.state == "unreachable"


def test_a_quick_tunnel_that_cannot_start_says_why_when_asked_for_its_address(
        db_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # no cloudflared anywhere
    listener = Listener(db_path, "127.0.0.1", 0)
    listener.start()
    try:
        desk = Desk(listener.link(wire=True))
        desk.attached()
        found = desk.done(protocol.DetectPublicUrl(settings={"tunnel": "quick"}))
        assert found.public_base is None and found.why is not None
        assert "not installed or not on the PATH" in wording.render(found.why)
    finally:
        listener.stop()
