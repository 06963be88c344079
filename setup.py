"""The compiled translations (.qm) are built from the catalogues (.ts) that live in the
repository, whenever the project is built or installed (`make run`, `pip install`, `pipx
install`): nothing compiled is committed, and a fresh clone and a wheel both have them.
Everything else about the project is in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

CATALOGUES = Path(__file__).parent / "wording" / "i18n"


def lrelease() -> Path:
    """Qt's catalogue compiler, as PySide6 ships it (a build requirement)."""
    import PySide6

    name = "lrelease.exe" if sys.platform == "win32" else "lrelease"
    return Path(PySide6.__file__).parent / name


def compile_catalogues() -> None:
    for source in sorted(CATALOGUES.glob("*.ts")):
        subprocess.run([str(lrelease()), "-silent", str(source), "-qm",
                        str(source.with_suffix(".qm"))], check=True)


class BuildWithCatalogues(build_py):
    def run(self) -> None:
        compile_catalogues()
        super().run()


setup(cmdclass={"build_py": BuildWithCatalogues})
