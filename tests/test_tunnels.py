"""The tunnel adapters against fakes on loopback: a fake ngrok agent API, a fake cloudflared
metrics server and a fake `cloudflared` program, each a real aiohttp server on 127.0.0.1.

No test contacts a tunnel service or any address but loopback: `stay_on_loopback` refuses
every other connection, and a test below proves that it does.
"""

from __future__ import annotations

import asyncio
import ipaddress
import json
import os
import socket
import stat
import sys
import time
from collections.abc import AsyncIterator, Callable, Coroutine, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import aiohttp
import pytest
from aiohttp import web
from typed_settings import assert_stored, refusal_words

import wording
from application import Office
from screening.messages import Refusal
from screening.setting_values import parse_public_url
from server import tunnels
from server.tunnels import (
    CloudflaredMetrics,
    NgrokAgent,
    QuickTunnel,
    TunnelError,
    TunnelStatus,
    TypedUrl,
    forwarded_port,
    tunnel_from_settings,
)

T = TypeVar("T")
PORT = 8080

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="the fake cloudflared is a script")


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coroutine)


@pytest.fixture(autouse=True)
def stay_on_loopback(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any connection to an address other than loopback fails the test before it is made."""
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex

    def check(sock: socket.socket, address: Any) -> None:
        if sock.family in (socket.AF_INET, socket.AF_INET6):
            host = address[0]
            assert ipaddress.ip_address(host).is_loopback, f"a test tried to reach {host}"

    def connect(sock: socket.socket, address: Any) -> None:
        check(sock, address)
        real_connect(sock, address)

    def connect_ex(sock: socket.socket, address: Any) -> int:
        check(sock, address)
        return real_connect_ex(sock, address)

    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", connect_ex)


@asynccontextmanager
async def serving(app: web.Application) -> AsyncIterator[str]:
    """A real aiohttp server on a free loopback port; yields its `host:port`."""
    runner = web.AppRunner(app, access_log=None, shutdown_timeout=1)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    port = runner.addresses[0][1]
    try:
        yield f"127.0.0.1:{port}"
    finally:
        await runner.cleanup()


def closed_port() -> str:
    """A loopback address where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"127.0.0.1:{port}"


async def status_of(tunnel: tunnels.Tunnel) -> TunnelStatus:
    async with aiohttp.ClientSession() as session:
        return await tunnel.status(session)


# ---------------------------------------------------------------------------------------------
# The guard itself


def test_the_guard_refuses_any_address_but_loopback() -> None:
    """192.0.2.1 is TEST-NET-1: the guard must stop the connection before it is attempted."""
    with pytest.raises(AssertionError, match=r"192\.0\.2\.1"):
        run(status_of(NgrokAgent(PORT, "192.0.2.1:4040")))


# ---------------------------------------------------------------------------------------------
# ngrok


def ngrok_tunnel(public_url: str, addr: str, name: str = "command_line") -> dict[str, Any]:
    """One entry of /api/tunnels, shaped like ngrok v3's."""
    return {
        "name": name,
        "ID": f"id-{name}",
        "uri": f"/api/tunnels/{name}",
        "public_url": public_url,
        "proto": public_url.split(":")[0],
        "config": {"addr": addr, "inspect": True},
        "metrics": {"conns": {"count": 0, "gauge": 0}, "http": {"count": 0}},
    }


@dataclass
class FakeNgrok:
    """The agent's API; change the fields between calls and the next answer follows."""

    tunnels: list[Any] = field(default_factory=list)
    endpoints: list[Any] | None = None
    """Agent endpoints listed apart at /api/endpoints; None: that path answers 404."""
    raw: bytes | None = None
    status: int = 200
    requests: int = 0

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/api/tunnels", self.list_tunnels)
        app.router.add_get("/api/endpoints", self.list_endpoints)
        return app

    async def list_endpoints(self, request: web.Request) -> web.Response:
        if self.endpoints is None:
            raise web.HTTPNotFound()
        return web.json_response({"endpoints": self.endpoints, "uri": "/api/endpoints"})

    async def list_tunnels(self, request: web.Request) -> web.Response:
        self.requests += 1
        if self.raw is not None:
            return web.Response(body=self.raw, status=self.status, content_type="text/html")
        body = {"tunnels": self.tunnels, "uri": "/api/tunnels"}
        return web.json_response(body, status=self.status)


async def ngrok_status(fake: FakeNgrok, port: int = PORT) -> TunnelStatus:
    async with serving(fake.app()) as api:
        return await status_of(NgrokAgent(port, api))


@pytest.mark.parametrize(
    "addr", ["http://localhost:8080", "localhost:8080", "8080", "127.0.0.1:8080",
             "https://localhost:8080", "http://[::1]:8080"],
)
def test_ngrok_finds_the_public_url_that_forwards_to_our_port(addr: str) -> None:
    fake = FakeNgrok([ngrok_tunnel("https://abc-12-34.ngrok-free.app", addr)])
    status = run(ngrok_status(fake))
    assert (status.public_url, status.healthy, status.why) == (
        "https://abc-12-34.ngrok-free.app", True,
        "ngrok forwards https://abc-12-34.ngrok-free.app to port 8080.")
    assert fake.requests == 1


def test_ngrok_picks_our_https_tunnel_among_several() -> None:
    fake = FakeNgrok([
        ngrok_tunnel("https://other.ngrok-free.app", "http://localhost:3000", "web"),
        ngrok_tunnel("http://ours.ngrok.io", "localhost:8080", "callgate (http)"),
        ngrok_tunnel("https://ours.ngrok.io", "localhost:8080", "callgate"),
        ngrok_tunnel("tcp://0.tcp.ngrok.io:12345", "localhost:22", "ssh"),
        ngrok_tunnel("https://api.ngrok-free.app", "5000", "api"),
    ])
    status = run(ngrok_status(fake))
    assert (status.public_url, status.healthy) == ("https://ours.ngrok.io", True)


def test_ngrok_agent_endpoints_count_too() -> None:
    """Agent config v3 speaks of endpoints (`url`, `upstream.url`), possibly listed apart."""
    endpoint = {"name": "callgate", "url": "https://desk.ngrok.app",
                "upstream": {"url": "http://localhost:8080", "protocol": "http1"}}
    status = run(ngrok_status(FakeNgrok([endpoint])))
    assert (status.public_url, status.healthy) == ("https://desk.ngrok.app", True)
    apart = FakeNgrok([ngrok_tunnel("https://other.ngrok.app", "3000")], endpoints=[endpoint])
    status = run(ngrok_status(apart))
    assert (status.public_url, status.healthy) == ("https://desk.ngrok.app", True)
    garbage = FakeNgrok([ngrok_tunnel("https://other.ngrok.app", "3000")], endpoints=[1, "x"])
    assert "only to port 3000" in run(ngrok_status(garbage)).why


def test_ngrok_falls_back_to_a_plain_http_tunnel_and_says_so() -> None:
    fake = FakeNgrok([ngrok_tunnel("http://ours.ngrok.io", "8080")])
    status = run(ngrok_status(fake))
    assert (status.public_url, status.healthy) == ("http://ours.ngrok.io", True)
    assert "plain http" in status.why


def test_ngrok_public_url_is_the_base_without_a_path() -> None:
    fake = FakeNgrok([ngrok_tunnel("https://abc.ngrok-free.app:8443/", "8080")])
    assert run(ngrok_status(fake)).public_url == "https://abc.ngrok-free.app:8443"


def test_ngrok_not_running() -> None:
    api = closed_port()
    status = run(status_of(NgrokAgent(PORT, api)))
    assert status.public_url is None
    assert status.healthy is False
    assert status.why.startswith("ngrok is not running")
    assert api in status.why
    assert "refuses connections" in status.why
    assert "`ngrok http 8080`" in status.why


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"<html><body>a web page</body></html>", 200),
        (b"[]", 200),
        (b'{"tunnels": 3}', 200),
        (b'{"error": "nope"}', 200),
        (b"\xff\xfe not even text", 200),
        (b'{"tunnels": []}', 500),
        (b"", 404),
        (b"[" * 100_000, 200),
    ],
    ids=["html", "json-list", "tunnels-not-a-list", "no-tunnels-key", "binary", "500", "404",
         "deep"],
)
def test_ngrok_api_answering_garbage(raw: bytes, code: int) -> None:
    status = run(ngrok_status(FakeNgrok(raw=raw, status=code)))
    assert (status.public_url, status.healthy) == (None, False)
    assert "not the ngrok agent's API" in status.why
    assert "ngrok-api" in status.why


