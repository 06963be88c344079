"""The allow and block lists in the console: model, dialogs, one-step rules, over the console's
session to the real listener (every message through its JSON form)."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import post, sample
from console_desk import Desk
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QWidget
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from session_fixtures import webhook_url
from shiboken6 import isValid
from sqlite_utils import Database

from gui.rules import Column, ExpiryChoice, RuleDialog, RulesModel, RulesView
from gui.session import ConsoleSession
from screening.rules import Action
from server.listener import Listener
from server.protocol.messages import ListRules, RuleView
from storage.database import open_database
from storage.rules import RuleBook

NUMBER = "+81330001234"

# The offscreen platform plugin warns whenever a shown top-level window's size limits change;
# a plugin limitation, not a fault of the console. Every other Qt warning still fails a test.
pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")


@pytest.fixture
def db(db_path: Path, listener: Listener) -> Iterator[Database]:
    """Another connection to the listener's database, as the command line has."""
    database = open_database(db_path)
    yield database
    database.close()


@pytest.fixture
def view(qtbot: QtBot, session: ConsoleSession) -> RulesView:
    widget = RulesView(session)
    qtbot.addWidget(widget)
    widget.show()
    with qtbot.waitSignal(widget.listed, timeout=5000):
        pass  # the first list is on its way
    return widget


def listed(listener: Listener) -> list[RuleView]:
    """The rules as the protocol lists them."""
    desk = Desk(listener.link(wire=True))
    try:
        desk.attached()
        rules: list[RuleView] = desk.done(ListRules()).rules
        return rules
    finally:
        desk.close()


def added(qtbot: QtBot, view: RulesView, number: str, action: Action, note: str = ""
          ) -> RuleView:
    """A rule put on a list as the window does, once the list shows it (selected)."""
    with qtbot.waitSignal(view.rules_changed, timeout=5000):
        view.add_rule(number, action, note)
    rule = view.selected_rule()
    assert rule is not None
    return rule


def cell(view: RulesView, row: int, column: Column) -> Any:
    """What the table shows (through its sorting proxy), as a person sees it."""
    model = view.table.model()
    return model.data(model.index(row, column))


def shown_rows(view: RulesView) -> list[tuple[str, str, str]]:
    return [
        (cell(view, r, Column.NUMBER), cell(view, r, Column.LIST), cell(view, r, Column.NOTE))
        for r in range(view.table.model().rowCount())
    ]


def click(qtbot: QtBot, widget: QWidget) -> None:
    # QTest directly: the same clicks as qtbot.mouseClick, with types mypy can check
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def open_dialog(qtbot: QtBot, view: RulesView, button: QWidget) -> RuleDialog:
    click(qtbot, button)
    dialog = view.popups.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def type_into(qtbot: QtBot, edit: QLineEdit, text: str) -> None:
    """Type as a person does: keys for ASCII, an input method's commit for Japanese."""
    edit.selectAll()
    QTest.keyClick(edit, Qt.Key.Key_Backspace)
    if text.isascii():
        QTest.keyClicks(edit, text)
    else:  # QTest only has keys for ASCII; Japanese arrives through the input method
        event = QInputMethodEvent()
        event.setCommitString(text)
        QApplication.sendEvent(edit, event)
    assert edit.text() == text


def fill(qtbot: QtBot, dialog: RuleDialog, number: str, action: Action, note: str) -> None:
    type_into(qtbot, dialog.number_edit, number)
    click(qtbot, dialog.block_button if action is Action.BLOCK else dialog.allow_button)
    type_into(qtbot, dialog.note_edit, note)


def test_model_passes_the_model_tester(
    qtmodeltester: ModelTester, db: Database, listener: Listener
) -> None:
    book = RuleBook(db)
    blocked = book.put(NUMBER, Action.BLOCK, "営業電話")
    book.put("+819012345678", Action.ALLOW, "")
    book.note_match(blocked.id, "2024-04-01T01:02:03.000+00:00")
    model = RulesModel()
    model.set_rules(listed(listener))
    assert model.rowCount() == 2
    qtmodeltester.check(model)  # type: ignore[no-untyped-call]


