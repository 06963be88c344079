"""The whole console in Japanese (issue 12's proof): with the compiled catalogue and Qt's own
Japanese installed, every window and dialog is opened as a person opens it, on the real
listener, and no widget shows a text that is still English (tests/untranslated.py says what
counts as English)."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest
from conftest import (
    Console,
    click_mode,
    opened_settings,
    post,
    room_for_text,
    sample,
    start_console,
    url_of,
)
from processes import free_port
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QApplication, QLabel, QSystemTrayIcon, QWidget
from pytestqt.qtbot import QtBot
from test_storage_faults import LockHolder
from tunnel_fakes import FakeNgrokAgent, ReverseProxy
from untranslated import Reader

from application import Office
from gui import present
from gui.history.columns import Column
from gui.tray import ConsoleTray
from screening.messages import Message
from screening.mode import Mode
from screening.settings import Key
from server.protocol.link import LinkState
from server.protocol.messages import ReachabilityChanged, ReachState

TIMEOUT = 15_000

# The offscreen platform has no tray to connect to; that is the test platform, not callgate.
pytestmark = [pytest.mark.qt_log_ignore("systemTrayWindowChanged"),
              pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints")]


@pytest.fixture
def pool() -> Iterator[ThreadPoolExecutor]:
    with ThreadPoolExecutor(max_workers=4) as executor:
        yield executor


@pytest.fixture
def console(qtbot: QtBot, db_path: Path, japanese: None,
            monkeypatch: pytest.MonkeyPatch) -> Iterator[Console]:
    """The real console in Japanese, with a system tray (faked: offscreen has none)."""
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    running = start_console(qtbot, db_path)
    yield running
    running.window.quit_now()
    running.close()


@pytest.fixture
def reader(console: Console, monkeypatch: pytest.MonkeyPatch) -> Iterator[Reader]:
    """Reads what the console shows; its tray's notifications too. Fails the test with every
    text still English, once the test has shown them all."""
    found = Reader()
    office = Office(console.db_path)
    found.ignore(office.webhook.token(), str(console.db_path), str(console.db_path.parent))
    tray = console.window.tray
    assert isinstance(tray, ConsoleTray)

    def notified(title: str, text: str, *rest: object) -> None:
        found.read_text(title, "notification")
        found.read_text(text, "notification")

    monkeypatch.setattr(tray, "showMessage", notified)
    yield found
    assert found.read_count > 0
    assert not found.found, "still English:\n" + found.report()
    assert not found.clashes, "one Alt key for two controls:\n" + "\n".join(
        f"{where}: {clash}" for clash, where in found.clashes.items())


def windows() -> list[QWidget]:
    return [widget for widget in QApplication.topLevelWidgets() if widget.isVisible()]


def read_all(reader: Reader, where: str) -> None:
    """Every window shown now, whole."""
    for window in windows():
        reader.read(window, where)


def call(call_id: str, number: str = "0330001234") -> dict[str, object]:
    return sample("seed_incoming_call.json") | {"callId": call_id, "phoneNumber": number}


def ignore_sample(reader: Reader) -> None:
    """The sample call's ids are data as commubo sent them."""
    body = sample("seed_incoming_call.json")
    reader.ignore(body["scenario"]["scenarioId"], body["customer"]["customerId"],
                  body["operator"]["deptShortName"])


