"""The pure screening domain: numbers, the lenient call model, rules and the decision order.

No event loop, no SQL: every test here calls plain functions and compares plain values.
"""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest
from conftest import sample
from refusing import refused

import wording
from screening import phone
from screening.call import Call
from screening.decision_order import screen
from screening.messages import Message
from screening.mode import Mode, mode_detail
from screening.phone import InvalidNumber
from screening.policy import (
    AskPerson,
    Decision,
    Reason,
    ScreeningSettings,
    Unanswered,
    Verdict,
    WithheldHandling,
    failsafe,
    parse_ask_timeout,
)
from screening.rules import Action, Rule, RuleIndex
from wording import render

SAMPLES = ("seed_incoming_call.json", "numeric_types.json", "unknown_caller_no_customer.json")
TOKYO = "+81330001234"
TOKYO_FORMS = (
    "03-3000-1234",
    "0330001234",
    "+81330001234",
    "+81-3-3000-1234",
    "03 3000 1234",
    "(03)3000-1234",
    "０３－３０００－１２３４",  # typed with a Japanese input method
)
WITHHELD_NUMBERS = ("", "非通知", "anonymous", "Anonymous", "   ", "-")


# ---------------------------------------------------------------------------------------------
# Phone numbers


@pytest.mark.parametrize("raw", TOKYO_FORMS)
def test_every_way_of_writing_a_number_is_one_number(raw: str) -> None:
    assert phone.canonical(raw) == TOKYO
    assert phone.parse_rule_number(raw) == TOKYO


def test_different_numbers_stay_different() -> None:
    assert phone.canonical("03-3000-1234") != phone.canonical("03-3000-1235")
    assert phone.canonical("0120-123-456") == "+81120123456"


@pytest.mark.parametrize("raw", WITHHELD_NUMBERS)
def test_withheld_callers_are_recognised(raw: str) -> None:
    assert phone.is_withheld(raw)
    assert phone.canonical(raw) is None


@pytest.mark.parametrize("raw", ["0330001234", "03-3000-1234", "+81330001234", "0120123456"])
def test_real_numbers_are_not_withheld(raw: str) -> None:
    assert not phone.is_withheld(raw)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ("abc", "no digits"),
        ("", "no digits"),
        ("非通知", "no digits"),
        ("12", "not a possible phone number"),
    ],
)
def test_a_rule_number_that_cannot_be_a_phone_number_is_refused_with_a_reason(
    raw: str, reason: str
) -> None:
    with pytest.raises(InvalidNumber) as caught:
        phone.parse_rule_number(raw)
    message = wording.refused(caught.value)
    assert reason in message
    assert repr(raw) in message, "the message names what the person typed"


def test_invalid_number_is_a_value_error_so_callers_can_catch_it_generically() -> None:
    with pytest.raises(ValueError) as caught:
        phone.parse_rule_number("abc")
    assert "'abc'" in wording.refused(caught.value)


@pytest.mark.parametrize(
    ("number", "shown"),
    [
        ("+81330001234", "03-3000-1234"),
        ("+81120123456", "0120-123-456"),
        ("+819012345678", "090-1234-5678"),
        ("+12025550100", "+1 202-555-0100"),
    ],
)
def test_display_writes_numbers_the_way_people_in_japan_do(number: str, shown: str) -> None:
    assert phone.display(number) == shown


def test_display_leaves_text_that_is_no_number_alone() -> None:
    assert phone.display("garbage") == "garbage"


# ---------------------------------------------------------------------------------------------
# The call as commubo announces it


@pytest.mark.parametrize("name", SAMPLES)
def test_every_sample_body_is_read_with_its_number_and_operator(name: str) -> None:
    body = sample(name)
    call = Call.from_payload(body, "fallback")
    assert call.call_id == body["callId"]
    assert call.phone_number == "0330001234" or call.phone_number == "0120123456"
    assert not call.withheld
    assert call.caller == phone.canonical(body["phoneNumber"])
    assert call.operator is not None
    assert call.operator.name == "AIオペレータのコミュボ"
    assert call.operator.short_name == "コミュボ"
    assert call.operator.operator_id == "11112222-3333-4444-5555-6666777788889999"
    assert call.scenario_id == "FFFFEEEE-DDDD-CCCC-BBBB-AAAA000099998888"
    assert call.extra == {}, "the samples have no fields beyond the documented ones"


