"""The listener's OpenAPI description, served by the listener and kept true by schemathesis.

schemathesis generates requests from the description (valid ones and, in negative mode, broken
ones) and sends them to the real listener over loopback. For commubo a redirect or a 5xx
rejects a real customer, and so does a slow answer, so every response must be neither, arrive
within DEADLINE, and be one the description allows.
"""

from __future__ import annotations

import http.client
import json
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from conftest import Running
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from recorded import health
from schemathesis import APIOperation, BaseSchema, Case, GenerationMode, Response
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)
from sqlite_utils import Database

from application import Office
from server.events import CallArrived, CallDecided
from storage.database import open_database

WEBHOOK = "/hooks/commubo/{token}"
# Token tails a router could miss or normalise (schemathesis found the newline): each must reach
# the webhook's own 404/405, counted as refused, and never the router's text/plain 404.
HOSTILE_TAILS = ["%0A", "x%0Dy", "%E2%80%A8", "..", "%2E%2E", "a/b", "", "%00", "%FF",
                 "%ED%A0%80", "?x=1"]
SPEC_FILE = Path(__file__).parent.parent / "server" / "openapi.json"
# commubo documents no callback timeout; callgate answers in milliseconds, so 2 s is a wide margin.
DEADLINE = 2.0
# Not schemathesis' data-acceptance checks: by design every body gets a decision (the fail-safe),
# so a body the description calls invalid is still decided, never refused with a 4xx.
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_headers_conformance, response_schema_conformance]

Exchange = Callable[[Case[Any], Response], None]


def served_description(running: Running) -> dict[str, Any]:
    with urllib.request.urlopen(f"{running.base}/openapi.json", timeout=10) as response:
        assert response.status == 200
        assert response.headers.get_content_type() == "application/json"
        document: dict[str, Any] = json.loads(response.read())
    return document


def fuzz(running: Running, strategy: st.SearchStrategy[Case[Any]], examples: int,
         after: Exchange) -> None:
    """Send generated requests one by one; a failing check fails the test with the request."""

    @settings(max_examples=examples, deadline=None, derandomize=True, database=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(case=strategy)
    def exchange(case: Case[Any]) -> None:
        response = case.call(base_url=running.base, allow_redirects=False, timeout=10)
        assert not 300 <= response.status_code < 400, f"a redirect: {response.status_code}"
        assert response.elapsed < DEADLINE, f"answered after {response.elapsed:.3f} s"
        case.validate_response(response, checks=CHECKS)
        after(case, response)

    exchange()


def both_modes(
    target: BaseSchema | APIOperation[Any, Any, Any, Any],
) -> st.SearchStrategy[Case[Any]]:
    """Valid requests and broken ones (wrong types, non-JSON bodies, mutated tokens)."""
    return st.one_of([target.as_strategy(generation_mode=mode) for mode in GenerationMode])


@pytest.fixture
def history(running: Running) -> Iterator[Database]:
    with closing(open_database(running.db_path)) as db:
        yield db


def test_the_description_is_served_as_kept_in_the_repository(running: Running) -> None:
    document = served_description(running)
    assert document == json.loads(SPEC_FILE.read_text(encoding="utf-8"))
    assert {WEBHOOK, "/healthz", "/openapi.json"} <= set(document["paths"])
    assert document["openapi"].startswith("3.")


@pytest.mark.parametrize("mode", ["accept-all", "reject-all"])
def test_calls_on_the_real_token_are_decided_in_time_and_recorded(
    running: Running, history: Database, mode: str
) -> None:
    Office.over(history).settings.set("mode", mode)
    document = served_description(running)
    document["paths"][WEBHOOK]["parameters"][0]["schema"] = {"enum": [running.token]}
    schema = schemathesis.openapi.from_dict(document)
    answered: Counter[str] = Counter()
    statuses: Counter[int] = Counter()

    def recorded(case: Case[Any], response: Response) -> None:
        """A decision leaves only after its record is on disk: one more row with this body."""
        statuses[response.status_code] += 1
        if response.status_code not in (200, 403):
            return
        answer = response.json()
        if answer["reason"] == "self-test" or answer.get("duplicate"):
            return  # not a call, or the first post's row is the record
        sent = response.request.body or b""
        assert isinstance(sent, bytes | str)
        raw = (sent.encode() if isinstance(sent, str) else sent).decode(
            "utf-8", errors="backslashreplace")
        answered[raw] += 1
        rows = history.execute("SELECT count(*) FROM calls WHERE raw_body = ?", [raw]).fetchone()
        assert rows[0] == answered[raw], f"{answer} for {raw[:200]!r}, but {rows[0]} rows"

    fuzz(running, both_modes(schema[WEBHOOK]["POST"]), 60, recorded)
    assert statuses[200 if mode == "accept-all" else 403] > 0, statuses


def test_any_other_token_is_refused_without_a_decision(
    running: Running, history: Database
) -> None:
    schema = schemathesis.openapi.from_dict(served_description(running))
    webhook_requests = 0

    def refused(case: Case[Any], response: Response) -> None:
        nonlocal webhook_requests
        if case.operation.path != WEBHOOK:
            return
        assert case.path_parameters is not None
        assert case.path_parameters["token"] != running.token
        webhook_requests += 1
        assert response.status_code == (404 if case.method == "POST" else 405)

    fuzz(running, both_modes(schema), 100, refused)
    assert webhook_requests > 0
    assert running.events.of(CallArrived) == running.events.of(CallDecided) == []
    assert history.execute("SELECT count(*) FROM calls").fetchone()[0] == 0
    assert health(running.base)["refused_requests"] == webhook_requests


@pytest.mark.parametrize("method", ["POST", "GET", "PUT"])
def test_hostile_tokens_get_the_webhooks_own_refusal(running: Running, method: str) -> None:
    expected = 404 if method == "POST" else 405
    for tail in [*HOSTILE_TAILS, f"{running.token}%0A", f"{running.token}/", f"%20{running.token}"]:
        connection = http.client.HTTPConnection("127.0.0.1", running.listener.port, timeout=10)
        with closing(connection):
            connection.request(method, f"/hooks/commubo/{tail}", body=b"{}",
                               headers={"Content-Type": "application/json"})
            response = connection.getresponse()
            assert (response.status, response.getheader("Content-Type")) == (
                expected, "application/json; charset=utf-8"), tail
            assert set(json.loads(response.read())) == {"error"}
    assert health(running.base)["refused_requests"] == len(HOSTILE_TAILS) + 3
    assert running.events.of(CallArrived) == []
