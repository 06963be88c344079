"""The command line speaks the reader's language (issue 12, point 5): decisions, reasons, the
steps of `explain`, `schedule show`, `check`'s verdicts and the history read Japanese with
`--lang ja` and English with `--lang en`, on a machine set to UTC in the C locale, the times on
the office's clock (point 3). Each command is the real `python main.py` in a subprocess."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from processes import free_port
from test_cli import Cli, mentions_number, start_serve
from untranslated import english_left

from screening.call import Call
from screening.messages import Message
from screening.mode import Mode
from screening.policy import Decision, Reason, Verdict
from storage.calls import CallHistory, CallRecord
from storage.database import DB_FILENAME, open_database

# A machine in UTC and the C locale: nothing of the machine's own may show.
MACHINE = {"TZ": "UTC", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"}
# The moment a line of serve's log begins with: ISO 8601 with milliseconds and its offset.
LOG_MOMENT = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d ")
HOURS = "mon-fri 9:00-12:00, 13:00-18:00; sat 9-12"
# A moment on the office's clock as Japanese writes it, and as the English command line does.
JAPANESE_MOMENT = re.compile(r"\d{4}/\d{2}/\d{2}\([月火水木金土日]\) \d{2}:\d{2} JST")
JAPANESE_SECOND = re.compile(r"\d{4}/\d{2}/\d{2}\([月火水木金土日]\) \d{2}:\d{2}:\d{2} JST  ")
ENGLISH_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2} \((Mon|Tue|Wed|Thu|Fri|Sat|Sun)\) \d{2}:\d{2} JST")
# 07:16:05 UTC on Wednesday 25 November 2026 is 16:16:05 in Tokyo.
RECEIVED = datetime(2026, 11, 25, 7, 16, 5, tzinfo=UTC)


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    return Cli(tmp_path / "data", free_port())


def run(cli: Cli, lang: str, *args: str) -> str:
    return cli.ok("--lang", lang, *args, env=cli.env(**MACHINE))


def columns(line: str) -> int:
    """Where the value of a `label  value` row starts, in terminal columns (kanji take two)."""
    label = re.match(r"^(.*?\S)\s{2,}|^(\S+) ", line)
    assert label, line
    start = label.end()
    return sum(2 if ord(ch) > 0x2E7F else 1 for ch in line[:start])


def test_schedule_show_reads_japanese_with_its_days_as_hours_are_typed(cli: Cli) -> None:
    cli.ok("schedule", "set", "--hours", HOURS, "--closed-days", "12-29..01-03 年末年始",
           "--on")
    shown = run(cli, "ja", "schedule").splitlines()
    rows = dict(re.split(r"\s{2,}| (?=\S)", line, maxsplit=1) for line in shown)

    assert rows["スケジュール"] == "オン"
    assert rows["営業時間"] == "月-金 09:00-12:00, 13:00-18:00; 土 09:00-12:00"
    assert rows["祝日"] == "日本の祝日は休業"
    assert rows["休業日"] == "12/29〜01/03 年末年始"  # as the console writes them
    assert rows["タイムゾーン"] == "Asia/Tokyo"
    assert JAPANESE_MOMENT.search(rows["現在"]), rows["現在"]
    assert rows["現在"].endswith("まで）")
    # The values line up, however wide the labels are in a terminal.
    assert len({columns(line) for line in shown}) == 1, shown
    # The hours as shown are hours as `--hours` takes them.
    cli.ok("schedule", "set", "--hours", rows["営業時間"])
    assert run(cli, "en", "schedule").splitlines()[1] == (
        "hours        mon-fri 09:00-12:00, 13:00-18:00; sat 09:00-12:00")
    # And the closed days as shown are closed days as `--closed-days` takes them.
    cli.ok("schedule", "set", "--closed-days", rows["休業日"])
    assert "closed days  12-29..01-03 年末年始" in run(cli, "en", "schedule").splitlines()


def test_schedule_show_reads_english_with_lang_en(cli: Cli) -> None:
    cli.ok("config", "language", "ja")  # --lang wins over the setting for this command
    cli.ok("schedule", "set", "--hours", HOURS, "--on")
    cli.ok("mode", "ask")
    shown = run(cli, "en", "schedule")

    assert shown.splitlines()[:7] == [
        "schedule     on",
        "hours        mon-fri 09:00-12:00, 13:00-18:00; sat 09:00-12:00",
        "open mode    accept-all",
        "closed mode  reject-all",
        "holidays     closed on Japanese public holidays",
        "closed days  -",
        "time zone    Asia/Tokyo",
    ]
    now, override = shown.splitlines()[7:]
    assert now.startswith("now          ask (manual override, until ")
    assert ENGLISH_MOMENT.search(now), now
    assert override.startswith("override     ask set ") and override.endswith(": in force")


def test_the_setting_chooses_the_language_and_lang_overrides_it(cli: Cli) -> None:
    cli.ok("config", "language", "ja")
    assert cli.ok("schedule", env=cli.env(**MACHINE)).startswith("スケジュール")
    assert run(cli, "en", "schedule").startswith("schedule")
    cli.ok("config", "language", "auto")  # the system's: this machine's locale has none
    assert cli.ok("schedule", env=cli.env(**MACHINE)).startswith("schedule")
    japanese_machine = cli.env(**MACHINE | {"LC_ALL": "ja_JP.UTF-8"})
    assert cli.ok("schedule", env=japanese_machine).startswith("スケジュール")


def test_explain_steps_name_moments_as_the_language_writes_them(cli: Cli) -> None:
    cli.ok("schedule", "set", "--hours", HOURS, "--on")
    cli.ok("block", "0120*", "--until", "2099-01-01T09:00")
    at = ("--at", "2025-01-06T10:00")  # a Monday, inside business hours
    japanese = run(cli, "ja", "explain", "03-3000-1234", *at)
    english = run(cli, "en", "explain", "03-3000-1234", *at)

    assert "2025/01/06(月) 10:00 JST" in japanese
    assert "2025/01/06(月) 12:00 JST" in japanese  # when the office closes for lunch
    assert english.splitlines()[0] == "accept"
    assert "at 2025-01-06 (Mon) 10:00 JST" in english
    assert "until 2025-01-06 (Mon) 12:00 JST" in english
    assert "2025-01-06 (Mon)" not in japanese


def test_rules_read_japanese(cli: Cli) -> None:
    assert run(cli, "ja", "rules").strip() == "ルールはありません。すべての着信がモードに従います"
    made = run(cli, "ja", "block", "0120*", "--until", "2099-01-01T09:00", "--note", "営業")
    assert made.startswith("拒否 ") and "2099/01/01(木) 09:00 JSTまで" in made
    made = run(cli, "ja", "allow", "03-3000-1234", "--once")
    assert made.startswith("許可 ") and "03-3000-1234" in made and "1回限り" in made
    listed = run(cli, "ja", "rules").splitlines()
    assert [line.split()[0] for line in listed] == ["許可", "拒否"]
    assert "適用なし" in listed[0] and "[1回限り]" in listed[0]
    assert run(cli, "en", "rules").splitlines()[0].startswith("allow  03-3000-1234     never")
    removed = run(cli, "ja", "unlist", "03-3000-1234").strip()
    assert "03-3000-1234" in removed and removed.endswith("のルールを削除しました")


def test_what_a_person_typed_is_quoted_as_their_language_quotes(cli: Cli) -> None:
    """Python's quotes ('12') read as code to a Japanese office; 「12」 as its own writing."""
    for lang, said in (("ja", "「03-abc」は電話番号ではありません：「a」は文字です"),
                       ("en", "'03-abc' is not a phone number: 'a' is a letter")):
        refused = cli.run("--lang", lang, "block", "03-abc", env=cli.env(**MACHINE))
        assert refused.returncode != 0 and said in refused.stderr, refused.stderr


