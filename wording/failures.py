"""What went wrong when the console asked for something (server/protocol): words for people,
never a traceback."""

from __future__ import annotations

from wording import QT_TRANSLATE_NOOP, register

register({
    "failed.internal": QT_TRANSLATE_NOOP(
        "failures", "callgate could not do that: an internal error (%1); the log has more"),
})
