"""What each console command does: one use case of the application layer, on the console
service's worker threads, and its result as the protocol shows it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol, TypeVar

import msgspec

from application import Office
from application.history import HistoryQuery
from screening.call import Customer
from screening.decision_order import Explanation
from screening.messages import Refusal
from server.console.views import mode_state
from server.protocol import messages as protocol
from storage.database import writing

if TYPE_CHECKING:
    from application.desks import DeskView

Value = TypeVar("Value")
Shown = TypeVar("Shown", bound=msgspec.Struct)


class Worker(Protocol):
    """Where the work runs (server/console/service.py)."""

    async def read(self, work: Callable[[Office], Value]) -> Value: ...

    async def change(self, work: Callable[[Office], Value]) -> Value: ...

    def attached_desks(self) -> dict[str, bool]:
        """The desks attached now, each with whether it is away."""


def shown(value: object, kind: type[Shown]) -> Shown:
    """An application value as the protocol's message of the same fields."""
    return msgspec.convert(value, kind, from_attributes=True)


def _query(query: protocol.HistoryQuery) -> HistoryQuery:
    return msgspec.convert(query, HistoryQuery, from_attributes=True)


def _customer(view: protocol.CustomerView | None) -> Customer | None:
    if view is None:
        return None
    return Customer(org_name=view.org, family_name=view.name)


def _explanation(found: Explanation) -> protocol.ExplanationView:
    return protocol.ExplanationView(
        decision=found.decision,  # type: ignore[arg-type]  # accept, reject or ask
        steps=list(found.steps), caller_class=found.caller_class,
        rule_id=found.rule.id if found.rule is not None else None,
        mode=mode_state(found.mode) if found.mode is not None else None)


async def answer(worker: Worker, command: protocol.Command) -> protocol.Value:
    """The result of every command but ResolveCall (which the broker answers on the loop);
    raises Refusal for input that cannot be taken, or what the database raised."""
    match command:
        case protocol.SetMode(mode=mode, until_off=until_off):
            state = await worker.change(lambda office: office.mode.set(mode, until_off=until_off))
            return shown(state, protocol.ModeState)
        case protocol.ResumeSchedule():
            return shown(await worker.change(lambda office: office.mode.resume_schedule()),
                         protocol.ModeState)
        case protocol.ListRules():
            rules = await worker.read(lambda office: office.rules.all())
            return protocol.RuleList(rules=[shown(rule, protocol.RuleView) for rule in rules])
        case protocol.AddRule(draft=draft):
            return shown(await worker.change(lambda office: office.rules.add(draft)),
                         protocol.RuleView)
        case protocol.PutRule(draft=draft, keep_note=keep_note):
            return shown(await worker.change(
                lambda office: office.rules.put(draft, keep_note=keep_note)), protocol.RuleView)
        case protocol.EditRule(rule_id=rule_id, draft=draft, keep_expiry=keep):
            edited = await worker.change(
                lambda office: office.rules.edit(rule_id, draft, keep_expiry=keep))
            if edited is None:
                raise Refusal("refusal.rule.gone")
            return shown(edited, protocol.RuleView)
        case protocol.RemoveRule(rule_id=rule_id):
            return protocol.Removed(
                removed=await worker.change(lambda office: office.rules.remove(rule_id)))
        case protocol.GetSettings():
            return protocol.SettingsValues(values=await worker.read(settings_values))
        case protocol.SaveSettings(changes=changes):
            await worker.change(lambda office: office.settings.save(changes))
            return protocol.SettingsValues(values=await worker.read(settings_values))
        case protocol.SetSchedule(changes=changes, on=on):
            await worker.change(lambda office: _set_schedule(office, changes, on))
            return protocol.SettingsValues(values=await worker.read(settings_values))
        case protocol.GetToken():
            return shown(await worker.read(lambda office: office.webhook.state()),
                         protocol.TokenView)
        case protocol.RotateToken():
            return shown(await worker.change(lambda office: office.webhook.rotate()),
                         protocol.TokenView)
        case protocol.HistoryPage(query=query):
            page = await worker.read(lambda office: office.history.page(_query(query)))
            return shown(page, protocol.HistoryRows)
        case protocol.HistoryCount(query=query):
            return protocol.Count(
                count=await worker.read(lambda office: office.history.count(_query(query))))
        case protocol.HistoryDetail(row_id=row_id):
            record = await worker.read(lambda office: office.history.detail(row_id))
            if record is None:
                raise Refusal("refusal.history.gone")
            return shown(record, protocol.HistoryRecord)
        case protocol.Explain(number=number, customer=customer, at=at):
            found = await worker.read(
                lambda office: office.explain(number, customer=_customer(customer), at=at))
            return _explanation(found)
        case protocol.GetStatistics(days=days):
            return shown(await worker.read(lambda office: office.statistics.report(days)),
                         protocol.StatisticsView)
        case protocol.ListDesks():
            desks = await worker.read(lambda office: office.desks.all())
            attached = worker.attached_desks()
            return protocol.DeskList(desks=[_desk_info(desk, attached) for desk in desks])
        case protocol.AddDesk(name=name, role=role, address=address):
            added = await worker.change(
                lambda office: office.desks.add(name, role, address=address))
            return protocol.DeskAdded(desk=_desk_info(added.desk, {}),
                                      connection=str(added.connection))
        case protocol.RemoveDesk(name=name):
            await worker.change(lambda office: office.desks.remove(name))
            return protocol.Removed(removed=True)
    raise Refusal("refusal.command.unknown", type(command).__name__)


def _desk_info(desk: DeskView, attached: dict[str, bool]) -> protocol.DeskInfo:
    return protocol.DeskInfo(name=desk.name, role=desk.role, created_at=desk.created_at,
                             last_seen=desk.last_seen, attached=desk.name in attached,
                             away=attached.get(desk.name, False))


def _set_schedule(office: Office, changes: dict[str, str], on: bool | None) -> None:
    """All in one transaction: the parts, and turning the schedule on or off."""
    with writing(office.db()):
        office.mode.set_schedule(changes, turn_on=on is True)
        if on is False:
            office.mode.turn_schedule(False)


def settings_values(office: Office) -> dict[str, str]:
    """Every setting's canonical text, by its key's name."""
    return {str(key): text for key, text in office.settings.values().items()}
