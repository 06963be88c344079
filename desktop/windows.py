"""Windows: a value named callgate under the current user's Run key starts it when its person
signs in, with the windowed script (no console window opens)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Sequence

RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
VALUE = "callgate"


class RunKey:
    def present(self) -> bool:
        if sys.platform != "win32":
            return False
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                winreg.QueryValueEx(key, VALUE)
        except FileNotFoundError:
            return False
        return True

    def add(self, command: Sequence[str]) -> None:
        if sys.platform != "win32":
            raise OSError("the Run key is Windows's")
        import winreg

        with winreg.CreateKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
            winreg.SetValueEx(key, VALUE, 0, winreg.REG_SZ, subprocess.list2cmdline(command))

    def remove(self) -> None:
        if sys.platform != "win32":
            return
        import winreg

        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0,
                                winreg.KEY_SET_VALUE) as key:
                winreg.DeleteValue(key, VALUE)
        except FileNotFoundError:
            return
