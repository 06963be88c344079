"""Real consoles (the window, its session, a NetworkLink each) attached over TLS on loopback to a
real `python main.py serve`, as on the desks of an office: what each person sees when two desks
decide together, when the service goes and comes back, when a desk is refused, removed, away,
or only an operator; and a console started as a process remembering its service."""

from __future__ import annotations

import contextlib
import functools
import os
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from conftest import history_tab, post
from desk_fakes import TcpRelay
from desk_service import Service, call, post_in_thread, running_service
from pytestqt.qtbot import QtBot
from test_cli import ROOT, wait_for

from gui.app import open_window
from gui.history.columns import Column
from gui.window import ConsoleWindow
from screening.desk import Connection
from screening.mode import Mode
from screening.rules import Action
from server.protocol import messages as protocol
from server.protocol import network
from server.protocol.link import LinkState
from server.protocol.network import NetworkLink

TIMEOUT_MS = 10_000


@pytest.fixture
def service(tmp_path: Path) -> Iterator[Service]:
    yield from running_service(tmp_path)


@dataclass
class Closer:
    window: ConsoleWindow

    def close(self) -> None:
        self.window.stop()
        self.window.quit_now()


def desk_console(qtbot: QtBot, service: Service, connection: Connection,
                 tmp_path: Path, *, attach: bool = True) -> ConsoleWindow:
    """The console `python main.py --connect CONNECTION` opens (its preferences its own)."""
    window = open_window(NetworkLink(connection, longest_retry=1.0),
                         tmp_path / f"desk-{connection.desk}-{len(service.desks)}")
    qtbot.addWidget(window)
    service.desks.append(Closer(window))
    if attach:
        qtbot.waitUntil(lambda: window.session.state is LinkState.ATTACHED, timeout=TIMEOUT_MS)
    return window


def states_seen(window: ConsoleWindow) -> list[tuple[LinkState, bool, bool]]:
    """Each link state as the window showed it just after: (state, the lost banner shown,
    the card's Let through enabled)."""
    seen: list[tuple[LinkState, bool, bool]] = []
    window.session.link_state.connect(lambda state: seen.append(
        (state, window.health.lost.isVisible(), window.live.card.accept_button.isEnabled())))
    return seen


def away_now(qtbot: QtBot, window: ConsoleWindow, away: bool) -> None:
    """Once the service says this desk is away (or present)."""
    def said() -> bool:
        desk = window.session.desk
        return desk is not None and desk.away is away

    qtbot.waitUntil(said, timeout=TIMEOUT_MS)


def post_unanswered(url: str, call_id: str) -> None:
    """A call the service will not answer (it is killed meanwhile)."""
    with contextlib.suppress(OSError):
        post(url, call(call_id))


def waiting_on(qtbot: QtBot, window: ConsoleWindow, call_id: str) -> None:
    card = window.live.card
    qtbot.waitUntil(lambda: card.call_id == call_id and card.accept_button.isEnabled(),
                    timeout=TIMEOUT_MS)


def test_two_consoles_the_first_decision_wins_and_the_other_card_says_who_decided(
        qtbot: QtBot, service: Service, tmp_path: Path) -> None:
    reception, manager = service.add("reception"), service.add("manager", "admin")
    service.cli.ok("mode", "ask")
    service.cli.ok("config", "ask-timeout", "30")
    service.start()
    first = desk_console(qtbot, service, reception, tmp_path)
    second = desk_console(qtbot, service, manager, tmp_path)
    assert second.desk.label.text() == "Desk manager (admin)"
    assert f"the callgate service at 127.0.0.1:{service.desk_port}" in \
        second.desk.label.toolTip()
    assert wait_for(lambda: service.health()["desks"] == 2, 5)

    answers = post_in_thread(service.url, "together-1")
    for window in (first, second):
        waiting_on(qtbot, window, "together-1")
    first.live.card.reject_button.click()

    said = "Rejected by a person at reception"
    qtbot.waitUntil(lambda: second.live.card.status.text() == said, timeout=TIMEOUT_MS)
    assert not second.live.card.accept_button.isVisible()
    row = second.live.model.index(0, 0).data()
    assert "Rejected (by a person at reception)" in row
    qtbot.waitUntil(lambda: first.live.card.status.text() == said, timeout=TIMEOUT_MS)
    qtbot.waitUntil(lambda: bool(answers), timeout=TIMEOUT_MS)
    assert answers[0].status == 403
    (stored,) = service.cli.history()
    assert (stored["reason"], stored["decided_by"]) == ("person", "reception")
    history = history_tab(second).model  # over the desk link too
    qtbot.waitUntil(lambda: history.rowCount() == 1, timeout=TIMEOUT_MS)
    assert history.index(0, Column.REASON).data() == "by a person at reception"


