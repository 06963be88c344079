"""A history written before details were codes: migration 0008 turns every English detail
callgate ever wrote into its code and arguments, and every row reads as it did."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import sample
from sqlite_utils import Database

import wording
from screening.messages import NOTHING, Message
from screening.mode import Mode
from screening.policy import Decision, Reason
from storage.calls import CallHistory
from storage.database import migrations, open_database
from storage.old_details import FORMS, coded

ACCEPT, REJECT = Decision.ACCEPT.message, Decision.REJECT.message
CLOSED, OPEN = Message("mode.source.closed"), Message("mode.source.open")
OVERRIDE = Message("mode.source.override")
NUMBER = Message("rule.number", ("03-3000-1234",))
PREFIX = Message("rule.prefix", ("0120*",))
NAME = Message("rule.name", ("エーアイ化粧品",))

#: (reason, the English an older callgate stored, the message it is now, how it reads now)
OLD_DETAILS: list[tuple[Reason, str, Message, str]] = [
    # Rules: before issue 10's wording, and after it
    (Reason.RULE, "block rule for 03-3000-1234", Message("detail.rule.block", (NUMBER,)),
     "block 03-3000-1234"),
    (Reason.RULE, "allow rule for prefix 0120*", Message("detail.rule.allow", (PREFIX,)),
     "allow prefix 0120*"),
    (Reason.RULE, "block rule for name エーアイ化粧品", Message("detail.rule.block", (NAME,)),
     "block name エーアイ化粧品"),
    (Reason.RULE, "block 03-3000-1234", Message("detail.rule.block", (NUMBER,)),
     "block 03-3000-1234"),
    (Reason.RULE, "allow prefix 0120*", Message("detail.rule.allow", (PREFIX,)),
     "allow prefix 0120*"),
    (Reason.RULE, "allow name エーアイ化粧品", Message("detail.rule.allow", (NAME,)),
     "allow name エーアイ化粧品"),
    # The mode, and where it came from
    (Reason.MODE, "mode accept-all", Message("detail.mode", (Mode.ACCEPT_ALL.message,)),
     "accept-all"),
    (Reason.MODE, "mode reject-all (schedule, office closed)",
     Message("detail.mode.source", (Mode.REJECT_ALL.message, CLOSED)),
     "reject-all, schedule, office closed"),
    (Reason.MODE, "mode accept-all (schedule, office open)",
     Message("detail.mode.source", (Mode.ACCEPT_ALL.message, OPEN)),
     "accept-all, schedule, office open"),
    (Reason.MODE, "mode reject-all (manual override)",
     Message("detail.mode.source", (Mode.REJECT_ALL.message, OVERRIDE)),
     "reject-all, manual override"),
    (Reason.MODE, "reject-all", Message("detail.mode", (Mode.REJECT_ALL.message,)), "reject-all"),
    (Reason.MODE, "reject-all, schedule, office closed",
     Message("detail.mode.source", (Mode.REJECT_ALL.message, CLOSED)),
     "reject-all, schedule, office closed"),
    (Reason.MODE, "accept-all, manual override",
     Message("detail.mode.source", (Mode.ACCEPT_ALL.message, OVERRIDE)),
     "accept-all, manual override"),
    (Reason.MODE, "repeat caller: rejected 2:05 min before", Message("detail.repeat", ("2:05",)),
     "repeat caller: rejected 2:05 min before"),
    (Reason.MODE, "registered customer", Message("caller.customer"), "registered customer"),
    (Reason.MODE, "unknown caller", Message("caller.unknown"), "unknown caller"),
    # Classes of callers, and a person
    (Reason.WITHHELD, "withheld caller", NOTHING, ""),
    (Reason.WITHHELD, "payphone", Message("caller.payphone"), "payphone"),
    (Reason.PERSON, "decided by a person", NOTHING, ""),
    # Nobody answered
    (Reason.TIMEOUT, "nobody answered in time; default accept",
     Message("detail.timeout", (ACCEPT,)), "default accept"),
    (Reason.TIMEOUT, "default reject", Message("detail.timeout", (REJECT,)), "default reject"),
    (Reason.TIMEOUT, "no console is open to ask; default accept",
     Message("detail.timeout.no_console", (ACCEPT,)),
     "no console is open to ask; default accept"),
    (Reason.TIMEOUT, "callgate is stopping; default reject",
     Message("detail.timeout.stopping", (REJECT,)), "callgate is stopping; default reject"),
    # The fail-safe
    (Reason.FAILSAFE, "the body is not a JSON object", Message("detail.failsafe.not_json"),
     "the body is not a JSON object"),
    (Reason.FAILSAFE, "unexpected error: KeyError('x')",
     Message("detail.failsafe.unexpected", ("KeyError('x')",)), "unexpected error: KeyError('x')"),
    (Reason.FAILSAFE, "screening failed: rule #3 expires: deciding needs the time",
     Message("detail.failsafe.screening", ("rule #3 expires: deciding needs the time",)),
     "screening failed: rule #3 expires: deciding needs the time"),
    (Reason.FAILSAFE, "storage failed: disk I/O error",
     Message("detail.failsafe.storage", ("disk I/O error",)), "storage failed: disk I/O error"),
    # Posts that were no call
    (Reason.REFUSED, "body larger than 64 KiB", Message("detail.refused.too_large", (64,)),
     "body larger than 64 KiB"),
    (Reason.REFUSED, "content type must be application/json, not text/plain",
     Message("detail.refused.content_type", ("text/plain",)),
     "content type must be application/json, not text/plain"),
    (Reason.REFUSED, "the body did not arrive within 10 s",
     Message("detail.refused.stalled", (10.0,)), "the body did not arrive within 10 s"),
    (Reason.REFUSED, "the body did not arrive within 0.5 s",
     Message("detail.refused.stalled", (0.5,)), "the body did not arrive within 0.5 s"),
    (Reason.REFUSED, "the client disconnected before its whole body arrived",
     Message("detail.refused.client_left"),
     "the client disconnected before its whole body arrived"),
    # A call that callgate stopped before answering (issue 10's journal)
    (Reason.STOPPED, "commubo got no answer and aborted the call; recorded at the next start",
     Message("detail.stopped"),
     "commubo got no answer and aborted the call; recorded at the next start"),
    # Words that match no form, or a form under another reason: kept as words
    (Reason.FAILSAFE, "storage error: disk full", Message.text("storage error: disk full"),
     "storage error: disk full"),
    (Reason.PERSON, "accept-all", Message.text("accept-all"), "accept-all"),
    (Reason.MODE, "mode accept-all (schedule, office ajar)",
     Message.text("mode accept-all (schedule, office ajar)"),
     "mode accept-all (schedule, office ajar)"),
    (Reason.RULE, "", NOTHING, ""),
]


def older_history(db_path: Path) -> Database:
    """A database as the previous callgate left it: schema 0007, English details."""
    db = Database(db_path)
    migrations.apply(db, stop_before="0008_detail_codes")
    body = json.dumps(sample("seed_incoming_call.json"), ensure_ascii=False)
    for n, (reason, words, _, _) in enumerate(OLD_DETAILS):
        db.execute(
            "INSERT INTO calls (call_id, received_at, phone_number, caller, decision, reason, "
            "detail, latency_ms, raw_body) VALUES (?, ?, '0330001234', '+81330001234', ?, ?, "
            "?, 1.0, ?)",
            [f"old-{n}", f"2026-01-05T09:{n:02d}:00.000+00:00", "reject", reason.value, words,
             body])
    db.conn.commit()
    return db


def test_every_english_detail_becomes_its_code_and_reads_as_before(db_path: Path) -> None:
    older_history(db_path).close()
    db = open_database(db_path)  # applies 0008
    rows = {row["call_id"]: row for row in CallHistory(db).recent()}
    stored = dict(db.execute("SELECT call_id, detail FROM calls").fetchall())
    for n, (reason, words, message, reads) in enumerate(OLD_DETAILS):
        row = rows[f"old-{n}"]
        assert (row["detail"], wording.render(row["detail"])) == (message, reads), (reason, words)
        assert stored[f"old-{n}"] == (message.to_json() if message else "")
    db.close()


def test_the_migration_runs_once_and_leaves_codes_alone(db_path: Path) -> None:
    older_history(db_path).close()
    open_database(db_path).close()
    db = open_database(db_path)
    assert migrations.pending(db) == []
    again = CallHistory(db).recent()
    assert [row["detail"] for row in again] == [row[2] for row in reversed(OLD_DETAILS)]
    code = Message("detail.rule.block", (NUMBER,)).to_json()
    assert coded("rule", code) == code
    db.close()


def test_every_english_form_has_a_row_of_the_table() -> None:
    """A form added to storage/old_details.py gets a row above."""
    for reason, forms in FORMS.items():
        for pattern, _ in forms:
            assert any(pattern.fullmatch(words) for why, words, _, _ in OLD_DETAILS
                       if why is reason), pattern.pattern


@pytest.mark.parametrize(("reason", "words", "message", "reads"), OLD_DETAILS)
def test_every_template_of_a_migrated_detail_is_known(
    reason: Reason, words: str, message: Message, reads: str
) -> None:
    assert wording.known(message.code)
