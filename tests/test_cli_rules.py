"""Issue 5 on the command line, in real subprocesses: prefixes, temporary and one-shot rules,
explain, CSV export and all-or-nothing import, schedule and the manual override."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from test_cli import Cli, cli, one_error_line, usage_error

__all__ = ["cli"]  # the fixture, used by name


def first_line(text: str) -> str:
    return text.splitlines()[0]


def test_block_a_prefix_and_explain_a_number_under_it(cli: Cli) -> None:
    cli.ok("block", "0120*", "--note", "ads")
    out = cli.ok("explain", "0120-123-456")
    assert first_line(out) == "reject"
    assert "prefix 0120*" in out
    assert first_line(cli.ok("explain", "03-3000-1234")) == "accept"
    # explain records nothing: no history, no match on the rule.
    assert cli.history() == []
    (rule,) = cli.rules()
    assert (rule["kind"], rule["number"], rule["times_matched"]) == ("prefix", "+81120*", 0)


def test_temporary_and_one_shot_rules(cli: Cli) -> None:
    out = cli.ok("allow", "03-3000-1234", "--once", "--for", "24h")
    assert "one-shot" in out
    cli.ok("block", "050*", "--until", "2099-01-01T09:00")
    rules = {rule["number"]: rule for rule in cli.rules()}
    once = rules["+81330001234"]
    assert once["once"] == 1 and once["expires_at"] and once["expired"] is False
    assert rules["+8150*"]["expires_at"] == "2099-01-01T00:00:00+00:00"
    assert "until" in cli.ok("rules")


def test_bad_rule_arguments_are_one_line_errors(cli: Cli) -> None:
    usage_error(cli.run("block", "0120*", "--for", "soon"))
    usage_error(cli.run("block", "0120*", "--for", "0m"))
    usage_error(cli.run("block", "0120*", "--until", "2001-01-01T00:00"))
    usage_error(cli.run("block", "0120*", "--until", "tomorrow"))
    usage_error(cli.run("block", "0120*", "--for", "1h", "--until", "2099-01-01T00:00"))
    usage_error(cli.run("block", "0120*", "--once"))  # one-shot rules allow
    usage_error(cli.run("block", "abc*"))
    usage_error(cli.run("allow", "--name", "株式会社"))
    usage_error(cli.run("explain", "0312345678", "--at", "noon"))
    assert cli.rules() == []


def test_explain_at_a_time_against_the_schedule(cli: Cli) -> None:
    cli.ok("schedule", "set", "--hours", "mon-fri 9:00-12:00, 13:00-18:00",
           "--closed-days", "12-29..01-03 年末年始", "--on")
    monday = cli.ok("explain", "03-3000-1234", "--at", "2025-01-06T10:00")
    assert first_line(monday) == "accept"
    assert "open: inside business hours" in monday
    assert first_line(cli.ok("explain", "03-3000-1234", "--at", "2025-01-06T12:30")) == "reject"
    holiday = cli.ok("explain", "03-3000-1234", "--at", "2025-01-13T10:00")  # 成人の日
    assert first_line(holiday) == "reject" and "public holiday" in holiday
    year_end = cli.ok("explain", "03-3000-1234", "--at", "2025-12-30T10:00")
    assert first_line(year_end) == "reject" and "年末年始" in year_end
    # An offset given is respected: 01:00 UTC is 10:00 in Tokyo.
    assert first_line(cli.ok("explain", "0330001234", "--at", "2025-01-06T01:00Z")) == "accept"


def test_explain_customers_and_withheld_callers(cli: Cli) -> None:
    cli.ok("mode", "reject-all")
    cli.ok("config", "customers", "accept")
    cli.ok("allow", "--name", "エーアイ化粧品")
    assert first_line(cli.ok("explain", "03-3000-1234")) == "reject"
    assert first_line(cli.ok("explain", "03-3000-1234", "--customer")) == "accept"
    cli.ok("config", "customers", "mode")
    named = cli.ok("explain", "03-3000-1234", "--company", "ｴｰｱｲ化粧品")
    assert first_line(named) == "accept" and "name エーアイ化粧品" in named
    cli.ok("config", "withheld", "ask")
    assert first_line(cli.ok("explain", "非通知")) == "ask"


def test_rules_export_and_import_round_trip(cli: Cli, tmp_path: Path) -> None:
    cli.ok("block", "0120*", "--note", "ads, calls")
    cli.ok("allow", "03-3000-1234", "--once", "--for", "7d")
    cli.ok("allow", "--name", "エーアイ化粧品", "--note", "customer")
    exported = cli.ok("rules", "--csv")
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert {row["number"] for row in rows} == {"0120*", "03-3000-1234", "エーアイ化粧品"}
    path = tmp_path / "rules.csv"
    path.write_text(exported, encoding="utf-8")

    other = Cli(tmp_path / "other", cli.port)
    out = other.ok("import-rules", str(path))
    assert "imported 3 rules" in out

    def comparable(rules: list[dict[str, object]]) -> set[tuple[object, ...]]:
        return {(r["kind"], r["number"], r["action"], r["note"], r["expires_at"], r["once"])
                for r in rules}

    assert comparable(other.rules()) == comparable(cli.rules())


def test_import_is_all_or_nothing_with_a_report(cli: Cli, tmp_path: Path) -> None:
    cli.ok("block", "03-1111-2222")
    path = tmp_path / "rules.csv"
    path.write_text(
        "number,action,note,expires\n"
        "0120*,block,ads,\n"
        "abc,allow,,\n"
        "03-3000-1234,hold,,\n"
        "050*,block,,next week\n"
        "0120*,allow,,\n"
        "03-9999-0000,allow,fine,\n",
        encoding="utf-8",
    )
    result = cli.run("import-rules", str(path))
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines[0] == "callgate: error: import-rules: 4 of 6 rows refused; nothing was imported"
    assert [line.split(":")[0].strip() for line in lines[1:]] == [
        "line 3", "line 4", "line 5", "line 6"]
    assert "allow or block" in lines[2] and "same prefix as line 2" in lines[4]
    assert [rule["number"] for rule in cli.rules()] == ["+81311112222"]

    usage_error(cli.run("import-rules", str(tmp_path / "missing.csv")))
    (tmp_path / "headless.csv").write_text("03-3000-1234,block\n", encoding="utf-8")
    assert "header" in usage_error(cli.run("import-rules", str(tmp_path / "headless.csv")))


def test_schedule_show_set_on_off(cli: Cli) -> None:
    shown = cli.ok("schedule")
    assert "schedule     off" in shown and "mon-fri 09:00-18:00" in shown
    assert shown == cli.ok("schedule", "show")
    out = cli.ok("schedule", "set", "--hours", "月-金 9-17", "--closed-mode", "ask",
                 "--holidays", "off", "--time-zone", "Europe/Berlin")
    assert "mon-fri 09:00-17:00" in out and "Europe/Berlin" in out and "schedule     off" in out
    assert "schedule     on" in cli.ok("schedule", "on")
    assert cli.ok("config", "schedule").strip() == "on"
    assert "schedule     off" in cli.ok("schedule", "off")
    for bad in (["set", "--hours", "xyz"], ["set", "--time-zone", "Mars/Olympus"],
                ["set", "--closed-days", "2025-02-30"], ["set"], ["set", "--open-mode", "x"],
                ["sometimes"]):
        usage_error(cli.run("schedule", *bad))
    assert "--hours" in cli.ok("schedule", "--help")


def test_mode_overrides_the_schedule_until_the_next_change(cli: Cli) -> None:
    cli.ok("schedule", "set", "--hours", "", "--closed-mode", "reject-all", "--on")
    assert cli.ok("mode").splitlines() == ["reject-all", "schedule, office closed, no change ahead"]
    out = cli.ok("mode", "accept-all")
    assert out.splitlines()[0] == "accept-all" and "manual override" in out
    assert cli.ok("config", "override-mode").strip() == "accept-all"
    assert cli.ok("config", "override-ends").strip() == "next-change"
    assert "override     accept-all" in cli.ok("schedule")
    out = cli.ok("mode", "ask", "--until-off")
    assert "until turned off" in out
    assert cli.ok("config", "override-ends").strip() == "turned-off"
    assert first_line(cli.ok("mode", "schedule")) == "reject-all"
    assert cli.ok("config", "override-mode").strip() == ""
    usage_error(cli.run("mode", "--until-off"))


def test_mode_without_a_schedule_is_the_mode_setting(cli: Cli) -> None:
    assert cli.ok("mode", "ask").strip() == "ask"
    assert cli.ok("config", "override-mode").strip() == ""
    out = cli.ok("mode", "schedule")
    assert first_line(out) == "ask" and "schedule is off" in out


def test_new_settings_through_config(cli: Cli) -> None:
    assert cli.ok("config", "repeat-caller", "on").strip() == "on"
    assert cli.ok("config", "repeat-minutes", "5").strip() == "5"
    line = one_error_line(cli.run("config", "repeat-minutes", "120"))
    assert "between 1 and 60" in line
    usage_error(cli.run("config", "time-zone", "Nowhere/Else"))
    listing = cli.ok("config")
    for key in ("payphone", "customers", "unknown", "schedule-hours", "closed-days"):
        assert key in listing
