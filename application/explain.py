"""Why a call from a number would be decided as it would: the pure explanation, fed with the
rules, settings and history stored now. Records nothing. Used by `explain` and the console's
"Test a number"."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlite_utils import Database

from screening.call import Call, Customer
from screening.decision_order import Explanation, explain
from screening.policy import ScreeningSettings
from screening.rules import RuleIndex
from storage.calls import CallHistory
from storage.rules import RuleBook


def explain_call(db: Database, settings: ScreeningSettings, number: str, *,
                 customer: Customer | None = None, at: datetime | None = None) -> Explanation:
    """The explanation for a call from `number` at `at` (now if None)."""
    now = at or datetime.now(UTC)
    call = Call(call_id="explain", phone_number=number, customer=customer)
    rejected = (CallHistory(db).last_reject(call.caller, before=now)
                if settings.repeat_caller and call.caller else None)
    return explain(call, RuleIndex(RuleBook(db).rules()), settings, now=now,
                   last_reject=rejected)
