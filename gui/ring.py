"""The ring: while a call waits for a person on this console, it rings (desktop/artwork/
ring.wav, made by the project, over and over) until someone decides it, here or on another
desk, or its time runs out. Every console that shows the waiting call rings; each desk sets
its own volume or mutes it (gui/preferences.py). The tray's notification comes as before.

The sound needs QtMultimedia, which loads the system's libpulse: without it the console beeps
once per waiting call instead, and Settings says what to install.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QLoggingCategory, QObject, QUrl, Signal
from PySide6.QtWidgets import QApplication

from desktop.assets import RING
from gui.live import LiveView
from gui.preferences import Preferences

if TYPE_CHECKING:
    from PySide6.QtMultimedia import QSoundEffect

# Optional libraries (PipeWire, VA-API) that QtMultimedia looks for and warns about, though
# it plays a WAV through PulseAudio without them.
QUIET = "qt.multimedia.symbolsresolver.warning=false\nqt.multimedia.ffmpeg.info=false"


def sound_effect(parent: QObject) -> QSoundEffect | None:
    """A QSoundEffect of the ring, or None where QtMultimedia cannot load."""
    QLoggingCategory.setFilterRules(QUIET)
    try:
        from PySide6.QtMultimedia import QSoundEffect
    except ImportError:  # no libpulse.so.0 on this system
        return None
    effect = QSoundEffect(parent)
    effect.setSource(QUrl.fromLocalFile(str(RING)))
    effect.setLoopCount(QSoundEffect.Loop.Infinite.value)
    return effect


def linear(volume: int) -> float:
    """A person's 0-100, as loud as it sounds (logarithmic), in the 0-1 the sound takes."""
    from PySide6.QtMultimedia import QtAudio

    return QtAudio.convertVolume(volume / 100, QtAudio.VolumeScale.LogarithmicVolumeScale,
                                 QtAudio.VolumeScale.LinearVolumeScale)


class Ringer(QObject):
    """`ringing` while a call waits here with time left and the ring is not muted;
    `ringing_changed(bool)` when that changes."""

    ringing_changed = Signal(bool)

    def __init__(self, live: LiveView, preferences: Preferences) -> None:
        super().__init__(live)
        self._live = live
        self._preferences = preferences
        self._ringing = False
        self.effect = sound_effect(self)
        self._preview: QSoundEffect | None = None
        self._apply_volume()
        live.waiting_changed.connect(self.refresh)

    @property
    def can_play(self) -> bool:
        """False where QtMultimedia could not load (the console beeps instead)."""
        return self.effect is not None

    @property
    def ringing(self) -> bool:
        return self._ringing

    @property
    def volume(self) -> int:
        return self._preferences.ring_volume

    @property
    def muted(self) -> bool:
        return self._preferences.ring_muted

    def set_volume(self, volume: int, muted: bool) -> None:
        """This desk's volume and mute, kept for the next start too; a ring on its way
        takes them at once."""
        self._preferences.ring_volume = max(0, min(100, volume))
        self._preferences.ring_muted = muted
        self._apply_volume()
        self.refresh()

    def refresh(self) -> None:
        """Ring, or stop, as the calls waiting here say (every countdown tick)."""
        now = time.monotonic()
        waiting = any(entry.seconds_left(now) > 0 for entry in self._live.waiting_calls())
        wanted = waiting and not self.muted
        if wanted == self._ringing:
            return
        self._ringing = wanted
        if self.effect is None:
            if wanted:
                QApplication.beep()
        elif wanted:
            self.effect.play()
        else:
            self.effect.stop()
        self.ringing_changed.emit(wanted)

    def try_volume(self, volume: int) -> None:
        """The ring once at `volume`, to hear it (Settings)."""
        if self.effect is None:
            QApplication.beep()
            return
        if self._preview is None:
            self._preview = sound_effect(self)
            assert self._preview is not None
            self._preview.setLoopCount(1)
        self._preview.setVolume(linear(volume))
        self._preview.play()

    def _apply_volume(self) -> None:
        if self.effect is not None:
            self.effect.setVolume(linear(self.volume))
