"""Desks from the command line (`desk add`, `desk list`, `desk remove`) in real subprocesses,
and what they keep: the secret only as a hash, the certificate's key for its owner only."""

from __future__ import annotations

import json
import os
import stat
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from test_cli import Cli, usage_error

from application import Office
from application.certificate import CERTIFICATE_FILE, KEY_FILE, fingerprint_of
from screening.desk import Connection, DeskRole
from screening.messages import Refusal


@pytest.fixture
def cli(tmp_path: Path) -> Cli:
    cli = Cli(tmp_path / "data", 8080)
    cli.ok("config", "desk-host", "127.0.0.1")
    return cli


def test_desk_add_prints_the_connection_string_as_its_last_line(cli: Cli) -> None:
    cli.ok("config", "desk-port", "9555")
    out = cli.ok("desk", "add", "reception")
    connection = Connection.parse(out.splitlines()[-1])
    assert (connection.host, connection.port, connection.desk) == ("127.0.0.1", 9555,
                                                                  "reception")
    certificate = (cli.data_dir / CERTIFICATE_FILE).read_bytes()
    assert connection.fingerprint == fingerprint_of(certificate)

    second = Connection.parse(cli.ok("desk", "add", "受付", "--role", "admin").splitlines()[-1])
    assert second.desk == "受付" and second.secret != connection.secret
    assert second.fingerprint == connection.fingerprint  # one certificate per service
    listed = json.loads(cli.ok("desk", "list", "--json"))
    assert [(desk["name"], desk["role"], desk["attached"], desk["last_seen"])
            for desk in listed] == [("reception", "operator", False, None),
                                    ("受付", "admin", False, None)]


def test_the_secret_is_kept_only_as_a_hash_and_the_key_for_its_owner(cli: Cli) -> None:
    connection = Connection.parse(cli.ok("desk", "add", "reception").splitlines()[-1])
    stored = b"".join(path.read_bytes() for path in cli.data_dir.rglob("*") if path.is_file())
    assert connection.secret.encode() not in stored
    if sys.platform != "win32":
        mode = stat.S_IMODE(os.stat(cli.data_dir / KEY_FILE).st_mode)
        assert mode == 0o600, oct(mode)
    office = Office.of_directory(cli.data_dir)
    assert office.desks.verify("reception", connection.secret) is DeskRole.OPERATOR
    with pytest.raises(Refusal) as wrong:
        office.desks.verify("reception", connection.secret[:-1] + "x")
    assert wrong.value.message.code == "denied.secret"
    with pytest.raises(Refusal) as unknown:
        office.desks.verify("manager", connection.secret)
    assert unknown.value.message.code == "denied.unknown"


def test_the_address_in_the_string_can_be_given(cli: Cli) -> None:
    out = cli.ok("desk", "add", "laptop", "--address", "Office-PC.local")
    assert Connection.parse(out.splitlines()[-1]).host == "office-pc.local"
    line = usage_error(cli.run("desk", "add", "tablet", "--address", "no such host"))
    assert "'no such host' is not a host name or an IP address" in line


def test_bad_names_roles_and_unknown_desks_are_one_line_each(cli: Cli) -> None:
    cli.ok("desk", "add", "reception")
    assert "there is a desk reception already" in usage_error(
        cli.run("desk", "add", "reception"))
    assert "may hold only letters" in usage_error(cli.run("desk", "add", "front desk"))
    assert "invalid choice" in usage_error(cli.run("desk", "add", "x", "--role", "boss"))
    assert "there is no desk manager" in usage_error(cli.run("desk", "remove", "manager"))
    assert cli.ok("desk", "remove", "reception").strip() == "removed the desk reception"
    assert "no desks" in cli.ok("desk", "list")


def test_adding_and_removing_moves_the_desks_version_and_being_seen_does_not(
        tmp_path: Path) -> None:
    office = Office.of_directory(tmp_path)
    start = office.desks.version()
    office.desks.add("reception")
    added = office.desks.version()
    assert added > start
    now = datetime.now(UTC)
    office.desks.seen(["reception"], attached=True, now=now)
    assert office.desks.version() == added
    (view,) = office.desks.all(now)
    assert view.attached and view.last_seen == now.replace(microsecond=now.microsecond // 1000
                                                            * 1000)
    assert not office.desks.all(now + timedelta(minutes=5))[0].attached  # the service died
    office.desks.seen(["reception"], attached=False, now=now)
    assert not office.desks.all(now)[0].attached
    office.desks.remove("reception")
    assert office.desks.version() > added


def test_desk_list_shows_last_seen_in_office_time(cli: Cli) -> None:
    cli.ok("desk", "add", "reception")
    office = Office.of_directory(cli.data_dir)
    office.desks.seen(["reception"], attached=True,
                      now=datetime(2026, 12, 1, 0, 30, tzinfo=UTC))
    line = cli.ok("desk", "list").strip()
    assert line.startswith("reception  operator  -")  # noted long ago: not attached now
    assert "last seen 2026-12-01 (Tue) 09:30 JST" in line
