"""Every setting once (screening/settings.py): its key, default, parser and help; the typed
settings of an office; and refusals that name the setting and read the same everywhere."""

from __future__ import annotations

import ast
from datetime import UTC, datetime
from pathlib import Path

import pytest

import wording
from screening.messages import Refusal
from screening.mode import Mode
from screening.mode_in_force import Override, OverrideEnd
from screening.policy import Decision, ScreeningSettings
from screening.setting_values import TunnelKind
from screening.settings import (
    SPECS,
    Key,
    OfficeSettings,
    canonical,
    key_of,
    with_defaults,
)


def test_every_key_has_one_spec_and_words_for_its_help() -> None:
    assert list(SPECS) == list(Key)
    for key, spec in SPECS.items():
        assert spec.key is key
        assert wording.known(spec.help.code), key
        assert canonical(key, spec.default) == spec.default, "a default is canonical"


def test_the_defaults_are_the_screening_defaults() -> None:
    settings = OfficeSettings.of({})
    assert settings.screening() == ScreeningSettings()
    assert (settings.host, settings.port, settings.tunnel) == ("127.0.0.1", 8080, TunnelKind.NONE)
    assert settings.schedule is None and settings.override is None
    assert dict(settings.text) == with_defaults({})


def test_stored_text_becomes_typed_settings_and_other_rows_are_left_out() -> None:
    stored = {Key.MODE: "ask", Key.ASK_DEFAULT: "reject", Key.SCHEDULE: "on",
              Key.OVERRIDE_MODE: "reject-all", Key.OVERRIDE_SET_AT: "2026-01-06T01:00:00+00:00",
              Key.OVERRIDE_ENDS: "turned-off", Key.PORT: "9000", "webhook-token": "secret",
              "ui.geometry": "AAAA"}
    settings = OfficeSettings.of(stored)
    assert (settings.mode, settings.ask_default, settings.port) == (Mode.ASK, Decision.REJECT,
                                                                    9000)
    held = Override(Mode.REJECT_ALL, datetime(2026, 1, 6, 1, tzinfo=UTC), OverrideEnd.TURNED_OFF)
    assert settings.override == held and settings.screening().override == held
    assert settings.schedule is not None
    assert "webhook-token" not in settings.text and "ui.geometry" not in settings.text


def test_an_override_counts_only_while_the_schedule_is_on() -> None:
    stored: dict[str, str] = {Key.OVERRIDE_MODE: "ask",
                              Key.OVERRIDE_SET_AT: "2026-01-06T01:00:00+00:00"}
    assert OfficeSettings.of(stored).screening().override is None


@pytest.mark.parametrize(
    ("key", "typed", "stored"),
    [(Key.MODE, " ask ", "ask"), (Key.TUNNEL, "Cloudflared", "cloudflared"),
     (Key.PORT, "08080", "8080"), (Key.REPEAT_CALLER, "YES", "on"),
     (Key.PUBLIC_URL, "https://Calls.Example.com/", "https://calls.example.com")],
)
def test_a_value_is_stored_in_one_spelling(key: Key, typed: str, stored: str) -> None:
    assert canonical(key, typed) == stored


@pytest.mark.parametrize(
    ("key", "typed", "code", "words"),
    [
        (Key.MODE, "loud", "refusal.setting.choice", "'loud' is not one of: accept-all, "
                                                     "reject-all, ask"),
        (Key.PORT, "0", "refusal.setting.port", "port must be a number from 1 to 65535, not '0'"),
        (Key.HOST, "example.com", "refusal.setting.host",
         "'example.com' is not an IP address to listen on"),
        (Key.TOKEN_GRACE_HOURS, "800", "refusal.setting.grace_range",
         "token grace must be between 0 and 720 hours"),
        (Key.PUBLIC_URL, "https://calls.example.com/hooks", "refusal.url.path",
         "without a path"),
        (Key.OVERRIDE_SET_AT, "2025-01-01T00:00", "refusal.setting.instant_offset",
         "needs a time zone offset"),
    ],
)
def test_a_bad_value_is_refused_with_a_code_that_names_the_setting(
    key: Key, typed: str, code: str, words: str
) -> None:
    with pytest.raises(Refusal) as refused:
        canonical(key, typed)
    assert (refused.value.message.code, refused.value.field) == (code, key)
    assert words in wording.render(refused.value.message)


def test_an_error_without_a_code_yet_is_refused_in_its_words() -> None:
    with pytest.raises(Refusal) as refused:
        canonical(Key.ASK_TIMEOUT, "99")
    assert refused.value.field == Key.ASK_TIMEOUT
    assert "between 3 and 60" in wording.render(refused.value.message)


def test_an_unknown_key_is_refused_with_the_list_of_settings() -> None:
    with pytest.raises(Refusal) as refused:
        key_of("colour")
    assert refused.value.field is None
    words = wording.render(refused.value.message)
    assert words.startswith("no setting 'colour'; settings are: mode, ask-timeout")
    assert all(key in words for key in Key)


def test_a_setting_is_named_by_its_key_everywhere() -> None:
    """No other module spells a setting's key itself (a typo would be a setting nobody has):
    every text equal to a key of two words or more is in screening/settings.py."""
    project = Path(__file__).resolve().parent.parent
    spelled = {key.value for key in Key if "-" in key.value}
    found = [
        f"{path.relative_to(project)}:{node.lineno} {node.value!r}"
        for layer in ("main.py", "screening", "storage", "application", "server", "cli", "gui",
                      "wording")
        for path in ([project / layer] if layer.endswith(".py")
                     else sorted((project / layer).rglob("*.py")))
        if path != project / "screening" / "settings.py"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant) and node.value in spelled
    ]
    assert not found, "\n".join(found)