def test_a_console_that_loses_its_service_says_so_and_is_current_again_after_a_restart(
        qtbot: QtBot, service: Service, tmp_path: Path) -> None:
    reception = service.add("reception")
    service.cli.ok("mode", "ask")
    service.cli.ok("config", "ask-timeout", "60")
    service.start()
    window = desk_console(qtbot, service, reception, tmp_path)
    threading.Thread(target=post_unanswered, args=(service.url, "cut-short"), daemon=True).start()
    waiting_on(qtbot, window, "cut-short")
    assert not window.health.lost.isVisible()
    window.desk.away_button.click()  # the person leaves (the call already waits)
    away_now(qtbot, window, True)

    service.kill()  # the service's machine restarts
    lost = window.health.lost
    qtbot.waitUntil(lost.isVisible, timeout=TIMEOUT_MS)
    said, why = lost.text().split("\n")
    assert said.startswith("This desk lost its connection to the callgate service: it shows "
                           "no new calls and cannot decide any until it is back. The service, "
                           "if it runs, still answers every call")
    assert said.endswith("This desk connects again by itself.")
    assert why in (f"No connection to the service at 127.0.0.1:{service.desk_port} "
                   "(Connection refused); trying again.",
                   f"The service at 127.0.0.1:{service.desk_port} closed the connection; "
                   "trying again.")
    assert window.listener_status.text() == "Not connected"
    card = window.live.card
    assert not card.accept_button.isEnabled() and not window.waiting.accept_button.isEnabled()
    assert "this desk cannot decide until it is connected" in card.status.text()
    assert not window.desk.away_button.isEnabled()

    service.cli.ok("mode", "reject-all")  # changed while this desk could not hear it
    service.start()
    qtbot.waitUntil(lambda: window.session.state is LinkState.ATTACHED, timeout=30_000)
    assert not lost.isVisible()
    assert window.mode_bar.buttons[Mode.REJECT_ALL].isChecked()
    # The call that waited when the service went was never answered: it shows as such.
    qtbot.waitUntil(lambda: "callgate stopped before answering" in card.status.text(),
                    timeout=TIMEOUT_MS)
    assert not card.accept_button.isVisible() and window.live.waiting_count() == 0
    assert window.desk.away_button.isEnabled()
    away_now(qtbot, window, True)  # said again: the new service knew nothing of it
    service.cli.ok("mode", "ask")
    left = post(service.url, call("while-away"))
    assert (left.status, left.body["reason"]) == (200, "timeout")
    assert service.cli.history()[0]["detail_code"] == "detail.timeout.away"


def test_a_console_cut_off_while_a_call_waits_is_current_again_with_its_time_left(
        qtbot: QtBot, service: Service, tmp_path: Path) -> None:
    reception = service.add("reception")
    service.cli.ok("mode", "ask")
    service.cli.ok("config", "ask-timeout", "60")
    service.start()
    relay = TcpRelay(service.desk_port)
    relay.start()
    try:
        window = desk_console(qtbot, service, replace(reception, port=relay.port), tmp_path)
        seen = states_seen(window)
        answers = post_in_thread(service.url, "waits-through")
        waiting_on(qtbot, window, "waits-through")
        (entry,) = window.live.waiting_calls()
        before = entry.deadline

        relay.cut()  # the laptop sleeps, and wakes: the link attaches again by itself
        qtbot.waitUntil(lambda: bool(seen) and seen[-1][0] is LinkState.ATTACHED,
                        timeout=30_000)
        assert (LinkState.LOST, True, False) in seen  # said at once, and no deciding meanwhile
        waiting_on(qtbot, window, "waits-through")
        (again,) = window.live.waiting_calls()
        assert again.deadline is not None and before is not None
        assert abs(again.deadline - before) < 2.0  # the same deadline, the time left less
        assert 0 < again.seconds_left(time.monotonic()) < 60
        window.live.card.reject_button.click()
        qtbot.waitUntil(lambda: bool(answers), timeout=TIMEOUT_MS)
        assert answers[0].status == 403
    finally:
        relay.stop()


