"""The command line and the console refuse every invalid input of tests/invalid_inputs.py with
the reason the application layer gives for it: the words of the same code (issue 11). The
console's protocol refuses each setting and part of the schedule with the same message; its
settings and schedule dialogs show the same words for every input they can take, and so does
its rule dialog for every rule it can hold (a date picker cannot hold words)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import Console
from console_desk import Desk
from invalid_inputs import INVALID, Invalid
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot
from test_gui_rules import view

import wording
from application import Office
from gui import present
from gui.rules import ExpiryChoice, RuleDialog, RulesView
from gui.schedule import ScheduleDialog
from gui.settings_dialog import SettingsDialog
from screening.instants import DEFAULT_TIME_ZONE, parse_instant
from screening.messages import Refusal
from screening.rule_draft import ExpiryKind, RuleDraft
from screening.settings import Key
from server.listener import Listener
from server.protocol import messages as protocol

__all__ = ["view"]  # fixtures, used by name

ROOT = Path(__file__).resolve().parents[1]

# Every command of the table in one process of the real command line: cli.main() for each,
# its exit status and what it wrote on stderr.
DRIVER = """
import contextlib, io, json, sys
from cli import main
results = []
for argv in json.loads(sys.stdin.read()):
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        status = main(argv)
    results.append([status, err.getvalue()])
