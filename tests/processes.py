"""callgate started in a process of its own, as a person or a login script starts it: a free
loopback port to give it, and waiting until its listener answers there."""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable
from typing import Any

START_TIMEOUT = 30.0


def free_port() -> int:
    """A loopback port nothing listens on (free when asked; nothing holds it)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_for_health(port: int, process: subprocess.Popen[Any],
                    said: Callable[[], object] = lambda: "") -> None:
    """Until the process's listener answers /healthz on `port`; fails as soon as the process
    exits (with what `said` tells of it), or after START_TIMEOUT."""
    deadline = time.monotonic() + START_TIMEOUT
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                assert r.status == 200
                return
        except OSError:
            assert process.poll() is None, f"callgate exited before it listened: {said()}"
            assert time.monotonic() < deadline, "callgate's listener never answered /healthz"
            time.sleep(0.1)
