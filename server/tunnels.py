"""How commubo reaches callgate: one small adapter per kind of tunnel, behind one interface.

callgate neither downloads nor bundles tunnel programs; it watches what the office runs:

- `NgrokAgent` reads the ngrok agent's local API and finds the public URL that forwards to our
  port;
- `CloudflaredMetrics` reads cloudflared's metrics server (`/quicktunnel` for a quick tunnel's
  host name, `/ready` for its connections to Cloudflare);
- `TypedUrl` is an address the user typed (a named Cloudflare tunnel, Tailscale Funnel, a reverse
  proxy): callgate cannot watch it, only the public self-test can tell whether it works;
- `QuickTunnel` starts `cloudflared` itself as a child process, for trying things out.

Every `status()` answers within a few seconds and never raises for a tunnel that is down or odd:
that is what the status says. Nothing here contacts anything but the addresses it is given.
"""

from __future__ import annotations

import atexit
import collections
import json
import shutil
import socket
import subprocess
import threading
from collections.abc import Mapping
from dataclasses import dataclass
from typing import IO, Any, Protocol
from urllib.parse import urlsplit

import aiohttp

import wording
from screening.messages import Message
from screening.setting_values import TunnelKind, parse_public_url
from screening.settings import SPECS, Key, canonical

REQUEST_TIMEOUT = 3.0
MAX_ANSWER = 1 << 20
def sentence(clause: Message) -> Message:
    """A finding's clause (wording/checks.py) as a sentence of its own."""
    return Message("check.sentence", (clause,))


def joined(first: Message, then: Message) -> Message:
    """Two findings' clauses as one (either may be nothing)."""
    if not first or not then:
        return first or then
    return Message("check.and", (first, then))


@dataclass(frozen=True)
class TunnelStatus:
    public_url: str | None
    """Public base URL (scheme, host and maybe port; no path); None when unknown."""
    healthy: bool | None
    """None when callgate cannot tell (a typed URL: only the self-test can)."""
    said: Message
    """For people: what is wrong, or what is fine, as one clause (wording/checks.py)."""

    @property
    def why(self) -> str:
        """`said` as one English sentence (the command line's JSON and logs)."""
        return wording.render(sentence(self.said)) if self.said else ""


class Tunnel(Protocol):
    kind: str
    """One of "ngrok", "cloudflared", "url" or "quick"."""

    async def status(self, session: aiohttp.ClientSession) -> TunnelStatus: ...


class TunnelError(RuntimeError):
    """A tunnel could not be started: why, for people (its str is the English)."""

    def __init__(self, message: Message) -> None:
        super().__init__(wording.render(message))
        self.message = message


# ---------------------------------------------------------------------------------------------
# Talking to a local helper's HTTP API


class _NoAnswer(Exception):
    """No HTTP answer came; `message` completes "<what> at <address> ..." for people."""

    def __init__(self, message: Message) -> None:
        super().__init__(str(message))
        self.message = message


_NOT_JSON = object()


def _base_url(address: str) -> str:
    """http://host:port for a `host:port` setting; a wildcard address is reached on loopback."""
    host, _, port = address.rpartition(":")
    host = {"0.0.0.0": "127.0.0.1", "[::]": "[::1]"}.get(host, host)
    return f"http://{host}:{port}"


async def _get(session: aiohttp.ClientSession, url: str) -> tuple[int, Any]:
    """Status and decoded JSON (or _NOT_JSON) of one GET; raises _NoAnswer when nothing comes.

    cloudflared answers JSON as text/plain, so the content type is not trusted either way.
    """
    timeout = aiohttp.ClientTimeout(total=REQUEST_TIMEOUT)
    try:
        async with session.get(url, timeout=timeout, allow_redirects=False) as response:
            body = await response.content.read(MAX_ANSWER)
            status = response.status
    except TimeoutError:
        raise _NoAnswer(Message("check.no_answer.timeout", (REQUEST_TIMEOUT,))) from None
    except aiohttp.ClientConnectorError as error:
        if isinstance(error.os_error, ConnectionRefusedError):
            raise _NoAnswer(Message("check.no_answer.refused")) from None
        reason = error.os_error.strerror or str(error.os_error)
        raise _NoAnswer(Message("check.no_answer.unreachable", (reason,))) from None
    except aiohttp.ClientError as error:
        said = str(error) or type(error).__name__
        raise _NoAnswer(Message("check.no_answer.not_http", (said,))) from None
    try:
        return status, json.loads(body)
    except (ValueError, RecursionError):
        return status, _NOT_JSON