def test_the_reference_example_reads_customer_names_family_name_first() -> None:
    call = Call.from_payload(sample("seed_incoming_call.json"), "fallback")
    assert call.caller == TOKYO
    assert call.customer is not None
    assert call.customer.name == "鈴木 スミス 一郎"
    assert call.customer.name_kana == "スズキ スミス イチロウ"
    assert call.customer.org_name == "エーアイ化粧品株式会社"
    assert call.customer.customer_id == "0000AAAA-BBBB-CCCC-DDDD-EEEEFFFF11112222"
    assert call.customer.phone_numbers == ("0330001234",)


def test_string_and_integer_call_type_and_voice_id_read_the_same() -> None:
    as_strings = Call.from_payload(sample("seed_incoming_call.json"), "fallback")
    as_numbers = Call.from_payload(sample("numeric_types.json"), "fallback")
    assert as_strings.call_type == as_numbers.call_type == "0"
    assert as_strings.operator is not None and as_numbers.operator is not None
    assert as_strings.operator.voice_id == as_numbers.operator.voice_id == "123"
    assert as_strings.customer == as_numbers.customer
    assert as_strings.operator == as_numbers.operator


def test_a_caller_who_is_no_customer_has_no_customer() -> None:
    call = Call.from_payload(sample("unknown_caller_no_customer.json"), "fallback")
    assert call.customer is None
    assert call.caller == "+81120123456"


def test_the_field_tables_misspelling_of_the_voice_id_is_accepted() -> None:
    body = sample("seed_incoming_call.json")
    body["operator"]["operatorVocieId"] = body["operator"].pop("operatorVoiceId")
    call = Call.from_payload(body, "fallback")
    assert call.operator is not None
    assert call.operator.voice_id == "123"


def test_unknown_top_level_fields_are_kept_not_refused() -> None:
    body = sample("seed_incoming_call.json")
    body["ringGroup"] = {"id": 7, "name": "受付"}
    body["newFlag"] = True
    call = Call.from_payload(body, "fallback")
    assert call.extra == {"ringGroup": {"id": 7, "name": "受付"}, "newFlag": True}
    assert call.caller == TOKYO


@pytest.mark.parametrize(
    "changes",
    [
        {"customer": ["鈴木"]},
        {"customer": "鈴木"},
        {"customer": None},
        {"operator": [1, 2]},
        {"operator": None},
        {"scenario": "FFFF"},
        {"callType": None},
        {"callType": {"kind": 0}},
        {"phoneNumber": None},
        {"phoneNumber": ["0330001234"]},
        {"customer": {"familyName": ["鈴木"], "phoneNumbers": "0330001234"}},
        {"operator": {"operatorVoiceId": {"v": 1}, "name": 5}},
    ],
)
def test_fields_of_the_wrong_kind_never_raise(changes: dict[str, Any]) -> None:
    body = {**sample("seed_incoming_call.json"), **copy.deepcopy(changes)}
    call = Call.from_payload(body, "fallback")
    assert call.call_id == "1234567890123456"


def test_a_customer_that_is_not_an_object_is_no_customer() -> None:
    body = {**sample("seed_incoming_call.json"), "customer": ["鈴木", "一郎"]}
    assert Call.from_payload(body, "fallback").customer is None


def test_a_phone_number_sent_as_a_json_integer_is_still_the_callers_number() -> None:
    # JSON has no leading zeros: 0330001234 arrives as 330001234.
    body = {**sample("seed_incoming_call.json"), "phoneNumber": 330001234}
    call = Call.from_payload(body, "fallback")
    assert call.phone_number == "330001234"
    assert not call.withheld
    assert call.caller == TOKYO


@pytest.mark.parametrize("number", [None, "", "非通知", "anonymous"])
def test_a_null_empty_or_wordy_phone_number_is_a_withheld_caller(number: str | None) -> None:
    body = {**sample("seed_incoming_call.json"), "phoneNumber": number}
    call = Call.from_payload(body, "fallback")
    assert call.withheld
    assert call.caller is None


def test_a_missing_phone_number_is_a_withheld_caller() -> None:
    body = sample("unknown_caller_no_customer.json")
    del body["phoneNumber"]
    call = Call.from_payload(body, "fallback")
    assert call.withheld
    assert call.caller is None