def test_the_main_window_its_tabs_modes_calls_and_lists_speak_japanese(
    qtbot: QtBot, console: Console, reader: Reader, pool: ThreadPoolExecutor
) -> None:
    window = console.window
    ignore_sample(reader)
    office = Office(console.db_path)
    office.settings.save({"ask-timeout": "60"})
    read_all(reader, "the window")
    tray = window.tray
    assert tray is not None
    menu = tray.contextMenu()
    assert menu is not None
    reader.read(menu, "the tray menu")

    for mode in Mode:
        click_mode(qtbot, console, mode)
        assert window.banner.isVisible() is (mode is Mode.REJECT_ALL)
        read_all(reader, f"mode {mode}")

    click_mode(qtbot, console, Mode.ASK)
    waiting: Future[object] = pool.submit(post, url_of(console), call("waits"))
    qtbot.waitUntil(window.live.card.countdown.isVisible, timeout=TIMEOUT)
    qtbot.waitUntil(window.waiting.isVisible, timeout=TIMEOUT)
    read_all(reader, "a call waiting")
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        read_all(reader, f"tab {index} while a call waits")
    window.waiting.reject_button.click()
    qtbot.waitUntil(waiting.done, timeout=TIMEOUT)

    click_mode(qtbot, console, Mode.ACCEPT_ALL)
    for number, call_id in (("0120123456", "free"), ("", "withheld"), ("公衆電話", "payphone")):
        body = call(call_id, number)
        if call_id != "free":
            body.pop("customer")
        assert post(url_of(console), body).status == 200
    assert post(url_of(console), "this is not json").status == 200  # the fail-safe
    window.tabs.setCurrentIndex(0)
    qtbot.waitUntil(lambda: window.live.model.rowCount() == 5, timeout=TIMEOUT)
    for row in range(window.live.model.rowCount()):
        window.live.select(window.live.model.entry(row).call.call_id)
        read_all(reader, f"live call {row}")

    window.live.card.block_button.click()  # a rule made from a call
    qtbot.waitUntil(lambda: window.rules.model.rowCount() == 1, timeout=TIMEOUT)
    window.tabs.setCurrentIndex(1)
    window.rules.select_rule(window.rules.model.rule_at(0).id)
    read_all(reader, "the rules tab")
    dialog = window.rules.open_edit_dialog()
    assert dialog is not None
    read_all(reader, "the rule dialog")
    dialog.name_box.setChecked(True)
    dialog.expiry_combo.setCurrentIndex(2)
    read_all(reader, "the rule dialog for a name, until a time")
    dialog.name_box.setChecked(False)
    dialog.number_edit.setText("03-3000-1234 (田中)")
    dialog.accept()
    qtbot.waitUntil(lambda: bool(dialog.error()), timeout=TIMEOUT)
    read_all(reader, "the rule dialog's refusal")
    dialog.reject()
    box = window.rules.confirm_remove()
    assert box is not None
    read_all(reader, "the remove confirmation")
    box.reject()

    window.tabs.setCurrentIndex(2)
    history = window.history
    qtbot.waitUntil(lambda: history.model.rowCount() == 5, timeout=TIMEOUT)
    for row in range(history.model.rowCount()):
        reader.ignore(history.model.call_at(row).call_id)  # as sent, or made for the fail-safe
        history.select_row(row)
        qtbot.wait(50)
        read_all(reader, f"history row {row}")
    history.from_check.setChecked(True)
    read_all(reader, "the history filtered by date")


def test_the_menus_dialogs_and_boxes_speak_japanese(
    qtbot: QtBot, console: Console, reader: Reader, tmp_path: Path
) -> None:
    window = console.window
    reader.read(window.menuBar(), "the menu bar")  # its menus and their actions

    window.dialogs.open_settings()
    qtbot.waitUntil(lambda: window.dialogs.settings is not None
                    and bool(window.dialogs.settings.url.text()), timeout=TIMEOUT)
    settings = window.dialogs.settings
    assert settings is not None
    read_all(reader, "the settings")
    settings.confirm_rotation()
    read_all(reader, "rotate the token?")
    settings.rotation_box.reject()
    settings.rotate_token()
    qtbot.waitUntil(lambda: bool(settings.tokens.text()), timeout=TIMEOUT)
    office = Office(console.db_path)
    state = office.webhook.state()
    reader.ignore(state.token, state.previous or "")
    read_all(reader, "the settings after a rotation")
    settings.host.setText("not a host")
    reader.ignore("not a host")  # quoted back in the refusal
    settings.save()
    qtbot.waitUntil(lambda: bool(settings.error.text()), timeout=TIMEOUT)
    read_all(reader, "the settings' refusal")
    settings.reject()

    schedule = window.dialogs.open_schedule()
    read_all(reader, "the schedule")
    schedule.days[0].setText("9:00-25:00")
    schedule.save()
    read_all(reader, "the schedule's refusal")
    schedule.days[0].setText("9:00-18:00")
    schedule.closed_days.setPlainText("2025-13-01")
    schedule.save()
    qtbot.waitUntil(lambda: bool(schedule.error_text()), timeout=TIMEOUT)
    read_all(reader, "the schedule's refusal from callgate")
    schedule.reject()

    explain = window.dialogs.open_explain()
    read_all(reader, "test a number")
    for number, customer in (("03-3000-1234", True), ("", False), ("0120-123-456", False)):
        explain.number_edit.setText(number)
        explain.customer_box.setChecked(customer)
        explain.company_edit.setText("エーアイ化粧品" if customer else "")
        explain.run()
        qtbot.waitUntil(lambda: bool(explain.decision()), timeout=TIMEOUT)
        read_all(reader, f"test {number or 'withheld'}")
    explain.at_edit.setText("tomorrow")
    reader.ignore("tomorrow")
    explain.run()
    read_all(reader, "test a number at a time that is no time")
    explain.reject()

    history = window.history
    history.exporter._folder = str(tmp_path)
    history.exporter.ask()
    qtbot.waitUntil(lambda: history.export_dialog is not None, timeout=TIMEOUT)
    read_all(reader, "the export dialog")
    dialog = history.export_dialog
    assert dialog is not None
    dialog.reject()
    history.export_to(str(tmp_path / "calls.xlsx"))
    qtbot.waitUntil(lambda: not history.export.busy, timeout=TIMEOUT)
    read_all(reader, "after an export")

    window.changes.not_saved(present.words(Message(
        "storage.locked", (str(console.db_path), 5.0))))
    read_all(reader, "the Not saved box")
    window.confirm_quit()
    read_all(reader, "the quit confirmation")
    window.quit_box.reject()
    window.close()  # into the tray, saying so once
    window.bring_to_front()


