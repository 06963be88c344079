"""Desks: the consoles that attach to one callgate service over the office network, each with
its name, role and secret, and the connection string that carries all a desk needs to attach.

The connection string (what `desk add` prints as its last line, and `--connect` takes):

    callgate://HOST:PORT/NAME?secret=SECRET&fingerprint=sha256:HEX

HOST and PORT are where the service's desk port listens (an IPv6 address in brackets), NAME is
the desk's name (percent-encoded where a URL needs it: 受付 is `%E5%8F%97%E4%BB%98`), SECRET the
desk's secret (URL-safe base64, 256 random bits) and HEX the SHA-256 of the service's
certificate (64 hex digits; colons between pairs and capitals, as `openssl x509 -fingerprint
-sha256` prints them, are understood too). Pure: no sockets here, no SQL.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from enum import StrEnum
from urllib.parse import parse_qs, quote, unquote, urlsplit

from screening.messages import Refusal

SCHEME = "callgate"
DEFAULT_DESK_PORT = 9443
NAME_LENGTH = 32
_NAME = re.compile(r"[\w.-]+")
_SECRET = re.compile(r"[A-Za-z0-9_-]{20,200}")
_FINGERPRINT_PREFIX = "sha256:"


class DeskRole(StrEnum):
    """What a desk may do: an operator decides calls and sets the mode; an admin also changes
    rules, settings, the schedule, the webhook's token and the desks."""

    OPERATOR = "operator"
    ADMIN = "admin"


def desk_name(text: str) -> str:
    """A desk's name as kept: NFKC (full-width letters become half-width), 1 to 32 letters
    of any script, digits, `-`, `_` or `.`; a Refusal otherwise."""
    name = unicodedata.normalize("NFKC", text.strip())
    if not name:
        raise Refusal("refusal.desk.name_empty", field="name")
    if len(name) > NAME_LENGTH:
        raise Refusal("refusal.desk.name_long", name, NAME_LENGTH, field="name")
    if not _NAME.fullmatch(name):
        raise Refusal("refusal.desk.name_chars", name, field="name")
    return name


def fingerprint_text(digest: bytes) -> str:
    """`sha256:` and the digest in lowercase hex, as the connection string carries it."""
    return _FINGERPRINT_PREFIX + digest.hex()


def _fingerprint(text: str) -> bytes:
    if not text.lower().startswith(_FINGERPRINT_PREFIX):
        raise Refusal("refusal.connection.fingerprint", field="fingerprint")
    digits = text[len(_FINGERPRINT_PREFIX):].replace(":", "")
    if not re.fullmatch(r"[0-9A-Fa-f]{64}", digits):
        raise Refusal("refusal.connection.fingerprint", field="fingerprint")
    return bytes.fromhex(digits)


@dataclass(frozen=True)
class Connection:
    """Where a desk attaches, as whom, and the certificate it trusts there (the secret is in
    no repr: it opens the service to anyone who has it)."""

    host: str
    port: int
    desk: str
    secret: str = field(repr=False)
    fingerprint: bytes  # SHA-256 of the service's certificate (DER)

    @classmethod
    def parse(cls, text: str) -> Connection:
        """A connection string as pasted (spaces and quotes around it are ignored); a Refusal
        that says what is wrong with it otherwise."""
        pasted = text.strip().strip("'\"<>").strip()
        try:
            parts = urlsplit(pasted)
            port = parts.port
        except ValueError:
            raise Refusal("refusal.connection.port", field="port") from None
        if parts.scheme.lower() != SCHEME or not parts.netloc:
            raise Refusal("refusal.connection.scheme", field="scheme")
        host = parts.hostname
        if not host:
            raise Refusal("refusal.connection.host", field="host")
        name = unquote(parts.path.strip("/"))
        if not name:
            raise Refusal("refusal.connection.desk", field="desk")
        query = parse_qs(parts.query)
        secret = query.get("secret", [""])[0]
        if not _SECRET.fullmatch(secret):
            raise Refusal("refusal.connection.secret", field="secret")
        digest = _fingerprint(query.get("fingerprint", [""])[0])
        return cls(host=host, port=port or DEFAULT_DESK_PORT, desk=desk_name(name),
                   secret=secret, fingerprint=digest)

    @property
    def address(self) -> str:
        """host:port, an IPv6 address in brackets."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"

    @property
    def url(self) -> str:
        """The desk port's websocket."""
        return f"wss://{self.address}/desk"

    def __str__(self) -> str:
        return (f"{SCHEME}://{self.address}/{quote(self.desk, safe='')}"
                f"?secret={self.secret}&fingerprint={fingerprint_text(self.fingerprint)}")