def test_model_formats_numbers_lists_and_times(db: Database, listener: Listener) -> None:
    book = RuleBook(db)
    rule = book.put(NUMBER, Action.BLOCK, "営業電話")
    for _ in range(1234):
        book.note_match(rule.id, "2024-04-01T01:02:03.000+00:00")
    model = RulesModel()
    model.set_rules(listed(listener))

    def shown(column: Column) -> Any:
        return model.data(model.index(0, column))

    assert shown(Column.NUMBER) == "03-3000-1234"
    assert shown(Column.LIST) == "Block"
    assert shown(Column.NOTE) == "営業電話"
    assert shown(Column.TIMES_MATCHED) == QLocale().toString(1234)
    assert "2024" in shown(Column.LAST_MATCHED)
    assert shown(Column.CREATED)
    assert model.headerData(Column.LAST_MATCHED, Qt.Orientation.Horizontal) == "Last matched"


def test_model_repaints_changed_rows_without_a_reset(
    qtbot: QtBot, db: Database, listener: Listener
) -> None:
    book = RuleBook(db)
    rule = book.put(NUMBER, Action.BLOCK)
    model = RulesModel()
    model.set_rules(listed(listener))
    book.note_match(rule.id, "2024-04-01T01:02:03.000+00:00")
    with (
        qtbot.waitSignal(model.dataChanged, timeout=1000),
        qtbot.assertNotEmitted(model.modelReset),
    ):
        assert model.set_rules(listed(listener))
    assert not model.set_rules(listed(listener))


def test_add_through_the_dialog(qtbot: QtBot, view: RulesView, db: Database) -> None:
    assert view.hint.isVisible()
    assert not view.edit_button.isEnabled()
    dialog = open_dialog(qtbot, view, view.add_button)
    fill(qtbot, dialog, "0330001234", Action.BLOCK, "営業電話")
    with qtbot.waitSignals([view.rules_changed, view.message], timeout=5000):
        click(qtbot, dialog.save_button)

    assert closed(dialog)
    assert view.popups.dialog is None
    assert shown_rows(view) == [("03-3000-1234", "Block", "営業電話")]
    assert cell(view, 0, Column.LAST_MATCHED) == "never"
    assert [rule.number for rule in RuleBook(db).rules()] == [NUMBER]
    assert view.selected_rule() is not None
    assert not view.hint.isVisible()


def closed(dialog: QWidget) -> bool:
    """The dialog is closed (and perhaps deleted already: it deletes itself on close)."""
    return not isValid(dialog) or not dialog.isVisible()


def refused(qtbot: QtBot, dialog: RuleDialog) -> str:
    """Why the listener refused what the dialog saved (the dialog stays open)."""
    qtbot.waitUntil(lambda: dialog.error() != "", timeout=5000)
    assert dialog.isVisible()
    assert dialog.error_label.isVisible()
    assert dialog.save_button.isEnabled(), "the person can correct it and save again"
    return dialog.error()


def test_an_invalid_number_is_refused_with_its_reason(
    qtbot: QtBot, view: RulesView, db: Database
) -> None:
    dialog = open_dialog(qtbot, view, view.add_button)
    fill(qtbot, dialog, "unknown", Action.BLOCK, "")
    with qtbot.assertNotEmitted(view.rules_changed):
        click(qtbot, dialog.save_button)
        assert "no digits" in refused(qtbot, dialog)

    fill(qtbot, dialog, "12", Action.BLOCK, "")
    assert dialog.error() == ""  # typing again clears the old reason
    click(qtbot, dialog.save_button)
    assert "not a possible phone number" in refused(qtbot, dialog)

    assert RuleBook(db).rows() == []
    assert view.table.model().rowCount() == 0
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Cancel))
    assert closed(dialog)


