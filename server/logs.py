"""The log handler callgate installs (for `serve` and the console): no line it writes carries a
webhook token or a desk's secret, whoever wrote the line.

aiohttp's own "Error handling request" lines quote a request line it could not parse, token and
all, and exception text can carry anything; so every line is redacted where it is written, not
message by message. Two things go: whatever follows the webhook prefix, and every token that
opened the webhook while this process ran, also percent-encoded, and also cut short where a
quote was truncated (`...`). A desk's secret is hidden wherever it shows as a connection
string's `secret=` or a Hello's `"secret"`. `serve` also writes its lines, rotated, to a file
(`log_to_file`), its line per call a batch at a time from a thread of its own (`hand_off`), so
that the line costs the listener's thread only its making.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import logging.handlers
import re
import sys
import threading
import time
from collections.abc import Callable, Iterable
from datetime import datetime, tzinfo
from pathlib import Path
from types import TracebackType
from typing import Any

from screening.urls import WEBHOOK_PREFIX

HIDDEN = "<token>"
HIDDEN_SECRET = "<secret>"
LOG_FILE = "serve.log"
LOG_BYTES = 5 * 1024 * 1024  # a file this long is rotated ...
LOG_FILES = 5  # ... and this many of the last ones kept
FORMAT = "%(asctime)s %(message)s"
# The shortest start of a token that a truncated quote may show before it is redacted.
SHORTEST_CUT = 8
# After a write, the lines that come within this long wait for its end and go in one write: a
# burst of calls costs a few writes a second, not two handlers' writes and checks for each call
# (each write gives the interpreter's lock away, and the listener's thread waits to get it
# back). A line that comes alone is written at once.
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
        self.zone: tzinfo | None = None  # the office's, once known (keep_time_in)

    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:
        """The moment with its offset, on the office's clock once it is known (until then the
        machine's): a line then tells the time the history tells, wherever the machine is."""
        moment = (datetime.fromtimestamp(record.created).astimezone() if self.zone is None
                  else datetime.fromtimestamp(record.created, self.zone))
        return moment.isoformat(sep=" ", timespec="milliseconds")

    def format(self, record: logging.LogRecord) -> str:
        last, line = self._last
        if record is not last:
            line = redact(super().format(record))
            self._last = (record, line)
        return line


_FORMATTER = RedactingFormatter(FORMAT)


def keep_time_in(zone: tzinfo) -> None:
    """From now on, every line's moment on this clock (the office's time zone)."""
    _FORMATTER.zone = zone


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




class _Batched(logging.Handler):
    """Writes to the handlers `install` and `log_to_file` made (the sinks): the lines of one
    logger (`batched`) a batch at a time, on the log's thread; every other line at once, on
    the thread that logs it, after the batched lines that came before it."""

    def __init__(self, batched: str, sinks: list[logging.StreamHandler[Any]]) -> None:
        super().__init__()
        self._batched = batched
        self._sinks = sinks
        self._kept: list[logging.LogRecord] = []
        self._keeping = threading.Lock()  # held for an append or a take: the listener waits
        self._writing = threading.Lock()  # for nobody's writes; those go one at a time, in order
        self.waiting = threading.Event()  # records are kept

    def emit(self, record: logging.LogRecord) -> None:
        if record.name != self._batched:
            with self._writing:
                self._write([*self._take(), record])
            return
        if record.args:  # words made now: an argument may change before the line is written
            record.msg, record.args = record.getMessage(), None
        with self._keeping:
            first = not self._kept
            self._kept.append(record)
        if first:
            self.waiting.set()

    def flush(self) -> None:
        """Write the lines kept so far."""
        with self._writing:
            self._write(self._take())

    def _take(self) -> list[logging.LogRecord]:
        with self._keeping:
            kept, self._kept = self._kept, []
            self.waiting.clear()
        return kept

    def _write(self, records: list[logging.LogRecord]) -> None:
        lines = []
        for record in records:
            try:
                lines.append((record, _FORMATTER.format(record)))
            except Exception:
                self.handleError(record)
        for sink in self._sinks:
            _write(sink, [(record, line) for record, line in lines
                          if record.levelno >= sink.level])


def _write(sink: logging.StreamHandler[Any], batch: list[tuple[logging.LogRecord, str]]) -> None:
    """A batch of lines to one sink, in one write; serve.log is rotated before a line that
    would take it to its size, as the handler would."""
    if not batch:
        return
    with sink.lock or contextlib.nullcontext():
        try:
            if isinstance(sink, logging.handlers.RotatingFileHandler) and sink.maxBytes > 0:
                _write_rotating(sink, [f"{line}\n" for _, line in batch])
            else:
                sink.stream.write("".join(f"{line}\n" for _, line in batch))
            sink.stream.flush()
        except Exception:
            sink.handleError(batch[-1][0])


def _write_rotating(sink: logging.handlers.RotatingFileHandler, lines: list[str]) -> None:
    if sink.stream is None:
        sink.stream = sink._open()
    size, start = sink.stream.tell(), 0
    for end, line in enumerate(lines):
        if size + len(line) >= sink.maxBytes and (size or end > start):
            sink.stream.write("".join(lines[start:end]))
            sink.doRollover()
            size, start = 0, end
        size += len(line)
    sink.stream.write("".join(lines[start:]))


class _Flusher(threading.Thread):
    """Writes the batched lines: one that comes alone at once, those of a burst LINGER apart."""

    def __init__(self, batched: _Batched) -> None:
        super().__init__(name="callgate-log", daemon=True)
        self._batched = batched
        self._stopping = False

    def run(self) -> None:
        while not self._stopping:
            self._batched.waiting.wait()
            self._batched.flush()
            time.sleep(LINGER)

    def stop(self) -> None:
        self._stopping = True
        self._batched.waiting.set()
        self.join()
        self._batched.flush()  # what came while it stopped


def hand_off(batched: str) -> Callable[[], None]:
    """From now on the lines of the logger `batched` (for serve, its line per call) are
    formatted, redacted and written by a thread of its own, the lines of a burst a twentieth
    of a second at a time: one write for each of stderr and serve.log instead of two handlers'
    formatting, writes, flushes and checks for each line, on the thread that logged it (the
    listener's). Other lines are written at once, as before. Returns what writes every line
    logged so far and puts the handlers back; run at exit too, so that a normal exit leaves
    no line unwritten (a kill -9 may lose the batched lines of its last LINGER)."""
    # Its lines show their time and words only: no record needs the caller's file and line,
    # nor its thread's or process's name, looked up for it (the logging HOWTO's optimizations).
    logging.logThreads = logging.logProcesses = logging.logMultiprocessing = False
    logging._srcfile = None
    root = logging.getLogger()
    sinks = [handler for handler in root.handlers  # those of install() and log_to_file()
             if isinstance(handler, logging.StreamHandler) and handler.formatter is _FORMATTER]
    handler = _Batched(batched, sinks)
    flusher = _Flusher(handler)
    for sink in sinks:
        root.removeHandler(sink)
    root.addHandler(handler)
    flusher.start()

    def stop() -> None:
        atexit.unregister(stop)
        root.removeHandler(handler)
        if flusher.is_alive():
            flusher.stop()
        for sink in sinks:
            root.addHandler(sink)

    atexit.register(stop)
    return stop
