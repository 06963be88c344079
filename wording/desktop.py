"""What callgate says of the computer it runs on: a missing system library, starting when its
person logs in (desktop/)."""

from __future__ import annotations

from wording import QT_TRANSLATE_NOOP, register

register({
    # %1 the Debian packages to install, separated by spaces
    "desktop.libraries.missing": QT_TRANSLATE_NOOP(
        "desktop", "the console cannot open its window: system libraries that Qt needs are "
                   "missing; install them with: sudo apt install %1"),
    # this computer's settings, as `config` lists them
    "desktop.setting.start_at_login": QT_TRANSLATE_NOOP(
        "desktop", "start callgate when you log in to this computer (this computer's setting, "
                   "not the office's; while callgate is not running, commubo rejects calls)"),
    "desktop.setting.menu_entry": QT_TRANSLATE_NOOP(
        "desktop", "callgate in this computer's applications menu, with its icon"),
})
