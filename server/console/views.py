"""The listener's own values as the console protocol shows them (server/protocol/messages.py)."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from screening.call import Call, Customer
from screening.mode_in_force import ModeInForce
from screening.policy import Decision, Reason, Verdict
from server.console.reach import public_base
from server.protocol.messages import (
    CallDecided,
    CallView,
    CustomerView,
    ModeState,
    PublicUrl,
    ReachState,
    SelfTestView,
)
from server.selftest import Reachability
from server.tunnels import TunnelStatus, sentence


def instant(stamp: str) -> datetime:
    """A stored UTC ISO 8601 time as an aware datetime."""
    return datetime.fromisoformat(stamp)


def customer_view(customer: Customer) -> CustomerView:
    return CustomerView(
        customer_id=customer.customer_id, name=customer.name, kana=customer.name_kana,
        org=customer.org_name, org_kana=customer.org_name_kana,
        org_short=customer.org_short_name, dept=customer.dept_name,
        dept_short=customer.dept_short_name, note=customer.note)


def call_view(call: Call) -> CallView:
    return CallView(
        call_id=call.call_id, phone_number=call.phone_number, caller=call.caller,
        caller_class=call.caller_class,
        customer=customer_view(call.customer) if call.customer is not None else None,
        operator=call.operator.name if call.operator is not None else "",
        scenario_id=call.scenario_id, call_type=call.call_type)


def _stored_call(row: dict[str, Any]) -> Call:
    """The call a history row keeps, from the body commubo sent (so the card has the note
    and the department), or from the row's own columns when the body is no JSON object."""
    try:
        data = json.loads(row.get("raw_body") or "")
    except ValueError:
        data = None
    if isinstance(data, dict):
        stored = Call.from_payload(data, row["call_id"])
        if stored.call_id == row["call_id"]:
            return stored
    return Call(call_id=row["call_id"], phone_number=row.get("phone_number") or "")


def decided(call: Call, verdict: Verdict, received_at: str, latency_ms: float) -> CallDecided:
    return CallDecided(
        call=call_view(call), received_at=instant(received_at), decision=verdict.decision,
        reason=verdict.reason, detail=verdict.detail, latency_ms=latency_ms,
        decided_by=verdict.decided_by)


def decided_of_row(row: dict[str, Any]) -> CallDecided:
    """A history row (with its raw body) as the event that decided it."""
    return CallDecided(
        call=call_view(_stored_call(row)), received_at=instant(row["received_at"]),
        decision=Decision(row["decision"]), reason=Reason(row["reason"]),
        detail=row["detail"], latency_ms=row.get("latency_ms") or 0.0,
        decided_by=row.get("decided_by"))


def mode_state(mode: ModeInForce) -> ModeState:
    return ModeState(mode=mode.mode, source=mode.source, until=mode.until,
                     office_open=mode.schedule.open if mode.schedule is not None else None)


def reach_state(found: Reachability, at: datetime) -> ReachState:
    """A reachability check's finding, as codes the console words."""
    state = found.state if found.state in ("reachable", "unreachable") else "unknown"
    return ReachState(state=state, summary=found.summary_message(),  # type: ignore[arg-type]
                      detail=found.said if found.said else None,
                      public_base=public_base(found.public_webhook_url), checked_at=at)


def self_test_view(found: Reachability, at: datetime) -> SelfTestView:
    test = found.self_test
    return SelfTestView(ok=test.ok if test is not None else False,
                        kind=test.kind if test is not None else "error",
                        message=test.said if test is not None else found.said,
                        round_trip_ms=test.round_trip_ms if test is not None else None,
                        reach=reach_state(found, at))


def public_url(status: TunnelStatus | None) -> PublicUrl:
    if status is None:
        return PublicUrl(public_base=None, no_tunnel=True)
    return PublicUrl(public_base=status.public_url, healthy=status.healthy,
                     why=sentence(status.said) if status.said else None)
