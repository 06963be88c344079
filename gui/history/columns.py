"""The history's columns: what each shows of a call, the order each sorts in (the listener's,
so that new calls can be put in their place among the rows shown), and how wide each is."""

from __future__ import annotations

import json
import math
from datetime import UTC, date, datetime, time
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, QLocale
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QHeaderView, QStyle, QTableView

from gui import present
from screening import names
from screening.policy import Decision, Reason
from server.protocol.messages import HistoryRow


class Column(IntEnum):
    RECEIVED = 0
    NUMBER = 1
    CUSTOMER = 2
    COMPANY = 3
    DECISION = 4
    REASON = 5
    LATENCY = 6


# The stored column each table column sorts by (storage whitelists these).
SORT_KEYS = {
    Column.RECEIVED: "received_at",
    Column.NUMBER: "caller",
    Column.CUSTOMER: "customer_reading",  # by the kana reading
    Column.COMPANY: "customer_org",
    Column.DECISION: "decision",
    Column.REASON: "reason",
    Column.LATENCY: "latency_ms",
}


def headers() -> dict[Column, str]:
    # Literal calls, so that lupdate finds each text under the context it is looked up in.
    return {
        Column.RECEIVED: QCoreApplication.translate("HistoryModel", "Received"),
        Column.NUMBER: QCoreApplication.translate("HistoryModel", "Number"),
        Column.CUSTOMER: QCoreApplication.translate("HistoryModel", "Customer"),
        Column.COMPANY: QCoreApplication.translate("HistoryModel", "Company"),
        Column.DECISION: QCoreApplication.translate("HistoryModel", "Decision"),
        Column.REASON: QCoreApplication.translate("HistoryModel", "Reason"),
        Column.LATENCY: QCoreApplication.translate("HistoryModel", "Latency (ms)"),
    }


def latency_text(latency_ms: float) -> str:
    return QLocale().toString(float(latency_ms), "f", 1)


def display(row: HistoryRow, column: Column) -> str:
    if column is Column.RECEIVED:
        return present.moment_text(row.received_at, present.Style.SECONDS)
    if column is Column.NUMBER:
        return present.number_text(row.caller, row.phone_number)
    if column is Column.CUSTOMER:
        return row.customer_name
    if column is Column.COMPANY:
        return row.customer_org
    if column is Column.DECISION:
        return present.decision_text(row.decision)
    if column is Column.REASON:
        return present.reason_text(row.reason, row.decided_by)
    return "" if row.latency_ms is None else latency_text(row.latency_ms)


def tooltip(row: HistoryRow, column: Column) -> str | None:
    if column is Column.RECEIVED:
        return present.moment_text(row.received_at, present.Style.LONG)
    if column is Column.NUMBER:
        return present.fill(QCoreApplication.translate("HistoryModel", "Sent as: %1"),
                            row.phone_number or "—")
    if column is Column.CUSTOMER:
        if row.customer_kana or row.customer_name:
            return row.customer_kana or None
        return QCoreApplication.translate("HistoryModel", "Unknown caller")
    if column is Column.COMPANY:
        return row.customer_org_kana or None
    if column is Column.REASON:
        return present.detail_text(row.detail) or None
    return None


def order_key(row: HistoryRow, column: Column) -> tuple[Any, ...]:
    """Where a call sorts by `column`, as the listener sorts it (storage/calls.py: the column,
    then the time received, then the row id; nothing before any value, as in SQL)."""
    if column is Column.RECEIVED:
        return row.received_at, row.id
    value: Any = {
        Column.NUMBER: row.caller,
        Column.CUSTOMER: names.reading(row.customer_kana, row.customer_name),
        Column.COMPANY: row.customer_org, Column.DECISION: row.decision.value,
        Column.REASON: row.reason.value, Column.LATENCY: row.latency_ms,
    }[column]
    return (0,) if value is None else (1, value), row.received_at, row.id


def pretty_payload(raw_body: str) -> str:
    """The body as commubo sent it, indented; text that is not JSON is shown as it is."""
    try:
        data = json.loads(raw_body)
    except ValueError:
        return raw_body
    return json.dumps(data, ensure_ascii=False, indent=2)


def day_start_utc(day: QDate) -> datetime:
    """The office's midnight at the start of `day`, as an aware UTC datetime."""
    start = present.office_wall_time(date(day.year(), day.month(), day.day()), time())
    return start.astimezone(UTC)


def office_today() -> QDate:
    today = present.office_now().date()
    return QDate(today.year, today.month, today.day)


# Samples of the widest texts of the columns sized to fit them: a date with each weekday and
# month name (their widths differ), and numbers as they are shown.
_SAMPLE_MOMENTS = tuple(datetime(2026, month, day, 20, 58, 58, tzinfo=UTC)
                        for month in range(1, 13) for day in range(21, 28))
_SAMPLE_NUMBERS = ("+81330001234", "+819000000000", "+12025550100")


def fit_columns(table: QTableView) -> None:
    """Dates, numbers, decisions, reasons and latencies whole, sized from the font and the
    widest text each can show (not from the rows loaded so far); names and companies take
    the rest."""
    samples: dict[Column, list[str]] = {
        Column.RECEIVED: [present.moment_text(moment, present.Style.SECONDS)
                          for moment in _SAMPLE_MOMENTS],
        Column.NUMBER: [present.number_text(number, "") for number in _SAMPLE_NUMBERS]
        + [present.number_text(None, ""), present.number_text(None, "公衆電話")],
        Column.DECISION: [present.decision_text(decision) for decision in Decision],
        Column.REASON: [present.reason_text(reason) for reason in Reason],
        Column.LATENCY: [latency_text(99999.9)],
    }
    header = table.horizontalHeader()
    # In fractions of a pixel, as the style lays a cell's text out: a text 132.03 pixels wide
    # in a cell of 132 is cut ("10:33:…"), though whole pixels would call it a fit.
    metrics = QFontMetricsF(table.font())
    # A cell is its column less the grid line, with the style's text margin on either side.
    margin = 2 * (table.style().pixelMetric(
        QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1) + int(table.showGrid())
    # Digits differ in width in many fonts: measure each sample with the widest.
    digit = max("0123456789", key=metrics.horizontalAdvance)
    widest_digits = str.maketrans("0123456789", digit * 10)
    for column, texts in samples.items():
        widest = math.ceil(max(metrics.horizontalAdvance(text.translate(widest_digits))
                               for text in texts)) + margin
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        title = header.sectionSizeFromContents(column).width()
        header.resizeSection(column, max(widest, title))
    for column in (Column.CUSTOMER, Column.COMPANY):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
