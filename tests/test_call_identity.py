"""A call is the call commubo sent: a body with a byte order mark is still its JSON, and a call
id is compared as sent, so no post can pass as a duplicate of another and take its answer."""

from __future__ import annotations

import json
import sqlite3
from typing import Any

import pytest
from conftest import Answer, Running, post, sample

from application import Office
from screening.phone import parse_rule_number
from screening.rules import Action
from storage.database import open_database
from storage.rules import RuleBook

BOM = b"\xef\xbb\xbf"


def call_ids(running: Running) -> list[str]:
    with sqlite3.connect(running.db_path) as db:
        return [row[0] for row in db.execute("SELECT call_id FROM calls ORDER BY id")]


def with_call_id(literal: str, number: str = "03-3000-1234") -> bytes:
    """The sample body with `callId` spelt exactly as given (JSON's NaN and Infinity too)."""
    body = sample("seed_incoming_call.json") | {"callId": "@", "phoneNumber": number}
    return json.dumps(body, ensure_ascii=False).replace('"@"', literal).encode()


def block(running: Running, number: str) -> None:
    db = open_database(running.db_path)
    try:
        RuleBook(db).put(parse_rule_number(number), Action.BLOCK)
    finally:
        db.close()


def test_a_blocked_number_posted_with_a_byte_order_mark_is_rejected_by_its_rule(
    running: Running,
) -> None:
    block(running, "0330001234")

    answer = post(running.url, BOM + with_call_id('"with-bom"'))

    assert (answer.status, answer.body) == (403, {"decision": "reject", "reason": "rule"})
    with sqlite3.connect(running.db_path) as db:
        [(reason, raw)] = db.execute("SELECT reason, raw_body FROM calls WHERE call_id = ?",
                                     ["with-bom"]).fetchall()
    assert reason == "rule"
    assert json.loads(raw)["callId"] == "with-bom"


def test_a_call_id_with_spaces_is_another_call(running: Running) -> None:
    Office(running.db_path).settings.set("mode", "reject-all")
    first = post(running.url, with_call_id('"collide-2"'))
    block(running, "0311112222")  # the second call is decided anew: by this rule, not the mode

    second = post(running.url, with_call_id('" collide-2 "', number="0311112222"))

    assert (first.status, first.body) == (403, {"decision": "reject", "reason": "mode"})
    assert (second.status, second.body) == (403, {"decision": "reject", "reason": "rule"})
    assert call_ids(running) == ["collide-2", " collide-2 "]


def answers(running: Running, *literals: str) -> list[Answer]:
    return [post(running.url, with_call_id(literal)) for literal in literals]


@pytest.mark.parametrize("literals", [
    ("NaN", "NaN", '"nan"', '"NaN"'),
    ("Infinity", "Infinity", "-Infinity", '"inf"', '"Infinity"'),
    ("true", '"true"', "false", '"false"'),
    ("{}", "[]", '{"a": 1}', '""', '"   "', "null"),
    ("1e999", "1e999", '"inf"'),
], ids=["nan", "infinity", "booleans", "no-id-at-all", "overflow"])
def test_call_ids_that_are_no_text_never_make_two_calls_one(
    running: Running, literals: tuple[str, ...]
) -> None:
    for answer in answers(running, *literals):
        assert answer.status == 200
        assert "duplicate" not in answer.body, literals
    ids = call_ids(running)
    assert len(set(ids)) == len(literals)
    # The strings are ids as sent; anything else got an id of callgate's own.
    strings = [json.loads(literal) for literal in literals if literal.startswith('"')]
    strings = [text for text in strings if text.strip()]  # a blank id is none
    assert sorted(ids) == sorted([*strings, *(i for i in ids if i.startswith("local-"))])
    assert not any(i.isspace() or not i for i in ids)


def test_an_integer_call_id_is_its_decimal_text(running: Running) -> None:
    big = "12345678901234567"  # past a double's 53 bits: kept exact
    first, again, as_text = answers(running, big, big, f'"{big}"')

    assert "duplicate" not in first.body
    assert again.body.get("duplicate") is True and as_text.body.get("duplicate") is True
    assert call_ids(running) == [big]


def test_the_raw_body_is_kept_whatever_the_call_id(running: Running) -> None:
    answers(running, "NaN")
    with sqlite3.connect(running.db_path) as db:
        [(raw,)] = db.execute("SELECT raw_body FROM calls").fetchall()
    stored: dict[str, Any] = json.loads(raw)
    assert stored["callId"] != stored["callId"]  # NaN, as sent


def test_numbers_a_double_cannot_tell_apart_are_two_call_ids(running: Running) -> None:
    first, second, again = answers(running, "1.0000000000000001", "1.0000000000000002",
                                   "1.0000000000000001")

    assert "duplicate" not in first.body and "duplicate" not in second.body
    assert again.body.get("duplicate") is True
    assert call_ids(running) == ["1.0000000000000001", "1.0000000000000002"]
