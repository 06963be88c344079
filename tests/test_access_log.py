"""The token opens the webhook, so no log line may ever carry it."""

from __future__ import annotations

import logging
import time

import pytest
from conftest import Running, post, sample

from server.access_log import ACCESS_LOG, redact


@pytest.mark.parametrize(("path", "shown"), [
    ("/hooks/commubo/s3cr3t", "/hooks/commubo/<token>"),
    ("/hooks/commubo/s3cr3t/extra?x=1", "/hooks/commubo/<token>"),
    ("/hooks/commubo", "/hooks/commubo/<token>"),
    ("/healthz", "/healthz"),
])
def test_redact_hides_whatever_follows_the_webhook_prefix(path: str, shown: str) -> None:
    assert redact(path) == shown


def test_access_log_lines_never_contain_the_token(
    running: Running, caplog: pytest.LogCaptureFixture
) -> None:
    def lines() -> list[str]:
        return [r.getMessage() for r in caplog.records if r.name == ACCESS_LOG.name]

    with caplog.at_level(logging.DEBUG, logger=ACCESS_LOG.name):
        assert post(running.url, sample("seed_incoming_call.json")).status == 200
        assert post(running.url + "x", sample("seed_incoming_call.json")).status == 404
        deadline = time.monotonic() + 5  # the line is written just after the answer leaves
        while len(lines()) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
    logged = lines()
    assert len(logged) == 2, logged
    assert all("/hooks/commubo/<token>" in line for line in logged)
    assert not any(running.token in record.getMessage() for record in caplog.records)
