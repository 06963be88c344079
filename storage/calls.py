"""The call history: one row per call, written before commubo gets its answer."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sqlite_utils import Database

from screening.call import Call
from screening.policy import Decision, Reason, Verdict


@dataclass(frozen=True)
class CallRecord:
    """What the history keeps of one call and its decision."""

    call_id: str
    received_at: str
    phone_number: str
    caller: str | None
    customer_name: str
    customer_kana: str
    customer_org: str
    operator_name: str
    scenario_id: str
    call_type: str
    decision: str
    reason: str
    detail: str
    rule_id: int | None
    latency_ms: float
    raw_body: str

    @classmethod
    def of(
        cls, call: Call, verdict: Verdict, received_at: str, latency_ms: float, raw_body: str
    ) -> CallRecord:
        customer = call.customer
        return cls(
            call_id=call.call_id,
            received_at=received_at,
            phone_number=call.phone_number,
            caller=call.caller,
            customer_name=customer.name if customer else "",
            customer_kana=customer.name_kana if customer else "",
            customer_org=(customer.org_name or customer.org_short_name) if customer else "",
            operator_name=call.operator.name if call.operator else "",
            scenario_id=call.scenario_id,
            call_type=call.call_type,
            decision=verdict.decision,
            reason=verdict.reason,
            detail=verdict.detail,
            rule_id=verdict.rule_id,
            latency_ms=round(latency_ms, 3),
            raw_body=raw_body,
        )


class CallHistory:
    def __init__(self, db: Database) -> None:
        self._db = db

    def record(self, record: CallRecord) -> None:
        self._db.table("calls").insert(asdict(record))

    def verdict_of(self, call_id: str) -> Verdict | None:
        """The stored decision for a call id, to answer a repeated post the same way."""
        row = self._db.execute(
            "SELECT decision, reason, detail, rule_id FROM calls WHERE call_id = ?", [call_id]
        ).fetchone()
        if row is None:
            return None
        return Verdict(Decision(row[0]), Reason(row[1]), row[2] or "", row[3])

    def note_repeat(self, call_id: str) -> None:
        self._db.execute("UPDATE calls SET repeats = repeats + 1 WHERE call_id = ?", [call_id])

    def recent(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Newest first."""
        sql = "SELECT * FROM calls ORDER BY received_at DESC, id DESC"
        params: list[int] = []
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        return list(self._db.query(sql, params))

    def count(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM calls").fetchone()[0])
