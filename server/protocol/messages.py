"""The console protocol's messages: everything a console knows of callgate, and all it can ask.

A console attaches, receives a `Snapshot`, then numbered `Event`s; it sends `Request`s and gets
one `Reply` each. Every message is plain data with a JSON form (server/protocol/codec.py), so
that the same console runs beside the listener (an in-process transport) or on another desk
(over the network), and words are made only in the console, in its reader's language: the
protocol carries codes (screening.messages.Message), never sentences.

Times are aware UTC datetimes. A waiting call's deadline is an instant plus the milliseconds left
when it was sent, never a monotonic clock of the listener's process.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

import msgspec

from screening.call import CallerClass
from screening.desk import DeskRole
from screening.messages import Message
from screening.mode import Mode, ModeSource
from screening.outcomes import Outcome
from screening.policy import Decision, Reason
from screening.rule_draft import RuleDraft
from screening.rules import Action, RuleKind

PROTOCOL_VERSION = 1


class Data(msgspec.Struct, frozen=True, kw_only=True):
    """Plain data inside messages."""


class Tagged(msgspec.Struct, frozen=True, kw_only=True, tag=True):
    """A member of a union: its JSON form names its type."""


# --- What the console shows ---------------------------------------------------------------------


class CustomerView(Data, frozen=True, kw_only=True):
    customer_id: str = ""
    name: str = ""
    kana: str = ""
    org: str = ""
    org_kana: str = ""
    org_short: str = ""
    dept: str = ""
    dept_short: str = ""
    note: str = ""


class CallView(Data, frozen=True, kw_only=True):
    """One call as commubo announced it (no raw body: the history detail has that)."""

    call_id: str
    phone_number: str = ""  # as sent
    caller: str | None = None  # canonical (E.164), when the number is a possible one
    caller_class: CallerClass = CallerClass.UNKNOWN
    customer: CustomerView | None = None
    operator: str = ""
    scenario_id: str = ""
    call_type: str = ""


class ModeState(Tagged, frozen=True, kw_only=True):
    """The mode deciding calls now, where it comes from and until when (None: until changed by
    hand); `office_open` while a schedule is on."""

    mode: Mode
    source: ModeSource
    until: datetime | None = None
    office_open: bool | None = None


class StorageState(Data, frozen=True, kw_only=True):
    problem: str | None = None  # why the database takes no writes now
    waiting: int = 0  # records waiting to be written


class ReachState(Data, frozen=True, kw_only=True):
    state: Literal["reachable", "unreachable", "unknown"]
    summary: Message
    detail: Message | None = None
    public_base: str | None = None  # the public address commubo posts to, without the token
    checked_at: datetime | None = None


class ListenerState(Data, frozen=True, kw_only=True):
    listening: bool
    local_base: str  # http://127.0.0.1:8080
    port: int
    port_setting: int  # the stored `port`; differs when --port or CALLGATE_PORT chose another
    problem: Message | None = None  # why it is not listening
    cloudflared: bool = False  # on the listener's PATH: a quick tunnel can be started


# --- Events -------------------------------------------------------------------------------------


class CallArrived(Tagged, frozen=True, kw_only=True):
    call: CallView
    received_at: datetime


class CallWaiting(Tagged, frozen=True, kw_only=True):
    """A person is asked; the default applies at `deadline`."""

    call: CallView
    received_at: datetime
    deadline: datetime
    ms_left: int
    timeout_s: float
    default: Decision


class CallDecided(Tagged, frozen=True, kw_only=True):
    call: CallView
    received_at: datetime
    decision: Decision
    reason: Reason
    detail: Message
    latency_ms: float
    decided_by: str | None = None  # the desk that decided, for reason `person`


class StorageFailing(Tagged, frozen=True, kw_only=True):
    why: str
    waiting: int


class StorageRecovered(Tagged, frozen=True, kw_only=True):
    written: int


class ConfigChanged(Tagged, frozen=True, kw_only=True):
    """Rules or settings changed (here or by another program), or the mode in force changed
    by itself (a schedule turn, an override ending); `settings` carries the values when they
    changed."""

    mode: ModeState
    rules: bool = False
    settings: dict[str, str] | None = None


class ReachabilityChanged(Tagged, frozen=True, kw_only=True):
    """A check finished; `moved_from` is the public address commubo still posts to when a
    restarted tunnel got a new one."""

    reach: ReachState
    moved_from: str | None = None


class ListenerProblem(Tagged, frozen=True, kw_only=True):
    """Something staff should see: a fail-safe answer, a record not saved yet."""

    message: Message


EventBody = (CallArrived | CallWaiting | CallDecided | StorageFailing | StorageRecovered
             | ConfigChanged | ReachabilityChanged | ListenerProblem)


class Event(Tagged, frozen=True, kw_only=True):
    """`seq` counts from 1 for each start of the service, with no gaps."""

    seq: int
    at: datetime
    body: EventBody


class DeskState(Tagged, frozen=True, kw_only=True):
    """The desk a console attached as: its name ('' for the console beside the listener), its
    role, and whether it marked itself away (ask mode asks only desks that are present)."""

    name: str
    role: DeskRole
    away: bool = False


class Snapshot(Tagged, frozen=True, kw_only=True):
    """All a console needs to be current: on attaching, and again after a lost connection.
    Events up to `seq` are in it; a new `service_id` means the service restarted."""

    version: int = PROTOCOL_VERSION
    service_id: str
    seq: int
    at: datetime
    mode: ModeState
    waiting: list[CallWaiting]
    today: list[CallDecided]  # today's calls in the office's time zone, newest first
    storage: StorageState
    reachability: ReachState | None
    listener: ListenerState
    settings: dict[str, str]
    desk: DeskState | None = None


# --- Commands -----------------------------------------------------------------------------------


class ResolveCall(Tagged, frozen=True, kw_only=True):
    call_id: str
    decision: Decision


class SetMode(Tagged, frozen=True, kw_only=True):
    mode: Mode
    until_off: bool = False


class ResumeSchedule(Tagged, frozen=True, kw_only=True):
    pass


class ListRules(Tagged, frozen=True, kw_only=True):
    pass


class AddRule(Tagged, frozen=True, kw_only=True):
    """A new rule; refused when its target already has one."""

    draft: RuleDraft


class PutRule(Tagged, frozen=True, kw_only=True):
    """Add, or move the target's rule to this list (block/allow, "Block this caller").
    `keep_note`: a note the target's rule has stays (the draft's note, who called, is only
    for a new rule or one without a note)."""

    draft: RuleDraft
    keep_note: bool = False


class EditRule(Tagged, frozen=True, kw_only=True):
    rule_id: int
    draft: RuleDraft
    keep_expiry: bool = False  # the dialog did not touch expiry or the one-shot flag


class RemoveRule(Tagged, frozen=True, kw_only=True):
    rule_id: int


class GetSettings(Tagged, frozen=True, kw_only=True):
    pass


class SaveSettings(Tagged, frozen=True, kw_only=True):
    """All or nothing; a refusal names the key."""

    changes: dict[str, str]


class SetSchedule(Tagged, frozen=True, kw_only=True):
    """Change parts of the schedule, all or nothing; `on` also turns it on or off (which ends
    a manual override)."""

    changes: dict[str, str]
    on: bool | None = None


class GetToken(Tagged, frozen=True, kw_only=True):
    """The webhook's token (and the one it replaced, while that still works)."""