def test_ngrok_without_a_tunnel_to_our_port_names_the_ports_it_forwards_to() -> None:
    fake = FakeNgrok([
        ngrok_tunnel("https://a.ngrok-free.app", "http://localhost:5000", "a"),
        ngrok_tunnel("https://b.ngrok-free.app", "localhost:3000", "b"),
        ngrok_tunnel("http://b.ngrok-free.app", "localhost:3000", "b (http)"),
    ])
    status = run(ngrok_status(fake))
    assert (status.public_url, status.healthy) == (None, False)
    assert status.why == ("ngrok runs but forwards only to ports 3000 and 5000, not to callgate's "
                          "port 8080; start it with `ngrok http 8080`.")
    one = run(ngrok_status(FakeNgrok([ngrok_tunnel("https://a.ngrok-free.app", "3000")])))
    assert "only to port 3000, not to callgate's port 8080" in one.why


def test_the_ports_ngrok_forwards_to_are_listed_in_the_readers_words() -> None:
    """A list of ports is worded whole by the catalogue (its commas too), not joined in English."""
    fake = FakeNgrok([ngrok_tunnel(f"https://{port}.ngrok-free.app", str(port), str(port))
                      for port in (5000, 3000, 4000)])
    status = run(ngrok_status(fake))
    japanese = {"%1, %2": "%1、%2", "%1 and %2": "%1、%2"}
    said = wording.render(status.said, lambda context, text, count: japanese.get(text, text))
    assert "ports 3000、4000、5000," in said, said


