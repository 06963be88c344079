"""How calls, decisions and times read on screen, in one place for every view."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from enum import Enum
from functools import lru_cache
from zoneinfo import ZoneInfo

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDate,
    QDateTime,
    QLocale,
    QTime,
    QTimeZone,
)

import wording
from screening import phone
from screening.instants import DEFAULT_TIME_ZONE, zone
from screening.messages import Message
from screening.mode import Mode
from screening.policy import Decision, Reason
from screening.rules import RuleKind
from server.protocol.messages import CallView, Failed, Refused


def translated(marked: str) -> str:
    """A text marked with QT_TRANSLATE_NOOP("present", ...) in the console's language.

    Only marked texts: a text looked up here but written without the mark is not in the
    catalogue (lupdate finds the literal of a `translate("present", "...")` call, or of a
    mark, never a variable's), so every other text of this module is a literal call."""
    return QCoreApplication.translate("present", marked)


def fill(template: str, *args: str) -> str:
    """A translated template with %1, %2, ... replaced at once (an argument that holds "%2"
    itself stays as it is)."""
    return re.sub(r"%(\d)", lambda found: args[int(found[1]) - 1]
                  if 0 < int(found[1]) <= len(args) else found[0], template)


def qt_translate(context: str, text: str, count: int) -> str:
    """wording's templates through the console's translations (the catalogue of issue 12)."""
    return QCoreApplication.translate(context, text, None, count)


def words(message: Message) -> str:
    """A message (an explanation's step, a problem) in the console's language."""
    return wording.render(message, qt_translate)


def refused(error: ValueError) -> str:
    """Why some input was refused, in the console's language."""
    return wording.refused(error, qt_translate)


def not_done(result: Refused | Failed) -> str:
    """Why the listener did not do what the console asked, in the console's language: the
    input's refusal, or the trouble that stopped it (the database locked, say)."""
    return words(result.reason if isinstance(result, Refused) else result.message)


# --- Callers -----------------------------------------------------------------------------------


@lru_cache(maxsize=8192)
def _display_number(caller: str) -> str:
    return phone.display(caller)


def number_text(caller: str | None, phone_number: str) -> str:
    """03-3000-1234 for a canonical `caller`; 公衆電話 / payphone; 非通知 / withheld; or the
    number as sent when it is no possible number."""
    if caller:
        return _display_number(caller)
    if phone.is_payphone(phone_number):
        return QCoreApplication.translate("present", "公衆電話 / payphone")
    if phone.is_withheld(phone_number):
        return QCoreApplication.translate("present", "非通知 / withheld")
    return phone_number


def caller_number(call: CallView) -> str:
    """03-3000-1234, or the plain words for a caller without a usable number."""
    return number_text(call.caller, call.phone_number)


def caller_name(call: CallView) -> str:
    if call.customer is None or not call.customer.name:
        return QCoreApplication.translate("present", "Unknown caller")
    return call.customer.name


def company_line(call: CallView) -> str:
    """Company and department; short names where commubo has them, to fit one line."""
    customer = call.customer
    if customer is None:
        return ""
    org = customer.org_short or customer.org
    dept = customer.dept_short or customer.dept
    return " ".join(part for part in (org, dept) if part)


def rule_note(name: str, company: str) -> str:
    """The note of a rule made from a call: who called, so the list says whose number it is."""
    if name and company:
        return fill(QCoreApplication.translate("present", "%1 (%2)"), name, company)
    return name or company


def call_rule_note(call: CallView) -> str:
    customer = call.customer
    if customer is None:
        return ""
    return rule_note(customer.name, customer.org or customer.org_short)


def rule_target(kind: RuleKind, target: str) -> str:
    """A rule's canonical target as people write it: 03-3000-1234, 0120*, or the name."""
    if kind is RuleKind.NUMBER:
        return _display_number(target)
    if kind is RuleKind.PREFIX:
        return phone.display_prefix(target)
    return target


# --- Decisions ---------------------------------------------------------------------------------


MODE_TEXT = {
    Mode.ACCEPT_ALL: QT_TRANSLATE_NOOP("present", "Let all through"),
    Mode.ASK: QT_TRANSLATE_NOOP("present", "Ask me"),
    Mode.REJECT_ALL: QT_TRANSLATE_NOOP("present", "Reject all"),
}


def mode_text(mode: Mode) -> str:
    """A mode as its button says it."""
    return translated(str(MODE_TEXT[mode]))


def decision_text(decision: Decision) -> str:
    if decision is Decision.ACCEPT:
        return QCoreApplication.translate("present", "Let through")
    return QCoreApplication.translate("present", "Rejected")


REASON_TEXT = {
    Reason.RULE: QT_TRANSLATE_NOOP("present", "by a rule"),
    Reason.WITHHELD: QT_TRANSLATE_NOOP("present", "withheld setting"),
    Reason.MODE: QT_TRANSLATE_NOOP("present", "by the mode"),
    Reason.PERSON: QT_TRANSLATE_NOOP("present", "by a person"),
    Reason.TIMEOUT: QT_TRANSLATE_NOOP("present", "timed out"),
    Reason.FAILSAFE: QT_TRANSLATE_NOOP("present", "fail-safe"),
    Reason.REFUSED: QT_TRANSLATE_NOOP("present", "refused request"),
    Reason.STOPPED: QT_TRANSLATE_NOOP("present", "callgate stopped"),
}

# A decision with its reason as one sentence (%1 the decision, %2 the verdict's detail), so a
# translation may order them as its language needs. The detail says only what the reason does
# not (screening.policy), so nothing reads twice.
VERDICT_TEXT = {
    Reason.RULE: (QT_TRANSLATE_NOOP("present", "%1 by a rule"),
                  QT_TRANSLATE_NOOP("present", "%1 by a rule (%2)")),
    Reason.WITHHELD: (QT_TRANSLATE_NOOP("present", "%1 by the withheld-caller setting"),
                      QT_TRANSLATE_NOOP("present", "%1 by the withheld-caller setting (%2)")),
    Reason.MODE: (QT_TRANSLATE_NOOP("present", "%1 by the mode"),
                  QT_TRANSLATE_NOOP("present", "%1 by the mode (%2)")),
    Reason.PERSON: (QT_TRANSLATE_NOOP("present", "%1 by a person"),
                    QT_TRANSLATE_NOOP("present", "%1 by a person (%2)")),
    Reason.TIMEOUT: (QT_TRANSLATE_NOOP("present", "%1: nobody answered in time"),
                     QT_TRANSLATE_NOOP("present", "%1: nobody answered in time (%2)")),
    Reason.FAILSAFE: (QT_TRANSLATE_NOOP("present", "%1 by the fail-safe"),
                      QT_TRANSLATE_NOOP("present", "%1 by the fail-safe (%2)")),
    Reason.REFUSED: (QT_TRANSLATE_NOOP("present", "%1: refused request"),
                     QT_TRANSLATE_NOOP("present", "%1: refused request (%2)")),
    Reason.STOPPED: (QT_TRANSLATE_NOOP("present", "%1: callgate stopped before answering"),
                     QT_TRANSLATE_NOOP("present", "%1: callgate stopped before answering (%2)")),
}


_MODES = {mode.message: mode for mode in Mode}


def reason_text(reason: Reason, decided_by: str | None = None) -> str:
    """'by a rule', 'by a person'; a decision from a desk names it: 'by a person at
    reception'."""
    if reason is Reason.PERSON and decided_by:
        return fill(QCoreApplication.translate("present", "by a person at %1"), decided_by)
    return translated(str(REASON_TEXT[reason]))


def detail_text(detail: Message) -> str:
    """A stored detail in the console's words: a mode is named as its button names it
    (`reject-all, schedule, office closed` → `Reject all, schedule, office closed`)."""
    return words(_as_buttons(detail))


def _as_buttons(message: Message) -> Message:
    mode = _MODES.get(message)
    if mode is not None:
        return Message.text(mode_text(mode))
    if not any(isinstance(arg, Message) for arg in message.args):
        return message
    return Message(message.code, tuple(_as_buttons(arg) if isinstance(arg, Message) else arg
                                       for arg in message.args))


def verdict_text(decision: Decision, reason: Reason, detail: Message,
                 decided_by: str | None = None) -> str:
    """'Rejected by a rule (block 03-3000-1234)', 'Let through by the mode (Let all through)',
    'Rejected by a person at reception' (`decided_by`: the desk whose person decided)."""
    if reason is Reason.PERSON and decided_by:
        return fill(QCoreApplication.translate("present", "%1 by a person at %2"),
                    decision_text(decision), decided_by)
    plain, detailed = VERDICT_TEXT[reason]
    if not detail:
        return fill(translated(str(plain)), decision_text(decision))
    return fill(translated(str(detailed)), decision_text(decision), detail_text(detail))


# --- Moments -----------------------------------------------------------------------------------
# Every moment on screen is the office's (the `time-zone` setting), never the machine's, and
# reads the same whatever the system locale: fixed patterns per language, Japanese when the
# console speaks Japanese, English otherwise (never the C locale's `25 11 2026`).


class Style(Enum):
    MINUTES = "minutes"  # 2026/11/25(水) 16:16 · Wed 25 Nov 2026 16:16
    SECONDS = "seconds"  # 2026/11/25(水) 16:16:05 · Wed 25 Nov 2026 16:16:05
    LONG = "long"  # 2026/11/25(水) 16:16:05 JST · Wed 25 Nov 2026 16:16:05 JST


@dataclass(frozen=True)
class MomentFormats:
    """One language's way of writing moments: its names of days and months, and QDateTime
    patterns for a date and for a moment to the minute and to the second."""

    locale: QLocale
    date: str
    minutes: str
    seconds: str


JAPANESE = MomentFormats(QLocale(QLocale.Language.Japanese, QLocale.Country.Japan),
                         "yyyy/MM/dd(ddd)", "yyyy/MM/dd(ddd) HH:mm", "yyyy/MM/dd(ddd) HH:mm:ss")
ENGLISH = MomentFormats(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates),
                        "ddd d MMM yyyy", "ddd d MMM yyyy HH:mm", "ddd d MMM yyyy HH:mm:ss")


