"""What the console service answers when a console asks for something that cannot be done."""

from __future__ import annotations

from wording import QT_TRANSLATE_NOOP, register

register({
    "refusal.rule.gone": QT_TRANSLATE_NOOP(
        "Console", "This rule was removed meanwhile; cancel and add it again."),
    "refusal.history.gone": QT_TRANSLATE_NOOP("Console", "This call is no longer in the history."),
    "refusal.command.unknown": QT_TRANSLATE_NOOP(
        "Console", "callgate does not know the request %1: update this console."),
    "refusal.reachability.not_watched": QT_TRANSLATE_NOOP(
        "Console", "Reachability is not watched here: callgate is not listening for calls."),
})
