"""The console protocol's call events as a listener's service sends them, made from the
listener's own values, for tests that feed the live list directly."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from screening.call import Call
from screening.policy import Decision, Verdict
from server.console.views import call_view, decided, instant
from server.protocol.messages import CallArrived, CallDecided, CallWaiting


def arrived(call: Call, received_at: str) -> CallArrived:
    return CallArrived(call=call_view(call), received_at=instant(received_at))


def waiting(call: Call, received_at: str, seconds: float = 10.0,
            default: Decision = Decision.ACCEPT) -> CallWaiting:
    """Waiting with `seconds` left of `seconds`."""
    return CallWaiting(call=call_view(call), received_at=instant(received_at),
                       deadline=datetime.now(UTC) + timedelta(seconds=seconds),
                       ms_left=int(seconds * 1000), timeout_s=seconds, default=default)


def decision(call: Call, verdict: Verdict, received_at: str,
             latency_ms: float = 1.0) -> CallDecided:
    return decided(call, verdict, received_at, latency_ms)
