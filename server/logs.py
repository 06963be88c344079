"""The log handler callgate installs (for `serve` and the console): no line it writes carries a
webhook token or a desk's secret, whoever wrote the line.

aiohttp's own "Error handling request" lines quote a request line it could not parse, token and
all, and exception text can carry anything; so every line is redacted where it is written, not
message by message. Two things go: whatever follows the webhook prefix, and every token that
opened the webhook while this process ran, also percent-encoded, and also cut short where a
quote was truncated (`...`). A desk's secret is hidden wherever it shows as a connection
string's `secret=` or a Hello's `"secret"`. `serve` also writes its lines, rotated, to a file
(`log_to_file`), and writes them on a thread of its own (`hand_off`), so that the listener's
thread spends on a line only its record.
"""

from __future__ import annotations

import atexit
import logging
import logging.handlers
import queue
import re
import sys
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from types import TracebackType

from screening.urls import WEBHOOK_PREFIX

HIDDEN = "<token>"
HIDDEN_SECRET = "<secret>"
LOG_FILE = "serve.log"
LOG_BYTES = 5 * 1024 * 1024  # a file this long is rotated ...
LOG_FILES = 5  # ... and this many of the last ones kept
FORMAT = "%(asctime)s %(message)s"
# The shortest start of a token that a truncated quote may show before it is redacted.
SHORTEST_CUT = 8
# After writing what came, the log's thread waits this long before it looks again: lines that
# come meanwhile are written together, and a burst of calls wakes it a few times a second,
# not once a call (each wake-up takes the interpreter's lock from the listener).
LINGER = 0.05
# Up to a quote, space, query, fragment or `<`: in a quoted request line, that is the token,
# however it is spelt (percent-encoded, or followed by bytes aiohttp refused).
_AFTER_PREFIX = re.compile(re.escape(WEBHOOK_PREFIX) + r"""[^\s'"?#<>]+""")
# A desk's secret in a connection string (`secret=...`) or a Hello (`"secret": "..."`).
_DESK_SECRET = re.compile(r"""(?i)(secret=|"secret"\s*:\s*")[^\s&'"<>]+""")

log = logging.getLogger(__name__)


def _spelt(char: str) -> str:
    """A character as a URL may carry it: itself or percent-encoded."""
    return f"(?:{re.escape(char)}|%{ord(char):02x})"


def _token_pattern(token: str) -> str:
    """The whole token, or its first SHORTEST_CUT or more characters right before `...`."""
    rest = ""
    for char in reversed(token[SHORTEST_CUT:]):
        rest = f"(?:{_spelt(char)}{rest})?"
    head = "".join(_spelt(char) for char in token[:SHORTEST_CUT])
    return f"{''.join(_spelt(char) for char in token)}|{head}{rest}(?=\\.\\.\\.)"


class TokenRedactor:
    """Text with every webhook token hidden; tokens are learnt as they are read, never
    forgotten (a rotated-out token is still somebody's key for a while)."""

    def __init__(self) -> None:
        self._tokens: frozenset[str] = frozenset()
        self._pattern: re.Pattern[str] | None = None
        self._lock = threading.Lock()

    def keep_secret(self, tokens: Iterable[str]) -> None:
        """Hide these tokens from now on (cheap when they are known already)."""
        wanted = {token for token in tokens if token}
        if wanted <= self._tokens:
            return
        with self._lock:
            known = self._tokens | wanted
            # Longest first, so that no token's start hides only part of a longer one.
            ordered = sorted(known, key=len, reverse=True)
            self._pattern = re.compile("|".join(map(_token_pattern, ordered)), re.IGNORECASE)
            self._tokens = known

    def __call__(self, text: str) -> str:
        text = _AFTER_PREFIX.sub(WEBHOOK_PREFIX + HIDDEN, text)
        text = _DESK_SECRET.sub(lambda found: found[1] + HIDDEN_SECRET, text)
        pattern = self._pattern
        return text if pattern is None else pattern.sub(HIDDEN, text)


redact = TokenRedactor()


