"""macOS: a LaunchAgent in ~/Library/LaunchAgents starts callgate when its person logs in
(launchd reads the folder at login)."""

from __future__ import annotations

import os
import plistlib
from collections.abc import Sequence
from pathlib import Path

LABEL = "callgate.console"


class LaunchAgent:
    def __init__(self, home: Path | None = None) -> None:
        self.path = (home or Path.home()) / "Library" / "LaunchAgents" / f"{LABEL}.plist"

    def present(self) -> bool:
        return self.path.is_file()

    def add(self, command: Sequence[str]) -> None:
        agent = {"Label": LABEL, "ProgramArguments": list(command), "RunAtLoad": True,
                 "ProcessType": "Interactive"}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(f".{self.path.name}.partial")
        partial.write_bytes(plistlib.dumps(agent))
        os.replace(partial, self.path)

    def remove(self) -> None:
        self.path.unlink(missing_ok=True)
