"""The steps of an explanation (`explain`, the console's "Test a number"): how a decision came
about, one sentence each, and the parts they name (a rule, why the office is open or closed)."""

from __future__ import annotations

from wording import QT_TRANSLATE_NOOP, register

register({
    # The caller (%1 the number as shown, %2 canonical; or %1 what was sent, quoted)
    "step.caller.withheld": QT_TRANSLATE_NOOP(
        "steps", "The caller shows no number: a withheld caller (非通知)."),
    "step.caller.withheld_sent": QT_TRANSLATE_NOOP(
        "steps", "The caller shows no number (%1): a withheld caller (非通知)."),
    "step.caller.payphone": QT_TRANSLATE_NOOP(
        "steps", "The caller is a payphone (公衆電話, sent as %1)."),
    "step.caller.customer": QT_TRANSLATE_NOOP(
        "steps", "The caller %1 (%2) is a registered customer."),
    "step.caller.customer_named": QT_TRANSLATE_NOOP(
        "steps", "The caller %1 (%2) is a registered customer: %3."),
    "step.caller.customer_impossible": QT_TRANSLATE_NOOP(
        "steps", "The caller %1, which is no possible phone number, is a registered customer."),
    "step.caller.customer_impossible_named": QT_TRANSLATE_NOOP(
        "steps", "The caller %1, which is no possible phone number, is a registered customer: "
        "%2."),
    "step.caller.unknown": QT_TRANSLATE_NOOP(
        "steps", "The caller %1 (%2) is not a registered customer: an unknown caller."),
    "step.caller.unknown_impossible": QT_TRANSLATE_NOOP(
        "steps", "The caller %1, which is no possible phone number, is not a registered "
        "customer: an unknown caller."),
    # Rules (%1 a rule as the subject of a sentence)
    "rule.allow": QT_TRANSLATE_NOOP("steps", "Allow rule #%1 for %2"),
    "rule.block": QT_TRANSLATE_NOOP("steps", "Block rule #%1 for %2"),
    "rule.allow.once": QT_TRANSLATE_NOOP("steps", "One-shot allow rule #%1 for %2"),
    "rule.block.once": QT_TRANSLATE_NOOP("steps", "One-shot block rule #%1 for %2"),
    "rule.why_not.more_specific": QT_TRANSLATE_NOOP("steps", "a more specific rule applies"),
    "rule.why_not.block_wins": QT_TRANSLATE_NOOP("steps", "block wins at equal specificity"),
    "rule.why_not.equal": QT_TRANSLATE_NOOP("steps", "an equal rule applies first"),
    "step.rules.none.number": QT_TRANSLATE_NOOP(
        "steps", "No number or prefix rule names this caller."),
    "step.rules.none.name": QT_TRANSLATE_NOOP("steps", "No name rule names this caller."),
    "step.rules.customers_only": QT_TRANSLATE_NOOP(
        "steps", "Name rules apply only to registered customers."),
    "step.rule.expired": QT_TRANSLATE_NOOP("steps", "%1 expired at %2: it no longer matches."),
    "step.rule.matches": QT_TRANSLATE_NOOP("steps", "%1 matches."),
    "step.rule.matches_too": QT_TRANSLATE_NOOP("steps", "%1 matches too, but %2."),
    "step.rule.once": QT_TRANSLATE_NOOP("steps", "It is a one-shot rule: this call uses it up."),
    # Repeat caller (%1 when the number was last rejected, %2 the window in minutes)
    "step.repeat.no_number": QT_TRANSLATE_NOOP(
        "steps", "Repeat caller is on, but needs a number to recognise the caller."),
    "step.repeat.no_reject": QT_TRANSLATE_NOOP(
        "steps", "Repeat caller is on: this number has no reject on record."),
    "step.repeat.within": QT_TRANSLATE_NOOP(
        "steps", "This number was last rejected at %1, within %2 min: a repeat caller rings "
        "through."),
    "step.repeat.not_within": QT_TRANSLATE_NOOP(
        "steps", "This number was last rejected at %1, not within %2 min: no repeat caller."),
    # The caller's class (%1 the callers of the class, %2 what their setting says)
    "step.class.payphone_as_withheld": QT_TRANSLATE_NOOP(
        "steps", "Payphones are treated as withheld callers."),
    "step.class.follows_mode": QT_TRANSLATE_NOOP(
        "steps", "The setting for %1 is to follow the mode."),
    "step.class.decides": QT_TRANSLATE_NOOP("steps", "The setting for %1 is %2: it decides."),
    # The mode in force
    "step.mode.setting": QT_TRANSLATE_NOOP("steps", "The mode setting is %1."),
    "step.mode.no_schedule": QT_TRANSLATE_NOOP("steps", "No schedule: the mode setting is %1."),
    "step.mode.ask": QT_TRANSLATE_NOOP(
        "steps", "Mode %1: a person decides within %2 s, else %3."),
    "step.mode.decides": QT_TRANSLATE_NOOP("steps", "Mode %1: %2."),
    "step.mode.not_needed": QT_TRANSLATE_NOOP("steps", "The mode in force was not needed: %1."),
    # The schedule (%1 its time zone, %2 the moment, %3 why open or closed, %4 the mode, %5 until)
    "step.schedule.until": QT_TRANSLATE_NOOP(
        "steps", "Schedule (%1) at %2: %3; the scheduled mode is %4 until %5."),
    "step.schedule.no_change": QT_TRANSLATE_NOOP(
        "steps", "Schedule (%1) at %2: %3; the scheduled mode is %4 with no change ahead."),
    "schedule.inside": QT_TRANSLATE_NOOP("steps", "open: inside business hours (%1 %2)"),
    "schedule.outside": QT_TRANSLATE_NOOP("steps", "closed: outside business hours (%1 %2)"),
    "schedule.no_hours": QT_TRANSLATE_NOOP("steps", "closed: no business hours on %1"),
    "schedule.closed_all_day": QT_TRANSLATE_NOOP("steps", "closed all day: %1"),
    "schedule.closed_day": QT_TRANSLATE_NOOP("steps", "closed day (%1)"),
    "schedule.holiday": QT_TRANSLATE_NOOP("steps", "public holiday (%1)"),
    # A manual override (%1 its mode, %2 when it was set, %3 the schedule change that ends it)
    "step.override.later": QT_TRANSLATE_NOOP(
        "steps", "A manual override to %1 was set later, at %2: it does not apply yet."),
    "step.override.active": QT_TRANSLATE_NOOP(
        "steps", "Manual override: %1 since %2, until turned off."),
    "step.override.active_until": QT_TRANSLATE_NOOP(
        "steps", "Manual override: %1 since %2, until the next schedule change at %3."),
    "step.override.expired": QT_TRANSLATE_NOOP(
        "steps", "A manual override to %1 set at %2 has expired: it lasted until the next "
        "schedule change at %3."),
})
