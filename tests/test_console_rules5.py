"""Issue 5 in the console: prefix and temporary rules and expired rules on the rules tab (over
the console's session to the real listener), and through the real window the "test a number"
box, the schedule dialog and the caller presets."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from conftest import Answer, Console, click_mode, post, sample, url_of
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from session_fixtures import webhook_url
from shiboken6 import isValid
from test_gui_rules import view

from application import Office
from gui.explain import ExplainDialog
from gui.rules import Column, ExpiryChoice, RuleDialog, RulesView
from gui.settings_dialog import SettingsDialog
from screening.mode import Mode
from screening.policy import CallerPreset
from screening.rules import Action, RuleKind
from server.listener import Listener
from storage.database import open_database
from storage.rules import RuleBook

__all__ = ["view"]  # fixtures, used by name

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")


@pytest.fixture
def pool() -> Iterator[ThreadPoolExecutor]:
    with ThreadPoolExecutor(max_workers=4) as executor:
        yield executor


def call_from(number: str, call_id: str, *, customer: bool = True) -> dict[str, Any]:
    body = sample("seed_incoming_call.json") | {"phoneNumber": number, "callId": call_id}
    if not customer:
        del body["customer"]
    return body


def send(pool: ThreadPoolExecutor, url: str, body: dict[str, Any]) -> Future[Answer]:
    return pool.submit(post, url, body)


def click(widget: QWidget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def type_into(edit: QLineEdit, text: str) -> None:
    edit.selectAll()
    QTest.keyClick(edit, Qt.Key.Key_Backspace)
    QTest.keyClicks(edit, text)
    assert edit.text() == text


def cell(view: RulesView, row: int, column: Column, role: int = Qt.ItemDataRole.DisplayRole
         ) -> Any:
    model = view.table.model()
    return model.data(model.index(row, column), role)


def open_add_dialog(qtbot: QtBot, view: RulesView) -> RuleDialog:
    click(view.add_button)
    dialog = view.popups.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    return dialog


def test_a_prefix_rule_for_24_hours_rejects_a_matching_call(
    qtbot: QtBot, view: RulesView, listener: Listener, pool: ThreadPoolExecutor, db_path: Path
) -> None:
    dialog = open_add_dialog(qtbot, view)
    type_into(dialog.number_edit, "0120*")
    click(dialog.block_button)
    type_into(dialog.note_edit, "sales")
    dialog.expiry_combo.setCurrentIndex(dialog.expiry_combo.findData(ExpiryChoice.FOR))
    type_into(dialog.expiry_edit, "24h")
    with qtbot.waitSignal(view.rules_changed, timeout=5000):
        click(dialog.save_button)
    assert not isValid(dialog) or not dialog.isVisible()

    assert cell(view, 0, Column.NUMBER) == "0120*"
    assert cell(view, 0, Column.EXPIRES) not in ("", "expired")
    db = open_database(db_path)
    try:
        (rule,) = RuleBook(db).rules()
    finally:
        db.close()
    assert (rule.kind, rule.pattern, rule.action) == (RuleKind.PREFIX, "+81120*", Action.BLOCK)
    assert rule.expires_at is not None
    left = rule.expires_at - datetime.now(UTC)
    assert timedelta(hours=23, minutes=59) < left <= timedelta(hours=24)

    url = webhook_url(listener, db_path)
    result = send(pool, url, call_from("0120-123-456", "prefix-1")).result(timeout=5)
    assert (result.status, result.body["reason"]) == (403, "rule")
    other = send(pool, url, call_from("0330001234", "prefix-2")).result(timeout=5)
    assert other.status == 200


def test_a_bad_expiry_is_refused_with_its_reason(qtbot: QtBot, view: RulesView) -> None:
    dialog = open_add_dialog(qtbot, view)
    type_into(dialog.number_edit, "0330001234")
    dialog.expiry_combo.setCurrentIndex(dialog.expiry_combo.findData(ExpiryChoice.FOR))
    type_into(dialog.expiry_edit, "soon")
    with qtbot.assertNotEmitted(view.rules_changed):
        click(dialog.save_button)
        qtbot.waitUntil(lambda: dialog.error() != "", timeout=5000)
    assert dialog.isVisible()
    assert "not a duration" in dialog.error()
    assert dialog.expiry_edit.hasFocus(), "the field the reason names"
    assert view.table.model().rowCount() == 0
    dialog.reject()


def test_expired_rules_stay_visible_marked_expired(
    qtbot: QtBot, view: RulesView, db_path: Path
) -> None:
    other = open_database(db_path)  # as `python main.py block … --until` does
    try:
        book = RuleBook(other)
        book.put("+81330001234", Action.BLOCK, "past",
                 expires_at=datetime.now(UTC) - timedelta(hours=1))
        soon = book.put("+819012345678", Action.ALLOW, "soon",
                        expires_at=datetime.now(UTC) + timedelta(seconds=1))
        book.put("京都商事", Action.ALLOW, kind=RuleKind.NAME, once=True)
    finally:
        other.close()
    qtbot.waitUntil(lambda: view.table.model().rowCount() == 3, timeout=3000)
    shown = {cell(view, r, Column.NUMBER): r for r in range(3)}
    assert set(shown) == {"03-3000-1234", "090-1234-5678", "京都商事"}
    past = shown["03-3000-1234"]
    assert cell(view, past, Column.EXPIRES) == "expired"
    assert cell(view, past, Column.NUMBER, Qt.ItemDataRole.ForegroundRole) is not None
    assert cell(view, shown["京都商事"], Column.EXPIRES) == "next call only"
    assert cell(view, shown["京都商事"], Column.NUMBER, Qt.ItemDataRole.ForegroundRole) is None
    # A rule expiring while the window is open is marked without any change in the database.
    assert soon.expires_at is not None
    view.refresh_if_expired(soon.expires_at + timedelta(seconds=1))
    qtbot.waitUntil(
        lambda: cell(view, view.model.row_of(soon.id) or 0, Column.EXPIRES) == "expired",
        timeout=3000)


def test_the_explain_box_names_the_rule_and_records_nothing(
    qtbot: QtBot, console: Console, db_path: Path
) -> None:
    window = console.window
    with qtbot.waitSignal(window.rules.rules_changed, timeout=5000):
        window.rules.add_rule("0120*", Action.BLOCK, "sales")
    rule = window.rules.selected_rule()
    assert rule is not None
    click(window.rules.test_button)
    dialog = window.dialogs.explain
    assert isinstance(dialog, ExplainDialog)
    qtbot.waitExposed(dialog)
    assert dialog.windowModality() == Qt.WindowModality.WindowModal
    type_into(dialog.number_edit, "0120-123-456")
    click(dialog.test_button)
    qtbot.waitUntil(lambda: dialog.decision() != "", timeout=5000)
    assert dialog.decision() == "reject"
    assert "reject" in dialog.decision_label.text()
    assert any(f"rule #{rule.id}" in step and "0120" in step for step in dialog.step_texts())

    dialog.customer_box.setChecked(True)
    type_into(dialog.at_edit, "yesterday")
    click(dialog.test_button)
    qtbot.waitUntil(lambda: "not a time" in dialog.error_label.text(), timeout=5000)
    assert dialog.decision() == ""

    db = open_database(db_path)
    try:
        assert db.execute("SELECT count(*) FROM calls").fetchone()[0] == 0
        assert RuleBook(db).row(rule.id)["times_matched"] == 0  # type: ignore[index]
    finally:
        db.close()
    dialog.reject()
    assert window.dialogs.explain is None


def test_editing_the_schedule(qtbot: QtBot, console: Console, db_path: Path) -> None:
    window = console.window
    menu_action = next(action for action in window.findChildren(QAction)
                        if action.text().replace("&", "") == "Schedule…")
    menu_action.trigger()
    dialog = window.dialogs.schedule
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.days[0].text() == "09:00-18:00"  # the default, mon-fri 09:00-18:00
    dialog.enabled.setChecked(True)
    type_into(dialog.days[1], "9:00-")
    click(dialog.save_button)
    assert dialog.isVisible()
    assert "Tuesday" in dialog.error_text() and "not business hours" in dialog.error_text()
    store = Office(console.db_path)
    assert store.settings.value("schedule") == "off"
    assert store.settings.value("schedule-hours") == "mon-fri 09:00-18:00"

    type_into(dialog.days[1], "9:00-12:00, 13:00-18:00")  # several ranges a day
    assert "tue 09:00-12:00, 13:00-18:00" in dialog.hours_text()
    for edit in dialog.days:
        type_into(edit, "0:00-12:00, 12:00-24:00")
    dialog.holidays.setChecked(False)
    dialog.open_mode.setCurrentIndex(dialog.open_mode.findData(Mode.ASK.value))
    dialog.time_zone.setText("Nowhere/City")
    click(dialog.save_button)
    qtbot.waitUntil(lambda: "not a time zone" in dialog.error_text(), timeout=5000)
    assert store.settings.value("schedule") == "off"
    assert store.settings.value("open-mode") == Mode.ACCEPT_ALL.value

    dialog.time_zone.setText("Asia/Tokyo")
    click(dialog.save_button)
    qtbot.waitUntil(lambda: window.dialogs.schedule is None, timeout=1000)
    assert store.settings.value("schedule") == "on"
    # Ranges that touch are one.
    assert store.settings.value("schedule-hours") == "mon-sun 00:00-24:00"
    assert store.settings.value("open-mode") == Mode.ASK.value
    assert "by the schedule" in window.mode_bar.source.text()
    assert window.mode_bar.buttons[Mode.ASK].isChecked()


def test_a_caller_preset_applies_to_the_next_call(
    qtbot: QtBot, console: Console, pool: ThreadPoolExecutor
) -> None:
    window = console.window
    click_mode(qtbot, console, Mode.REJECT_ALL)
    window.dialogs.open_settings()
    dialog = window.findChild(SettingsDialog)
    assert isinstance(dialog, SettingsDialog)
    qtbot.waitExposed(dialog)
    assert dialog.caller_preset.currentData() == CallerPreset.FOLLOW_MODE
    assert not dialog.repeat_caller.isChecked()
    assert not dialog.repeat_minutes.isEnabled()
    combo = dialog.caller_preset
    combo.setCurrentIndex(combo.findData(CallerPreset.CUSTOMERS_RING))
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5000)
    store = Office(console.db_path)
    settings = store.settings.get()
    assert (settings.customers, settings.unknown) == ("accept", "mode")

    customer = send(pool, url_of(console), call_from("0330001234", "preset-1")).result(timeout=5)
    assert customer.status == 200
    unknown = send(pool, url_of(console), call_from("0330001234", "preset-2", customer=False))
    result = unknown.result(timeout=5)
    assert (result.status, result.body["reason"]) == (403, "mode")