class RotateToken(Tagged, frozen=True, kw_only=True):
    pass


class HistoryQuery(Data, frozen=True, kw_only=True):
    text: str = ""
    decision: Decision | None = None
    reason: Reason | None = None
    received_from: datetime | None = None
    received_to: datetime | None = None
    order_column: str = "received_at"
    descending: bool = True
    offset: int = 0
    limit: int = 200
    upto_id: int | None = None  # a stable snapshot while calls keep arriving
    after_id: int | None = None  # only what came after the rows already shown


class HistoryPage(Tagged, frozen=True, kw_only=True):
    query: HistoryQuery


class HistoryCount(Tagged, frozen=True, kw_only=True):
    query: HistoryQuery


class HistoryDetail(Tagged, frozen=True, kw_only=True):
    row_id: int


class Explain(Tagged, frozen=True, kw_only=True):
    number: str
    customer: CustomerView | None = None
    at: datetime | None = None


class GetStatistics(Tagged, frozen=True, kw_only=True):
    """The office's last `days` days (today included) counted; 1 to 366."""

    days: int = 30


class CheckReachability(Tagged, frozen=True, kw_only=True):
    pass


class DetectPublicUrl(Tagged, frozen=True, kw_only=True):
    """The public address a tunnel reports, for settings not saved yet (the setup)."""

    settings: dict[str, str]