CLOCK = "HH:mm"  # a moment of today, in either language


def moment_formats() -> MomentFormats:
    """The patterns of the console's language (the language its translations load for)."""
    return JAPANESE if QLocale().language() == QLocale.Language.Japanese else ENGLISH


@dataclass
class _Office:
    name: str
    zone: ZoneInfo


_OFFICE = _Office(DEFAULT_TIME_ZONE, zone(DEFAULT_TIME_ZONE))


def set_time_zone(name: str) -> None:
    """The office's time zone, from the `time-zone` setting; every view shows moments in it.
    ValueError for a name that is no time zone."""
    if name != _OFFICE.name:
        _OFFICE.zone, _OFFICE.name = zone(name), name


def time_zone() -> ZoneInfo:
    return _OFFICE.zone


def office_time(moment: datetime) -> datetime:
    """A moment as the office's wall clock shows it (aware)."""
    return moment.astimezone(_OFFICE.zone)


def office_now() -> datetime:
    return datetime.now(_OFFICE.zone)


def office_wall_time(day: date, clock: time) -> datetime:
    """The moment the office's clock shows `clock` on `day` (aware)."""
    return datetime.combine(day, clock, tzinfo=_OFFICE.zone)


def wall_clock(moment: datetime) -> QDateTime:
    """The office's wall time of a moment as a QDateTime for date-time editors: in UTC, which
    has no gaps, so that no office time is refused for the machine's own summer time."""
    local = office_time(moment)
    return QDateTime(QDate(local.year, local.month, local.day),
                     QTime(local.hour, local.minute, local.second), QTimeZone.utc())


