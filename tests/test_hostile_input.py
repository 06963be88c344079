"""Whatever arrives on the right URL gets a decision, never a 5xx, and JSON is never lost."""

from __future__ import annotations

import json
import uuid
from typing import Any

from conftest import Running, post, sample
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storage.database import open_database

FIELDS = ("callId", "callType", "phoneNumber", "customer", "operator", "scenario")
scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                    st.text(max_size=50))
anything = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=10), inner, max_size=4)),
    max_leaves=20)
payloads = st.fixed_dictionaries({}, optional={field: anything for field in FIELDS}).flatmap(
    lambda known: st.dictionaries(st.text(max_size=12), anything, max_size=3).map(
        lambda extra: extra | known))
hostile = settings(max_examples=150, deadline=None,
                   suppress_health_check=[HealthCheck.function_scoped_fixture])


def recorded(running: Running, marker: str) -> list[dict[str, Any]]:
    db = open_database(running.db_path)
    try:
        return list(db.query("SELECT * FROM calls WHERE raw_body LIKE ?", [f"%{marker}%"]))
    finally:
        db.close()


@hostile
@given(payload=payloads)
def test_any_json_object_is_decided_and_recorded_once(running: Running,
                                                      payload: dict[str, Any]) -> None:
    marker = uuid.uuid4().hex
    body = payload | {"_probe": marker}
    answer = post(running.url, json.dumps(body))
    assert answer.status in (200, 403)
    assert answer.body["decision"] in ("accept", "reject")
    rows = recorded(running, marker)
    if answer.body.get("duplicate"):
        return  # a repeated callId: the first post's row is the record
    assert len(rows) == 1
    assert json.loads(rows[0]["raw_body"]) == json.loads(json.dumps(body))


@hostile
@given(raw=st.binary(max_size=300))
def test_any_bytes_get_an_answer_and_never_a_5xx(running: Running, raw: bytes) -> None:
    answer = post(running.url, raw)
    assert answer.status in (200, 400, 403)


def test_duplicate_keys_huge_strings_and_invalid_utf8(running: Running) -> None:
    seed = json.dumps(sample("seed_incoming_call.json"))
    duplicated = seed.replace('"callId":', '"callId": "first", "callId":', 1)
    huge = json.dumps(sample("seed_incoming_call.json") | {"note": "あ" * 20_000,
                                                            "callId": "huge"},
                      ensure_ascii=False)  # 60 KB: near the 64 KiB limit, inside it
    broken = seed.encode().replace(b"0330001234", b"03300\xff\xfe1234")
    for body in (duplicated.encode(), huge.encode(), broken):
        answer = post(running.url, body)
        assert answer.status in (200, 403), answer