def test_every_page_of_the_setup_speaks_japanese(
    qtbot: QtBot, console: Console, reader: Reader, agent: FakeNgrokAgent,
    proxy: ReverseProxy,
) -> None:
    port = console.listener.port
    proxy.target_port = port
    agent.forward(proxy.base, port)
    reader.ignore(str(port), proxy.base, f"127.0.0.1:{agent.port}")
    window = console.window
    window.dialogs.open_setup()
    wizard = window.dialogs.setup
    assert wizard is not None
    qtbot.waitUntil(wizard.isVisible, timeout=TIMEOUT)
    read_all(reader, "setup: the port")
    wizard.next()
    qtbot.waitUntil(lambda: bool(wizard.local_page.url.text()), timeout=TIMEOUT)
    read_all(reader, "setup: the local URL")
    wizard.next()
    for kind in wizard.exposure_page.buttons:
        wizard.exposure_page.choose(kind)
        read_all(reader, f"setup: reaching this computer by {kind}")

    wizard.exposure_page.choose("ngrok")
    wizard.exposure_page.ngrok_api.setText(f"127.0.0.1:{free_port()}")  # nothing listens
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.public_page, timeout=TIMEOUT)
    read_all(reader, "setup: the public URL")
    wizard.public_page.detect_button.click()
    qtbot.waitUntil(wizard.public_page.detect_button.isEnabled, timeout=TIMEOUT)
    read_all(reader, "setup: no ngrok found")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.test_page, timeout=TIMEOUT)
    read_all(reader, "setup: the self-test")
    wizard.test_page.run_button.click()
    qtbot.waitUntil(wizard.test_page.run_button.isEnabled, timeout=TIMEOUT)
    read_all(reader, "setup: the self-test failed")
    wizard.next()
    read_all(reader, "setup: tell commubo, without a public URL")

    wizard.back()
    wizard.back()
    wizard.back()
    wizard.exposure_page.ngrok_api.setText(f"127.0.0.1:{agent.port}")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.public_page, timeout=TIMEOUT)
    wizard.public_page.detect_button.click()
    qtbot.waitUntil(lambda: wizard.public_page.url.text() == proxy.base, timeout=TIMEOUT)
    read_all(reader, "setup: ngrok found")
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.test_page, timeout=TIMEOUT)
    wizard.test_page.run_button.click()
    qtbot.waitUntil(lambda: wizard.last_test is not None and wizard.last_test.ok,
                    timeout=TIMEOUT)
    read_all(reader, "setup: the self-test passed")
    wizard.next()
    read_all(reader, "setup: tell commubo")
    wizard.reject()