def from_wall_clock(shown: QDateTime) -> datetime:
    """The moment an editor's wall time (see wall_clock) means in the office."""
    day, clock = shown.date(), shown.time()
    return office_wall_time(date(day.year(), day.month(), day.day()),
                            time(clock.hour(), clock.minute(), clock.second()))


def moment_text(moment: datetime, style: Style = Style.MINUTES) -> str:
    """A moment on the office's clock, in the console's language."""
    formats = moment_formats()
    pattern = formats.seconds if style is not Style.MINUTES else formats.minutes
    text = formats.locale.toString(wall_clock(moment), pattern)
    if style is Style.LONG:
        text = f"{text} {office_time(moment).tzname()}"
    return text


def call_time(moment: datetime, today: date | None = None) -> str:
    """When a call came, on the office's clock: `16:16` for a call of the office's day
    (`today`, else now's), else the moment (`2026/11/25(水) 16:16`, `Wed 25 Nov 2026 16:16`)."""
    if office_time(moment).date() != (today or office_now().date()):
        return moment_text(moment)
    return moment_formats().locale.toString(wall_clock(moment), CLOCK)


def local_time(stamp: str | None, style: Style = Style.MINUTES) -> str:
    """A stored UTC ISO timestamp on the office's clock; '' for none, and the stamp as stored
    if it cannot be read."""
    if not stamp:
        return ""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return stamp
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment_text(moment, style)