print(json.dumps(results))
"""


def refusal_of(office: Office, invalid: Invalid) -> Refusal:
    """What the application layer says to the input (and that it stores nothing)."""
    before = (office.rules.all(), office.settings.values())
    with pytest.raises(Refusal) as refused:
        if invalid.draft is not None:
            office.rules.put(invalid.draft)
        elif invalid.setting is not None:
            office.settings.set(*invalid.setting)
        elif invalid.schedule is not None:
            key, value = invalid.schedule
            office.mode.set_schedule({key: value})
    assert (office.rules.all(), office.settings.values()) == before, invalid.id
    return refused.value


@pytest.fixture(scope="module")
def command_line(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[int, str]]:
    data_dir = tmp_path_factory.mktemp("invalid")
    argvs = [["--data-dir", str(data_dir), *invalid.args] for invalid in INVALID]
    done = subprocess.run([sys.executable, "-c", DRIVER], input=json.dumps(argvs), cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8", timeout=120,
                          check=True)
    results = json.loads(done.stdout)
    return {invalid.id: (status, err) for invalid, (status, err) in
            zip(INVALID, results, strict=True)}


def test_every_way_in_has_something_to_refuse() -> None:
    assert len({invalid.id for invalid in INVALID}) == len(INVALID)
    for invalid in INVALID:
        assert [invalid.draft, invalid.setting, invalid.schedule].count(None) == 2, invalid.id


@pytest.mark.parametrize("invalid", INVALID, ids=[invalid.id for invalid in INVALID])
def test_the_command_line_refuses_with_the_application_layers_reason(
    invalid: Invalid, command_line: dict[str, tuple[int, str]], tmp_path: Path
) -> None:
    office = Office.of_directory(tmp_path)
    try:
        refusal = refusal_of(office, invalid)
    finally:
        office.close()
    words = wording.render(refusal.message)
    assert invalid.says in words, (invalid.says, words)
    status, err = command_line[invalid.id]
    lines = err.splitlines()
    assert status == 2 and len(lines) == 1, (status, err)
    (line,) = lines
    assert line.startswith("callgate: error: ") and line.endswith(words), (line, words)


CONSOLE_WAYS = [invalid for invalid in INVALID if invalid.draft is None]
#: The settings dialog's text fields, by the setting each one sets.
SETTINGS_FIELDS = {"host": "host", "ngrok-api": "ngrok_api",
                   "cloudflared-metrics": "cloudflared_metrics", "public-url": "public_url"}
#: The schedule dialog's fields that take a setting's text as it is.
SCHEDULE_FIELDS = {Key.CLOSED_DAYS: "closed_days", Key.TIME_ZONE: "time_zone"}


def schedule_part(invalid: Invalid) -> tuple[str, str] | None:
    """The part of the schedule dialog's fields an input sets, if it sets one (`config
    time-zone` does; the dialog takes the hours day by day, not as the setting's text)."""
    if invalid.schedule is not None:
        key, value = invalid.schedule
        return (str(key), value) if key in SCHEDULE_FIELDS else None
    if invalid.setting is not None and invalid.setting[0] in SCHEDULE_FIELDS:
        return invalid.setting
    return None


def error_of(dialog: SettingsDialog | ScheduleDialog) -> str:
    return dialog.error_text() if isinstance(dialog, ScheduleDialog) else dialog.error.text()


def office_refusal(tmp_path: Path, invalid: Invalid) -> Refusal:
    office = Office.of_directory(tmp_path / "reference")
    try:
        return refusal_of(office, invalid)
    finally:
        office.close()


@pytest.mark.parametrize("invalid", CONSOLE_WAYS, ids=[invalid.id for invalid in CONSOLE_WAYS])
def test_the_console_protocol_refuses_with_the_application_layers_reason(
    invalid: Invalid, listener: Listener, db_path: Path, tmp_path: Path
) -> None:
    refusal = office_refusal(tmp_path, invalid)
    desk = Desk(listener.link(wire=True))
    desk.attached()
    command: protocol.Command
    if invalid.setting is not None:
        command = protocol.SaveSettings(changes=dict([invalid.setting]))
    else:
        assert invalid.schedule is not None
        key, value = invalid.schedule
        command = protocol.SetSchedule(changes={str(key): value})
    before = Office(db_path).settings.values()
    refused = desk.ask(command)
    assert isinstance(refused, protocol.Refused), refused
    assert (refused.reason, refused.field) == (refusal.message, refusal.field)
    assert Office(db_path).settings.values() == before, "nothing stored"


DIALOG_WAYS = [invalid for invalid in CONSOLE_WAYS
               if schedule_part(invalid) is not None
               or (invalid.setting is not None and invalid.setting[0] in SETTINGS_FIELDS)]


@pytest.mark.parametrize("invalid", DIALOG_WAYS, ids=[invalid.id for invalid in DIALOG_WAYS])
def test_the_consoles_dialogs_refuse_with_the_same_words(
    invalid: Invalid, qtbot: QtBot, console: Console, tmp_path: Path
) -> None:
    words = wording.render(office_refusal(tmp_path, invalid).message)
    part = schedule_part(invalid)
    window = console.window
    if part is not None:
        key, value = part
        dialog: SettingsDialog | ScheduleDialog = window.dialogs.open_schedule()
        field = getattr(dialog, SCHEDULE_FIELDS[Key(key)])
    else:
        assert invalid.setting is not None
        key, value = invalid.setting
        window.dialogs.open_settings()
        dialog = window.findChildren(SettingsDialog)[-1]
        field = getattr(dialog, SETTINGS_FIELDS[key])
    if isinstance(field, QPlainTextEdit):
        field.setPlainText(value)
    else:
        assert isinstance(field, QLineEdit)
        field.setText(value)
    dialog.save()
    qtbot.waitUntil(lambda: error_of(dialog) == words, timeout=5000)
    assert dialog.isVisible(), "it stays open to correct the value"


# --- The console's rule dialog -----------------------------------------------------------------


def held_by_the_dialog(invalid: Invalid) -> bool:
    """A rule the dialog can hold: any but an end in words (its date picker holds instants)."""
    draft = invalid.draft
    if draft is None:
        return False
    if draft.expiry is not ExpiryKind.UNTIL:
        return True
    try:
        parse_instant(draft.expiry_text, DEFAULT_TIME_ZONE)
    except Refusal:
        return False
    return True


IN_THE_DIALOG = [invalid for invalid in INVALID if held_by_the_dialog(invalid)]


def typed(dialog: RuleDialog, draft: RuleDraft) -> None:
    """Fill the dialog as a person would to ask for `draft`."""
    dialog.number_edit.setText(draft.target)
    dialog.name_box.setChecked(draft.is_name)
    (dialog.allow_button if draft.action.value == "allow" else dialog.block_button).setChecked(
        True)
    dialog.note_edit.setText(draft.note)
    choice = {ExpiryKind.NEVER: ExpiryChoice.NEVER, ExpiryKind.FOR: ExpiryChoice.FOR,
              ExpiryKind.UNTIL: ExpiryChoice.UNTIL}[draft.expiry]
    dialog.expiry_combo.setCurrentIndex(dialog.expiry_combo.findData(choice))
    if choice is ExpiryChoice.FOR:
        dialog.expiry_edit.setText(draft.expiry_text)
    elif choice is ExpiryChoice.UNTIL:
        dialog.until_edit.setDateTime(present.wall_clock(
            parse_instant(draft.expiry_text, DEFAULT_TIME_ZONE)))
    dialog.once_box.setChecked(draft.once)


def test_the_dialog_leaves_out_only_what_it_cannot_hold() -> None:
    rules = [invalid.id for invalid in INVALID if invalid.draft is not None]
    assert [id for id in rules if id not in {i.id for i in IN_THE_DIALOG}] == ["until-words"]


@pytest.mark.parametrize("invalid", IN_THE_DIALOG, ids=[invalid.id for invalid in IN_THE_DIALOG])
def test_the_consoles_rule_dialog_refuses_with_the_application_layers_reason(
    invalid: Invalid, qtbot: QtBot, view: RulesView, tmp_path: Path
) -> None:
    office = Office.of_directory(tmp_path / "elsewhere")
    try:
        words = wording.render(refusal_of(office, invalid).message)
    finally:
        office.close()
    assert invalid.draft is not None
    dialog = view.popups.add()
    typed(dialog, invalid.draft)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.error() != "", timeout=5000)
    assert dialog.error() == words, invalid.id
    assert dialog.isVisible()
    assert view.model.rowCount() == 0
    dialog.reject()