class RunSelfTest(Tagged, frozen=True, kw_only=True):
    settings: dict[str, str]


class SetPresence(Tagged, frozen=True, kw_only=True):
    """This desk is away (ask mode does not wait for it) or present again."""

    away: bool


class ListDesks(Tagged, frozen=True, kw_only=True):
    pass


class AddDesk(Tagged, frozen=True, kw_only=True):
    """A new desk (admin only); `address`: the host desks reach this service at, when not the
    one the service finds itself."""

    name: str
    role: DeskRole = DeskRole.OPERATOR
    address: str | None = None


class RemoveDesk(Tagged, frozen=True, kw_only=True):
    """Admin only; the desk's session ends at once."""

    name: str


Command = (ResolveCall | SetMode | ResumeSchedule | ListRules | AddRule | PutRule | EditRule
           | RemoveRule | GetSettings | SaveSettings | SetSchedule | GetToken | RotateToken
           | HistoryPage | HistoryCount | HistoryDetail | Explain | GetStatistics
           | CheckReachability | DetectPublicUrl | RunSelfTest
           | SetPresence | ListDesks | AddDesk | RemoveDesk)


class Request(Tagged, frozen=True, kw_only=True):
    id: int
    command: Command


# --- Results ------------------------------------------------------------------------------------


class Resolution(Tagged, frozen=True, kw_only=True):
    outcome: Literal["decided", "too-late", "unknown-call"]
    decided_by: str | None = None


class RuleView(Tagged, frozen=True, kw_only=True):
    id: int
    kind: RuleKind
    target: str  # canonical: +81330001234, +81120*, or the name
    action: Action
    note: str = ""
    expires_at: datetime | None = None
    once: bool = False
    used_at: datetime | None = None
    created_at: datetime | None = None
    times_matched: int = 0
    last_matched_at: datetime | None = None
    expired: bool = False


class RuleList(Tagged, frozen=True, kw_only=True):
    rules: list[RuleView]


class Removed(Tagged, frozen=True, kw_only=True):
    removed: bool


class SettingsValues(Tagged, frozen=True, kw_only=True):
    values: dict[str, str]


class TokenView(Tagged, frozen=True, kw_only=True):
    token: str
    previous: str | None = None  # the token it replaced, while that still works
    previous_until: datetime | None = None  # the old token works until then


class HistoryRow(Data, frozen=True, kw_only=True):
    id: int
    call_id: str
    received_at: datetime
    phone_number: str = ""
    caller: str | None = None
    caller_class: CallerClass = CallerClass.UNKNOWN
    customer_name: str = ""
    customer_kana: str = ""
    customer_org: str = ""
    customer_org_kana: str = ""
    operator_name: str = ""
    decision: Decision
    reason: Reason
    detail: Message
    latency_ms: float | None = None
    repeats: int = 0
    decided_by: str | None = None


class HistoryRows(Tagged, frozen=True, kw_only=True):
    rows: list[HistoryRow]
    upto_id: int  # the newest row id the query could see
    count: int | None = None  # the matches up to upto_id, when a first page came with them


class Count(Tagged, frozen=True, kw_only=True):
    count: int


class HistoryRecord(Tagged, frozen=True, kw_only=True):
    """Everything stored about one call, raw body included."""

    row: HistoryRow
    raw_body: str
    scenario_id: str = ""
    call_type: str = ""
    rule_id: int | None = None


class ExplanationView(Tagged, frozen=True, kw_only=True):
    decision: Literal["accept", "reject", "ask"]
    steps: list[Message]
    caller_class: CallerClass
    rule_id: int | None = None
    mode: ModeState | None = None


