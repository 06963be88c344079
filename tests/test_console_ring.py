"""A call waiting for a person rings on every console that shows it, until someone decides it
or its time runs out; each desk sets its ring's volume, or mutes it, in Settings.

The test machine has no sound output, so QSoundEffect cannot be heard here: the tests look at
what the console asks of it (play, stop, looping, the volume) and at its own ringing state;
where an audio output exists, they also wait for the sound to play."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor

import pytest
from conftest import Console, click_mode, start_console
from console_desk import Desk
from PySide6.QtCore import QUrl
from pytestqt.qtbot import QtBot

if not os.environ.get("CALLGATE_NEED_QTMULTIMEDIA"):
    # QtMultimedia loads the system's libpulse.so.0 (Debian's libpulse0): CI has it.
    pytest.importorskip("PySide6.QtMultimedia", reason="QtMultimedia needs libpulse0",
                        exc_type=ImportError)  # the module is there, a library it loads is not
from PySide6.QtMultimedia import QMediaDevices, QSoundEffect
from test_console import call_from, from_command_line, send
from test_console_desktop import open_settings

from desktop.assets import RING
from gui.app import open_window
from gui.preferences import Preferences
from gui.ring import Ringer, linear
from gui.window import ConsoleWindow
from screening.mode import Mode
from screening.policy import Decision
from server.protocol import messages as protocol


@pytest.fixture
def pool() -> Iterator[ThreadPoolExecutor]:
    with ThreadPoolExecutor(max_workers=2) as executor:
        yield executor


class Requests:
    """What the console asked of its ring's QSoundEffect, in order."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, ringer: Ringer) -> None:
        self.asked: list[str] = []
        effect = ringer.effect
        assert effect is not None, "QtMultimedia loads on the test machine (libpulse0)"
        for name in ("play", "stop"):
            monkeypatch.setattr(effect, name, self._recording(name, getattr(effect, name)))

    def _recording(self, name: str, original: Callable[[], None]) -> Callable[[], None]:
        def asked() -> None:
            self.asked.append(name)
            original()
        return asked


def waiting(qtbot: QtBot, console: Console, pool: ThreadPoolExecutor, call_id: str) -> None:
    click_mode(qtbot, console, Mode.ASK)
    send(pool, console, call_from("0330001234", call_id))
    qtbot.waitUntil(lambda: console.window.live.waiting_count() == 1, timeout=5000)


def test_a_waiting_call_rings_until_a_person_decides_it(
    qtbot: QtBot, console: Console, pool: ThreadPoolExecutor, monkeypatch: pytest.MonkeyPatch
) -> None:
    ringer = console.window.ringer
    requests = Requests(monkeypatch, ringer)
    assert not ringer.ringing

    waiting(qtbot, console, pool, "ring-1")

    qtbot.waitUntil(lambda: ringer.ringing, timeout=2000)
    effect = ringer.effect
    assert effect is not None
    assert requests.asked == ["play"]
    assert effect.loopCount() == QSoundEffect.Loop.Infinite.value, "it rings until decided"
    assert effect.source() == QUrl.fromLocalFile(str(RING))
    if QMediaDevices.audioOutputs():
        qtbot.waitUntil(effect.isPlaying, timeout=3000)

    console.window.live.decide_waiting(Decision.ACCEPT)

    qtbot.waitUntil(lambda: not ringer.ringing, timeout=2000)
    assert requests.asked == ["play", "stop"]
    qtbot.wait(500)  # countdown ticks after the decision ring nothing again
    assert requests.asked == ["play", "stop"]


def test_the_ring_stops_when_the_call_times_out(
    qtbot: QtBot, console: Console, pool: ThreadPoolExecutor, monkeypatch: pytest.MonkeyPatch
) -> None:
    from_command_line(console.db_path, "ask-timeout", "3")
    ringer = console.window.ringer
    requests = Requests(monkeypatch, ringer)
    waiting(qtbot, console, pool, "ring-timeout")
    qtbot.waitUntil(lambda: ringer.ringing, timeout=2000)

    qtbot.waitUntil(lambda: console.window.live.waiting_count() == 0, timeout=10_000)

    qtbot.waitUntil(lambda: not ringer.ringing, timeout=2000)
    assert requests.asked == ["play", "stop"]


def test_every_console_rings_and_all_stop_when_another_desk_decides(
    qtbot: QtBot, console: Console, pool: ThreadPoolExecutor
) -> None:
    second = open_window(console.listener.link(desk="reception", wire=True),
                         console.db_path.parent)
    qtbot.addWidget(second)
    qtbot.waitUntil(lambda: second.session.snapshot is not None, timeout=5000)
    manager = Desk(console.listener.link(desk="manager", wire=True))
    manager.attached()
    try:
        waiting(qtbot, console, pool, "ring-everywhere")
        qtbot.waitUntil(lambda: console.window.ringer.ringing and second.ringer.ringing,
                        timeout=3000)

        manager.done(protocol.ResolveCall(call_id="ring-everywhere", decision=Decision.REJECT))

        qtbot.waitUntil(lambda: not console.window.ringer.ringing, timeout=3000)
        qtbot.waitUntil(lambda: not second.ringer.ringing, timeout=3000)
    finally:
        manager.close()
        second.stop()


def test_a_muted_desk_does_not_ring_and_keeps_its_volume_for_the_next_start(
    qtbot: QtBot, console: Console, pool: ThreadPoolExecutor, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = open_settings(qtbot, console)
    section = dialog.computer
    assert section.volume.value() == 80 and not section.mute.isChecked()
    section.volume.setValue(35)
    section.mute.setChecked(True)
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    ringer = console.window.ringer
    requests = Requests(monkeypatch, ringer)
    assert ringer.effect is not None
    assert ringer.effect.volume() == pytest.approx(linear(35))
    assert ringer.effect.volume() < 0.2, "35 as loud as it sounds, not a third of the power"

    waiting(qtbot, console, pool, "ring-muted")
    qtbot.wait(600)  # three countdown ticks

    assert not ringer.ringing and requests.asked == []
    kept = Preferences(console.db_path.parent)
    assert (kept.ring_volume, kept.ring_muted) == (35, True)

    ringer.set_volume(35, muted=False)  # unmuted while the call still waits: it rings
    qtbot.waitUntil(lambda: ringer.ringing, timeout=2000)
    assert requests.asked == ["play"]
    console.window.live.decide_waiting(Decision.ACCEPT)  # not left to its 10 s default
    qtbot.waitUntil(lambda: not ringer.ringing, timeout=2000)


def test_a_console_started_again_rings_at_the_volume_its_desk_set(
    qtbot: QtBot, console: Console
) -> None:
    console.window.ringer.set_volume(50, muted=False)
    again = start_console(qtbot, console.db_path.parent / "callgate.db")
    try:
        window: ConsoleWindow = again.window
        assert (window.ringer.volume, window.ringer.muted) == (50, False)
        assert window.ringer.effect is not None
        assert window.ringer.effect.volume() == pytest.approx(linear(50))
    finally:
        again.window.quit_now()
        again.close()
