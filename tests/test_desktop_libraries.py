"""A missing system library that Qt needs for a window is named, with its Debian package, in
one line, instead of Qt's abort ("Could not load the Qt platform plugin "xcb"").

The real fault: in a mount namespace of its own, the console's process sees an empty file
where a library is (a bind mount of /dev/null over it), so the dynamic loader cannot load it,
as on a Debian 12 without libxcb-cursor0. Nothing outside that process sees a change.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_cli import one_error_line

from desktop.libraries import XCB_LIBRARIES, missing_packages, opens_on_x11

ROOT = Path(__file__).resolve().parent.parent
HIDDEN = {"libxcb-cursor.so.0": "libxcb-cursor0", "libxkbcommon-x11.so.0": "libxkbcommon-x11-0"}


def library_files() -> dict[str, Path]:
    """Where the loader's cache finds each library (resolved, so a bind mount covers it)."""
    listed = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=False)
    found: dict[str, Path] = {}
    for line in listed.stdout.splitlines():
        name, _, where = line.strip().partition(" => ")
        soname = name.split(" ", 1)[0]
        if soname in HIDDEN and where:
            found.setdefault(soname, Path(where).resolve())
    return found


def can_hide_files() -> bool:
    if shutil.which("unshare") is None or os.geteuid() != 0:
        return False
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True, check=False)
    return probe.returncode == 0


def console_without(files: list[Path], data_dir: Path) -> subprocess.CompletedProcess[str]:
    """`python main.py` on X11 in a namespace where `files` are empty."""
    hide = " && ".join(f"mount --bind /dev/null '{file}'" for file in files)
    env = {key: value for key, value in os.environ.items()
           if not key.startswith(("CALLGATE_", "WAYLAND_", "XDG_SESSION"))}
    env |= {"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":97", "CALLGATE_DATA_DIR": str(data_dir)}
    return subprocess.run(
        ["unshare", "-m", "sh", "-c", f'{hide} && exec "$0" main.py', sys.executable],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False)


@pytest.mark.skipif(not can_hide_files(), reason="needs root and unshare -m to hide a library")
def test_the_console_names_the_packages_of_the_missing_libraries_in_one_line(
    tmp_path: Path
) -> None:
    files = library_files()
    if set(files) != set(HIDDEN):
        pytest.skip(f"these libraries are not installed here: {set(HIDDEN) - set(files)}")
    if missing := missing_packages():  # the console would name them too
        pytest.skip(f"other libraries Qt needs are not installed here: {missing}")

    result = console_without(list(files.values()), tmp_path)

    assert result.returncode == 1, (result.returncode, result.stderr)
    line = one_error_line(result)
    assert line.startswith("callgate: error:"), line
    assert line.endswith("sudo apt install libxcb-cursor0 libxkbcommon-x11-0"), line
    assert "Could not load the Qt platform plugin" not in result.stderr


def test_only_the_missing_libraries_are_named_each_package_once() -> None:
    gone = {"libxcb-cursor.so.0", "libxcb-icccm.so.4", "libglib-2.0.so.0"}
    libraries = dict(XCB_LIBRARIES) | {"libgthread-2.0.so.0": "libglib2.0-0"}
    gone.add("libgthread-2.0.so.0")

    named = missing_packages(libraries, found=lambda soname: soname not in gone)

    assert named == ["libxcb-cursor0", "libxcb-icccm4", "libglib2.0-0"]
    assert missing_packages(found=lambda soname: True) == []


@pytest.mark.parametrize(("environ", "platform", "x11"), [
    ({}, "linux", True),
    ({"DISPLAY": ":0"}, "linux", True),
    ({"QT_QPA_PLATFORM": "xcb"}, "linux", True),
    ({"QT_QPA_PLATFORM": "xcb:display=:1"}, "linux", True),
    ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
    ({"QT_QPA_PLATFORM": "wayland;xcb"}, "linux", False),
    ({"WAYLAND_DISPLAY": "wayland-0", "DISPLAY": ":0"}, "linux", False),
    ({"XDG_SESSION_TYPE": "wayland"}, "linux", False),
    ({}, "win32", False),
    ({}, "darwin", False),
])
def test_the_libraries_are_looked_for_only_where_qt_opens_windows_on_x11(
    environ: dict[str, str], platform: str, x11: bool
) -> None:
    assert opens_on_x11(environ, platform) is x11