def test_edit_the_note_and_switch_the_list(qtbot: QtBot, view: RulesView, db: Database) -> None:
    rule = added(qtbot, view, "03-3000-1234", Action.BLOCK, "営業電話")
    RuleBook(db).note_match(rule.id, "2024-04-01T01:02:03.000+00:00")
    view.refresh()
    qtbot.waitUntil(lambda: cell(view, 0, Column.TIMES_MATCHED) == "1", timeout=5000)
    assert view.select_rule(rule.id)
    assert view.edit_button.isEnabled()

    dialog = open_dialog(qtbot, view, view.edit_button)
    assert dialog.number_edit.text() == "03-3000-1234"
    assert dialog.block_button.isChecked()
    assert dialog.note_edit.text() == "営業電話"
    fill(qtbot, dialog, "03-3000-1234", Action.ALLOW, "取引先の鈴木さん")
    with qtbot.waitSignal(view.message, timeout=5000) as said:
        click(qtbot, dialog.save_button)

    assert closed(dialog)
    assert said.args == ["Always letting through 03-3000-1234"]
    assert shown_rows(view) == [("03-3000-1234", "Always let through", "取引先の鈴木さん")]
    stored = RuleBook(db).row(rule.id)
    assert stored is not None
    assert (stored["action"], stored["note"]) == ("allow", "取引先の鈴木さん")
    assert stored["times_matched"] == 1  # same number: its match count stays


def test_edit_refuses_a_number_another_rule_has(
    qtbot: QtBot, view: RulesView, db: Database
) -> None:
    added(qtbot, view, "03-3000-1234", Action.BLOCK)
    other = added(qtbot, view, "090-1234-5678", Action.ALLOW)
    stored = RuleBook(db).get(other.id)
    view.select_rule(other.id)
    dialog = open_dialog(qtbot, view, view.edit_button)
    fill(qtbot, dialog, "0330001234", Action.ALLOW, "")
    click(qtbot, dialog.save_button)
    assert "03-3000-1234 already has a rule" in refused(qtbot, dialog)
    assert RuleBook(db).get(other.id) == stored


def test_an_edit_of_a_rule_removed_meanwhile_says_so(
    qtbot: QtBot, view: RulesView, db: Database
) -> None:
    rule = added(qtbot, view, "03-3000-1234", Action.BLOCK)
    dialog = open_dialog(qtbot, view, view.edit_button)
    RuleBook(db).remove_id(rule.id)  # as `unlist` does, while the dialog is open
    type_into(qtbot, dialog.note_edit, "営業電話")
    click(qtbot, dialog.save_button)
    assert refused(qtbot, dialog) == "This rule was removed meanwhile; cancel and add it again."
    qtbot.waitUntil(lambda: view.table.model().rowCount() == 0, timeout=5000)
    assert RuleBook(db).rows() == []


def test_remove_asks_first(qtbot: QtBot, view: RulesView, db: Database) -> None:
    rule = added(qtbot, view, "03-3000-1234", Action.BLOCK)
    view.select_rule(rule.id)

    click(qtbot, view.remove_button)
    box = view.popups.confirmation
    assert box is not None
    qtbot.waitExposed(box)
    click(qtbot, box.button(QMessageBox.StandardButton.Cancel))
    assert view.popups.confirmation is None
    assert [row["id"] for row in RuleBook(db).rows()] == [rule.id]

    click(qtbot, view.remove_button)
    box = view.popups.confirmation
    assert box is not None
    remove = next(
        b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole
    )
    with qtbot.waitSignal(view.message, timeout=5000) as said:
        click(qtbot, remove)
    assert said.args == ["Removed the rule for 03-3000-1234"]
    assert RuleBook(db).rows() == []
    assert view.table.model().rowCount() == 0
    assert not view.remove_button.isEnabled()


def test_keyboard_and_double_click(qtbot: QtBot, view: RulesView) -> None:
    rule = added(qtbot, view, "03-3000-1234", Action.BLOCK)
    view.activateWindow()
    qtbot.waitActive(view)
    view.table.setFocus()
    QTest.keyClick(view.table, Qt.Key.Key_Delete)
    box = view.popups.confirmation
    assert box is not None  # Delete asks too, never removes straight away
    box.reject()
    assert view.popups.confirmation is None

    model = view.table.model()
    spot = view.table.visualRect(model.index(0, Column.NOTE)).center()
    QTest.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    QTest.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    dialog = view.popups.dialog
    assert dialog is not None
    assert dialog.windowModality() == Qt.WindowModality.WindowModal  # open(), not exec()
    assert dialog.number_edit.text() == "03-3000-1234"
    dialog.reject()
    assert view.selected_rule() == rule