# ---------------------------------------------------------------------------------------------
# ngrok


def forwarded_port(addr: str) -> int | None:
    """The local port an ngrok tunnel forwards to, from its `config.addr`.

    ngrok writes it as "http://localhost:8080", "localhost:8080", "127.0.0.1:8080" or "8080";
    a host without a port means port 80 (443 for https://). Anything else (a file server) is None.
    """
    addr = addr.strip()
    if addr.isascii() and addr.isdigit():
        return int(addr)
    try:
        parts = urlsplit(addr if "://" in addr else f"//{addr}")
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("", "http", "https", "tcp", "tls") or not parts.hostname:
        return None
    if port is None:
        return 443 if parts.scheme == "https" else 80
    return port


def _base_of(public_url: str) -> str | None:
    """scheme://host[:port] of a public URL, or None when it is not an http(s) URL."""
    try:
        parts = urlsplit(public_url)
        parts.port  # noqa: B018 (raises ValueError for a bad port)
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return None
    return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}"


def _forwards(entry: object) -> tuple[str, int] | None:
    """(public base URL, local port) of one agent tunnel, or None when it is not a web tunnel.

    A tunnel reads `public_url` and `config.addr`; an agent endpoint (agent config v3) may read
    `url` and `upstream.url` instead.
    """
    if not isinstance(entry, dict):
        return None
    public = entry.get("public_url", entry.get("url"))
    config, upstream = entry.get("config"), entry.get("upstream")
    addr = config.get("addr") if isinstance(config, dict) else None
    if addr is None and isinstance(upstream, dict):
        addr = upstream.get("url")
    base = _base_of(public) if isinstance(public, str) else None
    target = forwarded_port(str(addr)) if isinstance(addr, str | int) else None
    return None if base is None or target is None else (base, target)


class NgrokAgent:
    """The ngrok agent on this machine (`ngrok http 8080`), through its local API."""

    kind = "ngrok"

    def __init__(self, local_port: int, api: str = "127.0.0.1:4040") -> None:
        self.local_port = local_port
        self.api = api

    async def status(self, session: aiohttp.ClientSession) -> TunnelStatus:
        port, api = self.local_port, self.api
        try:
            code, answer = await _get(session, f"{_base_url(api)}/api/tunnels")
        except _NoAnswer as error:
            return TunnelStatus(None, False, Message("check.ngrok.down",
                                                     (api, error.message, port)))
        tunnels = answer.get("tunnels") if isinstance(answer, dict) else None
        if code != 200:
            return TunnelStatus(None, False, Message("check.ngrok.not_api.status", (api, code)))
        if not isinstance(tunnels, list):
            return TunnelStatus(None, False, Message("check.ngrok.not_api.answer", (api,)))
        found = [forward for forward in map(_forwards, tunnels) if forward]
        if not any(target == port for _, target in found):
            found += await self._endpoints(session)
        ours = [base for base, target in found if target == port]
        elsewhere = {target for _, target in found if target != port}
        if ours:
            # Prefer https; older agents open an http twin of every tunnel.
            best = sorted(ours, key=lambda url: not url.startswith("https://"))[0]
            return TunnelStatus(best, True, Message(
                "check.ngrok.forwards" if best.startswith("https://")
                else "check.ngrok.forwards_plain", (best, port)))
        if elsewhere:
            many = "one" if len(elsewhere) == 1 else "many"
            return TunnelStatus(None, False, Message(f"check.ngrok.elsewhere.{many}",
                                                     (_and(sorted(elsewhere)), port)))
        return TunnelStatus(None, False, Message("check.ngrok.no_tunnel", (port,)))

    async def _endpoints(self, session: aiohttp.ClientSession) -> list[tuple[str, int]]:
        """Agent endpoints from /api/endpoints, where an agent lists them apart; else none."""
        try:
            code, answer = await _get(session, f"{_base_url(self.api)}/api/endpoints")
        except _NoAnswer:
            return []
        listed = (answer.get("endpoints", answer.get("tunnels"))
                  if code == 200 and isinstance(answer, dict) else None)
        if not isinstance(listed, list):
            return []
        return [forward for forward in map(_forwards, listed) if forward]


