"""A call's detail in the history: what its reason does not say (which rule, which mode, why
nobody answered, what went wrong). Old rows' English details were turned into these codes
(storage/old_details.py)."""

from __future__ import annotations

from wording import QT_TRANSLATE_NOOP, register

register({
    # What a rule names (%1 as people write it)
    "rule.number": QT_TRANSLATE_NOOP("details", "%1"),
    "rule.prefix": QT_TRANSLATE_NOOP("details", "prefix %1"),
    "rule.name": QT_TRANSLATE_NOOP("details", "name %1"),
    # Reason rule: which rule (%1 what it names)
    "detail.rule.allow": QT_TRANSLATE_NOOP("details", "allow %1"),
    "detail.rule.block": QT_TRANSLATE_NOOP("details", "block %1"),
    # Reason mode: which mode (%1), and where it comes from (%2)
    "detail.mode": QT_TRANSLATE_NOOP("details", "%1"),
    "detail.mode.source": QT_TRANSLATE_NOOP("details", "%1, %2"),
    "detail.repeat": QT_TRANSLATE_NOOP("details", "repeat caller: rejected %1 min before"),
    # Reason timeout: the default decision (%1), and why nobody could answer
    "detail.timeout": QT_TRANSLATE_NOOP("details", "default %1"),
    "detail.timeout.no_console": QT_TRANSLATE_NOOP(
        "details", "no console is open to ask; default %1"),
    "detail.timeout.stopping": QT_TRANSLATE_NOOP("details", "callgate is stopping; default %1"),
    "detail.timeout.away": QT_TRANSLATE_NOOP("details", "every desk is away; default %1"),
    # Reason failsafe: what went wrong (%1 the error, as Python says it)
    "detail.failsafe.not_json": QT_TRANSLATE_NOOP("details", "the body is not a JSON object"),
    "detail.failsafe.unexpected": QT_TRANSLATE_NOOP("details", "unexpected error: %1"),
    "detail.failsafe.screening": QT_TRANSLATE_NOOP("details", "screening failed: %1"),
    "detail.failsafe.storage": QT_TRANSLATE_NOOP("details", "storage failed: %1"),
    # Reason refused: why the post was no call
    "detail.refused.too_large": QT_TRANSLATE_NOOP("details", "body larger than %1 KiB"),
    "detail.refused.content_type": QT_TRANSLATE_NOOP(
        "details", "content type must be application/json, not %1"),
    "detail.refused.stalled": QT_TRANSLATE_NOOP(
        "details", "the body did not arrive within %1 s"),
    "detail.refused.client_left": QT_TRANSLATE_NOOP(
        "details", "the client disconnected before its whole body arrived"),
    # Reason stopped: the call reached callgate, which stopped before answering
    "detail.stopped": QT_TRANSLATE_NOOP(
        "details", "commubo got no answer and aborted the call; recorded at the next start"),
})
