"""Where commubo's posts go; kept apart from aiohttp so the command line starts quickly."""

from __future__ import annotations

WEBHOOK_PREFIX = "/hooks/commubo/"


def webhook_url(host: str, port: int, token: str) -> str:
    """The local URL commubo's posts must reach (a wildcard bind is reached on loopback)."""
    host = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    host = f"[{host}]" if ":" in host else host
    return f"http://{host}:{port}{WEBHOOK_PREFIX}{token}"
