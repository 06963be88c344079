"""A rule's number is a phone number or is refused, wherever a person types it: `block` on the
command line, a CSV for `import-rules`, the console's rule dialog (issue 10, point 13).

One table of inputs (tests/typed_numbers.py) for all three.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlite_utils import Database
from test_cli import Cli, cli, usage_error
from test_gui_rules import click, closed, db, fill, open_dialog, refused, view
from typed_numbers import ACCEPTED, REFUSED

from gui.rules import RulesView
from screening.rules import Action
from storage.rules import RuleBook

__all__ = ["cli", "db", "view"]  # fixtures, used by name

pytestmark = pytest.mark.qt_log_ignore(r"^This plugin does not support propagateSizeHints\(\)$")


def test_block_on_the_command_line(cli: Cli) -> None:
    for typed, _ in ACCEPTED:
        cli.ok("block", typed)
    assert sorted(rule["number"] for rule in cli.rules()) == sorted(n for _, n in ACCEPTED)
    for typed, reason in REFUSED:
        line = usage_error(cli.run("block", typed))
        assert reason in line and repr(typed) in line, line
    assert len(cli.rules()) == len(ACCEPTED), "a refused number is never saved as another one"


def write_rules(path: Path, numbers: list[str]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(["number", "action"])
        writer.writerows([number, "block"] for number in numbers)
    return path


def test_import_rules(cli: Cli, tmp_path: Path) -> None:
    refused = cli.run("import-rules", str(write_rules(
        tmp_path / "refused.csv", [typed for typed, _ in ACCEPTED + REFUSED])))
    assert refused.returncode == 2
    report = refused.stderr.splitlines()
    assert report[0] == (f"callgate: error: import-rules: {len(REFUSED)} of "
                         f"{len(ACCEPTED) + len(REFUSED)} rows refused; nothing was imported")
    for line, (typed, reason) in zip(report[1:], REFUSED, strict=True):
        assert reason in line and repr(typed) in line, line
    assert cli.rules() == []

    cli.ok("import-rules", str(write_rules(tmp_path / "good.csv", [t for t, _ in ACCEPTED])))
    assert sorted(rule["number"] for rule in cli.rules()) == sorted(n for _, n in ACCEPTED)


@pytest.mark.parametrize(("typed", "number"), ACCEPTED)
def test_the_rule_dialog_saves_a_number(
    qtbot: QtBot, view: RulesView, db: Database, typed: str, number: str
) -> None:
    dialog = open_dialog(qtbot, view, view.add_button)
    fill(qtbot, dialog, typed, Action.BLOCK, "")
    click(qtbot, dialog.save_button)
    qtbot.waitUntil(lambda: closed(dialog), timeout=5000)
    assert [rule.number for rule in RuleBook(db).rules()] == [number]


@pytest.mark.parametrize(("typed", "reason"), REFUSED)
def test_the_rule_dialog_refuses_the_rest_with_the_reason(
    qtbot: QtBot, view: RulesView, db: Database, typed: str, reason: str
) -> None:
    dialog = open_dialog(qtbot, view, view.add_button)
    fill(qtbot, dialog, typed, Action.BLOCK, "")
    click(qtbot, dialog.save_button)
    assert reason in refused(qtbot, dialog)
    assert RuleBook(db).rows() == []
