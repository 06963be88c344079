"""The public-URL self-test, end to end on loopback only.

The real listener and its real SQLite file take the test calls. A small reverse proxy on
127.0.0.1 stands in for the tunnel (ngrok, cloudflared, a reverse proxy), and every failure kind
is made for real: a proxy forwarding to another program or to a second callgate with its own
database, a wrong token, a proxy answering 403, 502 or a redirect, a port nobody listens on, a
server that never answers, a certificate nobody trusts, and a host name that does not resolve
(through a fake resolver: no real DNS query and no traffic beyond loopback ever happens).
"""

from __future__ import annotations

import asyncio
import json
import socket
import ssl
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import trustme
from aiohttp import web
from aiohttp.abc import AbstractResolver, ResolveResult
from conftest import EventLog, Running, post
from processes import free_port
from recorded import health, selected
from test_cli import Cli, start_serve

from screening.urls import public_webhook_url, redact_token
from server.app_thread import AppThread
from server.calls import SELF_TEST_FIELD
from server.events import CallArrived, CallDecided, CallWaiting
from server.listener import Listener
from server.selftest import (
    KINDS,
    STATES,
    Reachability,
    SelfTestResult,
    check_reachability,
    self_test,
)
from storage.database import open_database
from storage.settings import TOKEN_KEY

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
SHORT = 0.5  # seconds: the timeout of the test against a server that never answers


# --------------------------------------------------------------------------------------------
# Loopback servers on their own thread: the tunnel, other programs, a TLS endpoint
# --------------------------------------------------------------------------------------------


class Served(AppThread):
    """An aiohttp app on 127.0.0.1 (a free port), on its own thread and loop."""

    def __init__(self, app: web.Application, tls: ssl.SSLContext | None = None) -> None:
        super().__init__(lambda: app, shutdown_timeout=0.5, ssl_context=tls)
        self.tls = tls

    @property
    def base(self) -> str:
        return f"{'https' if self.tls else 'http'}://127.0.0.1:{self.port}"

    def __enter__(self) -> Served:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


def answering(handler: Handler) -> web.Application:
    """An app that answers every request on every path with `handler`."""
    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", handler)
    return app


def proxy_to(port: int, forwarded: list[str] | None = None) -> web.Application:
    """A reverse proxy to 127.0.0.1:`port`, like a tunnel; 502 when nothing listens there."""

    async def forward(request: web.Request) -> web.Response:
        if forwarded is not None:
            forwarded.append(request.path)
        kept = {key: value for key, value in request.headers.items()
                if key.lower() == "content-type"}
        try:
            async with (
                aiohttp.ClientSession() as session,
                session.request(request.method, f"http://127.0.0.1:{port}{request.rel_url}",
                                data=await request.read(), headers=kept,
                                allow_redirects=False) as response,
            ):
                body = await response.read()
                back = {key: value for key, value in response.headers.items()
                        if key.lower() in ("content-type", "location")}
                return web.Response(status=response.status, body=body, headers=back)
        except aiohttp.ClientConnectorError:
            return web.Response(status=502, text="bad gateway: the origin refused")

    return answering(forward)


@pytest.fixture
def tunnel(running: Running) -> Iterator[Served]:
    """The stand-in tunnel: a loopback reverse proxy to the running listener."""
    with Served(proxy_to(running.listener.port)) as served:
        yield served


def dead_port() -> int:
    """A loopback port nothing listens on (bound for a moment, then released)."""
    return free_port()


class FakeResolver(AbstractResolver):
    """DNS without DNS: `gone` does not resolve, every other name is 127.0.0.1."""

    def __init__(self, gone: str) -> None:
        self.gone = gone
        self.asked: list[str] = []

    async def resolve(self, host: str, port: int = 0,
                      family: socket.AddressFamily = socket.AF_INET) -> list[ResolveResult]:
        self.asked.append(host)
        if host == self.gone:
            raise OSError(socket.EAI_NONAME, "Name or service not known")
        return [ResolveResult(hostname=host, host="127.0.0.1", port=port,
                              family=socket.AF_INET, proto=0, flags=socket.AI_NUMERICHOST)]

    async def close(self) -> None:
        return None