def test_ngrok_with_no_tunnel_at_all() -> None:
    status = run(ngrok_status(FakeNgrok([])))
    assert (status.public_url, status.healthy) == (None, False)
    assert status.why == "ngrok runs but has no web tunnel; start it with `ngrok http 8080`."


def test_ngrok_skips_entries_it_cannot_read() -> None:
    good = ngrok_tunnel("https://ours.ngrok-free.app", "8080")
    fake = FakeNgrok([
        "not an object", None, {"public_url": "https://x.ngrok.io"},
        {"public_url": 12, "config": {"addr": "8080"}},
        {"public_url": "https://y.ngrok.io", "config": "8080"},
        {"public_url": "https://z.ngrok.io", "config": {"addr": "file:///var/www"}},
        {"public_url": "not a url", "config": {"addr": "8080"}},
        good,
    ])
    status = run(ngrok_status(fake))
    assert (status.public_url, status.healthy) == ("https://ours.ngrok-free.app", True)


def test_ngrok_health_follows_the_agent_between_calls() -> None:
    async def scenario() -> list[TunnelStatus]:
        fake = FakeNgrok()
        seen: list[TunnelStatus] = []
        async with aiohttp.ClientSession() as session, serving(fake.app()) as api:
            agent = NgrokAgent(PORT, api)
            seen.append(await agent.status(session))        # agent up, no tunnel yet
            fake.tunnels = [ngrok_tunnel("https://first.ngrok-free.app", "8080")]
            seen.append(await agent.status(session))        # tunnel opened
            fake.tunnels = [ngrok_tunnel("https://second.ngrok-free.app", "8080")]
            seen.append(await agent.status(session))        # ngrok restarted: a new URL
        seen.append(await status_of(agent))                 # agent gone
        return seen

    empty, first, second, gone = run(scenario())
    assert (empty.healthy, first.healthy, second.healthy, gone.healthy) == (
        False, True, True, False)
    assert first.public_url == "https://first.ngrok-free.app"
    assert second.public_url == "https://second.ngrok-free.app"
    assert gone.why.startswith("ngrok is not running")


def test_a_slow_agent_is_unhealthy_within_the_time_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tunnels, "REQUEST_TIMEOUT", 0.2)

    async def stall(request: web.Request) -> web.Response:
        await asyncio.sleep(5)
        return web.json_response({"tunnels": []})

    async def scenario() -> tuple[TunnelStatus, float]:
        app = web.Application()
        app.router.add_get("/api/tunnels", stall)
        async with serving(app) as api:
            started = time.monotonic()
            status = await status_of(NgrokAgent(PORT, api))
            return status, time.monotonic() - started

    status, took = run(scenario())
    assert (status.public_url, status.healthy) == (None, False)
    assert "did not answer within 0.2 s" in status.why
    assert took < 2