def _and(items: list[int]) -> str | Message:
    """`3000`, `3000 and 5000`, `3000, 4000 and 5000`: every joint is the catalogue's."""
    words = [str(item) for item in items]
    listed: str | Message = words[-1]
    if len(words) > 1:
        listed = Message("check.list.and", (words[-2], listed))
    for word in reversed(words[:-2]):
        listed = Message("check.list.comma", (word, listed))
    return listed


# ---------------------------------------------------------------------------------------------
# cloudflared


class CloudflaredMetrics:
    """A running cloudflared, through the metrics server it opens with `--metrics host:port`.

    A quick tunnel names its host at `/quicktunnel`; a named tunnel answers an empty host name
    there, and its address is the `public-url` the user typed.
    """

    kind = "cloudflared"
    _MISSING_URL = "set_url"  # what its findings add while the public address is unknown

    def __init__(self, metrics: str, public_url: str | None = None) -> None:
        self.metrics = metrics
        self.public_url = public_url or None

    def _down(self, error: _NoAnswer) -> Message:
        return Message("check.cloudflared.down", (self.metrics, error.message))

    async def status(self, session: aiohttp.ClientSession) -> TunnelStatus:
        base, metrics = _base_url(self.metrics), self.metrics
        try:
            ready_code, ready = await _get(session, f"{base}/ready")
            host_code, host = await _get(session, f"{base}/quicktunnel")
        except _NoAnswer as error:
            return TunnelStatus(None, False, self._down(error))
        not_cloudflared = Message("check.cloudflared.not_metrics", (metrics,))
        public_url = self.public_url
        if host_code == 200:
            hostname = host.get("hostname") if isinstance(host, dict) else None
            if not isinstance(hostname, str):
                return TunnelStatus(None, False, not_cloudflared)
            if hostname:
                public_url = _base_of(hostname if "://" in hostname else f"https://{hostname}")
        elif host_code != 404:  # an older cloudflared has no /quicktunnel
            return TunnelStatus(None, False, not_cloudflared)
        connections = ready.get("readyConnections") if isinstance(ready, dict) else None
        if (ready_code not in (200, 503, 404) or (ready_code, host_code) == (404, 404)
                or (ready_code != 404 and not isinstance(connections, int))):
            return TunnelStatus(None, False, not_cloudflared)
        unknown = f".{self._MISSING_URL}" if public_url is None else ""
        if ready_code == 503:
            return TunnelStatus(public_url, False,
                                Message(f"check.cloudflared.no_connection{unknown}"))
        if ready_code == 404:  # a very old cloudflared has no /ready
            return TunnelStatus(public_url, None, Message(f"check.cloudflared.old{unknown}"))
        count = Message("check.cloudflared.connections", (int(connections or 0),))
        if public_url is None:
            return TunnelStatus(None, True, Message(f"check.cloudflared.no_address{unknown}",
                                                    (count,)))
        return TunnelStatus(public_url, True,
                            Message("check.cloudflared.serves", (count, public_url)))


# ---------------------------------------------------------------------------------------------
# A URL the user typed


class TypedUrl:
    """An address callgate cannot watch: a named Cloudflare tunnel, Tailscale Funnel, a proxy."""

    kind = "url"

    def __init__(self, url: str) -> None:
        self.url = parse_public_url(url.strip())

    async def status(self, session: aiohttp.ClientSession) -> TunnelStatus:
        if not self.url:
            return TunnelStatus(None, False, Message("check.url.none"))
        return TunnelStatus(self.url, None, Message("check.url.unwatched", (self.url,)))


# ---------------------------------------------------------------------------------------------
# A quick tunnel started by callgate


class _QuickMetrics(CloudflaredMetrics):
    _MISSING_URL = "yet"

    def _down(self, error: _NoAnswer) -> Message:
        return Message("check.quick.starting_metrics", (error.message,))