def run_test(url: str, db_path: Path, **kwargs: Any) -> SelfTestResult:
    return asyncio.run(self_test(url, db_path, **kwargs))


def with_resolver(resolver: AbstractResolver, url: str, db_path: Path) -> SelfTestResult:
    async def scenario() -> SelfTestResult:
        connector = aiohttp.TCPConnector(resolver=resolver)
        async with aiohttp.ClientSession(connector=connector) as session:
            return await self_test(url, db_path, session=session)

    return asyncio.run(scenario())


# --------------------------------------------------------------------------------------------
# What the database and the listener show
# --------------------------------------------------------------------------------------------


def self_test_rows(db_path: Path) -> list[dict[str, Any]]:
    return selected(db_path, "SELECT * FROM self_tests ORDER BY received_at")


def call_count(db_path: Path) -> int:
    db = open_database(db_path)
    try:
        return int(db.execute("SELECT count(*) FROM calls").fetchone()[0])
    finally:
        db.close()


def call_events(events: EventLog) -> list[Any]:
    return [*events.of(CallArrived), *events.of(CallWaiting), *events.of(CallDecided)]


# --------------------------------------------------------------------------------------------
# The listener's side of a test call
# --------------------------------------------------------------------------------------------


def test_a_test_call_is_answered_with_its_nonce_and_kept_out_of_the_history(
    running: Running,
) -> None:
    answer = post(running.url, {SELF_TEST_FIELD: "nonce-123_abc"})

    assert answer.status == 200
    assert answer.body == {"decision": "accept", "reason": "self-test", "nonce": "nonce-123_abc"}
    rows = self_test_rows(running.db_path)
    assert [row["nonce"] for row in rows] == ["nonce-123_abc"]
    assert rows[0]["received_at"].endswith("+00:00")
    assert call_count(running.db_path) == 0, "a test call reached the history"
    assert call_events(running.events) == [], "a test call was shown as a call"
    assert health(running.base)["refused_requests"] == 0


def test_a_test_call_in_a_body_that_looks_like_a_call_is_still_only_a_test(
    running: Running,
) -> None:
    body = {"callId": "1234567890123456", "phoneNumber": "0330001234", SELF_TEST_FIELD: "n1"}

    answer = post(running.url, body)
    then = post(running.url, {"callId": "1234567890123456", "phoneNumber": "0330001234"})

    assert answer.body["reason"] == "self-test"
    assert then.status == 200
    assert then.body.get("duplicate") is None, "the test call was taken as the first call"
    assert call_count(running.db_path) == 1
    assert len(running.events.of(CallDecided)) == 1


@pytest.mark.parametrize("nonce", [12, None, "", "x" * 129, "not a nonce", {"a": 1}])
def test_a_malformed_nonce_is_refused_without_a_history_row(running: Running, nonce: Any) -> None:
    answer = post(running.url, {SELF_TEST_FIELD: nonce})

    assert answer.status == 400
    assert SELF_TEST_FIELD in answer.body["error"]
    assert call_count(running.db_path) == 0
    assert self_test_rows(running.db_path) == []
    assert call_events(running.events) == []


def test_a_test_call_with_a_wrong_token_is_a_404_like_any_other(running: Running) -> None:
    answer = post(running.url + "x", {SELF_TEST_FIELD: "n2"})

    assert answer.status == 404
    assert self_test_rows(running.db_path) == []
    assert call_count(running.db_path) == 0


def test_calls_still_work_beside_test_calls(running: Running) -> None:
    post(running.url, {SELF_TEST_FIELD: "n3"})
    answer = post(running.url, {"callId": "9999000011112222", "phoneNumber": "0330001234"})

    assert answer.status == 200
    assert answer.body == {"decision": "accept", "reason": "mode"}
    assert call_count(running.db_path) == 1


# --------------------------------------------------------------------------------------------
# self_test(): success
# --------------------------------------------------------------------------------------------


