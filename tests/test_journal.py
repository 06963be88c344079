"""The call journal's files: they do not grow for ever, a call that waits long keeps only its
own segment, and what a process left is read back whole (a line cut short is skipped)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import sample

from screening.call import Call
from screening.messages import Message
from screening.mode import Mode
from screening.policy import Decision, Reason, Verdict
from storage import journal as journal_module
from storage.calls import CallRecord
from storage.journal import Journal, Kept
from storage.leftovers import Leftovers

BODY = json.dumps(sample("seed_incoming_call.json"), ensure_ascii=False)


def record(call_id: str) -> CallRecord:
    verdict = Verdict(Decision.ACCEPT, Reason.MODE,
                      Message("detail.mode", (Mode.ACCEPT_ALL.message,)))
    return CallRecord.of(Call(call_id=call_id), verdict, "2026-01-05T09:00:00.000+00:00", 1.0,
                         "{}")


def segments(directory: Path) -> list[Path]:
    return sorted(directory.glob("*.jsonl"))


def test_settled_segments_go_and_a_long_wait_keeps_only_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(journal_module, "SEGMENT_BYTES", 4096)
    journal = Journal(tmp_path)
    journal.arrived("waits-a-minute", "2026-01-05T09:00:00.000+00:00", BODY)
    for n in range(200):  # calls that come and go while the first one waits
        journal.arrived(f"quick-{n}", "2026-01-05T09:00:01.000+00:00", BODY)
        journal.settle(f"quick-{n}")

    assert len(segments(tmp_path)) == 2, "the waiting call's segment and the current one"
    journal.settle("waits-a-minute")
    journal.arrived("next", "2026-01-05T09:00:02.000+00:00", BODY)
    journal.settle("next")
    assert len(segments(tmp_path)) == 1

    journal.close()
    assert list(tmp_path.iterdir()) == []


def test_a_dead_process_leaves_records_and_stopped_calls_in_order(tmp_path: Path) -> None:
    script = (
        "import os, sys\n"
        "from pathlib import Path\n"
        "from storage.journal import Journal, Kept\n"
        "from test_journal import BODY, record\n"
        "journal = Journal(Path(sys.argv[1]))\n"
        "journal.arrived('cut-off', '2026-01-05T09:00:00.000+00:00', BODY)\n"
        "journal.arrived('answered', '2026-01-05T09:00:01.000+00:00', BODY)\n"
        "journal.sync(journal.keep(Kept(record('answered'), use_once=True)))\n"
        "os._exit(0)\n"  # no close(): as if killed
    )
    root = Path(__file__).resolve().parents[1]
    subprocess.run([sys.executable, "-c", script, str(tmp_path)], cwd=root, check=True,
                   env=os.environ | {"PYTHONPATH": f"{root}{os.pathsep}{root / 'tests'}"})
    (left,) = segments(tmp_path)
    with left.open("ab") as torn:
        torn.write(b'{"arrived": "half-writ')  # the last write, cut short

    journal = Journal(tmp_path)
    leftovers = Leftovers.beside(journal)
    cut_off, answered = leftovers.kept
    assert answered == Kept(record("answered"), use_once=True)
    assert (cut_off.record.call_id, cut_off.record.decision, cut_off.record.reason) == (
        "cut-off", "reject", "stopped")
    assert cut_off.record.customer_name == "鈴木 スミス 一郎"
    assert cut_off.record.latency_ms is None
    leftovers.forget()
    assert left not in segments(tmp_path)
    journal.close()
    assert list(tmp_path.iterdir()) == []


def test_a_live_journal_is_not_taken_for_leftovers(tmp_path: Path) -> None:
    """Another listener on the same data directory: its calls are its own."""
    first = Journal(tmp_path)
    first.arrived("deciding", "2026-01-05T09:00:00.000+00:00", BODY)
    second = Journal(tmp_path)
    assert Leftovers.beside(second).kept == []
    second.close()
    first.close()