def test_the_banners_and_notifications_speak_japanese(
    qtbot: QtBot, console: Console, reader: Reader, db_path: Path, pool: ThreadPoolExecutor,
    qapp: QApplication,
) -> None:
    window = console.window
    ignore_sample(reader)
    read_all(reader, "reachability unknown")

    Office(db_path).settings.save({Key.TUNNEL: "ngrok", Key.NGROK_API: f"127.0.0.1:{free_port()}"})
    window.hide()  # away in the tray: losing reachability raises a notification
    checked(qtbot, console)
    window.bring_to_front()
    assert window.unreachable.isVisible()
    read_all(reader, "not reachable")

    window.session.reachability_changed.emit(ReachabilityChanged(  # as after a tunnel restarted
        reach=ReachState(state="reachable", summary=Message.text(""),
                         public_base="https://new.example"),
        moved_from="https://old.example"))
    read_all(reader, "the public URL changed")

    holder = LockHolder(db_path)
    try:
        answered = pool.submit(post, url_of(console), call("while-locked"))
        qtbot.waitUntil(window.storage_problem.isVisible, timeout=TIMEOUT)
        reader.ignore("database is locked")  # SQLite's own words for its error, quoted
        read_all(reader, "the history not saved")
        qtbot.waitUntil(answered.done, timeout=TIMEOUT)
    finally:
        holder.release()
    qtbot.waitUntil(lambda: not window.storage_problem.isVisible(), timeout=TIMEOUT)
    read_all(reader, "the history saved again")

    window.session.link_state.emit(LinkState.LOST)  # as a link reports it
    read_all(reader, "the link lost")


def test_the_historys_times_numbers_decisions_and_reasons_are_whole_in_japanese(
    qtbot: QtBot, console: Console
) -> None:
    """Their columns are sized for the longest text each can show: none is cut to "拒否…"."""
    window = console.window
    window.show()
    qtbot.waitExposed(window)
    for mode, call_id in ((Mode.REJECT_ALL, "rejected"), (Mode.ACCEPT_ALL, "through")):
        click_mode(qtbot, console, mode)
        post(url_of(console), call(call_id))
    assert post(url_of(console), "this is not json").status == 200  # the fail-safe
    window.tabs.setCurrentWidget(window.history)
    table = window.history.table
    qtbot.waitUntil(lambda: table.model().rowCount() == 3, timeout=TIMEOUT)
    metrics = QFontMetricsF(table.font())
    cut = [text for column in (Column.RECEIVED, Column.NUMBER, Column.DECISION, Column.REASON,
                               Column.LATENCY)
           for row in range(table.model().rowCount())
           if metrics.horizontalAdvance(text := table.model().index(row, column).data())
           > room_for_text(table, column)]
    assert not cut, f"cut off: {cut}"
    # At the size the console first opens, a customer's name of family and given name is
    # whole too (the names take what the other columns and the detail pane leave).
    assert window.size().width() == 1100
    assert metrics.horizontalAdvance("鈴木 一郎") <= room_for_text(table, Column.CUSTOMER), \
        table.columnWidth(Column.CUSTOMER)


def test_the_settings_give_every_wrapped_line_its_room(qtbot: QtBot, console: Console) -> None:
    """The settings are taller than two thirds of the screen, where Qt opens a window at its
    least height: a wrapped note (where callgate listens) must not lose its last line."""
    dialog = opened_settings(qtbot, console.window)
    assert dialog.listening.isVisible()  # the console listens on another port than the setting
    cut = [label.text() for label in dialog.findChildren(QLabel)
           if label.isVisible() and label.wordWrap() and label.text()
           and label.height() < label.heightForWidth(label.width())]
    assert not cut, f"cut off: {cut}"
    dialog.reject()


def test_a_console_whose_port_is_taken_says_so_in_japanese(
    qtbot: QtBot, db_path: Path, japanese: None
) -> None:
    reader = Reader()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        console = start_console(qtbot, db_path, taken.getsockname()[1])
        try:
            assert console.window.problem.isVisible()
            read_all(reader, "not receiving calls")
        finally:
            console.window.quit_now()
            console.close()
    assert not reader.found, "still English:\n" + reader.report()


def checked(qtbot: QtBot, console: Console) -> None:
    """A reachability check asked now, once the console heard what it found."""
    monitor = console.listener.reachability
    assert monitor is not None
    started = monitor.started
    console.window.health.check_now()
    qtbot.waitUntil(lambda: monitor.completed > started, timeout=TIMEOUT)
    found = monitor.last
    assert found is not None
    qtbot.waitUntil(lambda: console.window.reachability.state == found.state, timeout=TIMEOUT)