def test_check_reports_in_japanese(cli: Cli) -> None:
    report = run_check(cli, "ja", "--no-self-test")
    rows = report.splitlines()

    assert rows[0].startswith("トンネル") and "未設定" in rows[0]
    assert rows[1].startswith("公開URL") and rows[1].endswith("不明")
    assert rows[2].startswith("自己テスト") and rows[2].endswith("未実行")
    assert len({columns(line) for line in rows[:3]}) == 1, rows
    english = run_check(cli, "en", "--no-self-test").splitlines()
    assert english[:3] == [
        "tunnel      none configured (python main.py config tunnel ngrok|cloudflared|url)",
        "public URL  unknown", "self-test   not run"]


def run_check(cli: Cli, lang: str, *args: str) -> str:
    """`check` exits 1 when callgate is not reachable: what it printed."""
    result = cli.run("--lang", lang, "check", *args, env=cli.env(**MACHINE))
    assert result.returncode == 1, (result.stdout, result.stderr)
    return result.stdout


def a_call_at(cli: Cli, moment: datetime) -> None:
    """A call from 0120-123-456 recorded at `moment`, as the listener records one."""
    db = open_database(cli.data_dir / DB_FILENAME)
    call = Call.from_payload({"callId": "at-1616", "phoneNumber": "0120123456"}, "x")
    verdict = Verdict(Decision.REJECT, Reason.MODE,
                      Message("detail.mode", (Mode.REJECT_ALL.message,)))
    stamp = moment.isoformat(timespec="milliseconds")
    CallHistory(db).record(CallRecord.of(call, verdict, stamp, 1.25, "{}"))
    db.close()