@pytest.mark.parametrize(
    ("addr", "port"),
    [
        ("http://localhost:8080", 8080), ("localhost:8080", 8080), ("8080", 8080),
        ("127.0.0.1:8080", 8080), ("https://localhost:8443", 8443), ("[::1]:9000", 9000),
        ("localhost", 80), ("http://localhost", 80), ("https://localhost", 443),
        (" 8080 ", 8080), ("file:///var/www", None), ("localhost:99999", None),
        ("", None), ("http://", None),
    ],
)
def test_forwarded_port(addr: str, port: int | None) -> None:
    assert forwarded_port(addr) == port


# ---------------------------------------------------------------------------------------------
# cloudflared's metrics server


@dataclass
class FakeCloudflared:
    """/ready and /quicktunnel as cloudflared serves them (JSON written as text/plain).

    hostname None: no /quicktunnel (an older cloudflared); connections 0: /ready says 503;
    ready False: no /ready either.
    """

    hostname: str | None = "lucky-words-here.trycloudflare.com"
    connections: int = 4
    ready: bool = True

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/ready", self.serve_ready)
        app.router.add_get("/quicktunnel", self.serve_quicktunnel)
        app.router.add_get("/metrics", self.serve_metrics)
        return app

    async def serve_ready(self, request: web.Request) -> web.Response:
        if not self.ready:
            raise web.HTTPNotFound(text="404 page not found\n")
        code = 200 if self.connections else 503
        return web.Response(
            text=json.dumps({"status": code, "readyConnections": self.connections}), status=code)

    async def serve_quicktunnel(self, request: web.Request) -> web.Response:
        if self.hostname is None:
            raise web.HTTPNotFound(text="404 page not found\n")
        return web.Response(text=json.dumps({"hostname": self.hostname}))

    async def serve_metrics(self, request: web.Request) -> web.Response:
        return web.Response(text="# HELP build_info Build and version information\n")


async def cloudflared_status(fake: FakeCloudflared, public_url: str | None = None
                             ) -> TunnelStatus:
    async with serving(fake.app()) as metrics:
        return await status_of(CloudflaredMetrics(metrics, public_url))


def test_cloudflared_quick_tunnel_host_name_and_health() -> None:
    status = run(cloudflared_status(FakeCloudflared()))
    assert (status.public_url, status.healthy, status.why) == (
        "https://lucky-words-here.trycloudflare.com", True,
        "cloudflared is connected to Cloudflare (4 connections) and serves "
        "https://lucky-words-here.trycloudflare.com.")


def test_a_quick_tunnel_host_name_wins_over_a_typed_one() -> None:
    """A quick tunnel's address changes on restart: a typed one is likely stale."""
    status = run(cloudflared_status(FakeCloudflared(), "https://old-words.trycloudflare.com"))
    assert status.public_url == "https://lucky-words-here.trycloudflare.com"


def test_cloudflared_named_tunnel_takes_the_typed_public_url() -> None:
    fake = FakeCloudflared(hostname="", connections=1)
    status = run(cloudflared_status(fake, "https://calls.example.com"))
    assert (status.public_url, status.healthy, status.why) == (
        "https://calls.example.com", True,
        "cloudflared is connected to Cloudflare (1 connection) and serves "
        "https://calls.example.com.")


def test_cloudflared_named_tunnel_without_a_typed_url_asks_for_one() -> None:
    status = run(cloudflared_status(FakeCloudflared(hostname="")))
    assert (status.public_url, status.healthy) == (None, True)
    assert "public address is unknown" in status.why
    assert "set public-url" in status.why


def test_an_older_cloudflared_without_quicktunnel_uses_the_typed_url() -> None:
    status = run(cloudflared_status(FakeCloudflared(hostname=None), "https://calls.example.com"))
    assert (status.public_url, status.healthy) == ("https://calls.example.com", True)


def test_cloudflared_without_ready_cannot_tell() -> None:
    status = run(cloudflared_status(FakeCloudflared(ready=False), "https://calls.example.com"))
    assert (status.public_url, status.healthy) == ("https://lucky-words-here.trycloudflare.com",
                                                   None)
    assert "update it" in status.why


