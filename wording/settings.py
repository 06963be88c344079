"""The words of the settings (screening/settings.py): why a value is refused, and what each
setting is for (`config` lists them)."""

from __future__ import annotations

from wording import QT_TRANSLATE_NOOP, register

register({
    "refusal.setting.unknown": QT_TRANSLATE_NOOP(
        "Settings", "no setting '%1'; settings are: %2"),
    "refusal.setting.choice": QT_TRANSLATE_NOOP("Settings", "'%1' is not one of: %2"),
    "refusal.setting.on_off": QT_TRANSLATE_NOOP("Settings", "'%1' is not on or off"),
    "refusal.setting.instant": QT_TRANSLATE_NOOP(
        "Settings", "'%1' is not an ISO time like 2025-01-06T09:30:00+09:00"),
    "refusal.setting.instant_offset": QT_TRANSLATE_NOOP(
        "Settings", "'%1' needs a time zone offset, like +09:00"),
    "refusal.setting.host": QT_TRANSLATE_NOOP(
        "Settings", "'%1' is not an IP address to listen on"),
    "refusal.setting.port": QT_TRANSLATE_NOOP(
        "Settings", "port must be a number from 1 to 65535, not '%1'"),
    "refusal.setting.grace_number": QT_TRANSLATE_NOOP(
        "Settings", "token grace must be a number of hours, not '%1'"),
    "refusal.setting.grace_range": QT_TRANSLATE_NOOP(
        "Settings", "token grace must be between %1 and %2 hours"),
    "refusal.setting.network_host": QT_TRANSLATE_NOOP(
        "Settings", "'%1' is not a host name or an IP address"),
    "refusal.setting.address": QT_TRANSLATE_NOOP(
        "Settings", "'%1' is not an address as host:port, such as 127.0.0.1:4040"),
    "refusal.url.spaces": QT_TRANSLATE_NOOP(
        "Settings", "a URL has no spaces; give the address alone, such as https://calls.example.com"),
    "refusal.url.scheme": QT_TRANSLATE_NOOP(
        "Settings", "give an address that starts with https:// or http://, "
                    "such as https://calls.example.com"),
    "refusal.url.credentials": QT_TRANSLATE_NOOP(
        "Settings", "the address must not hold a user name or password"),
    "refusal.url.path": QT_TRANSLATE_NOOP(
        "Settings", "give the address alone, without a path, such as https://calls.example.com "
                    "(callgate adds /hooks/commubo/<token> itself)"),
    "refusal.url.host_port": QT_TRANSLATE_NOOP("Settings", "'%1' is not a host and port"),
    "refusal.url.no_host": QT_TRANSLATE_NOOP(
        "Settings", "the address has no host name, such as https://calls.example.com"),
    "refusal.url.host_name": QT_TRANSLATE_NOOP("Settings", "'%1' is not a host name"),
    "refusal.schedule.key": QT_TRANSLATE_NOOP("Settings", "%1 is no part of the schedule"),
})

register({
    "setting.help.mode": QT_TRANSLATE_NOOP("Settings", "accept-all, reject-all or ask"),
    "setting.help.ask-timeout": QT_TRANSLATE_NOOP(
        "Settings", "seconds a person has to decide (3-60)"),
    "setting.help.ask-default": QT_TRANSLATE_NOOP("Settings", "decision when nobody answers"),
    "setting.help.withheld": QT_TRANSLATE_NOOP(
        "Settings", "withheld callers: mode (follow the mode), accept, reject or ask"),
    "setting.help.failsafe": QT_TRANSLATE_NOOP("Settings", "decision when callgate fails"),
    "setting.help.payphone": QT_TRANSLATE_NOOP(
        "Settings", "payphones: withheld (as withheld callers), mode, accept, reject or ask"),
    "setting.help.customers": QT_TRANSLATE_NOOP(
        "Settings", "registered customers: mode (follow the mode), accept, reject or ask"),
    "setting.help.unknown": QT_TRANSLATE_NOOP(
        "Settings", "callers who are no registered customer: mode, accept, reject or ask"),
    "setting.help.repeat-caller": QT_TRANSLATE_NOOP(
        "Settings",
        "on: a number calling again within repeat-minutes after a reject rings through"),
    "setting.help.repeat-minutes": QT_TRANSLATE_NOOP(
        "Settings", "the repeat-caller window (1-60 minutes)"),
    "setting.help.schedule": QT_TRANSLATE_NOOP("Settings", "on: business hours choose the mode"),
    "setting.help.schedule-hours": QT_TRANSLATE_NOOP(
        "Settings", "business hours, like mon-fri 9:00-12:00, 13:00-18:00; sat 9:00-12:00"),
    "setting.help.open-mode": QT_TRANSLATE_NOOP("Settings", "the mode inside business hours"),
    "setting.help.closed-mode": QT_TRANSLATE_NOOP(
        "Settings", "the mode outside business hours"),
    "setting.help.public-holidays": QT_TRANSLATE_NOOP(
        "Settings", "on: closed on Japanese public holidays"),
    "setting.help.closed-days": QT_TRANSLATE_NOOP(
        "Settings", "the office's closed days, ';'-separated: 2025-08-13..2025-08-16 お盆; "
                    "12-29..01-03 年末年始"),
    "setting.help.time-zone": QT_TRANSLATE_NOOP("Settings", "the office's time zone"),
    "setting.help.override-mode": QT_TRANSLATE_NOOP(
        "Settings", "a mode set by hand over the schedule (empty: none; set with `mode`)"),
    "setting.help.override-set-at": QT_TRANSLATE_NOOP(
        "Settings", "when the manual override was set (UTC)"),
    "setting.help.override-ends": QT_TRANSLATE_NOOP(
        "Settings",
        "the manual override lasts until the next-change of the schedule or turned-off"),
    "setting.help.host": QT_TRANSLATE_NOOP(
        "Settings", "address the listener binds (on restart)"),
    "setting.help.port": QT_TRANSLATE_NOOP("Settings", "port the listener binds (on restart)"),
    "setting.help.desk-host": QT_TRANSLATE_NOOP(
        "Settings", "address the desk port binds while desks are registered (0.0.0.0: every "
                    "address of this machine)"),
    "setting.help.desk-port": QT_TRANSLATE_NOOP(
        "Settings", "port of the desks' encrypted link (bound while desks are registered)"),
    "setting.help.token-grace-hours": QT_TRANSLATE_NOOP(
        "Settings", "hours an old webhook token keeps working after a rotation (0-720)"),
    "setting.help.tunnel": QT_TRANSLATE_NOOP(
        "Settings", "how commubo reaches callgate: none, ngrok, cloudflared, url or quick"),
    "setting.help.ngrok-api": QT_TRANSLATE_NOOP(
        "Settings", "host:port of the ngrok agent's local API (tunnel ngrok)"),
    "setting.help.cloudflared-metrics": QT_TRANSLATE_NOOP(
        "Settings", "host:port of cloudflared's --metrics server (tunnel cloudflared)"),
    "setting.help.public-url": QT_TRANSLATE_NOOP(
        "Settings", "public address that forwards to callgate, e.g. https://calls.example.com"),
    "setting.help.language": QT_TRANSLATE_NOOP(
        "Settings", "the language of the console and the command line: auto (the system's), "
        "ja or en"),
})
