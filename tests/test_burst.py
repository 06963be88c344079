"""A burst like a busy morning: 2,000 posts at 32 concurrent connections, every one answered
and recorded exactly once."""

from __future__ import annotations

import asyncio
import time
from typing import Any

import aiohttp
from conftest import Running, sample

from storage.database import open_database

CALLS = 2_000
CONNECTIONS = 32
BURST_DEADLINE = 90.0  # seconds for the whole burst; a hang fails instead of stalling CI


def body_for(index: int) -> dict[str, Any]:
    body = sample("seed_incoming_call.json")
    body["callId"] = f"burst-{index:05d}"
    body["phoneNumber"] = f"03{30000000 + index:08d}"
    return body


async def post_all(url: str, bodies: list[dict[str, Any]]) -> list[tuple[int, Any]]:
    connector = aiohttp.TCPConnector(limit=CONNECTIONS)
    # Per request only socket timeouts: a total would also count the wait for one of the 32
    # connections, which grows with the queue; the whole burst has its own deadline.
    timeout = aiohttp.ClientTimeout(total=None, sock_connect=10, sock_read=30)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:

        async def one(body: dict[str, Any]) -> tuple[int, Any]:
            async with session.post(url, json=body, allow_redirects=False) as response:
                return response.status, await response.json(content_type=None)

        return await asyncio.wait_for(
            asyncio.gather(*(one(body) for body in bodies)), BURST_DEADLINE
        )


def test_burst_of_2000_posts_is_answered_and_recorded_exactly_once(running: Running) -> None:
    bodies = [body_for(index) for index in range(CALLS)]
    sent_ids = {body["callId"] for body in bodies}
    assert len(sent_ids) == CALLS

    started = time.monotonic()
    answers = asyncio.run(post_all(running.url, bodies))
    took = time.monotonic() - started

    statuses = [status for status, _ in answers]
    assert statuses == [200] * CALLS, {s: statuses.count(s) for s in set(statuses)}
    assert all(answer == {"decision": "accept", "reason": "mode"} for _, answer in answers)

    db = open_database(running.db_path)
    try:
        rows = list(db.query("SELECT call_id, caller, repeats, reason, raw_body FROM calls"))
    finally:
        db.close()
    assert len(rows) == CALLS
    assert {row["call_id"] for row in rows} == sent_ids
    assert all(row["repeats"] == 0 and row["reason"] == "mode" for row in rows)
    assert all(f'"callId": "{row["call_id"]}"' in row["raw_body"] for row in rows)
    assert len({row["caller"] for row in rows}) == CALLS
    assert took < BURST_DEADLINE
    print(f"{CALLS} calls at {CONNECTIONS} connections in {took:.1f} s")
