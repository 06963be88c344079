"""The command that starts this callgate's console again, for its menu entry and its start at
login: the script that installing callgate made (`callgate`, on Windows the windowed
`callgate-console`, which opens no console window), else this Python with the main.py beside
callgate's packages (a source checkout)."""

from __future__ import annotations

import os
import sys
import sysconfig
from pathlib import Path

MAIN = Path(__file__).resolve().parent.parent / "main.py"


def script_name(platform: str = sys.platform) -> str:
    return "callgate-console.exe" if platform == "win32" else "callgate"


def script_folders() -> list[Path]:
    """Where an install puts its scripts: beside this Python (a venv, pipx), its Scripts
    folder (Windows), the scheme's and the user scheme's (`pip install --user`)."""
    here = Path(sys.executable).parent
    folders = [here, here / "Scripts", Path(sysconfig.get_path("scripts"))]
    if f"{os.name}_user" in sysconfig.get_scheme_names():
        folders.append(Path(sysconfig.get_path("scripts", f"{os.name}_user")))
    return list(dict.fromkeys(folders))


def command(data_dir: Path | None = None, folders: list[Path] | None = None) -> list[str]:
    """The console of the office in `data_dir` (the default one for None)."""
    script = next((folder / script_name() for folder in folders or script_folders()
                   if (folder / script_name()).is_file()), None)
    start = [str(script)] if script is not None else [sys.executable, str(MAIN)]
    return [*start, "--data-dir", str(data_dir.absolute())] if data_dir is not None else start