@pytest.mark.parametrize("call_id", [None, "", "   ", ["1"], {"id": 1}])
def test_a_call_without_a_usable_call_id_gets_the_fallback_id(call_id: object) -> None:
    body = {**sample("seed_incoming_call.json"), "callId": call_id}
    assert Call.from_payload(body, "local-1").call_id == "local-1"
    del body["callId"]
    assert Call.from_payload(body, "local-2").call_id == "local-2"


def test_a_numeric_call_id_is_read_as_text() -> None:
    body = {**sample("seed_incoming_call.json"), "callId": 1234567890123456}
    assert Call.from_payload(body, "fallback").call_id == "1234567890123456"


def test_an_empty_body_is_a_withheld_call_with_the_fallback_id() -> None:
    call = Call.from_payload({}, "local-x")
    assert call.call_id == "local-x"
    assert call.withheld
    assert call.customer is None
    assert call.operator is None
    assert call.extra == {}


# ---------------------------------------------------------------------------------------------
# Rules


def rule(number: str, action: Action, rule_id: int = 1) -> Rule:
    return Rule(id=rule_id, number=number, action=action)


@pytest.mark.parametrize("first", [Action.ALLOW, Action.BLOCK])
def test_block_wins_when_a_number_is_on_both_lists(first: Action) -> None:
    second = Action.BLOCK if first is Action.ALLOW else Action.ALLOW
    match = RuleIndex([rule(TOKYO, first, 1), rule(TOKYO, second, 2)]).match_number(TOKYO, None)
    assert match.rule is not None and match.rule.action is Action.BLOCK


def test_rules_are_indexed_by_number() -> None:
    allow = rule(TOKYO, Action.ALLOW, 1)
    block = rule("+81120123456", Action.BLOCK, 2)
    index = RuleIndex([allow, block])
    assert index.match_number(TOKYO, None).rule is allow
    assert index.match_number("+81120123456", None).rule is block
    assert index.match_number("+819012345678", None).rule is None


def test_no_rule_matches_a_caller_without_a_number() -> None:
    assert RuleIndex([rule(TOKYO, Action.BLOCK)]).match_number(None, None).rule is None
    assert RuleIndex([rule("", Action.BLOCK)]).match_number("", None).rule is None


# ---------------------------------------------------------------------------------------------
# The decision order


def call_from(number: object) -> Call:
    return Call.from_payload({**sample("seed_incoming_call.json"), "phoneNumber": number}, "fb")


def rules_for(*pairs: tuple[str, Action]) -> RuleIndex:
    return RuleIndex(
        rule(phone.parse_rule_number(number), action, n)
        for n, (number, action) in enumerate(pairs, start=1)
    )


def settings(**changes: Any) -> ScreeningSettings:
    return ScreeningSettings(**changes)


def test_default_settings_are_the_documented_ones() -> None:
    default = ScreeningSettings()
    assert default.mode is Mode.ACCEPT_ALL
    assert default.ask_timeout == 10.0
    assert default.ask_default is Decision.ACCEPT
    assert default.withheld is WithheldHandling.MODE
    assert default.failsafe is Decision.ACCEPT


def test_a_block_rule_rejects_the_call_and_names_the_rule() -> None:
    rules = RuleIndex([rule(TOKYO, Action.BLOCK, 42)])
    verdict = screen(call_from("0330001234"), rules, settings())
    assert isinstance(verdict, Verdict)
    assert verdict.decision is Decision.REJECT
    assert verdict.reason is Reason.RULE
    assert verdict.rule_id == 42
    number = Message("rule.number", ("03-3000-1234",))
    assert verdict.detail == Message("detail.rule.block", (number,))
    assert render(verdict.detail) == "block 03-3000-1234"


def test_an_allow_rule_lets_the_call_through_and_names_the_rule() -> None:
    rules = RuleIndex([rule(TOKYO, Action.ALLOW, 7)])
    verdict = screen(call_from("0330001234"), rules, settings(mode=Mode.REJECT_ALL))
    assert isinstance(verdict, Verdict)
    assert (verdict.decision, verdict.reason, verdict.rule_id) == (Decision.ACCEPT, Reason.RULE, 7)
    assert render(verdict.detail) == "allow 03-3000-1234"


@pytest.mark.parametrize("sent", ["0330001234", "03-3000-1234", "+81330001234", 330001234])
def test_a_rule_matches_however_commubo_writes_the_number(sent: object) -> None:
    rules = rules_for(("03-3000-1234", Action.BLOCK))
    verdict = screen(call_from(sent), rules, settings())
    assert isinstance(verdict, Verdict)
    assert (verdict.decision, verdict.reason) == (Decision.REJECT, Reason.RULE)