class RedactingFormatter(logging.Formatter):
    """Redacts the finished line: message, arguments, traceback and stack alike. A record that
    goes to several handlers (stderr and serve.log) is formatted and redacted once."""

    def __init__(self, fmt: str | None = None) -> None:
        super().__init__(fmt)
        self._last: tuple[logging.LogRecord | None, str] = (None, "")

    def format(self, record: logging.LogRecord) -> str:
        last, line = self._last
        if record is not last:
            line = redact(super().format(record))
            self._last = (record, line)
        return line


_FORMATTER = RedactingFormatter(FORMAT)


def _uncaught(kind: type[BaseException], error: BaseException,
              trace: TracebackType | None) -> None:
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, error, trace)
    else:
        log.critical("unexpected error", exc_info=(kind, error, trace))


def _uncaught_in_thread(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is not None:
        log.critical("unexpected error in thread %s", getattr(args.thread, "name", "?"),
                     exc_info=(args.exc_type, args.exc_value, args.exc_traceback))


def install(level: int) -> None:
    """One handler on stderr for every logger, through the redactor; warnings and uncaught
    exceptions (which Python would print to stderr past it) go through it too."""
    handler = logging.StreamHandler()
    handler.setFormatter(_FORMATTER)
    logging.basicConfig(level=level, handlers=[handler], force=True)
    logging.captureWarnings(True)
    sys.excepthook = _uncaught
    threading.excepthook = _uncaught_in_thread


def log_to_file(directory: Path, *, max_bytes: int = LOG_BYTES) -> Path | None:
    """Every line also to `directory`/serve.log, rotated at `max_bytes` (LOG_FILES kept); the
    file, or None (and a line saying why) when it cannot be written."""
    path = directory / LOG_FILE
    try:
        directory.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=max_bytes, backupCount=LOG_FILES, encoding="utf-8")
    except OSError as error:
        log.warning("cannot write the log to %s: %s", path, error.strerror or error)
        return None
    handler.setFormatter(_FORMATTER)
    logging.getLogger().addHandler(handler)
    return path


class Later:
    """A log message whose words are made where the line is written: on the log's thread, once
    `hand_off` has been called, not on the thread that logs it."""

    def __init__(self, words: Callable[[], str]) -> None:
        self._words = words

    def __str__(self) -> str:
        return self._words()


class _HandOff(logging.handlers.QueueHandler):
    """Passes records to the log's thread, each with its words made now unless they are
    Later's: an argument may change before the line is written."""

    def prepare(self, record: logging.LogRecord) -> logging.LogRecord:
        if not isinstance(record.msg, Later):
            record.msg, record.args = record.getMessage(), None
        return record


class _LogThread(threading.Thread):
    """Writes the records it is handed through the handlers they would have gone to."""

    def __init__(self, records: queue.SimpleQueue[logging.LogRecord | None],
                 handlers: list[logging.Handler]) -> None:
        super().__init__(name="callgate-log", daemon=True)
        self._records = records
        self._handlers = handlers

    def run(self) -> None:
        while True:
            record = self._records.get()
            while record is not None:
                for handler in self._handlers:
                    if record.levelno >= handler.level:
                        handler.handle(record)
                try:
                    record = self._records.get_nowait()
                except queue.Empty:
                    break
            if record is None:
                return
            time.sleep(LINGER)


def hand_off() -> Callable[[], None]:
    """From now on, every line is written on the log's own thread; returns what writes every
    line logged so far and stops it (run at exit too: a normal exit leaves no line unwritten;
    a kill -9 may lose the last LINGER's lines)."""
    root = logging.getLogger()
    handlers = list(root.handlers)
    records: queue.SimpleQueue[logging.LogRecord | None] = queue.SimpleQueue()
    thread = _LogThread(records, handlers)
    for handler in handlers:
        root.removeHandler(handler)
    handing = _HandOff(records)
    root.addHandler(handing)
    thread.start()

    def stop() -> None:
        atexit.unregister(stop)
        if thread.is_alive():
            records.put(None)
            thread.join()
        root.removeHandler(handing)  # lines from now on are written where they are logged
        for handler in handlers:
            root.addHandler(handler)

    atexit.register(stop)
    return stop
