"""Smaller things a new user hit (issue 10, point 19): payphones, wording that repeats itself,
literal mnemonics, the rule dialog's expiry, the port in setup and settings, notes of rules made
from a call."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from configured import configure
from conftest import (
    Console,
    click_mode,
    history_tab,
    post,
    room_for_text,
    sample,
    start_console,
    url_of,
)
from processes import free_port
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QDialog, QLabel, QWidget
from pytestqt.qtbot import QtBot

from gui import present
from gui.explain import ExplainDialog
from gui.history import Column
from gui.rules import ExpiryChoice, RuleDialog
from gui.schedule import ScheduleDialog
from gui.settings_dialog import SettingsDialog
from screening.mode import Mode
from screening.rules import Action, Rule
from storage.database import open_database
from storage.rules import RuleBook

ROOT = Path(__file__).resolve().parents[1]
TOKYO = ZoneInfo("Asia/Tokyo")
TOOLTIP = Qt.ItemDataRole.ToolTipRole


def call(call_id: str, **fields: Any) -> dict[str, Any]:
    return sample("seed_incoming_call.json") | {"callId": call_id} | fields


@pytest.fixture
def started(qtbot: QtBot, db_path: Path) -> Iterator[list[Console]]:
    """Consoles a test starts itself (after setting things up), closed afterwards."""
    consoles: list[Console] = []
    yield consoles
    for console in consoles:
        console.window.quit_now()
        console.close()


def start(qtbot: QtBot, db_path: Path, started: list[Console], port: int = 0) -> Console:
    console = start_console(qtbot, db_path, port)
    started.append(console)
    return console


# --- A payphone says so -------------------------------------------------------------------------


def test_a_payphone_shows_as_a_payphone_on_the_card_the_list_and_the_history(
    qtbot: QtBot, console: Console
) -> None:
    body = call("payphone", phoneNumber="公衆電話")
    del body["customer"]
    assert post(url_of(console), body).status == 200
    live = console.window.live
    qtbot.waitUntil(lambda: live.card.call_id == "payphone", timeout=3000)
    assert live.card.number.text() == "公衆電話 / payphone"
    assert live.model.data(live.model.index(0, 0)).startswith("公衆電話 / payphone")
    history = history_tab(console.window)
    qtbot.waitUntil(lambda: history.model.rowCount() == 1, timeout=5000)
    assert history.model.data(history.model.index(0, Column.NUMBER)) == "公衆電話 / payphone"


# --- Every reason reads once --------------------------------------------------------------------


def verdict_shown(qtbot: QtBot, console: Console, call_id: str) -> str:
    """What the live list says of a decided call (its tooltip; the card says the same)."""
    model = console.window.live.model

    def shown() -> str | None:
        row = model.row_of(call_id)
        return None if row is None else model.data(model.index(row, 0), TOOLTIP)

    qtbot.waitUntil(lambda: shown() is not None, timeout=8000)
    text = shown()
    assert text is not None
    return text


def test_each_reason_reads_once(qtbot: QtBot, db_path: Path, started: list[Console]) -> None:
    configure(db_path, {"ask-timeout": "3"})
    console = start(qtbot, db_path, started)
    assert post(url_of(console), call("let")).status == 200
    assert verdict_shown(qtbot, console, "let") == "Let through by the mode (Let all through)"
    card = console.window.live.card
    assert card.call_id == "let" and card.status.text() == verdict_shown(qtbot, console, "let")

    click_mode(qtbot, console, Mode.ASK)
    assert post(url_of(console), call("nobody")).status == 200
    assert verdict_shown(qtbot, console, "nobody") == (
        "Let through: nobody answered in time (default accept)")

    click_mode(qtbot, console, Mode.ACCEPT_ALL)
    with qtbot.waitSignal(console.window.rules.rules_changed, timeout=5000):
        console.window.rules.add_rule("03-3000-1234", Action.BLOCK)
    assert post(url_of(console), call("ruled")).status == 403
    assert verdict_shown(qtbot, console, "ruled") == "Rejected by a rule (block 03-3000-1234)"

    with qtbot.waitSignal(console.window.rules.rules_changed, timeout=5000):
        console.window.rules.add_rule("03-3000-1234", Action.ALLOW)
    click_mode(qtbot, console, Mode.REJECT_ALL)
    withheld = call("withheld", phoneNumber="")
    assert post(url_of(console), withheld).status == 403
    assert verdict_shown(qtbot, console, "withheld") == "Rejected by the mode (Reject all)"


# --- Mnemonics work where they are shown --------------------------------------------------------


def literal_mnemonics(dialog: QWidget) -> list[str]:
    """Labels showing an "&" as a mnemonic that nothing interprets: a label without a buddy."""
    return [label.text() for label in dialog.findChildren(QLabel)
            if re.search(r"&[^&\s]", label.text().replace("&&", ""))
            and label.buddy() is None]


def test_no_dialog_shows_a_literal_mnemonic(qtbot: QtBot, console: Console) -> None:
    window = console.window
    rule_dialog = window.rules.popups.add()
    assert isinstance(rule_dialog, RuleDialog)
    dialogs: list[QWidget] = [rule_dialog, window.dialogs.open_schedule(),
                              window.dialogs.open_explain()]
    window.dialogs.open_settings()
    dialogs.extend(window.findChildren(SettingsDialog))
    window.dialogs.open_setup()
    assert window.dialogs.setup is not None
    dialogs.append(window.dialogs.setup)
    for dialog in dialogs:
        assert literal_mnemonics(dialog) == [], type(dialog).__name__
    assert isinstance(dialogs[1], ScheduleDialog) and isinstance(dialogs[2], ExplainDialog)
    for dialog in dialogs:
        if isinstance(dialog, QDialog):
            dialog.reject()


# --- The rule dialog's "until" ------------------------------------------------------------------


def test_until_is_picked_on_a_calendar_and_proposes_a_time_ahead(
    qtbot: QtBot, console: Console
) -> None:
    view = console.window.rules
    dialog = view.popups.add("03-3000-1234")
    dialog.expiry_combo.setCurrentIndex(dialog.expiry_combo.findData(ExpiryChoice.UNTIL))
    qtbot.waitExposed(dialog)
    editor = dialog.until_edit
    assert editor.isVisible() and editor.calendarPopup()
    proposed = present.from_wall_clock(editor.dateTime())
    office = proposed.astimezone(TOKYO)
    assert timedelta(hours=24) <= proposed - datetime.now(UTC) <= timedelta(hours=25)
    assert (office.minute, office.second) == (0, 0)  # on the office's hour
    assert editor.text() == present.moment_text(proposed)
    # No example with a fixed date, which would be in the past one day.
    texts = [dialog.expiry_combo.itemText(i) for i in range(dialog.expiry_combo.count())]
    texts += [dialog.expiry_edit.placeholderText(), *literal_texts(dialog)]
    assert not [text for text in texts if re.search(r"\b20\d\d\b", text)]

    with qtbot.waitSignal(view.rules_changed, timeout=5000):
        dialog.save_button.click()
    (rule,) = rules_of(console)
    assert rule.expires_at == proposed


def literal_texts(dialog: QWidget) -> list[str]:
    return [label.text() for label in dialog.findChildren(QLabel)]


def test_an_until_in_the_past_is_refused_as_the_command_line_refuses_it(
    qtbot: QtBot, console: Console, db_path: Path
) -> None:
    yesterday = datetime.now(TOKYO).replace(hour=9, minute=0, second=0, microsecond=0) - (
        timedelta(days=1))
    view = console.window.rules
    dialog = view.popups.add("03-3000-1234")
    dialog.expiry_combo.setCurrentIndex(dialog.expiry_combo.findData(ExpiryChoice.UNTIL))
    dialog.until_edit.setDateTime(present.wall_clock(yesterday))
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.error() != "", timeout=5000)
    assert dialog.isVisible()
    assert "is already past" in dialog.error()
    assert view.model.rowCount() == 0

    typed = yesterday.strftime("%Y-%m-%dT%H:%M")  # office time, as a person types it
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--data-dir", str(db_path.parent), "block",
         "0330001234", "--until", typed],
        capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2
    assert done.stderr.strip() == f"callgate: error: --until: {dialog.error()}"
    dialog.reject()


# --- The port callgate listens on ---------------------------------------------------------------


def settings_dialog(console: Console) -> SettingsDialog:
    console.window.dialogs.open_settings()
    dialog = console.window.findChildren(SettingsDialog)[-1]
    return dialog


def test_setup_and_settings_say_why_the_port_is_not_the_setting(
    qtbot: QtBot, db_path: Path, started: list[Console]
) -> None:
    port = free_port()  # as `CALLGATE_PORT=<port> make run` or `--port <port>` asks
    console = start(qtbot, db_path, started, port)
    said = (f"callgate listens on port {port} now: set by --port or CALLGATE_PORT for this "
            "run. The port setting (8080) applies when callgate starts without them.")
    dialog = settings_dialog(console)
    assert dialog.port.value() == 8080
    assert dialog.listening.text() == said
    dialog.reject()
    console.window.dialogs.open_setup()
    assert console.window.dialogs.setup is not None
    assert console.window.dialogs.setup.port_page.listening.text() == said


def test_a_port_changed_since_the_start_applies_on_restart(
    qtbot: QtBot, db_path: Path, started: list[Console]
) -> None:
    port = free_port()
    configure(db_path, {"port": str(port)})
    console = start(qtbot, db_path, started, port)
    dialog = settings_dialog(console)
    assert dialog.listening.text() == f"callgate listens on port {port} now."
    dialog.port.setValue(port + 1)
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    dialog = settings_dialog(console)
    assert dialog.listening.text() == (
        f"callgate listens on port {port} until it restarts, then on port {port + 1}.")
    dialog.reject()


# --- Rules made from a call say whose number it is ----------------------------------------------


def test_a_rule_made_from_a_card_or_a_history_row_is_noted_with_the_caller(
    qtbot: QtBot, console: Console
) -> None:
    window = console.window
    assert post(url_of(console), call("suzuki")).status == 200
    qtbot.waitUntil(lambda: window.live.card.call_id == "suzuki", timeout=3000)
    with qtbot.waitSignal(window.rules.rules_changed, timeout=5000):
        window.live.card.block_button.click()
    noted(qtbot, console, "Blocked 03-3000-1234")

    tanaka = call("tanaka", phoneNumber="09012345678")
    tanaka["customer"] |= {"familyName": "田中", "middleName": "", "personalName": "花子",
                           "orgName": "さくら商事株式会社"}
    assert post(url_of(console), tanaka).status == 200
    history = history_tab(window)
    qtbot.waitUntil(lambda: history.model.rowCount() == 2, timeout=3000)
    history.select_row(0)  # the newest call
    assert history.detail_fields["call_id"].text().startswith("tanaka")
    with qtbot.waitSignal(window.rules.rules_changed, timeout=5000):
        history.allow_button.click()
    noted(qtbot, console, "Always letting through 090-1234-5678")

    notes = {rule.number: rule.note for rule in rules_of(console)}
    assert notes == {"+81330001234": "鈴木 スミス 一郎 (エーアイ化粧品株式会社)",
                     "+819012345678": "田中 花子 (さくら商事株式会社)"}

    # A note someone wrote stays when the caller moves to the other list.
    db = open_database(console.db_path)
    RuleBook(db).put("+81330001234", Action.BLOCK, "営業電話")
    db.close()
    qtbot.waitUntil(lambda: (window.rules.model.rowCount() == 2 and "営業電話" in {
        window.rules.model.rule_at(n).note for n in range(2)}), timeout=5000)
    with qtbot.waitSignal(window.rules.rules_changed, timeout=5000):
        window.live.card.allow_button.click()
    noted(qtbot, console, "Always letting through 03-3000-1234")
    assert {rule.number: rule.note for rule in rules_of(console)}["+81330001234"] == "営業電話"


def rules_of(console: Console) -> list[Rule]:
    db = open_database(console.db_path)
    try:
        return RuleBook(db).rules()
    finally:
        db.close()


def noted(qtbot: QtBot, console: Console, text: str) -> None:
    """The status bar's note that a rule was saved."""
    bar = console.window.statusBar()
    qtbot.waitUntil(lambda: text in bar.currentMessage(), timeout=5000)


def test_the_english_history_shows_every_column_at_the_size_it_opens(
        qtbot: QtBot, console: Console) -> None:
    """At 1100 pixels, the reasons read whole without scrolling sideways: they are short
    ("timed out", not "nobody answered in time"), as in Japanese (時間切れ); and a name of
    family and given name is whole."""
    window = console.window
    window.show()
    qtbot.waitExposed(window)
    window.tabs.setCurrentWidget(window.history)
    table = window.history.table
    assert window.size().width() == 1100
    qtbot.waitUntil(lambda: table.horizontalScrollBar().maximum() == 0, timeout=5000)
    assert sum(table.columnWidth(column) for column in Column) <= table.viewport().width()
    assert QFontMetricsF(table.font()).horizontalAdvance("田中 花子") <= room_for_text(
        table, Column.CUSTOMER), table.columnWidth(Column.CUSTOMER)
