"""The call commubo announces, read leniently from its 着信応答コールの通知 body.

commubo's reference is loose (integers sent as strings, a misspelt field, an absent customer),
so every field is optional here and unknown fields are kept rather than refused.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any

from screening import phone

CALL_FIELDS = frozenset({"callId", "callType", "phoneNumber", "customer", "operator", "scenario"})


def _text(value: object) -> str:
    """Scalars as text (commubo sends some integers as strings and some as numbers)."""
    if value is None or isinstance(value, (dict, list)):
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    return str(value).strip()


class WrittenNumber(float):
    """A JSON number with a fraction or an exponent that remembers how it was written: two
    numbers a double cannot tell apart are still two call ids."""

    text: str

    def __new__(cls, text: str) -> WrittenNumber:
        number = super().__new__(cls, text)
        number.text = text
        return number


_DECODER = json.JSONDecoder(parse_float=WrittenNumber)  # made once: json.loads makes one a call


def decode(body: str) -> Any:
    """A body's JSON, numbers with a fraction or an exponent as WrittenNumber."""
    return _DECODER.decode(body)


def _call_id(value: object) -> str:
    """The call id as sent, compared exactly: a string as it is (spaces are part of it), a
    number as written (an integer as its decimal text); anything else (a blank string, NaN,
    Infinity, a number too large for a double, a boolean, an object) is no id that another
    post could repeat, so "" (none)."""
    if isinstance(value, str):
        return value if value.strip() else ""
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if isinstance(value, float) and math.isfinite(value):
        return value.text if isinstance(value, WrittenNumber) else repr(value)
    return ""


def _joined(*parts: str) -> str:
    return " ".join(part for part in parts if part)


@dataclass(frozen=True)
class Customer:
    """A caller commubo knows from the office's customer list."""

    customer_id: str = ""
    family_name: str = ""
    personal_name: str = ""
    middle_name: str = ""
    family_name_kana: str = ""
    personal_name_kana: str = ""
    middle_name_kana: str = ""
    org_name: str = ""
    org_name_kana: str = ""
    org_short_name: str = ""
    org_short_name_kana: str = ""
    dept_name: str = ""
    dept_short_name: str = ""
    note: str = ""
    phone_numbers: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        """Family name first, as in Japanese: 鈴木 スミス 一郎."""
        return _joined(self.family_name, self.middle_name, self.personal_name)

    @property
    def name_kana(self) -> str:
        return _joined(self.family_name_kana, self.middle_name_kana, self.personal_name_kana)

    @property
    def org(self) -> str:
        """The company: its name, else its short name."""
        return self.org_name or self.org_short_name

    @property
    def org_kana(self) -> str:
        """The company's reading: of its name, else of its short name (a list may have only
        that)."""
        return self.org_name_kana or self.org_short_name_kana

    @classmethod
    def from_payload(cls, data: Mapping[str, Any]) -> Customer:
        numbers = data.get("phoneNumbers")
        return cls(
            customer_id=_text(data.get("customerId")),
            family_name=_text(data.get("familyName")),
            personal_name=_text(data.get("personalName")),
            middle_name=_text(data.get("middleName")),
            family_name_kana=_text(data.get("familyNameKana")),
            personal_name_kana=_text(data.get("personalNameKana")),
            middle_name_kana=_text(data.get("middleNameKana")),
            org_name=_text(data.get("orgName")),
            org_name_kana=_text(data.get("orgNameKana")),
            org_short_name=_text(data.get("orgShortName")),
            org_short_name_kana=_text(data.get("orgShortNameKana")),
            dept_name=_text(data.get("deptName")),
            dept_short_name=_text(data.get("deptShortName")),
            note=_text(data.get("note")),
            phone_numbers=tuple(_text(n) for n in numbers) if isinstance(numbers, list) else (),
        )


@dataclass(frozen=True)
class Operator:
    """The commubo AI operator that took the call."""

    operator_id: str = ""
    voice_id: str = ""
    name: str = ""
    short_name: str = ""

    @classmethod
    def from_payload(cls, data: Mapping[str, Any]) -> Operator:
        # The field table spells it operatorVocieId, the example operatorVoiceId: accept both.
        voice = data.get("operatorVoiceId")
        if voice is None:
            voice = data.get("operatorVocieId")
        return cls(
            operator_id=_text(data.get("operatorId")),
            voice_id=_text(voice),
            name=_text(data.get("name")),
            short_name=_text(data.get("shortName")),
        )


class CallerClass(StrEnum):
    """Who is calling, as far as commubo's body tells: the classes a setting can treat alike."""

    WITHHELD = "withheld"  # 非通知: no number, or no digits in it
    PAYPHONE = "payphone"  # 公衆電話, when commubo marks it (see phone.PAYPHONE_MARKS)
    CUSTOMER = "customer"  # a registered customer: commubo sent a `customer` object
    UNKNOWN = "unknown"  # a number commubo does not know


@dataclass(frozen=True)
class Call:
    """One incoming call as announced by commubo."""

    call_id: str
    phone_number: str = ""
    call_type: str = ""
    customer: Customer | None = None
    operator: Operator | None = None
    scenario_id: str = ""
    extra: Mapping[str, Any] = field(default_factory=dict)

    @property
    def withheld(self) -> bool:
        """非通知: commubo sent no number we could show (empty, missing or non-numeric)."""
        return phone.is_withheld(self.phone_number)

    @property
    def payphone(self) -> bool:
        """公衆電話, if commubo marks it as phone.PAYPHONE_MARKS assumes (also `withheld`)."""
        return phone.is_payphone(self.phone_number)

    @property
    def caller_class(self) -> CallerClass:
        """The caller's class; a withheld or payphone call is that, customer object or not."""
        if self.withheld:
            return CallerClass.PAYPHONE if self.payphone else CallerClass.WITHHELD
        return CallerClass.UNKNOWN if self.customer is None else CallerClass.CUSTOMER

    @cached_property
    def caller(self) -> str | None:
        """The caller's canonical number, when there is a possible one (parsed once)."""
        return None if self.withheld else phone.canonical(self.phone_number)

    @classmethod
    def from_payload(cls, data: Mapping[str, Any], fallback_id: str) -> Call:
        """Read a decoded body; fields of the wrong kind are treated as absent, never refused."""
        customer = data.get("customer")
        operator = data.get("operator")
        scenario = data.get("scenario")
        return cls(
            call_id=_call_id(data.get("callId")) or fallback_id,
            phone_number=_text(data.get("phoneNumber")),
            call_type=_text(data.get("callType")),
            customer=Customer.from_payload(customer) if isinstance(customer, dict) else None,
            operator=Operator.from_payload(operator) if isinstance(operator, dict) else None,
            scenario_id=_text(scenario.get("scenarioId")) if isinstance(scenario, dict) else "",
            extra={k: v for k, v in data.items() if k not in CALL_FIELDS},
        )
