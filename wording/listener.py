"""The listener's own troubles (server/): why it cannot take calls, and what went wrong with a
call that staff should see (a fail-safe answer, a record not saved yet)."""

from __future__ import annotations

from wording import QT_TRANSLATE_NOOP, register

register({
    # Why the listener does not take calls (%1 the address it was to listen on)
    "listener.start.timeout": QT_TRANSLATE_NOOP(
        "listener", "the listener did not start within %1 s"),
    "listener.port.in_use": QT_TRANSLATE_NOOP(
        "listener", "cannot listen on %1: the port is in use (is callgate already running?); "
                    "choose another with --port"),
    "listener.port.no_address": QT_TRANSLATE_NOOP(
        "listener", "cannot listen on %1: this machine has no such address"),
    "listener.port.error": QT_TRANSLATE_NOOP("listener", "cannot listen on %1: %2"),
    "listener.start.failed": QT_TRANSLATE_NOOP("listener", "the listener failed to start: %1"),
    # A call's trouble (%1 its call id, %2 the decision it got)
    "problem.failsafe": QT_TRANSLATE_NOOP("listener", "fail-safe %2 for %1: %3"),
    "problem.unrecorded.memory": QT_TRANSLATE_NOOP(
        "listener", "call %1 answered (%2) but not recorded yet: %3; it is kept in memory only "
                    "and written when storage recovers"),
    "problem.unrecorded.journal": QT_TRANSLATE_NOOP(
        "listener", "call %1 answered (%2) but not recorded yet: %3; it is kept in the journal "
                    "and written when storage recovers"),
    "problem.storage_slow": QT_TRANSLATE_NOOP("listener", "storage is slow"),
    "problem.not_recorded": QT_TRANSLATE_NOOP("listener", "could not record call %1: %2"),
})