def refused_banner(qtbot: QtBot, window: ConsoleWindow) -> str:
    qtbot.waitUntil(window.health.refused.isVisible, timeout=TIMEOUT_MS)
    assert window.session.state is LinkState.REFUSED
    assert window.listener_status.text() == "Not connected"
    return window.health.refused.text()


def test_a_wrong_secret_is_refused_with_a_clear_word_and_counted(
        qtbot: QtBot, service: Service, tmp_path: Path) -> None:
    reception = service.add("reception")
    service.start()
    window = desk_console(qtbot, service, replace(reception, secret="A" * 43), tmp_path,
                          attach=False)
    text = refused_banner(qtbot, window)
    said, then = text.split("\n")
    assert said.startswith("The service refused the desk reception: its secret is wrong")
    assert said.endswith("Ask for a new connection string (python main.py desk add).")
    assert then == ("This desk does not try again to attach to the callgate service at "
                    f"127.0.0.1:{service.desk_port}.")
    assert service.health()["desks_refused"] == {"secret": 1}


def test_a_wrong_fingerprint_is_refused_with_a_clear_word_and_counted(
        qtbot: QtBot, service: Service, tmp_path: Path) -> None:
    reception = service.add("reception")
    service.start()
    window = desk_console(qtbot, service, replace(reception, fingerprint=bytes(32)), tmp_path,
                          attach=False)
    text = refused_banner(qtbot, window)
    assert f"The service at 127.0.0.1:{service.desk_port} is not the one this connection " \
           "string names" in text
    assert "Nothing was sent to it." in text
    assert wait_for(lambda: service.health()["desks_refused"] == {"fingerprint": 1}, 5)


@pytest.mark.parametrize(("version", "update"), [
    (protocol.PROTOCOL_VERSION + 1, "update callgate on the service."),
    (protocol.PROTOCOL_VERSION - 1, "update callgate on this computer."),
])
def test_a_console_of_another_protocol_version_says_which_side_to_update(
        qtbot: QtBot, service: Service, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        version: int, update: str) -> None:
    reception = service.add("reception")
    service.start()
    monkeypatch.setattr(network, "Hello", functools.partial(protocol.Hello, version=version))
    window = desk_console(qtbot, service, reception, tmp_path, attach=False)
    assert refused_banner(qtbot, window).split("\n")[0].endswith(update)
    assert service.health()["desks_refused"] == {"version": 1}


def test_a_removed_desk_is_told_at_once_and_decides_nothing_more(
        qtbot: QtBot, service: Service, tmp_path: Path) -> None:
    reception, manager = service.add("reception"), service.add("manager")
    service.cli.ok("mode", "ask")
    service.cli.ok("config", "ask-timeout", "60")
    service.start()
    gone = desk_console(qtbot, service, reception, tmp_path)
    staying = desk_console(qtbot, service, manager, tmp_path)
    answers = post_in_thread(service.url, "while-removed")
    for window in (gone, staying):
        waiting_on(qtbot, window, "while-removed")

    service.cli.ok("desk", "remove", "reception")
    assert refused_banner(qtbot, gone).startswith(
        "The desk reception was removed from the service: this console is no longer attached.")
    assert not gone.health.lost.isVisible()
    card = gone.live.card
    assert card.status.text().startswith("This desk did not follow this call to its end")
    assert gone.live.waiting_count() == 0 and not card.accept_button.isVisible()
    assert staying.session.state is LinkState.ATTACHED
    assert not staying.health.refused.isVisible() and not staying.health.lost.isVisible()
    staying.live.card.accept_button.click()  # the other desk still decides it
    qtbot.waitUntil(lambda: bool(answers), timeout=TIMEOUT_MS)
    assert answers[0].status == 200


