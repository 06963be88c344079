"""The desks that may attach to this service: added with a new random secret (shown once, in
the desk's connection string, and kept only as its scrypt hash), listed with whether they are
attached now and when they were last seen, removed; and a desk's secret checked when it
attaches."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import re
import secrets
import socket
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlite_utils import Database

from application.certificate import desk_certificate
from application.settings import SettingsService
from screening.desk import Connection, DeskRole, desk_name
from screening.messages import Refusal
from storage.desks import DeskRows

# scrypt's interactive parameters (about 16 MiB and tens of ms): the secret has 256 random
# bits already, so the hash only has to make a stolen database useless, never slow a guess.
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}
SEEN_EVERY = timedelta(seconds=30)  # how often the service notes the desks attached to it
_ATTACHED_FOR = SEEN_EVERY * 3  # an attached desk not noted again since is not attached
_LABEL = r"[a-z0-9]([a-z0-9-]*[a-z0-9])?"
_HOST_NAME = re.compile(rf"(?=.{{1,253}}$){_LABEL}(\.{_LABEL})*")


def _hash(secret: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashlib.scrypt(secret.encode(), salt=salt, n=n, r=r, p=p, dklen=32)


def hashed(secret: str, salt: bytes) -> str:
    """The stored form: the parameters with the hash, so that they can change later."""
    parameters = "$".join(str(_SCRYPT[key]) for key in ("n", "r", "p"))
    return f"scrypt${parameters}${_hash(secret, salt, **_SCRYPT).hex()}"


def _matches(secret: str, salt: bytes, stored: str) -> bool:
    kind, n, r, p, digest = stored.split("$")
    if kind != "scrypt":
        return False
    return hmac.compare_digest(_hash(secret, salt, int(n), int(r), int(p)).hex(), digest)


def service_address(desk_host: str) -> str:
    """The address desks reach the desk port at: `desk-host`, or, when that is every address
    of this machine, the one its default route leaves from (no packet is sent to find it),
    else the machine's name."""
    if not ipaddress.ip_address(desk_host).is_unspecified:
        return desk_host
    probe = "2001:db8::1" if ":" in desk_host else "192.0.2.1"  # documentation addresses
    family = socket.AF_INET6 if ":" in desk_host else socket.AF_INET
    try:
        with socket.socket(family, socket.SOCK_DGRAM) as udp:
            udp.connect((probe, 9))
            return str(udp.getsockname()[0])
    except OSError:
        return socket.gethostname()


@dataclass(frozen=True)
class DeskView:
    name: str
    role: DeskRole
    created_at: datetime
    last_seen: datetime | None
    attached: bool  # as the service last noted it


@dataclass(frozen=True)
class AddedDesk:
    desk: DeskView
    connection: Connection  # what the desk needs: its secret is nowhere else


def _view(row: dict[str, object], now: datetime) -> DeskView:
    until = row["attached_until"]
    seen = row["last_seen"]
    return DeskView(
        name=str(row["name"]), role=DeskRole(str(row["role"])),
        created_at=datetime.fromisoformat(str(row["created_at"])),
        last_seen=datetime.fromisoformat(str(seen)) if seen else None,
        attached=bool(until) and datetime.fromisoformat(str(until)) > now)


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


class DeskService:
    def __init__(self, db: Callable[[], Database], settings: SettingsService,
                 data_dir: Path) -> None:
        self._db = db
        self._settings = settings
        self._data_dir = data_dir

    def _rows(self) -> DeskRows:
        return DeskRows(self._db())

    def add(self, name: str, role: DeskRole | str = DeskRole.OPERATOR, *,
            address: str | None = None) -> AddedDesk:
        """A new desk with a new secret; Refusal for a bad or taken name, a bad role or a bad
        `address` (the host desks use to reach this service, when not the detected one)."""
        name = desk_name(name)
        try:
            role = DeskRole(role)
        except ValueError:
            raise Refusal("refusal.desk.role", str(role), field="role") from None
        host = self._address(address)
        certificate = desk_certificate(self._data_dir)
        secret = secrets.token_urlsafe(32)
        salt = secrets.token_bytes(16)
        now = datetime.now(UTC)
        if not self._rows().add(name, role, salt.hex(), hashed(secret, salt), _stamp(now)):
            raise Refusal("refusal.desk.taken", name, field="name")
        port = self._settings.get().desk_port
        return AddedDesk(DeskView(name, role, now, None, False),
                         Connection(host, port, name, secret, certificate.fingerprint))

    def _address(self, address: str | None) -> str:
        if address is None:
            return service_address(self._settings.get().desk_host)
        text = address.strip().strip("[]").lower()
        try:
            return str(ipaddress.ip_address(text))
        except ValueError:
            if _HOST_NAME.fullmatch(text):
                return text
        raise Refusal("refusal.desk.address", address, field="address")

    def all(self, now: datetime | None = None) -> list[DeskView]:
        moment = now or datetime.now(UTC)
        return [_view(row, moment) for row in self._rows().all()]

    def names(self) -> dict[str, DeskRole]:
        """Every desk's role, by name."""
        return {str(row["name"]): DeskRole(str(row["role"])) for row in self._rows().all()}

    def remove(self, name: str) -> None:
        """A Refusal when there is no such desk; a session of the desk ends once the
        service sees it gone (within a second)."""
        name = desk_name(name)
        if not self._rows().remove(name):
            raise Refusal("refusal.desk.unknown", name, field="name")

    def verify(self, name: str, secret: str) -> DeskRole:
        """The role of the desk whose secret this is; a Refusal with the reason (no such
        desk, a wrong secret) for the desk to show otherwise."""
        try:
            name = desk_name(name)
        except Refusal:
            raise Refusal("denied.unknown", name) from None
        row = self._rows().get(name)
        if row is None:
            raise Refusal("denied.unknown", name)
        if not _matches(secret, bytes.fromhex(str(row["salt"])), str(row["secret_hash"])):
            raise Refusal("denied.secret", name)
        return DeskRole(str(row["role"]))

    def seen(self, names: Iterable[str], *, attached: bool, now: datetime | None = None) -> None:
        """Note that these desks were seen now, attached or just detached."""
        moment = now or datetime.now(UTC)
        until = _stamp(moment + _ATTACHED_FOR) if attached else None
        self._rows().seen(names, _stamp(moment), until)

    def version(self) -> int:
        """Moves whenever a desk is added or removed."""
        return self._rows().version()

    def versions(self) -> tuple[int, int]:
        """The desks version, and the version of the settings (and rules): what the service
        looks at to know when to read the desks and the desk port's settings again."""
        return self._rows().versions()
