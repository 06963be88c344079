"""What the command line says besides the codes of the core (decisions, steps, checks): the
rows of `schedule show`, `mode`, `rules` and `history`, and what a command did; and the rows of
`check`'s report, in a context of their own ("refused" is no reason there).
Error messages stay English (they go to logs and to support). The English of a value that
people also type (`on`, `allow`, a reason) is the word they type."""

from __future__ import annotations

from wording import QT_TRANSLATE_NOOP, register

register({
    # Words made of words (%1, %2 worded already)
    "words.pair": QT_TRANSLATE_NOOP("commands", "%1, %2"),
    "words.aside": QT_TRANSLATE_NOOP("commands", "%1 (%2)"),
    "words.until": QT_TRANSLATE_NOOP("commands", "until %1"),
    "words.milliseconds": QT_TRANSLATE_NOOP("commands", "%1 ms"),
    "words.detail_took": QT_TRANSLATE_NOOP("commands", "%1; %2"),
    # What a person typed, quoted (screening.messages.quoted)
    "words.quoted": QT_TRANSLATE_NOOP("commands", "'%1'"),
    "switch.on": QT_TRANSLATE_NOOP("commands", "on"),
    "switch.off": QT_TRANSLATE_NOOP("commands", "off"),
    # Where the mode in force comes from, and until when (`mode`, `schedule show`)
    "mode.from.setting": QT_TRANSLATE_NOOP("commands", "the mode setting"),
    "mode.from.schedule": QT_TRANSLATE_NOOP("commands", "schedule"),
    "mode.until_off": QT_TRANSLATE_NOOP("commands", "until turned off"),
    "mode.no_change": QT_TRANSLATE_NOOP("commands", "no change ahead"),
    "mode.schedule_off": QT_TRANSLATE_NOOP(
        "commands", "the schedule is off: the mode setting decides (python main.py schedule on)"),
    # `schedule show`: a row each, and the days of business hours as `--hours` takes them
    "schedule.row.schedule": QT_TRANSLATE_NOOP("commands", "schedule"),
    "schedule.row.hours": QT_TRANSLATE_NOOP("commands", "hours"),
    "schedule.row.open_mode": QT_TRANSLATE_NOOP("commands", "open mode"),
    "schedule.row.closed_mode": QT_TRANSLATE_NOOP("commands", "closed mode"),
    "schedule.row.holidays": QT_TRANSLATE_NOOP("commands", "holidays"),
    "schedule.row.closed_days": QT_TRANSLATE_NOOP("commands", "closed days"),
    "schedule.row.time_zone": QT_TRANSLATE_NOOP("commands", "time zone"),
    "schedule.row.now": QT_TRANSLATE_NOOP("commands", "now"),
    "schedule.row.override": QT_TRANSLATE_NOOP("commands", "override"),
    "schedule.day.mon": QT_TRANSLATE_NOOP("commands", "mon"),
    "schedule.day.tue": QT_TRANSLATE_NOOP("commands", "tue"),
    "schedule.day.wed": QT_TRANSLATE_NOOP("commands", "wed"),
    "schedule.day.thu": QT_TRANSLATE_NOOP("commands", "thu"),
    "schedule.day.fri": QT_TRANSLATE_NOOP("commands", "fri"),
    "schedule.day.sat": QT_TRANSLATE_NOOP("commands", "sat"),
    "schedule.day.sun": QT_TRANSLATE_NOOP("commands", "sun"),
    "schedule.closed_every_day": QT_TRANSLATE_NOOP("commands", "closed every day"),
    "schedule.holidays_closed": QT_TRANSLATE_NOOP(
        "commands", "closed on Japanese public holidays"),
    "schedule.no_closed_days": QT_TRANSLATE_NOOP("commands", "-"),
    # The manual override (%1 its mode, %2 when it was set, %3 until when, %4 its state)
    "schedule.override": QT_TRANSLATE_NOOP("commands", "%1 set %2, %3: %4"),
    "override.in_force": QT_TRANSLATE_NOOP("commands", "in force"),
    "override.not_yet": QT_TRANSLATE_NOOP("commands", "not yet in force"),
    "override.over": QT_TRANSLATE_NOOP("commands", "over"),
    # Rules (%1 what a rule names, as people write it)
    "action.allow": QT_TRANSLATE_NOOP("commands", "allow"),
    "action.block": QT_TRANSLATE_NOOP("commands", "block"),
    "rule.state.once": QT_TRANSLATE_NOOP("commands", "one-shot"),
    "rule.state.expired": QT_TRANSLATE_NOOP("commands", "expired %1"),
    "rule.matched": QT_TRANSLATE_NOOP("commands", "matched %1x"),
    "rule.never_matched": QT_TRANSLATE_NOOP("commands", "never matched"),
    "rule.removed": QT_TRANSLATE_NOOP("commands", "removed the rule for %1"),
    "rules.none": QT_TRANSLATE_NOOP("commands", "no rules: every call follows the mode"),
    "rules.imported": QT_TRANSLATE_NOOP(
        "commands", "imported %Ln rule(s) (%2 new, %3 replaced)", "", 1),
    # A call's reason, in a column (`history`, `serve`'s lines, `simulate`)
    "reason.rule": QT_TRANSLATE_NOOP("commands", "rule"),
    "reason.withheld": QT_TRANSLATE_NOOP("commands", "withheld"),
    "reason.mode": QT_TRANSLATE_NOOP("commands", "mode"),
    "reason.person": QT_TRANSLATE_NOOP("commands", "person"),
    "reason.timeout": QT_TRANSLATE_NOOP("commands", "timeout"),
    "reason.failsafe": QT_TRANSLATE_NOOP("commands", "failsafe"),
    "reason.refused": QT_TRANSLATE_NOOP("commands", "refused"),
    "reason.stopped": QT_TRANSLATE_NOOP("commands", "stopped"),
    # `history` (%Ln how many calls, %2 the file)
    "history.withheld": QT_TRANSLATE_NOOP("commands", "withheld"),
    "history.no_answer": QT_TRANSLATE_NOOP("commands", "no answer"),
    "history.written": QT_TRANSLATE_NOOP("commands", "wrote %Ln call(s) to %2", "", 1),
    # `serve`'s own lines: starting (%1 the webhook URL, %2 the mode in force), where its log
    # file is, a call waiting for a person (%1 its call id, %2 why), and stopping
    "serve.listening": QT_TRANSLATE_NOOP("commands", "listening on %1 (%2); Ctrl+C stops"),
    "serve.log_file": QT_TRANSLATE_NOOP("commands", "the log is also in %1"),
    "serve.waiting": QT_TRANSLATE_NOOP("commands", "waiting  %1: %2"),
    "serve.stopping": QT_TRANSLATE_NOOP(
        "commands", "stopping: waiting calls get their default, calls in flight finish"),
    # `simulate` (%1 the HTTP status, %2 the decision, %3 its reason, %4 the call id)
    "simulate.answer": QT_TRANSLATE_NOOP("commands", "%1 %2 (%3) for call %4"),
    # `rotate-token` (%1 a URL or the old token, %2 until when it works)
    "token.new_url": QT_TRANSLATE_NOOP("commands", "new webhook URL: %1"),
    "token.old_stopped": QT_TRANSLATE_NOOP(
        "commands", "the old token no longer works (token-grace-hours is 0)"),
    "token.old_until": QT_TRANSLATE_NOOP("commands", "the old token %1 keeps working until %2"),
    "token.register": QT_TRANSLATE_NOOP(
        "commands", "register the new URL in commubo's dashboard before then"),
    # `check`: a row each (the tunnel: %1 its kind, %2 its health, %3 what it says)
    "report.row.tunnel": QT_TRANSLATE_NOOP("report", "tunnel"),
    "report.row.public_url": QT_TRANSLATE_NOOP("report", "public URL"),
    "report.row.self_test": QT_TRANSLATE_NOOP("report", "self-test"),
    "report.tunnel.none": QT_TRANSLATE_NOOP(
        "report", "none configured (python main.py config tunnel ngrok|cloudflared|url)"),
    "report.tunnel": QT_TRANSLATE_NOOP("report", "%1, %2: %3"),
    "report.tunnel.ngrok": QT_TRANSLATE_NOOP("report", "ngrok"),
    "report.tunnel.cloudflared": QT_TRANSLATE_NOOP("report", "cloudflared"),
    "report.tunnel.url": QT_TRANSLATE_NOOP("report", "url"),
    "report.tunnel.quick": QT_TRANSLATE_NOOP("report", "quick"),
    "report.health.healthy": QT_TRANSLATE_NOOP("report", "healthy"),
    "report.health.down": QT_TRANSLATE_NOOP("report", "DOWN"),
    "report.health.unwatched": QT_TRANSLATE_NOOP("report", "cannot be watched"),
    "report.public_url.unknown": QT_TRANSLATE_NOOP("report", "unknown"),
    "report.public_url.redacted": QT_TRANSLATE_NOOP(
        "report", "%1   (--show-token shows the token)"),
    # The self-test (%1 its kind of failure, the round trip in ms, what it found)
    "report.self_test.not_run": QT_TRANSLATE_NOOP("report", "not run"),
    "report.self_test.ok": QT_TRANSLATE_NOOP("report", "ok: %1"),
    "report.self_test.ok_took": QT_TRANSLATE_NOOP("report", "ok (%1 ms): %2"),
    "report.self_test.failed": QT_TRANSLATE_NOOP("report", "FAILED (%1): %2"),
    "report.self_test.failed_took": QT_TRANSLATE_NOOP("report", "FAILED (%1) (%2 ms): %3"),
    "report.kind.ok": QT_TRANSLATE_NOOP("report", "ok"),
    "report.kind.no-public-url": QT_TRANSLATE_NOOP("report", "no-public-url"),
    "report.kind.dns": QT_TRANSLATE_NOOP("report", "dns"),
    "report.kind.tls": QT_TRANSLATE_NOOP("report", "tls"),
    "report.kind.timeout": QT_TRANSLATE_NOOP("report", "timeout"),
    "report.kind.refused": QT_TRANSLATE_NOOP("report", "refused"),
    "report.kind.wrong-token": QT_TRANSLATE_NOOP("report", "wrong-token"),
    "report.kind.rejected": QT_TRANSLATE_NOOP("report", "rejected"),
    "report.kind.http-error": QT_TRANSLATE_NOOP("report", "http-error"),
    "report.kind.other-listener": QT_TRANSLATE_NOOP("report", "other-listener"),
    "report.kind.error": QT_TRANSLATE_NOOP("report", "error"),
})
