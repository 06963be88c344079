"""What a desk may ask by its role: an operator decides calls, sets the mode and reads; every
change to rules, settings, the schedule, the webhook's token or the desks (and any command
added later) is an admin's. The service enforces it (server/console/service.py); a console
uses the same rule to say so before it asks."""

from __future__ import annotations

from screening.desk import DeskRole
from screening.messages import Message
from server.protocol import messages as protocol

OPERATOR_MAY = (protocol.ResolveCall, protocol.SetMode, protocol.ResumeSchedule,
                protocol.SetPresence, protocol.ListRules, protocol.GetSettings,
                protocol.HistoryPage, protocol.HistoryCount, protocol.HistoryDetail,
                protocol.Explain, protocol.CheckReachability, protocol.ListDesks)


def may(role: DeskRole, command: protocol.Command) -> bool:
    return role is DeskRole.ADMIN or isinstance(command, OPERATOR_MAY)


def not_allowed(desk: str) -> protocol.Refused:
    """The refusal of a command the desk's role does not allow."""
    return protocol.Refused(reason=Message("refusal.role.admin", (desk,)))
