"""How calls, decisions and times read on screen, in one place for every view."""

from __future__ import annotations

from datetime import datetime
from functools import lru_cache

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDateTime, QLocale, QTimeZone

from screening import phone
from screening.call import Call
from screening.policy import Decision, Reason, Verdict


def tr(text: str) -> str:
    return QCoreApplication.translate("present", text)


@lru_cache(maxsize=8192)
def _display_number(caller: str) -> str:
    return phone.display(caller)


def number_text(caller: str | None, phone_number: str) -> str:
    """03-3000-1234 for a canonical `caller`; 非通知 / withheld; or the number as sent when it
    is no possible number."""
    if caller:
        return _display_number(caller)
    if phone.is_withheld(phone_number):
        return tr("非通知 / withheld")
    return phone_number


def caller_number(call: Call) -> str:
    """03-3000-1234, or the plain words for a caller without a usable number."""
    return number_text(call.caller, call.phone_number)


def caller_name(call: Call) -> str:
    if call.customer is None or not call.customer.name:
        return tr("Unknown caller")
    return call.customer.name


def company_line(call: Call) -> str:
    """Company and department; short names where commubo has them, to fit one line."""
    customer = call.customer
    if customer is None:
        return ""
    org = customer.org_short_name or customer.org_name
    dept = customer.dept_short_name or customer.dept_name
    return " ".join(part for part in (org, dept) if part)


def decision_text(decision: Decision) -> str:
    return tr("Let through") if decision is Decision.ACCEPT else tr("Rejected")


REASON_TEXT = {
    Reason.RULE: QT_TRANSLATE_NOOP("present", "by a rule"),
    Reason.WITHHELD: QT_TRANSLATE_NOOP("present", "withheld-caller setting"),
    Reason.MODE: QT_TRANSLATE_NOOP("present", "by the mode"),
    Reason.PERSON: QT_TRANSLATE_NOOP("present", "by a person"),
    Reason.TIMEOUT: QT_TRANSLATE_NOOP("present", "nobody answered in time"),
    Reason.FAILSAFE: QT_TRANSLATE_NOOP("present", "fail-safe"),
    Reason.REFUSED: QT_TRANSLATE_NOOP("present", "refused request"),
    Reason.STOPPED: QT_TRANSLATE_NOOP("present", "callgate stopped before answering"),
}


def reason_text(reason: Reason) -> str:
    return tr(str(REASON_TEXT[reason]))


def verdict_text(verdict: Verdict) -> str:
    """'Rejected: by a rule (block rule for 03-3000-1234)'."""
    why = reason_text(verdict.reason)
    detail = f" ({verdict.detail})" if verdict.detail else ""
    return f"{decision_text(verdict.decision)}: {why}{detail}"


def moment_text(moment: datetime, fmt: QLocale.FormatType = QLocale.FormatType.ShortFormat) -> str:
    """A moment in the user's time zone and locale."""
    when = QDateTime.fromSecsSinceEpoch(int(moment.timestamp()), QTimeZone.systemTimeZone())
    return QLocale().toString(when, fmt)


def local_time(stamp: str | None,
               fmt: QLocale.FormatType = QLocale.FormatType.ShortFormat) -> str:
    """A stored UTC ISO timestamp in the user's time zone and locale; '' for none, and the
    stamp as stored if it cannot be read."""
    if not stamp:
        return ""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    return moment_text(moment, fmt)
