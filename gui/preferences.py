"""What this desktop remembers of a console: its window's size and place, that the setup was done,
that the tray notice was shown, the ring's volume and whether it is muted. Qt keeps them per
user (QSettings), never in callgate's database, which the listener watches: a resize must not
make it reread every rule.

One set per office a console shows, keyed by its data directory (a console on another desk
than its service, by the desk and the service's address); and the service this desktop's
console attaches to, once it was given.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

ORGANISATION = "callgate"
APPLICATION = "callgate"
DEFAULT_RING_VOLUME = 80


def scope_of(data_dir: Path) -> str:
    """The same for every start with this data directory, however it was written."""
    where = os.path.normcase(str(data_dir.absolute()))
    return hashlib.sha256(where.encode()).hexdigest()[:16]


class Preferences:
    def __init__(self, data_dir: Path) -> None:
        self._settings = QSettings(ORGANISATION, APPLICATION)
        self._group = f"offices/{scope_of(data_dir)}"
        self._settings.setValue(self._key("data-directory"), str(data_dir))  # for people

    def _key(self, name: str) -> str:
        return f"{self._group}/{name}"

    def _flag(self, name: str) -> bool:
        return bool(self._settings.value(self._key(name), False, type=bool))

    @property
    def geometry(self) -> QByteArray | None:
        value = self._settings.value(self._key("geometry"))
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._settings.setValue(self._key("geometry"), value)

    @property
    def setup_done(self) -> bool:
        return self._flag("setup-done")

    @setup_done.setter
    def setup_done(self, done: bool) -> None:
        self._settings.setValue(self._key("setup-done"), done)

    @property
    def tray_notice_shown(self) -> bool:
        return self._flag("tray-notice-shown")

    @tray_notice_shown.setter
    def tray_notice_shown(self, shown: bool) -> None:
        self._settings.setValue(self._key("tray-notice-shown"), shown)

    @property
    def ring_volume(self) -> int:
        """The ring's loudness on this desk, 0 to 100 (80 until a person sets it)."""
        value = self._settings.value(self._key("ring-volume"), DEFAULT_RING_VOLUME, type=int)
        return max(0, min(100, value if isinstance(value, int) else DEFAULT_RING_VOLUME))

    @ring_volume.setter
    def ring_volume(self, volume: int) -> None:
        self._settings.setValue(self._key("ring-volume"), volume)

    @property
    def ring_muted(self) -> bool:
        return self._flag("ring-muted")

    @ring_muted.setter
    def ring_muted(self, muted: bool) -> None:
        self._settings.setValue(self._key("ring-muted"), muted)

    def keep(self) -> None:
        """Written now (Qt otherwise writes them a moment later, or when it quits)."""
        self._settings.sync()


class RememberedService:
    """The service this desktop's console attaches to (`--connect` or CALLGATE_CONNECT, given
    once): `python main.py` opens that console again until `--embedded` forgets it. It holds
    the desk's secret, so its file is readable by its owner only."""

    KEY = "desk/connection"

    def __init__(self) -> None:
        self._settings = QSettings(ORGANISATION, APPLICATION)

    def get(self) -> str | None:
        value = self._settings.value(self.KEY)
        return value if isinstance(value, str) and value else None

    def remember(self, connection: str | None) -> None:
        """Keep `connection` (None: forget it), written now."""
        if connection is None:
            self._settings.remove(self.KEY)
        else:
            self._settings.setValue(self.KEY, connection)
        self._settings.sync()
        if os.name == "posix" and self._settings.format() is QSettings.Format.NativeFormat:
            with contextlib.suppress(OSError):
                os.chmod(self._settings.fileName(), 0o600)