@pytest.mark.parametrize("mode", list(Mode))
def test_an_allow_listed_number_rings_through_in_every_mode(mode: Mode) -> None:
    rules = rules_for(("0330001234", Action.ALLOW))
    verdict = screen(call_from("0330001234"), rules, settings(mode=mode))
    assert isinstance(verdict, Verdict), "an allowed caller never waits for a person"
    assert (verdict.decision, verdict.reason) == (Decision.ACCEPT, Reason.RULE)


@pytest.mark.parametrize("mode", list(Mode))
def test_a_block_listed_number_never_rings_in_any_mode(mode: Mode) -> None:
    rules = rules_for(("0330001234", Action.BLOCK))
    verdict = screen(call_from("0330001234"), rules, settings(mode=mode))
    assert isinstance(verdict, Verdict), "a blocked caller never waits for a person"
    assert (verdict.decision, verdict.reason) == (Decision.REJECT, Reason.RULE)


def test_a_number_on_both_lists_is_blocked() -> None:
    rules = rules_for(("0330001234", Action.ALLOW), ("03-3000-1234", Action.BLOCK))
    verdict = screen(call_from("0330001234"), rules, settings(mode=Mode.ACCEPT_ALL))
    assert isinstance(verdict, Verdict)
    assert verdict.decision is Decision.REJECT


def test_a_rule_for_another_number_leaves_the_decision_to_the_mode() -> None:
    rules = rules_for(("0120-123-456", Action.BLOCK))
    verdict = screen(call_from("0330001234"), rules, settings(mode=Mode.ACCEPT_ALL))
    assert isinstance(verdict, Verdict)
    assert (verdict.decision, verdict.reason) == (Decision.ACCEPT, Reason.MODE)
    assert verdict.rule_id is None


@pytest.mark.parametrize(
    ("mode", "decision"), [(Mode.ACCEPT_ALL, Decision.ACCEPT), (Mode.REJECT_ALL, Decision.REJECT)]
)
def test_accept_all_and_reject_all_decide_by_mode(mode: Mode, decision: Decision) -> None:
    verdict = screen(call_from("0330001234"), RuleIndex(), settings(mode=mode))
    assert isinstance(verdict, Verdict)
    assert (verdict.decision, verdict.reason) == (decision, Reason.MODE)
    assert verdict.rule_id is None
    assert verdict.detail == Message("detail.mode", (mode.message,))
    assert render(verdict.detail) == str(mode)


@pytest.mark.parametrize("default", list(Decision))
def test_ask_mode_asks_a_person_with_the_configured_timeout_and_default(default: Decision) -> None:
    outcome = screen(
        call_from("0330001234"),
        RuleIndex(),
        settings(mode=Mode.ASK, ask_timeout=25.0, ask_default=default),
    )
    assert isinstance(outcome, AskPerson)
    assert outcome.timeout == 25.0
    assert outcome.default is default


@pytest.mark.parametrize("number", [None, "", "非通知", "anonymous"])
@pytest.mark.parametrize(
    ("withheld", "mode", "decision"),
    [
        (WithheldHandling.REJECT, Mode.ACCEPT_ALL, Decision.REJECT),
        (WithheldHandling.ACCEPT, Mode.REJECT_ALL, Decision.ACCEPT),
        (WithheldHandling.ACCEPT, Mode.ASK, Decision.ACCEPT),
    ],
)
def test_the_withheld_setting_decides_for_withheld_callers(
    number: str | None, withheld: WithheldHandling, mode: Mode, decision: Decision
) -> None:
    verdict = screen(call_from(number), RuleIndex(), settings(mode=mode, withheld=withheld))
    assert isinstance(verdict, Verdict)
    assert (verdict.decision, verdict.reason) == (decision, Reason.WITHHELD)


def test_withheld_callers_can_be_put_to_a_person_even_in_accept_all() -> None:
    outcome = screen(
        call_from("非通知"),
        RuleIndex(),
        settings(
            mode=Mode.ACCEPT_ALL,
            withheld=WithheldHandling.ASK,
            ask_timeout=4.0,
            ask_default=Decision.REJECT,
        ),
    )
    assert isinstance(outcome, AskPerson)
    assert outcome.timeout == 4.0
    assert outcome.default is Decision.REJECT