def test_cloudflared_ready_503_is_unhealthy() -> None:
    status = run(cloudflared_status(FakeCloudflared(connections=0)))
    assert (status.public_url, status.healthy, status.why) == (
        "https://lucky-words-here.trycloudflare.com", False,
        "cloudflared runs but has no connection to Cloudflare.")
    named = run(cloudflared_status(FakeCloudflared(hostname="", connections=0)))
    assert (named.public_url, named.healthy) == (None, False)
    assert "set public-url" in named.why


def test_cloudflared_metrics_server_not_running() -> None:
    metrics = closed_port()
    status = run(status_of(CloudflaredMetrics(metrics, "https://calls.example.com")))
    assert (status.public_url, status.healthy) == (None, False)
    assert status.why.startswith("cloudflared is not running")
    assert f"`--metrics {metrics}`" in status.why


def test_something_else_on_the_metrics_address() -> None:
    async def page(request: web.Request) -> web.Response:
        return web.Response(text="<html>hello</html>", content_type="text/html")

    async def scenario() -> list[TunnelStatus]:
        seen = []
        for route in ("/{tail:.*}", "/nothing-else"):
            app = web.Application()
            app.router.add_get(route, page)
            async with serving(app) as metrics:
                seen.append(await status_of(CloudflaredMetrics(metrics, "https://x.example.com")))
        return seen

    for status in run(scenario()):
        assert (status.public_url, status.healthy) == (None, False)
        assert "does not answer like cloudflared's metrics server" in status.why
        assert "cloudflared-metrics" in status.why


def test_cloudflared_health_follows_its_connections_between_calls() -> None:
    async def scenario() -> list[TunnelStatus]:
        fake = FakeCloudflared(connections=0)
        seen: list[TunnelStatus] = []
        async with aiohttp.ClientSession() as session, serving(fake.app()) as metrics:
            tunnel = CloudflaredMetrics(metrics)
            for connections in (0, 4, 2, 0, 1):
                fake.connections = connections
                seen.append(await tunnel.status(session))
        return seen

    assert [status.healthy for status in run(scenario())] == [False, True, True, False, True]


# ---------------------------------------------------------------------------------------------
# A typed URL


def test_a_typed_url_is_shown_as_typed_and_only_the_self_test_can_tell() -> None:
    status = run(status_of(TypedUrl("https://Calls.Example.com/")))
    assert status.public_url == "https://calls.example.com"
    assert status.healthy is None
    assert "self-test" in status.why


def test_an_empty_typed_url_says_what_to_set() -> None:
    status = run(status_of(TypedUrl("")))
    assert (status.public_url, status.healthy) == (None, False)
    assert "public-url" in status.why


def test_a_typed_url_with_a_path_is_refused() -> None:
    with pytest.raises(Refusal) as refused:
        TypedUrl("https://calls.example.com/hooks/commubo/abc")
    assert "without a path" in wording.render(refused.value.message)


# ---------------------------------------------------------------------------------------------
# From the settings


def test_tunnel_from_settings_for_each_kind() -> None:
    assert tunnel_from_settings({}, PORT) is None
    assert tunnel_from_settings({"tunnel": "none", "public-url": "https://x.example"}, PORT) is None

    ngrok = tunnel_from_settings({"tunnel": "ngrok"}, PORT)
    assert isinstance(ngrok, NgrokAgent)
    assert (ngrok.kind, ngrok.local_port, ngrok.api) == ("ngrok", PORT, "127.0.0.1:4040")
    ngrok = tunnel_from_settings({"tunnel": "ngrok", "ngrok-api": "4041"}, 9000)
    assert isinstance(ngrok, NgrokAgent)
    assert (ngrok.local_port, ngrok.api) == (9000, "127.0.0.1:4041")

    cloudflared = tunnel_from_settings({"tunnel": "cloudflared"}, PORT)
    assert isinstance(cloudflared, CloudflaredMetrics)
    assert (cloudflared.kind, cloudflared.metrics, cloudflared.public_url) == (
        "cloudflared", "127.0.0.1:20241", None)
    cloudflared = tunnel_from_settings(
        {"tunnel": "cloudflared", "cloudflared-metrics": "127.0.0.1:60123",
         "public-url": "https://calls.example.com/"}, PORT)
    assert isinstance(cloudflared, CloudflaredMetrics)
    assert (cloudflared.metrics, cloudflared.public_url) == (
        "127.0.0.1:60123", "https://calls.example.com")

    typed = tunnel_from_settings({"tunnel": "url", "public-url": "https://calls.example.com"},
                                 PORT)
    assert isinstance(typed, TypedUrl)
    assert (typed.kind, typed.url) == ("url", "https://calls.example.com")

    quick = tunnel_from_settings({"tunnel": "quick"}, PORT)
    assert isinstance(quick, QuickTunnel)
    assert (quick.kind, quick.local_port, quick.running) == ("quick", PORT, False)


