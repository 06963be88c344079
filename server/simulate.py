"""Stand in for commubo: post the reference example to a running listener."""

from __future__ import annotations

import json
import secrets
from importlib.resources import files
from typing import Any

import aiohttp

ANSWER_TIMEOUT = 75.0  # longer than the longest ask timeout, so a waiting call gets its answer


def sample_call(number: str | None = None, *, unknown: bool = False) -> dict[str, Any]:
    """commubo's reference example with a fresh call id; `unknown` drops the customer."""
    payload: dict[str, Any] = json.loads(files("server").joinpath("sample_call.json").read_text())
    payload["callId"] = f"{secrets.randbelow(10**16):016d}"
    if number is not None:
        payload["phoneNumber"] = number
        payload["customer"]["phoneNumbers"] = [number]
    if unknown:
        del payload["customer"]
    return payload


async def post_call(url: str, payload: dict[str, Any]) -> tuple[int, dict[str, Any]]:
    """Post like commubo does; returns the status and the decoded answer."""
    timeout = aiohttp.ClientTimeout(total=ANSWER_TIMEOUT)
    async with (
        aiohttp.ClientSession(timeout=timeout) as session,
        session.post(url, json=payload) as response,
    ):
        body = await response.json(content_type=None)
        return response.status, body if isinstance(body, dict) else {}