def test_history_lines_read_the_offices_moment_in_the_readers_language(cli: Cli) -> None:
    cli.ok("url")  # makes the database
    a_call_at(cli, RECEIVED)
    japanese = run(cli, "ja", "history").strip()
    english = run(cli, "en", "history").strip()

    assert japanese.startswith("2026/11/25(水) 16:16:05 JST  ")
    assert "0120-123-456" in japanese and "1.2ミリ秒" in japanese
    assert english.startswith("2026-11-25 (Wed) 16:16:05 JST  reject mode     0120-123-456")
    assert english.endswith("1.2 ms")
    # For scripts, the same moment in ISO 8601 with the office's offset, in any language.
    [row] = cli.history("--lang", "ja", env=cli.env(**MACHINE))
    assert row["received_at"] == "2026-11-25T16:16:05+09:00"


def test_serve_and_simulate_word_each_call_in_the_readers_language(
        cli: Cli, tmp_path: Path) -> None:
    cli.ok("config", "language", "ja")
    serving = start_serve(cli, tmp_path / "serve.log")
    try:
        japanese = cli.ok("simulate", "--from", "0120123456", "--unknown", env=cli.env(**MACHINE))
        english = run(cli, "en", "simulate", "--from", "0120123456", "--unknown")
        lines = run(cli, "ja", "history").splitlines()
    finally:
        serving.stop()
    assert english.startswith("200 accept (mode) for call ")
    assert japanese.startswith("200 ") and "（モード）通話ID " in japanese
    assert len(lines) == 2
    assert all(JAPANESE_SECOND.match(line) for line in lines), lines
    logged = [line for line in serving.output().splitlines()
              if mentions_number(line, "0120123456")]
    assert len(logged) == 2 and all(" モード " in line and "ミリ秒" in line for line in logged)