def test_tunnel_from_stored_settings(db_path: Path) -> None:
    store = Office(db_path)
    assert tunnel_from_settings(store.settings.values(), PORT) is None
    store.settings.save({"tunnel": "ngrok", "ngrok-api": "localhost:4045"})
    ngrok = tunnel_from_settings(store.settings.values(), PORT)
    assert isinstance(ngrok, NgrokAgent)
    assert ngrok.api == "localhost:4045"


@pytest.mark.parametrize(
    "values",
    [{"tunnel": "frp"}, {"tunnel": "ngrok", "ngrok-api": "nowhere"},
     {"tunnel": "url", "public-url": "calls.example.com"}],
)
def test_tunnel_from_settings_refuses_bad_values(values: dict[str, str]) -> None:
    with pytest.raises(ValueError):
        tunnel_from_settings(values, PORT)


# ---------------------------------------------------------------------------------------------
# Settings


def test_tunnel_settings_defaults(db_path: Path) -> None:
    values = Office(db_path).settings.values()
    assert {key: values[key] for key in
            ("tunnel", "ngrok-api", "cloudflared-metrics", "public-url")} == {
        "tunnel": "none", "ngrok-api": "127.0.0.1:4040",
        "cloudflared-metrics": "127.0.0.1:20241", "public-url": ""}


@pytest.mark.parametrize(
    ("key", "typed", "stored"),
    [
        ("tunnel", "ngrok", "ngrok"), ("tunnel", " Cloudflared ", "cloudflared"),
        ("tunnel", "url", "url"), ("tunnel", "quick", "quick"), ("tunnel", "none", "none"),
        ("ngrok-api", "127.0.0.1:4041", "127.0.0.1:4041"), ("ngrok-api", "4041", "127.0.0.1:4041"),
        ("ngrok-api", "http://localhost:4040/", "localhost:4040"),
        ("ngrok-api", "[::1]:4040", "[::1]:4040"), ("ngrok-api", "::1:4040", "[::1]:4040"),
        ("ngrok-api", "Box.Local:4040", "box.local:4040"),
        ("cloudflared-metrics", "127.0.0.1:60123", "127.0.0.1:60123"),
        ("cloudflared-metrics", "0.0.0.0:20241", "0.0.0.0:20241"),
        ("public-url", "", ""),
        ("public-url", "https://abc.ngrok-free.app", "https://abc.ngrok-free.app"),
        ("public-url", "https://Calls.Example.com/", "https://calls.example.com"),
        ("public-url", "HTTPS://calls.example.com", "https://calls.example.com"),
        ("public-url", "https://calls.example.com:443/", "https://calls.example.com"),
        ("public-url", "http://calls.example.com:80", "http://calls.example.com"),
        ("public-url", "https://calls.example.com:8443", "https://calls.example.com:8443"),
        ("public-url", "https://desk.tail1234.ts.net", "https://desk.tail1234.ts.net"),
        ("public-url", "http://192.0.2.7:8080/", "http://192.0.2.7:8080"),
        ("public-url", "https://[2001:db8::1]/", "https://[2001:db8::1]"),
        ("public-url", "https://bücher.example", "https://xn--bcher-kva.example"),
    ],
)
def test_tunnel_settings_are_stored_in_one_spelling(
    db_path: Path, key: str, typed: str, stored: str
) -> None:
    assert_stored(db_path, key, typed, stored)