def _free_loopback_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class QuickTunnel:
    """`cloudflared tunnel --url ...` as a child process: a free trycloudflare.com address that
    changes on every start (the setup warns of it: gui/address.py), for trying callgate out."""

    kind = "quick"
    STOP_TIMEOUT = 5.0
    LOG_LINES = 40

    def __init__(self, local_port: int, executable: str = "cloudflared") -> None:
        self.local_port = local_port
        self.executable = executable
        self.metrics: str | None = None
        self._process: subprocess.Popen[bytes] | None = None
        self._reader: threading.Thread | None = None
        self._log: collections.deque[str] = collections.deque(maxlen=self.LOG_LINES)
        self._lock = threading.Lock()

    @staticmethod
    def available() -> bool:
        """Whether `cloudflared` is on the PATH."""
        return shutil.which("cloudflared") is not None

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def log(self) -> list[str]:
        """The last lines cloudflared wrote (its log goes to stderr)."""
        with self._lock:
            return list(self._log)

    def start(self) -> None:
        """Start cloudflared (once); raises TunnelError when it cannot be started."""
        if self.running:
            return
        self.stop()
        program = shutil.which(self.executable)
        if program is None:
            raise TunnelError(Message("check.quick.not_installed", (repr(self.executable),)))
        self.metrics = f"127.0.0.1:{_free_loopback_port()}"
        command = [program, "tunnel", "--no-autoupdate",
                   "--url", f"http://127.0.0.1:{self.local_port}", "--metrics", self.metrics]
        with self._lock:
            self._log.clear()
        try:
            process = subprocess.Popen(command, stdin=subprocess.DEVNULL,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        except OSError as error:
            raise TunnelError(Message("check.quick.cannot_start",
                                      (program, error.strerror or str(error)))) from error
        self._process = process
        assert process.stderr is not None
        self._reader = threading.Thread(target=self._read, args=(process.stderr,),
                                        name="callgate-cloudflared-log", daemon=True)
        self._reader.start()
        atexit.register(self.stop)

    def _read(self, stream: IO[bytes]) -> None:
        with stream:
            for raw in stream:
                line = raw.decode("utf-8", "replace").rstrip()
                if line:
                    with self._lock:
                        self._log.append(line)

    def stop(self) -> None:
        """Stop cloudflared and wait for it; nothing is left running. Safe to call twice."""
        process, self._process = self._process, None
        atexit.unregister(self.stop)
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(self.STOP_TIMEOUT)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if self._reader is not None:
            self._reader.join(self.STOP_TIMEOUT)
            self._reader = None

    async def status(self, session: aiohttp.ClientSession) -> TunnelStatus:
        process = self._process
        if process is None or self.metrics is None:
            return TunnelStatus(None, False, Message("check.quick.not_started"))
        code = process.poll()
        if code is not None:
            last = self.log()
            if not last:
                return TunnelStatus(None, False, Message("check.quick.stopped", (code,)))
            return TunnelStatus(None, False, Message("check.quick.stopped_said",
                                                     (code, _last_words(last[-1]))))
        return await _QuickMetrics(self.metrics).status(session)


def _last_words(line: str) -> str:
    """A log line as the end of a sentence: cloudflared's time and level dropped."""
    words = line.split()
    if len(words) > 2 and words[1] in ("DBG", "INF", "WRN", "ERR", "FTL"):
        words = words[2:]
    return " ".join(words).rstrip(".")


# ---------------------------------------------------------------------------------------------
# From the settings


def tunnel_from_settings(values: Mapping[str, str], local_port: int) -> Tunnel | None:
    """The adapter the settings name (`tunnel`, `ngrok-api`, `cloudflared-metrics`,
    `public-url`; missing keys take their defaults), or None for "none".

    Nothing is started here: a QuickTunnel needs start() (and stop() when done).
    Raises a Refusal naming the key when a value is not valid.
    """

    def value(key: Key) -> str:
        return canonical(key, values.get(key, SPECS[key].default))

    kind = value(Key.TUNNEL)
    if kind == TunnelKind.NGROK:
        return NgrokAgent(local_port, value(Key.NGROK_API))
    if kind == TunnelKind.CLOUDFLARED:
        return CloudflaredMetrics(value(Key.CLOUDFLARED_METRICS), value(Key.PUBLIC_URL) or None)
    if kind == TunnelKind.URL:
        return TypedUrl(value(Key.PUBLIC_URL))
    if kind == TunnelKind.QUICK:
        return QuickTunnel(local_port)
    return None
