"""The system libraries Qt needs to open a window on X11 (its xcb platform), each with the
Debian package that has it.

A fresh Debian 12 desktop lacks some of them (libxcb-cursor0 first), and Qt then aborts with
"Could not load the Qt platform plugin "xcb"", naming one at best. callgate looks for them all
before Qt does and names every package that is missing, for one `apt install`.
"""

from __future__ import annotations

import ctypes
import sys
from collections.abc import Callable, Iterable, Mapping

#: What Qt's libraries and its xcb platform plugin load from the system (their DT_NEEDED, less
#: the C and C++ runtimes that every Debian has), by soname, with the package of each.
XCB_LIBRARIES: Mapping[str, str] = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libdbus-1.so.3": "libdbus-1-3",
}

Loadable = Callable[[str], bool]


def loadable(soname: str) -> bool:
    """Whether the dynamic loader finds and loads `soname` as Qt would (LD_LIBRARY_PATH, the
    loader's cache, the system's folders)."""
    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def opens_on_x11(environ: Mapping[str, str], platform: str = sys.platform) -> bool:
    """Whether Qt will open its windows through xcb: on Linux, when asked to (QT_QPA_PLATFORM
    names xcb first), or by default outside a Wayland session (Qt tries Wayland first there)."""
    if not platform.startswith("linux"):
        return False
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen:
        return chosen.split(";")[0].split(":")[0] == "xcb"
    return not (environ.get("WAYLAND_DISPLAY") or environ.get("XDG_SESSION_TYPE") == "wayland")


def missing_packages(libraries: Mapping[str, str] = XCB_LIBRARIES,
                     found: Loadable = loadable) -> list[str]:
    """The packages to install, each once, in the order of `libraries`."""
    return _unique(package for soname, package in libraries.items() if not found(soname))


def _unique(packages: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(packages))