def test_public_webhook_url_joins_the_base_and_the_token() -> None:
    assert public_webhook_url("https://calls.example.com", "tok") == (
        "https://calls.example.com/hooks/commubo/tok")
    assert public_webhook_url("https://calls.example.com/", "tok") == (
        "https://calls.example.com/hooks/commubo/tok")
    assert public_webhook_url("https://example.com/office/", "tok") == (
        "https://example.com/office/hooks/commubo/tok")
    assert public_webhook_url("abc.trycloudflare.com", "tok") == (
        "https://abc.trycloudflare.com/hooks/commubo/tok")
    assert redact_token("https://x.test/hooks/commubo/secret") == (
        "https://x.test/hooks/commubo/<token>")


def test_self_test_through_the_tunnel_reaches_this_callgate(running: Running) -> None:
    forwarded: list[str] = []
    with Served(proxy_to(running.listener.port, forwarded)) as counted:
        result = run_test(public_webhook_url(counted.base, running.token), running.db_path)

    assert result.ok, result
    assert result.kind == "ok"
    assert result.round_trip_ms is not None and result.round_trip_ms > 0
    assert counted.base in result.message
    assert running.token not in result.message
    assert forwarded == [f"/hooks/commubo/{running.token}"], "the test did not go through"
    assert len(self_test_rows(running.db_path)) == 1
    assert call_count(running.db_path) == 0
    assert call_events(running.events) == []


def test_every_self_test_uses_a_fresh_nonce(running: Running, tunnel: Served) -> None:
    url = public_webhook_url(tunnel.base, running.token)
    results = [run_test(url, running.db_path) for _ in range(3)]

    assert all(result.ok for result in results), results
    nonces = [row["nonce"] for row in self_test_rows(running.db_path)]
    assert len(set(nonces)) == 3
    assert all(len(nonce) >= 20 for nonce in nonces)


def test_self_test_through_a_host_name(running: Running, tunnel: Served) -> None:
    resolver = FakeResolver(gone="gone.callgate.test")
    url = f"http://tunnel.callgate.test:{tunnel.port}/hooks/commubo/{running.token}"

    result = with_resolver(resolver, url, running.db_path)

    assert result.ok, result
    assert resolver.asked == ["tunnel.callgate.test"]


def test_self_test_over_https_with_a_trusted_certificate(running: Running) -> None:
    ca = trustme.CA()
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(server_tls)
    client_tls = ssl.create_default_context()
    ca.configure_trust(client_tls)

    async def scenario(base: str) -> SelfTestResult:
        connector = aiohttp.TCPConnector(ssl=client_tls)
        async with aiohttp.ClientSession(connector=connector) as session:
            return await self_test(public_webhook_url(base, running.token), running.db_path,
                                   session=session)

    with Served(proxy_to(running.listener.port), tls=server_tls) as https:
        result = asyncio.run(scenario(https.base))

    assert result.ok, result


# --------------------------------------------------------------------------------------------
# self_test(): every failure kind
# --------------------------------------------------------------------------------------------


def test_no_public_url() -> None:
    result = run_test("", Path("unused.db"))

    assert (result.ok, result.kind, result.round_trip_ms) == (False, "no-public-url", None)
    assert "public-url" in result.message


def test_a_wrong_token_is_reported_as_such(running: Running, tunnel: Served) -> None:
    result = run_test(public_webhook_url(tunnel.base, "an-old-token"), running.db_path)

    assert (result.ok, result.kind) == (False, "wrong-token")
    assert result.message == ("the public URL answered 404: the token in the URL registered in "
                              "commubo is wrong or out of date")
    assert result.round_trip_ms is not None
    assert self_test_rows(running.db_path) == []
    assert call_count(running.db_path) == 0


def test_a_proxy_answering_403_is_rejected(db_path: Path) -> None:
    async def forbid(request: web.Request) -> web.Response:
        return web.Response(status=403, text="Access denied")

    with Served(answering(forbid)) as guard:
        result = run_test(public_webhook_url(guard.base, "tok"), db_path)

    assert (result.ok, result.kind) == (False, "rejected")
    assert "403" in result.message