@pytest.mark.parametrize(
    ("mode", "decision"), [(Mode.ACCEPT_ALL, Decision.ACCEPT), (Mode.REJECT_ALL, Decision.REJECT)]
)
def test_withheld_set_to_mode_follows_the_mode(mode: Mode, decision: Decision) -> None:
    verdict = screen(
        call_from(""), RuleIndex(), settings(mode=mode, withheld=WithheldHandling.MODE)
    )
    assert isinstance(verdict, Verdict)
    assert (verdict.decision, verdict.reason) == (decision, Reason.MODE)
    ask = screen(
        call_from(""), RuleIndex(), settings(mode=Mode.ASK, withheld=WithheldHandling.MODE)
    )
    assert isinstance(ask, AskPerson)


@pytest.mark.parametrize("withheld", list(WithheldHandling))
def test_the_withheld_setting_does_not_touch_callers_who_show_a_number(
    withheld: WithheldHandling,
) -> None:
    verdict = screen(
        call_from("0330001234"), RuleIndex(), settings(mode=Mode.ACCEPT_ALL, withheld=withheld)
    )
    assert isinstance(verdict, Verdict)
    assert (verdict.decision, verdict.reason) == (Decision.ACCEPT, Reason.MODE)


def test_rules_come_before_the_withheld_setting_and_the_mode() -> None:
    rules = rules_for(("0330001234", Action.ALLOW), ("0120123456", Action.BLOCK))
    strict = settings(mode=Mode.REJECT_ALL, withheld=WithheldHandling.REJECT)
    allowed = screen(call_from("0330001234"), rules, strict)
    withheld = screen(call_from("非通知"), rules, strict)
    assert isinstance(allowed, Verdict) and isinstance(withheld, Verdict)
    assert (allowed.decision, allowed.reason) == (Decision.ACCEPT, Reason.RULE)
    assert (withheld.decision, withheld.reason) == (Decision.REJECT, Reason.WITHHELD)


@pytest.mark.parametrize("default", list(Decision))
def test_when_nobody_answers_the_default_applies_with_reason_timeout(default: Decision) -> None:
    ask = AskPerson(timeout=10.0, default=default, detail=mode_detail(Mode.ASK))
    verdict = ask.timed_out()
    assert verdict.decision is default
    assert verdict.reason is Reason.TIMEOUT
    assert render(verdict.detail) == f"default {default}"
    assert verdict.rule_id is None
    assert render(ask.timed_out(Unanswered.NO_CONSOLE).detail) == (
        f"no console is open to ask; default {default}")
    assert render(ask.timed_out(Unanswered.STOPPING).detail) == (
        f"callgate is stopping; default {default}")


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("3", 3.0), ("10", 10.0), ("60", 60.0), ("7.5", 7.5), (" 20 ", 20.0), ("3.0", 3.0)],
)
def test_ask_timeout_accepts_3_to_60_seconds(text: str, seconds: float) -> None:
    assert parse_ask_timeout(text) == seconds


@pytest.mark.parametrize("text", ["2.99", "0", "-5", "60.01", "61", "3600", "inf", "-inf"])
def test_ask_timeout_outside_3_to_60_seconds_is_refused(text: str) -> None:
    with refused("between 3 and 60 seconds"):
        parse_ask_timeout(text)


@pytest.mark.parametrize("text", ["abc", "", "ten", "10s", "1,5"])
def test_ask_timeout_that_is_no_number_is_refused_with_a_reason(text: str) -> None:
    with refused(f"must be a number of seconds, not {re.escape(repr(text))}"):
        parse_ask_timeout(text)


def test_ask_timeout_nan_is_refused() -> None:
    with refused("ask timeout"):
        parse_ask_timeout("nan")


@pytest.mark.parametrize("decision", list(Decision))
def test_failsafe_uses_the_configured_decision_and_keeps_the_reason(decision: Decision) -> None:
    chosen = settings(failsafe=decision, mode=Mode.REJECT_ALL)
    why = Message("detail.failsafe.storage", ("disk full",))
    assert failsafe(chosen, why) == Verdict(decision, Reason.FAILSAFE, why)


def test_failsafe_lets_calls_through_by_default() -> None:
    bug = Message("detail.failsafe.unexpected", ("bug",))
    assert failsafe(ScreeningSettings(), bug).decision is Decision.ACCEPT