def test_add_rule_from_code_as_the_window_does(
    qtbot: QtBot, view: RulesView, db: Database
) -> None:
    with (
        qtbot.waitSignal(view.rules_changed, timeout=5000),
        qtbot.waitSignal(view.message, timeout=5000) as said,
    ):
        view.add_rule("+81330001234", Action.BLOCK)
    rule = view.selected_rule()
    assert rule is not None
    assert (rule.target, rule.action) == (NUMBER, Action.BLOCK)
    assert said.args == ["Blocked 03-3000-1234"]
    assert shown_rows(view) == [("03-3000-1234", "Block", "")]

    # The same caller let through from another row: one rule, moved, its note kept.
    RuleBook(db).put(NUMBER, Action.BLOCK, "営業電話")
    qtbot.waitUntil(lambda: cell(view, 0, Column.NOTE) == "営業電話", timeout=5000)
    moved = added(qtbot, view, "03-3000-1234", Action.ALLOW)
    assert moved.id == rule.id
    assert shown_rows(view) == [("03-3000-1234", "Always let through", "営業電話")]

    with (
        qtbot.assertNotEmitted(view.rules_changed),
        qtbot.waitSignal(view.message, timeout=5000) as said,
    ):
        view.add_rule("", Action.BLOCK)
    assert said.args == ["'' is not a phone number: it has no digits"]  # the command line's words
    assert shown_rows(view) == [("03-3000-1234", "Always let through", "営業電話")]


def test_rules_from_another_connection_appear_at_once(
    qtbot: QtBot, view: RulesView, db_path: Path
) -> None:
    other = open_database(db_path)  # as `python main.py block ...` does
    try:
        RuleBook(other).put("+819012345678", Action.BLOCK, "CLI")
        assert view.table.model().rowCount() == 0
        qtbot.waitUntil(lambda: shown_rows(view) == [("090-1234-5678", "Block", "CLI")],
                        timeout=3000)
        RuleBook(other).remove("+819012345678")
        qtbot.waitUntil(lambda: view.table.model().rowCount() == 0, timeout=3000)
    finally:
        other.close()


def test_refresh_keeps_the_selection(qtbot: QtBot, view: RulesView, db_path: Path) -> None:
    kept = added(qtbot, view, "03-3000-1234", Action.BLOCK)
    view.select_rule(kept.id)
    other = open_database(db_path)
    try:
        RuleBook(other).put("+81120000000", Action.ALLOW)
        RuleBook(other).note_match(kept.id, "2024-04-01T01:02:03.000+00:00")
    finally:
        other.close()
    qtbot.waitUntil(lambda: view.table.model().rowCount() == 2, timeout=3000)
    selected = view.selected_rule()
    assert selected is not None and selected.id == kept.id


def test_the_listener_applies_a_rule_at_the_next_call(
    qtbot: QtBot, view: RulesView, listener: Listener, db_path: Path
) -> None:
    url = webhook_url(listener, db_path)
    body = sample("seed_incoming_call.json")
    body["callId"] = uuid.uuid4().hex
    assert post(url, body).status == 200  # no rule yet: the mode lets it through

    rule = added(qtbot, view, body["phoneNumber"], Action.BLOCK, "営業電話")
    body["callId"] = uuid.uuid4().hex
    answer = post(url, body)
    assert answer.status == 403
    assert answer.body == {"decision": "reject", "reason": "rule"}

    def matches() -> Any:
        row = view.model.row_of(rule.id)
        return row is not None and view.model.data(
            view.model.index(row, Column.TIMES_MATCHED)) == QLocale().toString(1)

    qtbot.waitUntil(matches, timeout=3000)  # the listener counted the match: the list shows it
    row = view.model.row_of(rule.id)
    assert row is not None
    assert view.model.data(view.model.index(row, Column.LAST_MATCHED)) != "never"


# --- While another program holds the database's lock --------------------------------------------


