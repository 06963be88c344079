"""The settings dialog: on a small screen (a 1366x768 office laptop), taller than the screen
allows, it scrolls and Save stays in sight; it shows the fields the chosen way of reaching
callgate uses, and no others."""

from __future__ import annotations

from conftest import Console
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

TIMEOUT = 10_000
# What a 768-pixel screen leaves a dialog, less a taskbar and a title bar.
ROOM = 680


def test_the_settings_can_be_saved_on_a_screen_shorter_than_they_are(
        qtbot: QtBot, console: Console) -> None:
    """Their 13 rows and two sections needed 782 pixels or more at the least: on a 768-pixel
    screen Save was below its bottom edge, out of reach."""
    window = console.window
    window.dialogs.open_settings()
    qtbot.waitUntil(lambda: window.dialogs.settings is not None
                    and bool(window.dialogs.settings.url.text()), timeout=TIMEOUT)
    dialog = window.dialogs.settings
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.sizeHint().height() > ROOM, "the case this test is for"
    dialog.resize(dialog.width(), ROOM)  # as the screen bounds it (_fit_contents)
    qtbot.waitUntil(lambda: dialog.height() <= ROOM, timeout=2000)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    shown = save.rect().translated(save.mapTo(dialog, save.rect().topLeft()))
    assert save.isVisible() and dialog.rect().contains(shown), (shown, dialog.rect())
    dialog.reject()


def test_the_settings_open_all_on_the_screen_wherever_they_were(
        qtbot: QtBot, console: Console) -> None:
    """Qt places a dialog before it grows to its whole height: low on the screen, its Save
    button was off the bottom edge."""
    window = console.window
    window.dialogs.open_settings()
    qtbot.waitUntil(lambda: window.dialogs.settings is not None, timeout=TIMEOUT)
    dialog = window.dialogs.settings
    assert dialog is not None
    qtbot.waitExposed(dialog)
    dialog.hide()
    screen = dialog.screen().availableGeometry()
    dialog.move(screen.left(), screen.bottom() - dialog.height() // 2)
    dialog.show()
    qtbot.waitExposed(dialog)
    frame = dialog.frameGeometry()  # (the test screen is narrower than the dialog)
    assert screen.top() <= frame.top() and frame.bottom() <= screen.bottom(), (frame, screen)
    dialog.reject()


def test_the_settings_show_only_the_fields_of_the_way_commubo_reaches_callgate(
        qtbot: QtBot, console: Console) -> None:
    """ngrok's and cloudflared's addresses showed beside 'this computer only', for nothing."""
    window = console.window
    window.dialogs.open_settings()
    qtbot.waitUntil(lambda: window.dialogs.settings is not None, timeout=TIMEOUT)
    dialog = window.dialogs.settings
    assert dialog is not None
    qtbot.waitExposed(dialog)
    fields = {"ngrok": dialog.ngrok_api, "cloudflared": dialog.cloudflared_metrics,
              "url": dialog.public_url}
    for kind, shown in (("none", set()), ("ngrok", {"ngrok"}),
                        ("cloudflared", {"cloudflared", "url"}), ("url", {"url"})):
        dialog.tunnel.setCurrentIndex(dialog.tunnel.findData(kind))
        assert {name for name, field in fields.items() if field.isVisible()} == shown, kind
    dialog.reject()