def test_nothing_the_commands_print_in_japanese_is_left_english(
        cli: Cli, tmp_path: Path) -> None:
    """Decisions, reasons, every step of `explain`, `schedule show`, `mode`, `check`'s
    verdicts, `rules` and the history: no English word a person reads (what was typed, names
    of programs, URLs and commands aside: tests/untranslated.py)."""
    cli.ok("schedule", "set", "--hours", HOURS, "--closed-days", "12-29..01-03 年末年始",
           "--on")
    cli.ok("block", "0120*", "--until", "2099-01-01T09:00", "--note", "営業")
    cli.ok("allow", "--name", "エーアイ化粧品")
    cli.ok("config", "repeat-caller", "on")
    cli.ok("config", "tunnel", "url")
    cli.ok("config", "public-url", f"http://127.0.0.1:{free_port()}")
    a_call_at(cli, RECEIVED)
    printed = {
        "explain rule": run(cli, "ja", "explain", "0120-123-456", "--at", "2025-01-06T10:00"),
        "explain closed": run(cli, "ja", "explain", "03-3000-1234", "--at", "2025-01-06T12:30"),
        "explain holiday": run(cli, "ja", "explain", "03-3000-1234", "--at",
                               "2025-01-13T10:00"),
        "explain customer": run(cli, "ja", "explain", "03-3000-1234", "--company",
                                "ｴｰｱｲ化粧品"),
        "explain withheld": run(cli, "ja", "explain", "非通知"),
        "schedule": run(cli, "ja", "schedule"),
        "mode": run(cli, "ja", "mode", "ask"),
        "rules": run(cli, "ja", "rules"),
        "history": run(cli, "ja", "history"),
        "check": run_check(cli, "ja"),
    }
    # What was typed or stored, shown as it is: the time zone's name, the office's own notes.
    data = ("Asia/Tokyo", "0120*", "0120-123-456", "03-3000-1234", "+81330001234",
            "+81120123456", "エーアイ化粧品")
    left = {f"{what}: {line}": english_left(line, data)
            for what, text in printed.items() for line in text.splitlines()
            if english_left(line, data)}
    assert not left, "\n".join(f"{line} -> {words}" for line, words in left.items())


def serve_one_call(cli: Cli, tmp_path: Path) -> list[str]:
    """The lines of a `serve`, on a machine whose clock is UTC, that took one call and stopped."""
    serving = start_serve(cli, tmp_path / "serve.log", **MACHINE)
    try:
        cli.ok("simulate", "--from", "0120123456", "--unknown", env=cli.env(**MACHINE))
    finally:
        serving.stop()
    return serving.output().splitlines()


def test_serve_s_own_lines_read_japanese_from_start_to_stop(cli: Cli, tmp_path: Path) -> None:
    """Starting, each call, and stopping: what an office reads in serve's output and log, in
    the language setting's words (its diagnostics for support aside: none come here)."""
    cli.ok("config", "language", "ja")
    lines = serve_one_call(cli, tmp_path)
    assert len(lines) >= 4, lines  # listening, where the log is, the call, stopping
    left = {line: english_left(LOG_MOMENT.sub("", line), ("+81120123456",)) for line in lines}
    assert not {line: words for line, words in left.items() if words}


def test_serve_s_lines_tell_the_time_on_the_offices_clock(cli: Cli, tmp_path: Path) -> None:
    """On a machine whose clock is UTC, an office in Tokyo reads Tokyo's time in the log, as
    in its history; the offset says which clock it is."""
    lines = serve_one_call(cli, tmp_path)
    [called] = [line for line in lines if mentions_number(line, "0120123456")]
    [recorded] = cli.history()
    moments = [LOG_MOMENT.match(line) for line in lines]
    assert all(moments), lines
    logged = datetime.fromisoformat(called.split()[0] + "T" + called.split()[1])
    assert logged.utcoffset() == timedelta(hours=9)
    received = datetime.fromisoformat(recorded["received_at"])
    assert abs(logged - received) < timedelta(seconds=2), (called, recorded)


def test_a_count_reads_as_the_reader_s_language_counts(cli: Cli, tmp_path: Path) -> None:
    """One call is `1 call`, one rule `1 rule`, in English; Japanese counts in 件."""
    cli.ok("url")  # makes the database
    a_call_at(cli, datetime.now(UTC) - timedelta(minutes=1))
    assert run(cli, "en", "stats").splitlines()[1] == "1 call: 0 let through, 1 rejected (100.0%)"
    assert run(cli, "ja", "stats").splitlines()[1] == "着信1件：通過0件、拒否1件（100.0%）"
    workbook = tmp_path / "calls.xlsx"
    written = {lang: run(cli, lang, "history", "--xlsx", str(workbook)) for lang in ("en", "ja")}
    assert written == {"en": f"wrote 1 call to {workbook}\n",
                       "ja": f"1件の着信を{workbook}に書き出しました\n"}
    rules = tmp_path / "rules.csv"
    rules.write_text("number,action\n03-3000-1234,block\n", encoding="utf-8")
    assert run(cli, "en", "import-rules", str(rules)) == "imported 1 rule (1 new, 0 replaced)\n"
