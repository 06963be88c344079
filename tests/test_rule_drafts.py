"""One check of a rule as a person asks for it (screening.rule_draft.validate): what `block`,
`allow`, `import-rules` and the console's rule dialog all go through."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

import wording
from screening.messages import Refusal
from screening.rule_draft import ExpiryKind, RuleDraft, RuleEntry, validate
from screening.rules import Action, RuleKind

NOW = datetime(2026, 1, 6, 1, 0, tzinfo=UTC)  # 10:00 in Tokyo
TOKYO = "Asia/Tokyo"


def test_a_permanent_number_rule() -> None:
    entry = validate(RuleDraft("03-3000-1234", Action.BLOCK, "sales"), NOW, TOKYO)
    assert entry == RuleEntry("+81330001234", Action.BLOCK, "sales", RuleKind.NUMBER, None, False)


def test_a_prefix_and_a_name() -> None:
    assert validate(RuleDraft("0120*", Action.BLOCK), NOW, TOKYO).target == "+81120*"
    named = validate(RuleDraft("ｴｰｱｲ化粧品", Action.ALLOW, is_name=True), NOW, TOKYO)
    assert (named.kind, named.target) == (RuleKind.NAME, "エーアイ化粧品")


def test_the_end_of_a_temporary_rule() -> None:
    lasting = RuleDraft("0120*", Action.BLOCK, expiry=ExpiryKind.FOR, expiry_text="1h30m")
    assert validate(lasting, NOW, TOKYO).expires_at == NOW + timedelta(hours=1, minutes=30)
    typed = RuleDraft("0120*", Action.BLOCK, expiry=ExpiryKind.UNTIL,
                      expiry_text="2026-01-06T18:00")  # office time
    assert validate(typed, NOW, TOKYO).expires_at == datetime(2026, 1, 6, 9, tzinfo=UTC)
    picked = RuleDraft("0120*", Action.BLOCK, expiry=ExpiryKind.UNTIL, until=NOW + timedelta(1))
    assert validate(picked, NOW, TOKYO).expires_at == NOW + timedelta(1)


@pytest.mark.parametrize(
    "draft",
    [
        RuleDraft("0120*", Action.BLOCK, expiry=ExpiryKind.UNTIL, expiry_text="2026-01-06T09:59"),
        RuleDraft("0120*", Action.BLOCK, expiry=ExpiryKind.UNTIL, until=NOW),
        RuleDraft("0120*", Action.BLOCK, expiry=ExpiryKind.UNTIL,
                  until=NOW - timedelta(days=400)),
    ],
    ids=["typed", "picked-now", "picked-last-year"],
)
def test_an_end_already_past_is_refused_however_it_was_given(draft: RuleDraft) -> None:
    with pytest.raises(Refusal) as refused:
        validate(draft, NOW, TOKYO)
    assert refused.value.field == "expiry"
    assert "already past" in wording.render(refused.value.message)


@pytest.mark.parametrize(
    ("draft", "field", "words"),
    [
        (RuleDraft("03-3000-12a4", Action.BLOCK), "target", "'a' is a letter"),
        (RuleDraft("株式会社", Action.BLOCK, is_name=True), "target", "names nobody"),
        (RuleDraft("0120*", Action.BLOCK, expiry=ExpiryKind.FOR, expiry_text="soon"), "expiry",
         "is not a duration"),
        (RuleDraft("0120*", Action.BLOCK, expiry=ExpiryKind.FOR), "expiry", "Give the expiry"),
        (RuleDraft("0120*", Action.BLOCK, expiry=ExpiryKind.UNTIL), "expiry", "Give the expiry"),
        (RuleDraft("0120*", Action.BLOCK, expiry=ExpiryKind.FOR, expiry_text="999999999w"),
         "expiry", "too long for a duration"),
        (RuleDraft("0120*", Action.BLOCK, once=True), "once", "must be an allow rule"),
    ],
    ids=["letter", "name", "duration", "no-duration", "no-end", "too-long", "once-block"],
)
def test_a_refusal_says_which_part_and_why(draft: RuleDraft, field: str, words: str) -> None:
    with pytest.raises(Refusal) as refused:
        validate(draft, NOW, TOKYO)
    assert refused.value.field == field
    assert words in wording.render(refused.value.message)
