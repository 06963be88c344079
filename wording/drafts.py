"""The words of rules as people ask for them (screening/rule_draft.py, application/rules.py):
why a rule, or a row of a CSV to import, is refused."""

from __future__ import annotations

from wording import QT_TRANSLATE_NOOP, register

register({
    "refusal.rule.expiry_missing": QT_TRANSLATE_NOOP(
        "Rules", "Give the expiry, or choose “Never expires”."),
    "refusal.rule.duration_too_long": QT_TRANSLATE_NOOP(
        "Rules", "%1 is too long for a duration"),
    "refusal.rule.once_block": QT_TRANSLATE_NOOP(
        "Rules", "a one-shot rule must be an allow rule"),
    "refusal.rule.taken": QT_TRANSLATE_NOOP(
        "Rules", "%1 already has a rule (%2): edit that one instead."),
    "refusal.rule.taken_gone": QT_TRANSLATE_NOOP("Rules", "%1 already has a rule"),
    "rule.list.block": QT_TRANSLATE_NOOP("Rules", "Block"),
    "rule.list.allow": QT_TRANSLATE_NOOP("Rules", "Always let through"),
    "refusal.import.header": QT_TRANSLATE_NOOP(
        "Rules", "the header row must name the columns %1 (missing: %2)"),
    "refusal.import.action": QT_TRANSLATE_NOOP(
        "Rules", "action must be allow or block, not '%1'"),
    "refusal.import.kind": QT_TRANSLATE_NOOP(
        "Rules", "kind must be number, prefix or name, not '%1'"),
    "refusal.import.once": QT_TRANSLATE_NOOP("Rules", "once must be yes or empty, not '%1'"),
    "refusal.import.kind_mismatch": QT_TRANSLATE_NOOP("Rules", "'%1' is a %2, not a %3"),
    "refusal.import.duplicate": QT_TRANSLATE_NOOP("Rules", "the same %1 as line %2"),
    "refusal.import.line": QT_TRANSLATE_NOOP("Rules", "line %1: %2"),
})