def test_another_program_behind_the_tunnel_is_another_listener(db_path: Path) -> None:
    async def something_else(request: web.Request) -> web.Response:
        return web.json_response({"decision": "accept", "reason": "mode"})

    with Served(answering(something_else)) as other, Served(proxy_to(other.port)) as proxy:
        result = run_test(public_webhook_url(proxy.base, "tok"), db_path)

    assert (result.ok, result.kind) == (False, "other-listener")
    assert "another port or program" in result.message


def test_a_second_callgate_behind_the_tunnel_is_another_listener(
    running: Running, tmp_path: Path
) -> None:
    """Another callgate (say, an old copy of the data folder) with the same token, own file."""
    other_db = tmp_path / "other" / "callgate.db"
    db = open_database(other_db)
    db.table("settings").upsert({"key": TOKEN_KEY, "value": running.token}, pk="key")
    db.close()
    other = Listener(other_db, "127.0.0.1", 0)
    other.start()
    try:
        with Served(proxy_to(other.port)) as wrong_tunnel:
            result = run_test(public_webhook_url(wrong_tunnel.base, running.token),
                              running.db_path)
    finally:
        other.stop()

    assert (result.ok, result.kind) == (False, "other-listener")
    assert "database never saw the test" in result.message
    assert len(self_test_rows(other_db)) == 1, "the other callgate did not get the test"
    assert self_test_rows(running.db_path) == []


