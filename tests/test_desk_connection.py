"""The connection string a desk is given (`desk add`) and takes (`--connect`): every part read
back as written, pasted with what copying adds around it, and a malformed one refused with
what is wrong with it."""

from __future__ import annotations

import pytest

import wording
from screening.desk import DEFAULT_DESK_PORT, Connection, DeskRole, desk_name
from screening.messages import Refusal

DIGEST = bytes(range(32))
SECRET = "Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5"


def test_a_connection_string_reads_back_as_written() -> None:
    made = Connection("192.168.1.10", 9443, "受付", SECRET, DIGEST)
    text = str(made)
    assert text == ("callgate://192.168.1.10:9443/%E5%8F%97%E4%BB%98"
                    f"?secret={SECRET}&fingerprint=sha256:{DIGEST.hex()}")
    assert Connection.parse(text) == made
    assert SECRET not in repr(made)
    assert made.url == "wss://192.168.1.10:9443/desk"


def test_an_ipv6_service_and_a_pasted_string_are_understood() -> None:
    made = Connection("fe80::1", 9444, "reception", SECRET, DIGEST)
    assert made.address == "[fe80::1]:9444"
    pasted = f'  "{made}"\n'
    assert Connection.parse(pasted) == made


def test_a_fingerprint_as_openssl_prints_it_is_understood() -> None:
    openssl = ":".join(f"{byte:02X}" for byte in DIGEST)
    text = f"callgate://host.example:9443/desk-1?secret={SECRET}&fingerprint=SHA256:{openssl}"
    assert Connection.parse(text).fingerprint == DIGEST


def test_a_string_without_a_port_means_the_default_desk_port() -> None:
    text = f"callgate://office-pc/reception?secret={SECRET}&fingerprint=sha256:{DIGEST.hex()}"
    assert Connection.parse(text).port == DEFAULT_DESK_PORT


GOOD = f"callgate://10.0.0.2:9443/reception?secret={SECRET}&fingerprint=sha256:{DIGEST.hex()}"


@pytest.mark.parametrize(("text", "code"), [
    ("", "refusal.connection.scheme"),
    ("https://10.0.0.2:9443/reception", "refusal.connection.scheme"),
    (GOOD.replace(":9443", ":99999"), "refusal.connection.port"),
    (GOOD.replace(":9443", ":desk"), "refusal.connection.port"),
    (GOOD.replace("/reception", ""), "refusal.connection.desk"),
    (GOOD.replace("/reception", "/a b"), "refusal.desk.name_chars"),
    (GOOD.replace(SECRET, ""), "refusal.connection.secret"),
    (GOOD.replace(SECRET, SECRET[:10]), "refusal.connection.secret"),
    (GOOD[:-10], "refusal.connection.fingerprint"),
    (GOOD.replace("sha256:", "md5:"), "refusal.connection.fingerprint"),
])
def test_a_malformed_connection_string_is_refused_with_what_is_wrong(text: str,
                                                                     code: str) -> None:
    with pytest.raises(Refusal) as refused:
        Connection.parse(text)
    assert refused.value.message.code == code
    assert wording.known(code)


def test_desk_names_are_kept_in_one_form() -> None:
    assert desk_name(" ｒｅｃｅｐｔｉｏｎ ") == "reception"
    assert desk_name("manager.2F") == "manager.2F"
    for bad, code in (("", "refusal.desk.name_empty"), ("x" * 33, "refusal.desk.name_long"),
                      ("front/desk", "refusal.desk.name_chars")):
        with pytest.raises(Refusal) as refused:
            desk_name(bad)
        assert refused.value.message.code == code and refused.value.field == "name"
    assert [role.value for role in DeskRole] == ["operator", "admin"]
