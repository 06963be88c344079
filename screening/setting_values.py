"""What each setting's text may be: the parsers that turn typed text into the canonical text
to store, or refuse it with a code (words in wording/settings.py). screening/settings.py names
which setting takes which."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from datetime import UTC, datetime
from enum import StrEnum
from urllib.parse import urlsplit

from screening.closed_days import ClosedDays, parse_closed_days
from screening.hours import format_hours, parse_hours
from screening.instants import zone
from screening.messages import Refusal
from screening.mode import Mode
from screening.mode_in_force import OverrideEnd
from screening.policy import (
    CallerHandling,
    Decision,
    PayphoneHandling,
    parse_ask_timeout,
    parse_repeat_minutes,
)


class TunnelKind(StrEnum):
    """How commubo reaches callgate (server/tunnels.py has an adapter for each but NONE)."""

    NONE = "none"
    NGROK = "ngrok"
    CLOUDFLARED = "cloudflared"
    URL = "url"
    QUICK = "quick"


class Language(StrEnum):
    """The language callgate speaks to people: the system's (`auto`), Japanese or English."""

    AUTO = "auto"
    JAPANESE = "ja"
    ENGLISH = "en"


Choice = (
    type[Mode] | type[Decision] | type[CallerHandling] | type[PayphoneHandling]
    | type[OverrideEnd] | type[TunnelKind] | type[Language]
)


def choice(kind: Choice) -> Callable[[str], str]:
    def parse(text: str) -> str:
        try:
            return str(kind(text).value)
        except ValueError:
            allowed = ", ".join(item.value for item in kind)
            raise Refusal("refusal.setting.choice", text, allowed) from None

    return parse


def seconds(text: str) -> str:
    return f"{parse_ask_timeout(text):g}"


_ON = {"on": "on", "yes": "on", "true": "on", "1": "on",
       "off": "off", "no": "off", "false": "off", "0": "off"}


def on_off(text: str) -> str:
    value = _ON.get(text.lower())
    if value is None:
        raise Refusal("refusal.setting.on_off", text)
    return value


def minutes(text: str) -> str:
    return f"{parse_repeat_minutes(text):g}"


def week_hours(text: str) -> str:
    return format_hours(parse_hours(text))


def closed_days_of(text: str) -> tuple[ClosedDays, ...]:
    """The office's closed days as stored: one entry per line or separated by `;`."""
    return tuple(parse_closed_days(part) for part in re.split(r"[;\n]", text) if part.strip())


def closed_days(text: str) -> str:
    return "; ".join(str(days) for days in closed_days_of(text))


def zone_name(text: str) -> str:
    zone(text)
    return text


def mode_or_none(text: str) -> str:
    """Empty (no manual override) or a mode."""
    return choice(Mode)(text) if text else ""


def utc_instant(text: str) -> str:
    """Empty, or an aware ISO time stored in UTC."""
    if not text:
        return ""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise Refusal("refusal.setting.instant", text) from None
    if moment.utcoffset() is None:
        raise Refusal("refusal.setting.instant_offset", text)
    return moment.astimezone(UTC).isoformat(timespec="seconds")


def ip_host(text: str) -> str:
    if text == "localhost":
        return text
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        raise Refusal("refusal.setting.host", text) from None


def parse_port(text: str) -> str:
    """A TCP port, 1-65535, in its plain spelling (`--port`, CALLGATE_PORT and the setting)."""
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= 65535:
        raise Refusal("refusal.setting.port", text)
    return str(int(text))


GRACE_HOURS = (0.0, 720.0)


def grace_hours(text: str) -> str:
    try:
        hours = float(text)
    except ValueError:
        raise Refusal("refusal.setting.grace_number", text) from None
    low, high = GRACE_HOURS
    if not low <= hours <= high:
        raise Refusal("refusal.setting.grace_range", low, high)
    return f"{hours:g}"


_HOSTNAME = re.compile(r"[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\.?")


def tunnel_kind(text: str) -> str:
    return choice(TunnelKind)(text.lower())


def language(text: str) -> str:
    return choice(Language)(text.lower())


def _network_host(host: str) -> str:
    """An IP address (IPv6 in brackets) or a host name, in one canonical spelling."""
    bracketed = host.startswith("[") and host.endswith("]")
    try:
        ip = ipaddress.ip_address(host[1:-1] if bracketed else host)
    except ValueError:
        name = host.lower()
        if not bracketed and _HOSTNAME.fullmatch(name) and len(name) <= 253:
            return name
        raise Refusal("refusal.setting.network_host", host) from None
    return f"[{ip}]" if ip.version == 6 else str(ip)


def address(text: str) -> str:
    """host:port of a helper's local HTTP server (the ngrok agent API, cloudflared's metrics);
    a bare port means this machine, and a pasted `http://host:port/` is understood."""
    body = text.removeprefix("http://").removesuffix("/")
    if body.isascii() and body.isdigit():
        return f"127.0.0.1:{parse_port(body)}"
    host, colon, port = body.rpartition(":")
    if not colon or not host:
        raise Refusal("refusal.setting.address", text)
    if ":" in host and not host.startswith("["):
        host = f"[{host}]"  # an IPv6 address written without brackets
    return f"{_network_host(host)}:{parse_port(port)}"


def parse_public_url(text: str) -> str:
    """Empty, or the public base URL that forwards to callgate: scheme and host (and port)
    only, without a trailing slash. Refusals never repeat a path: it may hold the token."""
    if not text:
        return ""
    if any(char.isspace() for char in text):
        raise Refusal("refusal.url.spaces")
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not text.lower().startswith(f"{scheme}://"):
        raise Refusal("refusal.url.scheme")
    if parts.username is not None or parts.password is not None:
        raise Refusal("refusal.url.credentials")
    if parts.path not in ("", "/") or parts.query or parts.fragment or "?" in text:
        raise Refusal("refusal.url.path")
    netloc = parts.netloc
    if netloc.startswith("["):
        host, _, rest = netloc.partition("]")
        host += "]"
        if rest and not rest.startswith(":"):
            raise Refusal("refusal.url.host_port", netloc)
        port = rest[1:]
    else:
        host, _, port = netloc.partition(":")
    if not host:
        raise Refusal("refusal.url.no_host")
    if not host.isascii() and not host.startswith("["):
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError:
            raise Refusal("refusal.url.host_name", host) from None
    host = _network_host(host).rstrip(".")
    if port and parse_port(port) != {"http": "80", "https": "443"}[scheme]:
        return f"{scheme}://{host}:{int(port)}"
    return f"{scheme}://{host}"
