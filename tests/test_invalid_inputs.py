"""The command line refuses every invalid input of tests/invalid_inputs.py with the reason the
application layer gives for it: the words of the same code (issue 11). The console joins the
table when it is ported onto the protocol."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from invalid_inputs import INVALID, Invalid

import wording
from application import Office
from screening.messages import Refusal

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