def test_a_callgate_that_cannot_record_the_test_is_an_error(
    running: Running, tunnel: Served, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(db: Any, nonce: str, received_at: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr("server.calls.record_self_test", broken)

    result = run_test(public_webhook_url(tunnel.base, running.token), running.db_path)

    assert (result.ok, result.kind) == (False, "error")
    assert "could not record" in result.message and "disk full" in result.message
    assert call_count(running.db_path) == 0


def test_nothing_listening_is_refused(db_path: Path) -> None:
    result = run_test(f"http://127.0.0.1:{dead_port()}/hooks/commubo/tok", db_path)

    assert (result.ok, result.kind, result.round_trip_ms) == (False, "refused", None)
    assert "refused" in result.message


def test_a_server_that_never_answers_times_out(db_path: Path) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)  # connections complete in the backlog; nobody ever reads or answers
        port = silent.getsockname()[1]
        result = run_test(f"http://127.0.0.1:{port}/hooks/commubo/tok", db_path, timeout=SHORT)

    assert (result.ok, result.kind) == (False, "timeout")
    assert f"{SHORT:g} s" in result.message


def test_an_untrusted_certificate_is_a_tls_failure(running: Running) -> None:
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    trustme.CA().issue_cert("127.0.0.1").configure_cert(server_tls)

    with Served(proxy_to(running.listener.port), tls=server_tls) as https:
        result = run_test(public_webhook_url(https.base, running.token), running.db_path)

    assert (result.ok, result.kind) == (False, "tls")
    assert "certificate" in result.message
    assert self_test_rows(running.db_path) == []


def test_https_to_a_plain_http_port_is_a_tls_failure(running: Running, tunnel: Served) -> None:
    url = public_webhook_url(tunnel.base.replace("http://", "https://"), running.token)

    result = run_test(url, running.db_path)

    assert (result.ok, result.kind) == (False, "tls")


def test_a_host_name_that_does_not_resolve_is_a_dns_failure(
    running: Running, tunnel: Served
) -> None:
    resolver = FakeResolver(gone="gone.callgate.test")
    url = f"http://gone.callgate.test:{tunnel.port}/hooks/commubo/{running.token}"

    result = with_resolver(resolver, url, running.db_path)

    assert (result.ok, result.kind) == (False, "dns")
    assert "gone.callgate.test" in result.message
    assert resolver.asked == ["gone.callgate.test"]


@pytest.mark.parametrize(
    ("status", "headers", "words"),
    [
        (502, {}, "cannot reach callgate's listener"),
        (301, {"Location": "https://elsewhere.test/hooks/commubo/secret"}, "redirect"),
        (405, {}, "405"),
    ],
)
def test_other_statuses_are_http_errors(
    db_path: Path, status: int, headers: dict[str, str], words: str
) -> None:
    async def reply(request: web.Request) -> web.Response:
        return web.Response(status=status, headers=headers, text="no")

    with Served(answering(reply)) as odd:
        result = run_test(public_webhook_url(odd.base, "tok"), db_path)

    assert (result.ok, result.kind) == (False, "http-error")
    assert words in result.message
    assert "secret" not in result.message


def test_a_tunnel_whose_origin_is_down_is_an_http_error(db_path: Path) -> None:
    with Served(proxy_to(dead_port())) as orphan:
        result = run_test(public_webhook_url(orphan.base, "tok"), db_path)

    assert (result.ok, result.kind) == (False, "http-error")
    assert "502" in result.message


def test_every_kind_is_declared() -> None:
    assert set(KINDS) == {"ok", "no-public-url", "dns", "tls", "timeout", "refused",
                          "wrong-token", "rejected", "http-error", "other-listener", "error"}
    assert set(STATES) == {"reachable", "unreachable", "unknown"}


# --------------------------------------------------------------------------------------------
# check_reachability(): the tunnel's word and the self-test together
# --------------------------------------------------------------------------------------------


def check(running: Running, settings: dict[str, str], **kwargs: Any) -> Reachability:
    return asyncio.run(check_reachability(
        running.db_path, settings, running.listener.port, running.token, **kwargs))


def test_a_typed_public_url_that_works_is_reachable(running: Running, tunnel: Served) -> None:
    found = check(running, {"tunnel": "url", "public-url": tunnel.base})

    assert found.state == "reachable"
    assert found.reachable
    assert found.tunnel_kind == "url"
    assert found.tunnel is not None and found.tunnel.healthy is None
    assert found.public_webhook_url == f"{tunnel.base}/hooks/commubo/{running.token}"
    assert found.self_test is not None and found.self_test.ok
    summary = found.summary()
    assert summary.startswith("reachable: ")
    assert running.token not in summary
    assert "\n" not in summary


def test_a_public_url_without_a_tunnel_setting_is_tested_too(
    running: Running, tunnel: Served
) -> None:
    found = check(running, {"public-url": tunnel.base})

    assert (found.state, found.tunnel) == ("reachable", None)


def test_a_dead_public_url_is_unreachable(running: Running) -> None:
    found = check(running, {"tunnel": "url", "public-url": f"http://127.0.0.1:{dead_port()}"})

    assert found.state == "unreachable"
    assert found.self_test is not None and found.self_test.kind == "refused"
    assert found.summary().startswith("unreachable: ")


def test_a_tunnel_to_a_stopped_callgate_says_the_listener_is_not_running(
    running: Running, db_path: Path
) -> None:
    stopped = dead_port()
    with Served(proxy_to(stopped)) as orphan:
        found = asyncio.run(check_reachability(
            db_path, {"tunnel": "url", "public-url": orphan.base}, stopped, running.token))

    assert found.state == "unreachable"
    assert found.self_test is not None and found.self_test.kind == "http-error"
    assert f"no callgate listener answers on local port {stopped}" in found.summary()


def test_nothing_configured_is_unknown(running: Running) -> None:
    found = check(running, {})

    assert (found.state, found.tunnel, found.public_webhook_url) == ("unknown", None, None)
    assert found.self_test is not None and found.self_test.kind == "no-public-url"
    assert found.summary().startswith("unknown: no public URL")


def test_without_the_self_test_a_typed_url_is_unknown(running: Running, tunnel: Served) -> None:
    found = check(running, {"tunnel": "url", "public-url": tunnel.base}, run_self_test=False)

    assert (found.state, found.self_test) == ("unknown", None)
    assert self_test_rows(running.db_path) == []


def ngrok_agent(tunnels: list[dict[str, Any]]) -> web.Application:
    """A fake ngrok agent API on loopback (`GET /api/tunnels`)."""

    async def api(request: web.Request) -> web.Response:
        return web.json_response({"tunnels": tunnels, "uri": "/api/tunnels"})

    app = web.Application()
    app.router.add_get("/api/tunnels", api)
    return app


def test_a_healthy_ngrok_tunnel_to_our_port(running: Running, tunnel: Served) -> None:
    listed = [{"public_url": tunnel.base, "proto": "http",
               "config": {"addr": f"http://localhost:{running.listener.port}"}}]
    with Served(ngrok_agent(listed)) as agent:
        settings = {"tunnel": "ngrok", "ngrok-api": f"127.0.0.1:{agent.port}"}
        quick = check(running, settings, run_self_test=False)
        full = check(running, settings)

    assert (quick.state, quick.self_test, quick.tunnel_kind) == ("reachable", None, "ngrok")
    assert quick.public_webhook_url == f"{tunnel.base}/hooks/commubo/{running.token}"
    assert full.state == "reachable"
    assert full.self_test is not None and full.self_test.ok


def test_an_ngrok_tunnel_to_another_port_is_unreachable(running: Running) -> None:
    other = dead_port()
    listed = [{"public_url": "https://abc.ngrok.test", "proto": "https",
               "config": {"addr": f"http://localhost:{other}"}}]
    with Served(ngrok_agent(listed)) as agent:
        found = check(running, {"tunnel": "ngrok", "ngrok-api": f"127.0.0.1:{agent.port}"})

    assert found.state == "unreachable"
    assert found.tunnel is not None and found.tunnel.healthy is False
    assert str(other) in found.summary()


def test_an_ngrok_agent_that_is_not_running_is_unreachable(running: Running) -> None:
    settings = {"tunnel": "ngrok", "ngrok-api": f"127.0.0.1:{dead_port()}"}

    found = check(running, settings, run_self_test=False)

    assert found.state == "unreachable"
    assert "ngrok is not running" in found.summary()


# --------------------------------------------------------------------------------------------
# python main.py check
# --------------------------------------------------------------------------------------------


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    return Cli(tmp_path / "data", free_port())


def test_check_exits_0_when_the_public_url_reaches_the_running_serve(
    cli: Cli, tmp_path: Path
) -> None:
    serving = start_serve(cli, tmp_path / "serve.log")
    try:
        with Served(proxy_to(cli.port)) as proxy:
            cli.ok("config", "tunnel", "url")
            cli.ok("config", "public-url", proxy.base)
            text = cli.run("check")
            as_json = cli.run("check", "--json")
            shown = cli.run("check", "--show-token")
            tunnel_only = cli.run("check", "--no-self-test")
    finally:
        serving.stop()
    token = cli.token()

    assert text.returncode == 0, (text.stdout, text.stderr)
    assert "self-test   ok (" in text.stdout and " ms)" in text.stdout
    assert f"{proxy.base}/hooks/commubo/<token>" in text.stdout
    assert text.stdout.strip().splitlines()[-1].startswith("reachable: ")
    assert token not in text.stdout + text.stderr
    assert as_json.returncode == 0
    report = json.loads(as_json.stdout)
    assert report["state"] == "reachable"
    assert report["tunnel"]["kind"] == "url"
    assert report["self_test"]["ok"] is True
    assert report["self_test"]["round_trip_ms"] > 0
    assert token not in as_json.stdout
    assert shown.returncode == 0
    assert f"{proxy.base}/hooks/commubo/{token}" in shown.stdout
    assert tunnel_only.returncode == 1, "a typed URL cannot be judged without the self-test"
    assert "self-test   not run" in tunnel_only.stdout
    assert cli.history() == [], "self-tests reached the history"


def test_check_exits_1_when_the_public_url_is_dead(cli: Cli, tmp_path: Path) -> None:
    serving = start_serve(cli, tmp_path / "serve.log")
    try:
        cli.ok("config", "tunnel", "url")
        cli.ok("config", "public-url", f"http://127.0.0.1:{dead_port()}")
        result = cli.run("check")
    finally:
        serving.stop()

    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "FAILED (refused)" in result.stdout
    assert result.stdout.strip().splitlines()[-1].startswith("unreachable: ")
    assert "Traceback" not in result.stderr


def test_check_with_nothing_configured_exits_1_as_unknown(cli: Cli) -> None:
    result = cli.run("check", "--json")

    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert (report["state"], report["tunnel"], report["public_webhook_url"]) == (
        "unknown", None, None)
    assert report["self_test"]["kind"] == "no-public-url"