def test_away_desks_and_no_desk_present_mean_the_default_at_once(
        qtbot: QtBot, service: Service, tmp_path: Path) -> None:
    reception, manager = service.add("reception"), service.add("manager")
    service.cli.ok("mode", "ask")
    service.cli.ok("config", "ask-timeout", "60")  # past post()'s own 30 s
    service.start()
    nobody = post(service.url, call("nobody-attached"))  # desks registered, none attached
    assert (nobody.status, nobody.body["reason"]) == (200, "timeout")

    desks = [desk_console(qtbot, service, reception, tmp_path),
             desk_console(qtbot, service, manager, tmp_path)]
    for window in desks:
        assert window.desk.away_button.text() == "Present"
        window.desk.away_button.click()
    for window in desks:
        away_now(qtbot, window, True)
        assert window.desk.away_button.text() == "Away (not asked)"
        assert window.desk.away_action.isChecked()
    away = post(service.url, call("all-away"))
    assert (away.status, away.body["reason"]) == (200, "timeout")
    details = {row["call_id"]: row["detail_code"] for row in service.cli.history()}
    assert details == {"nobody-attached": "detail.timeout.no_console",
                       "all-away": "detail.timeout.away"}

    desks[1].desk.away_action.trigger()  # the manager is back (from the menu)
    away_now(qtbot, desks[1], False)
    answers = post_in_thread(service.url, "one-back")
    for window in desks:  # the away desk still sees it, and may decide it
        waiting_on(qtbot, window, "one-back")
    desks[0].live.card.accept_button.click()
    qtbot.waitUntil(lambda: bool(answers), timeout=TIMEOUT_MS)
    assert (answers[0].status, answers[0].body["reason"]) == (200, "person")


def test_an_operators_console_leaves_rules_and_settings_to_an_admin_with_a_clear_word(
        qtbot: QtBot, service: Service, tmp_path: Path) -> None:
    reception, manager = service.add("reception"), service.add("manager", "admin")
    service.start()
    operator = desk_console(qtbot, service, reception, tmp_path)
    admin = desk_console(qtbot, service, manager, tmp_path)
    why = "only an admin desk may do that; the desk reception is an operator"

    rules = operator.rules
    assert not rules.add_button.isEnabled() and rules.add_button.toolTip() == why
    assert not rules.read_only.isHidden()
    assert rules.read_only.text() == ("This desk is an operator: these lists are changed at "
                                      "an admin desk.")
    assert not operator._settings_action.isEnabled()
    assert operator.desk.label.text().startswith("Desk reception (operator)")
    with qtbot.waitSignal(rules.message, timeout=TIMEOUT_MS) as said:
        rules.add_rule("0330001234", Action.BLOCK)  # "Block this caller" from the history
    assert said.args == [why]
    dialog = operator.dialogs.open_schedule()
    assert not dialog.save_button.isEnabled() and dialog.error_text() == why
    dialog.reject()
    operator.mode_bar.buttons[Mode.REJECT_ALL].click()  # an operator sets the mode
    qtbot.waitUntil(lambda: service.cli.ok("mode").startswith("reject-all"),
                    timeout=TIMEOUT_MS)

    assert admin.rules.add_button.isEnabled() and admin.rules.read_only.isHidden()
    assert admin._settings_action.isEnabled()
    with qtbot.waitSignal(admin.rules.message, timeout=TIMEOUT_MS):
        admin.rules.add_rule("0330001234", Action.BLOCK)
    assert [rule["action"] for rule in service.cli.rules()] == ["block"]
    qtbot.waitUntil(lambda: operator.rules.model.rowCount() == 1, timeout=TIMEOUT_MS)


def test_a_console_started_once_with_connect_attaches_again_without_it(
        service: Service, tmp_path: Path) -> None:
    """Real console processes (offscreen): the second start is `python main.py` alone."""
    reception = service.add("reception")
    service.start()
    env = service.cli.env(XDG_CONFIG_HOME=str(tmp_path / "config"), QT_QPA_PLATFORM="offscreen",
                          CALLGATE_PORT=None)

    def console(*args: str) -> None:
        process = subprocess.Popen([sys.executable, "main.py", *args], cwd=ROOT, env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            assert wait_for(lambda: process.poll() is not None
                            or service.health()["desks"] == 1, 30), "it did not attach"
            assert process.poll() is None
        finally:
            process.terminate()  # as a logout ends it
            _, errors = process.communicate(timeout=30)
        assert process.returncode == 0, errors.decode()
        assert wait_for(lambda: service.health()["desks"] == 0, 10)

    console("--connect", str(reception))
    console()  # remembered
    kept = next((tmp_path / "config").rglob("callgate.conf"))
    if os.name == "posix":  # it holds the desk's secret
        assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    forgot = subprocess.run(
        [sys.executable, "-c", "from cli.console import chosen_service; "
                               "print(chosen_service(None, embedded=True), "
                               "chosen_service(None))"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=30, check=True)
    assert forgot.stdout.split() == ["None", "None"]
    assert reception.secret not in kept.read_text(encoding="utf-8")