class PublicUrl(Tagged, frozen=True, kw_only=True):
    """What a tunnel says of itself: its public address (None: it has none, or there is no
    tunnel to ask), whether it is healthy, and why."""

    public_base: str | None
    healthy: bool | None = None
    why: Message | None = None
    no_tunnel: bool = False


class SelfTestView(Tagged, frozen=True, kw_only=True):
    """A test call through the public URL: whether it came back here, and the whole check."""

    ok: bool
    kind: str
    message: Message
    round_trip_ms: float | None = None
    reach: ReachState


class DayCount(Data, frozen=True, kw_only=True):
    """One of the office's days: its calls by outcome, every outcome (zeros too), and how
    many of them were rejected."""

    day: date
    outcomes: dict[Outcome, int]
    rejected: int


class CallerCount(Data, frozen=True, kw_only=True):
    """A number's calls in the period and how many were rejected, with the customer's name
    and company on its latest call."""

    caller: str  # canonical
    calls: int
    rejected: int
    last_at: datetime
    name: str = ""
    org: str = ""


class RuleCount(Data, frozen=True, kw_only=True):
    """How often a rule decided a call in the period; `kind` None: removed since."""

    rule_id: int
    matched: int
    kind: RuleKind | None = None
    target: str = ""
    action: Action | None = None
    note: str = ""


class StatisticsView(Tagged, frozen=True, kw_only=True):
    """The office's days from `first_day` to `last_day` on its clock (`time_zone`)."""

    days: int
    first_day: date
    last_day: date
    time_zone: str
    calls: int
    accepted: int
    rejected: int
    outcomes: dict[Outcome, int]
    per_day: list[DayCount]
    by_hour: list[list[int]]  # [weekday, Monday first][hour]
    top_callers: list[CallerCount]
    top_rejected: list[CallerCount]
    rules: list[RuleCount]
    candidates: list[CallerCount]  # unknown numbers that keep calling, for a rule


class Nothing(Tagged, frozen=True, kw_only=True):
    pass


class DeskInfo(Data, frozen=True, kw_only=True):
    name: str
    role: DeskRole
    created_at: datetime
    last_seen: datetime | None = None
    attached: bool = False  # attached to the service now
    away: bool = False


class DeskList(Tagged, frozen=True, kw_only=True):
    desks: list[DeskInfo]


class DeskAdded(Tagged, frozen=True, kw_only=True):
    """The new desk and its connection string: its secret is in no other place."""

    desk: DeskInfo
    connection: str


Value = (Resolution | ModeState | RuleView | RuleList | Removed | SettingsValues | TokenView
         | HistoryRows | Count | HistoryRecord | ExplanationView | StatisticsView | PublicUrl
         | SelfTestView | ReachabilityChanged | Nothing | DeskState
         | DeskList | DeskAdded)


class Done(Tagged, frozen=True, kw_only=True):
    value: Value


class Refused(Tagged, frozen=True, kw_only=True):
    """The input cannot be taken; `field` names which part (a setting's key), if one."""

    reason: Message
    field: str | None = None


class Failed(Tagged, frozen=True, kw_only=True):
    """Not done for a reason outside the input (the database is locked, the service is gone)."""

    message: Message


Result = Done | Refused | Failed


class Reply(Tagged, frozen=True, kw_only=True):
    id: int
    result: Result


# --- Attaching over the network (server/desks/, server/protocol/network.py) ------------------


class Hello(Tagged, frozen=True, kw_only=True):
    """A desk's first message on the desk port: who it is, and the protocol it speaks. Its
    shape never changes, so a service of any version can answer it."""

    version: int = PROTOCOL_VERSION
    desk: str
    secret: str


class Denied(Tagged, frozen=True, kw_only=True):
    """The service does not take this desk (a wrong secret, a removed desk, another version of
    the protocol), or no longer (the desk was removed); `update` says which side to update
    when the versions differ. The connection closes after it. Its shape never changes."""

    reason: Message
    update: Literal["desk", "service"] | None = None


Envelope = Event | Snapshot | Request | Reply | Hello | Denied
