"""The call history: pages, counts and details for people to browse, today's calls, and
tables for spreadsheets. Times are UTC instants; the office's day is its time zone's."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any, TextIO

from sqlite_utils import Database

from application.settings import SettingsService
from screening import phone
from screening.call import CallerClass
from screening.instants import zone
from screening.messages import Message
from screening.policy import Decision, Reason
from storage.calls import CallHistory
from storage.history_filter import HistoryFilter
from tables.cells import Cell, moment_cell

#: The columns of `history --csv|--xlsx|--json`: everything stored about a call.
HISTORY_FIELDS = (
    "call_id", "received_at", "phone_number", "caller", "customer_name", "customer_kana",
    "customer_org", "operator_name", "scenario_id", "call_type", "decision", "reason", "detail",
    "rule_id", "latency_ms", "repeats", "decided_by", "raw_body",
)

Words = Callable[[Message], str]
"""A message in the reader's words (the edge's: wording.render with its translation)."""


@dataclass(frozen=True)
class HistoryQuery:
    """Which calls, in which order, and which part of them. `upto_id` keeps a stable snapshot
    while calls keep arriving; `after_id` asks only what came after the rows already shown."""

    text: str = ""
    decision: Decision | None = None
    reason: Reason | None = None
    received_from: datetime | None = None
    received_to: datetime | None = None
    order_column: str = "received_at"
    descending: bool = True
    offset: int = 0
    limit: int = 200
    upto_id: int | None = None
    after_id: int | None = None

    def filter(self) -> HistoryFilter:
        return HistoryFilter(self.text, self.decision, self.reason, self.received_from,
                             self.received_to, self.upto_id, self.after_id)


def caller_class(row: dict[str, Any]) -> CallerClass:
    """The class a stored call's caller was in, as far as the row tells."""
    number = row.get("phone_number") or ""
    if phone.is_withheld(number):
        return CallerClass.PAYPHONE if phone.is_payphone(number) else CallerClass.WITHHELD
    customer = row.get("customer_name") or row.get("customer_org")
    return CallerClass.CUSTOMER if customer else CallerClass.UNKNOWN


@dataclass(frozen=True)
class HistoryRow:
    """One call as a history list shows it."""

    id: int
    call_id: str
    received_at: datetime
    phone_number: str
    caller: str | None
    caller_class: CallerClass
    customer_name: str
    customer_kana: str
    customer_org: str
    customer_org_kana: str
    operator_name: str
    decision: Decision
    reason: Reason
    detail: Message
    latency_ms: float | None
    repeats: int
    decided_by: str | None = None  # the desk whose person decided (reason `person`)

    @classmethod
    def of(cls, row: dict[str, Any]) -> HistoryRow:
        return cls(
            id=int(row["id"]), call_id=str(row["call_id"]),
            received_at=datetime.fromisoformat(row["received_at"]),
            phone_number=row["phone_number"] or "", caller=row["caller"],
            caller_class=caller_class(row), customer_name=row["customer_name"] or "",
            customer_kana=row["customer_kana"] or "", customer_org=row["customer_org"] or "",
            customer_org_kana=row.get("customer_org_kana") or "",
            operator_name=row["operator_name"] or "", decision=Decision(row["decision"]),
            reason=Reason(row["reason"]), detail=row["detail"],
            latency_ms=row["latency_ms"], repeats=int(row["repeats"] or 0),
            decided_by=row.get("decided_by"))


@dataclass(frozen=True)
class HistoryPage:
    rows: list[HistoryRow]
    upto_id: int  # the newest row id the query could see
    # How many calls up to upto_id match, when a first page came with it (a search's count
    # comes from its dictionary); else None, and HistoryService.count() counts them.
    count: int | None = None


@dataclass(frozen=True)
class HistoryRecord:
    """Everything stored about one call, raw body included."""

    row: HistoryRow
    raw_body: str
    scenario_id: str
    call_type: str
    rule_id: int | None


class HistoryService:
    def __init__(self, db: Callable[[], Database], settings: SettingsService) -> None:
        self._db = db
        self._settings = settings

    def _calls(self) -> CallHistory:
        return CallHistory(self._db())

    def page(self, query: HistoryQuery) -> HistoryPage:
        """One page of the calls that match, in the query's order."""
        calls = self._calls()
        newest = calls.last_id()
        upto = newest if query.upto_id is None else min(newest, query.upto_id)
        # Bounded by what it says it saw: a call recorded meanwhile is in no page of this one.
        rows = calls.page(replace(query, upto_id=upto).filter(), query.order_column,
                          query.descending, query.offset, query.limit, counted=query.offset == 0)
        return HistoryPage([HistoryRow.of(row) for row in rows], upto, rows.total)

    def count(self, query: HistoryQuery) -> int:
        return self._calls().count_matching(query.filter())

    def newest_id(self) -> int:
        return self._calls().last_id()

    def detail(self, row_id: int) -> HistoryRecord | None:
        row = self._calls().get(row_id)
        if row is None:
            return None
        return HistoryRecord(HistoryRow.of(row), row["raw_body"] or "", row["scenario_id"] or "",
                             row["call_type"] or "", row["rule_id"])

    def recent(self, limit: int | None = None, text: str = "") -> list[dict[str, Any]]:
        """The newest calls with every stored column (raw body too), newest first; with `text`,
        those the history's search finds by it (a number, a name, a company or their kana)."""
        return self._calls().recent(limit, HistoryFilter(text=text))

    def today(self, now: datetime, limit: int) -> list[dict[str, Any]]:
        """Up to `limit` of the calls of the office's day that `now` is in, newest first."""
        office = zone(self._settings.get().time_zone)
        midnight = now.astimezone(office).replace(hour=0, minute=0, second=0, microsecond=0)
        return [row for row in self.recent(limit)
                if datetime.fromisoformat(row["received_at"]) >= midnight]

    # -- Tables: `history --csv|--xlsx|--json` ---------------------------------------------

    def cells(self, rows: Iterable[dict[str, Any]], words: Words) -> Iterator[list[Cell]]:
        """Calls as rows of HISTORY_FIELDS for a spreadsheet: ids as text, the detail in the
        reader's `words`, the time received in the office's time zone."""
        office = zone(self._settings.get().time_zone)
        for row in rows:
            cells: dict[str, Cell] = {field: row[field] for field in HISTORY_FIELDS}
            cells["received_at"] = moment_cell(row["received_at"], office)
            if row["detail"] is not None:
                cells["detail"] = words(row["detail"])
            if row["rule_id"] is not None:
                cells["rule_id"] = str(row["rule_id"])
            yield list(cells.values())

    # tables.files (and the temporary files and archives it imports) loads with the first
    # export, not with every start of the service.

    def write_csv(self, out: TextIO, rows: Iterable[dict[str, Any]], words: Words) -> None:
        from tables.files import write_csv

        write_csv(out, list(HISTORY_FIELDS), self.cells(rows, words))

    def write_xlsx(self, path: Path, rows: Iterable[dict[str, Any]], words: Words) -> int:
        """The calls written to an Excel workbook; how many."""
        from tables.files import write_xlsx

        return write_xlsx(path, list(HISTORY_FIELDS), self.cells(rows, words))