@pytest.fixture
def locked(db_path: Path, listener: Listener) -> Iterator[sqlite3.Connection]:
    """Another program holding the write lock (`rollback()` lets it go)."""
    other = sqlite3.connect(db_path, timeout=1)
    other.execute("BEGIN IMMEDIATE")
    yield other
    other.rollback()
    other.close()


def test_a_save_that_waits_for_the_lock_says_saving_then_closes_saved(
    qtbot: QtBot, view: RulesView, db: Database, locked: sqlite3.Connection
) -> None:
    dialog = open_dialog(qtbot, view, view.add_button)
    fill(qtbot, dialog, "0330001234", Action.BLOCK, "営業電話")
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(dialog.saving_label.isVisible, timeout=3000)
    assert dialog.saving_label.text() == "Saving… (the database is busy)"
    assert not dialog.save_button.isEnabled(), "saved once, not twice"
    locked.rollback()
    with qtbot.waitSignal(view.rules_changed, timeout=10_000):
        pass
    assert closed(dialog)
    assert shown_rows(view) == [("03-3000-1234", "Block", "営業電話")]


def test_a_save_the_lock_outlasts_is_not_saved_and_says_why(
    qtbot: QtBot, view: RulesView, db: Database, locked: sqlite3.Connection
) -> None:
    dialog = open_dialog(qtbot, view, view.add_button)
    fill(qtbot, dialog, "0330001234", Action.BLOCK, "")
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: dialog.error() != "", timeout=15_000)
    assert "is locked by another program" in dialog.error()
    assert "nothing was changed" in dialog.error()
    assert not dialog.saving_label.isVisible()
    assert dialog.save_button.isEnabled(), "the person can save again once it is free"
    locked.rollback()
    with qtbot.waitSignal(view.rules_changed, timeout=10_000):
        click(qtbot, dialog.save_button)
    assert closed(dialog)


def test_a_rule_from_a_card_while_the_lock_is_held_says_saving_then_what_was_listed(
    qtbot: QtBot, view: RulesView, locked: sqlite3.Connection
) -> None:
    said: list[str] = []
    view.message.connect(said.append)
    view.add_rule(NUMBER, Action.BLOCK, caller="鈴木 一郎")
    qtbot.waitUntil(lambda: bool(said), timeout=3000)
    assert said == ["Saving the rule for 03-3000-1234… (the database is busy)"]
    locked.rollback()
    qtbot.waitUntil(lambda: len(said) == 2, timeout=10_000)
    assert said[1] == "Blocked 03-3000-1234"
    assert shown_rows(view) == [("03-3000-1234", "Block", "鈴木 一郎")]


def test_add_for_a_target_that_has_a_rule_says_so(qtbot: QtBot, view: RulesView) -> None:
    added(qtbot, view, "03-3000-1234", Action.BLOCK, "営業電話")
    dialog = open_dialog(qtbot, view, view.add_button)
    fill(qtbot, dialog, "0330001234", Action.ALLOW, "")
    click(qtbot, dialog.save_button)
    assert refused(qtbot, dialog) == (
        "03-3000-1234 already has a rule (Block): edit that one instead.")
    assert shown_rows(view) == [("03-3000-1234", "Block", "営業電話")]


def test_the_rule_dialog_keeps_its_width_whatever_expiry_is_chosen(
    qtbot: QtBot, view: RulesView
) -> None:
    """It grew and shrank as the expiry changed (509, 551, 599 pixels), and kept a greyed-out
    duration box for a rule that never expires."""
    dialog = open_dialog(qtbot, view, view.add_button)
    widths = []
    for index in range(dialog.expiry_combo.count()):
        dialog.expiry_combo.setCurrentIndex(index)
        qtbot.wait(20)  # the layout's turn
        widths.append(dialog.width())
        never = index == dialog.expiry_combo.findData(ExpiryChoice.NEVER)
        assert dialog.expiry_edit.isVisible() == (
            index == dialog.expiry_combo.findData(ExpiryChoice.FOR)), index
        assert not (never and (dialog.expiry_edit.isVisible() or dialog.until_edit.isVisible()))
    assert len(set(widths)) == 1, widths
    dialog.reject()