@pytest.mark.parametrize(
    ("key", "typed", "reason"),
    [
        ("tunnel", "frp", "not one of: none, ngrok, cloudflared, url, quick"),
        ("tunnel", "", "not one of"),
        ("ngrok-api", "localhost", "host:port"),
        ("ngrok-api", ":4040", "host:port"),
        ("ngrok-api", "localhost:0", "port must be a number"),
        ("ngrok-api", "localhost:http", "port must be a number"),
        ("ngrok-api", "bad host:4040", "not a host name"),
        ("ngrok-api", "[nope]:4040", "not a host name"),
        ("cloudflared-metrics", "127.0.0.1:70000", "port must be a number"),
        ("public-url", "calls.example.com", "https://"),
        ("public-url", "ftp://calls.example.com", "https://"),
        ("public-url", "https:calls.example.com", "https://"),
        ("public-url", "https://", "no host"),
        ("public-url", "https://user:pw@calls.example.com", "user name or password"),
        ("public-url", "https://calls.example.com/callgate", "without a path"),
        ("public-url", "https://calls.example.com/?x=1", "without a path"),
        ("public-url", "https://calls.example.com/#top", "without a path"),
        ("public-url", "https://calls.example.com:0", "port must be a number"),
        ("public-url", "https://calls example.com", "no spaces"),
        ("public-url", "https://calls_example!.com", "not a host name"),
    ],
)
def test_bad_tunnel_settings_are_refused_with_a_reason(
    db_path: Path, key: str, typed: str, reason: str
) -> None:
    assert reason in refusal_words(Office(db_path), key, typed)


def test_a_pasted_webhook_url_is_refused_without_repeating_its_token() -> None:
    token = "s3cr3t-T0ken-value"
    with pytest.raises(Refusal) as refused:
        parse_public_url(f"https://calls.example.com/hooks/commubo/{token}")
    words = wording.render(refused.value.message)
    assert token not in words and token not in repr(refused.value.message)
    assert "/hooks/commubo/<token>" in words


# ---------------------------------------------------------------------------------------------
# A quick tunnel, with a fake `cloudflared` program


FAKE_CLOUDFLARED = '''
"""A stand-in for cloudflared: serves /ready and /quicktunnel on the --metrics address only.

Files beside it steer it: `mode` ("serve", "fail" or "stubborn": ignores SIGTERM),
`ready` (exists: connected, with a host name). It writes its arguments to `argv.json`.
"""
import json
import signal
import sys
from pathlib import Path

from aiohttp import web

here = Path(__file__).parent
args = sys.argv[1:]
(here / "argv.json").write_text(json.dumps(args))
mode = (here / "mode").read_text().strip() if (here / "mode").exists() else "serve"
print("2026-01-01T00:00:00Z INF Thank you for trying Cloudflare Tunnel.", file=sys.stderr)
if mode == "fail":
    print("2026-01-01T00:00:00Z ERR failed to request quick Tunnel: no network in a test",
          file=sys.stderr, flush=True)
    sys.exit(1)
if mode == "stubborn":
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
host, port = args[args.index("--metrics") + 1].rsplit(":", 1)
assert host == "127.0.0.1", host


def answer(data, status=200):
    return web.Response(text=json.dumps(data), status=status)


async def ready(request):
    if (here / "ready").exists():
        return answer({"status": 200, "readyConnections": 4})
    return answer({"status": 503, "readyConnections": 0}, 503)


async def quicktunnel(request):
    connected = (here / "ready").exists()
    return answer({"hostname": "fake-words-here.trycloudflare.com" if connected else ""})


app = web.Application()
app.router.add_get("/ready", ready)
app.router.add_get("/quicktunnel", quicktunnel)
sys.stderr.flush()
web.run_app(app, host=host, port=int(port), print=None, access_log=None,
            handle_signals=mode != "stubborn")
'''


