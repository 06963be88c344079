"""The settings dialog: on a small screen (a 1366x768 office laptop), taller than the screen
allows, it scrolls and Save stays in sight; it shows the fields the chosen way of reaching
callgate uses, and no others (nor an empty row for a note on the tokens)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import Console, opened_settings
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from gui.settings_dialog import SettingsDialog

# Less than all the fields need (what a 768-pixel screen leaves, less a taskbar and a title bar,
# with the reachability fields of a named tunnel and a note on the tokens shown; or less still).
ROOM = 500


@pytest.fixture
def dialog(qtbot: QtBot, console: Console) -> Iterator[SettingsDialog]:
    opened = opened_settings(qtbot, console.window)
    qtbot.waitExposed(opened)
    yield opened
    opened.reject()


def test_the_settings_can_be_saved_on_a_screen_shorter_than_they_are(
        qtbot: QtBot, dialog: SettingsDialog) -> None:
    """Their 13 rows and two sections needed 782 pixels or more at the least: on a 768-pixel
    screen Save was below its bottom edge, out of reach."""
    assert dialog.sizeHint().height() > ROOM, "the case this test is for"
    dialog.resize(dialog.width(), ROOM)  # as the screen bounds it (_fit_contents)
    qtbot.waitUntil(lambda: dialog.height() <= ROOM, timeout=2000)
    save = dialog.buttons.button(QDialogButtonBox.StandardButton.Save)
    shown = save.rect().translated(save.mapTo(dialog, save.rect().topLeft()))
    assert save.isVisible() and dialog.rect().contains(shown), (shown, dialog.rect())


def test_the_settings_open_all_on_the_screen_wherever_they_were(
        qtbot: QtBot, dialog: SettingsDialog) -> None:
    """Qt places a dialog before it grows to its whole height: low on the screen, its Save
    button was off the bottom edge."""
    dialog.hide()
    screen = dialog.screen().availableGeometry()
    dialog.move(screen.left(), screen.bottom() - dialog.height() // 2)
    dialog.show()
    qtbot.waitExposed(dialog)
    frame = dialog.frameGeometry()  # (the test screen is narrower than the dialog)
    assert screen.top() <= frame.top() and frame.bottom() <= screen.bottom(), (frame, screen)


def test_the_settings_show_only_the_fields_of_the_way_commubo_reaches_callgate(
        dialog: SettingsDialog) -> None:
    """ngrok's and cloudflared's addresses showed beside 'this computer only', for nothing."""
    fields = {"ngrok": dialog.ngrok_api, "cloudflared": dialog.cloudflared_metrics,
              "url": dialog.public_url}
    for kind, shown in (("none", set()), ("ngrok", {"ngrok"}),
                        ("cloudflared", {"cloudflared", "url"}), ("url", {"url"})):
        dialog.tunnel.setCurrentIndex(dialog.tunnel.findData(kind))
        assert {name for name, field in fields.items() if field.isVisible()} == shown, kind


def test_no_empty_row_waits_for_a_note_on_the_tokens(
        qtbot: QtBot, dialog: SettingsDialog) -> None:
    """An empty label took a row under 'Rotate webhook token…' until a token was rotated."""
    assert not dialog.tokens.isVisible()
    dialog.rotate_token()  # the grace period is on: the old token's end is told
    qtbot.waitUntil(lambda: bool(dialog.tokens.text()), timeout=10_000)
    assert dialog.tokens.isVisible()


def test_the_rotate_button_is_a_button_of_its_own_size(dialog: SettingsDialog) -> None:
    """It was stretched across the whole group, a bar rather than a button."""
    dialog.tunnel.setCurrentIndex(dialog.tunnel.findData("url"))
    button = dialog.rotate_button
    assert button.isVisible() and button.width() <= button.sizeHint().width(), button.width()
