"""Where commubo's posts go: the webhook's path with its token, locally and through the public
address. Pure, so that the command line, the listener and the console build them alike."""

from __future__ import annotations

WEBHOOK_PREFIX = "/hooks/commubo/"


def webhook_url(host: str, port: int, token: str) -> str:
    """The local URL commubo's posts must reach (a wildcard bind is reached on loopback)."""
    host = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    host = f"[{host}]" if ":" in host else host
    return f"http://{host}:{port}{WEBHOOK_PREFIX}{token}"


def public_webhook_url(public_base: str, token: str) -> str:
    """The URL to register in commubo: the public base (tunnel or reverse proxy, perhaps with a
    path prefix of its own) followed by /hooks/commubo/<token>."""
    base = public_base.strip().rstrip("/")
    if "://" not in base:
        base = f"https://{base}"  # a bare host name, as ngrok and cloudflared show them
    return f"{base}{WEBHOOK_PREFIX}{token}"


def redact_token(url: str) -> str:
    """The URL with the secret token replaced, for logs, status bars and scheduled reports."""
    head, found, _ = url.partition(WEBHOOK_PREFIX)
    return f"{head}{WEBHOOK_PREFIX}<token>" if found else url