@pytest.fixture
def fake_cloudflared(tmp_path: Path) -> Path:
    program = tmp_path / "bin" / "cloudflared"
    program.parent.mkdir()
    program.write_text(f"#!{sys.executable}\n{FAKE_CLOUDFLARED}", encoding="utf-8")
    program.chmod(program.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return program


@pytest.fixture
def quick(fake_cloudflared: Path) -> Iterator[QuickTunnel]:
    tunnel = QuickTunnel(PORT, str(fake_cloudflared))
    yield tunnel
    tunnel.stop()


async def wait_for(tunnel: QuickTunnel, session: aiohttp.ClientSession,
                   wanted: Callable[[TunnelStatus], bool], within: float = 20) -> TunnelStatus:
    deadline = time.monotonic() + within
    while True:
        status = await tunnel.status(session)
        if wanted(status):
            return status
        assert time.monotonic() < deadline, f"still: {status}"
        await asyncio.sleep(0.05)


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


@posix_only
def test_quick_tunnel_is_available_when_cloudflared_is_on_the_path(
    fake_cloudflared: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(fake_cloudflared.parent))
    assert QuickTunnel.available()
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    assert not QuickTunnel.available()
    with pytest.raises(TunnelError, match="not installed or not on the PATH"):
        QuickTunnel(PORT).start()


@posix_only
def test_quick_tunnel_start_status_stop(quick: QuickTunnel, fake_cloudflared: Path) -> None:
    here = fake_cloudflared.parent

    async def scenario() -> list[TunnelStatus]:
        assert (await status_of(quick)).why == "the quick tunnel is not started."
        quick.start()
        quick.start()  # a second start keeps the one child
        async with aiohttp.ClientSession() as session:
            waiting = await wait_for(quick, session, lambda s: "Cloudflare yet" in s.why)
            (here / "ready").touch()
            up = await wait_for(quick, session, lambda s: s.healthy is True)
            (here / "ready").unlink()
            down = await wait_for(quick, session, lambda s: s.healthy is False)
        return [waiting, up, down]

    waiting, up, down = run(scenario())
    assert (waiting.public_url, waiting.healthy) == (None, False)
    assert waiting.why == "cloudflared runs but has no connection to Cloudflare yet."
    assert up.public_url == "https://fake-words-here.trycloudflare.com"
    assert down.why == "cloudflared runs but has no connection to Cloudflare yet."

    assert quick.metrics is not None
    metrics = quick.metrics
    argv = json.loads((here / "argv.json").read_text())
    assert argv == ["tunnel", "--no-autoupdate", "--url", f"http://127.0.0.1:{PORT}",
                    "--metrics", metrics]
    assert metrics.startswith("127.0.0.1:")
    assert any("Thank you for trying" in line for line in quick.log())

    pid = quick.pid
    assert pid is not None and quick.running
    quick.stop()
    assert not quick.running and quick.pid is None
    assert gone(pid), "cloudflared is still running after stop()"
    after = run(status_of(CloudflaredMetrics(metrics)))
    assert after.why.startswith("cloudflared is not running"), "its metrics server still answers"
    assert run(status_of(quick)).why == "the quick tunnel is not started."
    quick.stop()  # twice is fine


@posix_only
def test_quick_tunnel_reports_a_cloudflared_that_exits(
    quick: QuickTunnel, fake_cloudflared: Path
) -> None:
    (fake_cloudflared.parent / "mode").write_text("fail")
    quick.start()

    async def scenario() -> TunnelStatus:
        async with aiohttp.ClientSession() as session:
            return await wait_for(quick, session, lambda s: "stopped" in s.why)

    status = run(scenario())
    assert (status.public_url, status.healthy) == (None, False)
    assert status.why == ("cloudflared stopped (exit status 1): failed to request quick Tunnel: "
                          "no network in a test.")
    quick.stop()
    assert not quick.running


@posix_only
def test_quick_tunnel_stop_kills_a_child_that_ignores_terminate(
    quick: QuickTunnel, fake_cloudflared: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (fake_cloudflared.parent / "mode").write_text("stubborn")
    monkeypatch.setattr(QuickTunnel, "STOP_TIMEOUT", 0.5)
    quick.start()

    async def scenario() -> TunnelStatus:
        async with aiohttp.ClientSession() as session:
            return await wait_for(quick, session, lambda s: "Cloudflare yet" in s.why)

    run(scenario())  # its metrics server runs, so SIGTERM is ignored from here on
    pid = quick.pid
    assert pid is not None
    started = time.monotonic()
    quick.stop()
    took = time.monotonic() - started
    assert 0.4 < took < 5, f"stop() took {took:.2f} s: terminate was not ignored, or no kill"
    assert gone(pid)


def test_quick_tunnel_start_fails_clearly_for_a_missing_program(tmp_path: Path) -> None:
    with pytest.raises(TunnelError, match="not installed or not on the PATH"):
        QuickTunnel(PORT, str(tmp_path / "no-such-cloudflared")).start()
