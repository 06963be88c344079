"""No line `serve` writes may carry a webhook token, not even aiohttp's own complaints about a
request line it cannot parse, which quote that line (and so the token) in full."""

from __future__ import annotations

import io
import logging
import socket
from pathlib import Path

import pytest
from processes import free_port
from test_cli import Cli, Serving, start_serve, wait_for

from server.logs import (
    LOG_FILE,
    LOG_FILES,
    SHORTEST_CUT,
    RedactingFormatter,
    hand_off,
    log_to_file,
    redact,
)

# Request lines aiohttp refuses before any handler of callgate's runs, each with what its
# complaint still has to say once the token is gone.
BROKEN_REQUEST_LINES = {
    "a 9,000-character query": (b"POST {path}?" + b"a" * 9000 + b" HTTP/1.1", "8190 bytes"),
    "a byte 0xff": (b"POST {path}\xff HTTP/1.1", "Invalid char in url"),
    "a tab": (b"POST {path}\tx HTTP/1.1", "Invalid characters in url"),
    "HTTP/9.9": (b"POST {path} HTTP/9.9", "Invalid HTTP version"),
}


def send_raw(port: int, request_line: bytes) -> bytes:
    """One request whose line is sent exactly as given; the whole answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(request_line + b"\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 2\r\n\r\n{}")
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
        return answer


def percent_encoded(text: str) -> str:
    return "".join(f"%{ord(char):02X}" for char in text)


@pytest.fixture
def rotated(tmp_path: Path) -> tuple[Serving, list[str]]:
    """`serve` with two valid tokens: the old one, in its grace period, and the new one
    (rotated while serve runs, as a person does when the old one may have leaked)."""
    cli = Cli(tmp_path / "data", free_port())
    old = cli.token()
    serving = start_serve(cli, tmp_path / "serve.log")
    cli.ok("rotate-token")
    new = cli.token()
    assert new != old
    assert serving.healthy()  # serve rereads the tokens at its next request of any kind
    return serving, [old, new]


@pytest.mark.parametrize("broken", BROKEN_REQUEST_LINES)
def test_a_request_line_aiohttp_refuses_never_logs_the_token(
    rotated: tuple[Serving, list[str]], broken: str
) -> None:
    serving, tokens = rotated
    line, complaint = BROKEN_REQUEST_LINES[broken]
    try:
        paths = [f"/hooks/commubo/{token}" for token in tokens]
        # The token alone, percent-encoded (aiohttp decodes it: it opens the webhook too), and
        # where aiohttp cuts a long line's quote (at 100 characters) in the middle of it.
        paths += [f"/{tokens[1]}", f"/hooks/commubo/{percent_encoded(tokens[0])}",
                  "/" * 80 + tokens[1]]
        for path in paths:
            assert send_raw(serving.cli.port, line.replace(b"{path}", path.encode())
                            ).startswith(b"HTTP/1.0 400")
        assert wait_for(lambda: serving.output().count("Error handling request") == len(paths),
                        5.0), serving.output()
    finally:
        serving.stop()
    output = serving.output()
    for token in tokens:
        assert token not in output
        assert percent_encoded(token) not in output
        assert token[:12] not in output
    assert output.count("Error handling request from 127.0.0.1") == len(paths)
    assert output.count(complaint) >= len(paths), output
    assert "/hooks/commubo/<token>" in output


def test_a_traceback_that_quotes_a_token_is_redacted_too() -> None:
    """Exception text can carry anything: the line is redacted once it is whole."""
    token = "Tq8nXc2vB5mK1pLr7sWd4yHz0aJf6gEu"
    redact.keep_secret([token])
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    handler.setFormatter(RedactingFormatter("%(message)s"))
    logger = logging.getLogger("test_log_secrets.traceback")
    logger.addHandler(handler)
    try:
        try:
            raise ValueError(f"cannot open {token} (cut: {token[:20]}...)")
        except ValueError:
            logger.exception("while reading %s", f"/HOOKS/commubo/{token}")
    finally:
        logger.removeHandler(handler)
    written = out.getvalue()
    assert token[:SHORTEST_CUT] not in written
    assert "Traceback" in written and "ValueError: cannot open <token> (cut: <token>...)" in written


def test_a_desk_secret_is_hidden_wherever_a_line_quotes_it() -> None:
    secret = "xAl7-tYOpDbKQhkqbrUeBkLTaypsam9EVuApwSh0VwM"
    line = (f"callgate://10.0.0.2:9443/reception?secret={secret}&fingerprint=sha256:ab "
            f'{{"type":"Hello","desk":"reception","secret": "{secret}"}}')
    record = logging.LogRecord("x", logging.WARNING, __file__, 1, "%s", (line,), None)
    written = RedactingFormatter("%(message)s").format(record)
    assert secret not in written
    assert written.count("<secret>") == 2 and "fingerprint=sha256:ab" in written


def test_serve_s_log_file_is_rotated(tmp_path: Path) -> None:
    root = logging.getLogger()
    before = list(root.handlers)
    try:
        path = log_to_file(tmp_path / "logs", max_bytes=2000)
        assert path == tmp_path / "logs" / LOG_FILE
        logger = logging.getLogger("test_log_secrets.rotation")
        logger.setLevel(logging.INFO)
        for number in range(600):
            logger.info("line %d of a long day", number)
    finally:
        for handler in set(root.handlers) - set(before):
            root.removeHandler(handler)
            handler.close()
    kept = sorted(file.name for file in (tmp_path / "logs").iterdir())
    assert kept == [LOG_FILE, *(f"{LOG_FILE}.{n}" for n in range(1, LOG_FILES + 1))]
    assert "line 599 of a long day" in path.read_text(encoding="utf-8")
    assert all(file.stat().st_size <= 2000 for file in (tmp_path / "logs").iterdir())


def lines_ending(first: str, second: str, lines: list[str]) -> list[str]:
    """The last two of `lines` if they end so (else what they should have been)."""
    if len(lines) >= 2 and lines[-2].endswith(first) and lines[-1].endswith(second):
        return lines[-2:]
    return [f"... {first}", f"... {second}"]


def test_serve_s_lines_written_by_the_log_s_thread_keep_their_order_words_and_rotation(
        tmp_path: Path) -> None:
    """serve hands its lines per call to a thread that writes them a batch at a time: every
    line is there, in order, as its arguments were when logged, redacted, and the file is
    rotated as it would be line by line; a line of another logger is written at once."""
    token = "cnQUJp7gOTCHe-h6iiGTFQllUG484Lki"
    redact.keep_secret([token])
    root = logging.getLogger()
    before = list(root.handlers)
    stop = None
    try:
        path = log_to_file(tmp_path / "logs", max_bytes=2000)
        assert path is not None
        stop = hand_off("test_log_secrets.hand_off")
        logger = logging.getLogger("test_log_secrets.hand_off")
        logger.setLevel(logging.INFO)
        for number in range(600):
            logger.info("line %d of a long day", number)
        changing = ["as logged"]
        logger.info("the list is %s", changing)
        changing[0] = "changed later"
        # Another logger's line is written at once, after the batched lines before it.
        logging.getLogger("test_log_secrets.other").warning(
            "a quoted request line: POST /hooks/commubo/%s HTTP/1.1", token)
        at_once = path.read_text(encoding="utf-8").splitlines()
        assert at_once[-2:] == lines_ending("the list is ['as logged']",
                                            "POST /hooks/commubo/<token> HTTP/1.1", at_once)
        stop()
        stop = None
    finally:
        if stop is not None:
            stop()
        for handler in set(root.handlers) - set(before):
            root.removeHandler(handler)
            handler.close()
    files = sorted((tmp_path / "logs").iterdir(), key=lambda file: file.name, reverse=True)
    assert [file.name for file in files][-1] == LOG_FILE and len(files) == LOG_FILES + 1
    assert all(file.stat().st_size <= 2000 for file in files)
    lines = [line for file in files for line in file.read_text(encoding="utf-8").splitlines()]
    numbers = [int(line.split()[3]) for line in lines if "of a long day" in line]
    assert numbers == list(range(numbers[0], 600)), "lines lost or out of order"
    # Each file it rotated out is full: the next line would not have fitted.
    longest = max(len(line.encode()) + 1 for line in lines)
    assert all(file.stat().st_size > 2000 - longest for file in files[:-1])
    assert lines[-2].endswith("the list is ['as logged']")
    assert lines[-1].endswith("a quoted request line: POST /hooks/commubo/<token> HTTP/1.1")
    assert token not in "\n".join(lines)
