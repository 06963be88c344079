"""callgate installs as an app: the wheel that `pip install .` and `pipx install .` build from
the repository's files has the `callgate` command, the windowed `callgate-console` (on Windows
it opens no console window), the artwork, the ring and the compiled translations; installed
into a fresh environment, its `callgate` command runs. Built and installed offline: no build
isolation, no index."""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TIMEOUT = 300


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> subprocess.CompletedProcess[str]:
    """The build of the wheel of the repository's own files (nothing generated or left in
    the tree); its output goes in the `dist` folder beside its source."""
    if shutil.which("git") is None:
        pytest.skip("needs git to list the repository's files")
    source = tmp_path_factory.mktemp("source")
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True,
                            check=True).stdout.decode().split("\0")
    for name in filter(None, listed):
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, source / name)
    dist = tmp_path_factory.mktemp("dist")
    return subprocess.run([sys.executable, "-m", "pip", "wheel", str(source), "--no-deps",
                           "--no-build-isolation", "--no-index", "-q", "-w", str(dist)],
                          check=True, timeout=TIMEOUT, capture_output=True, text=True)


@pytest.fixture(scope="module")
def wheel(build: subprocess.CompletedProcess[str]) -> Path:
    dist = Path(build.args[build.args.index("-w") + 1])
    return next(dist.glob("callgate-*.whl"))


def test_the_wheel_builds_without_a_warning(build: subprocess.CompletedProcess[str]) -> None:
    """setuptools warned that the artwork's and the catalogues' folders were packages it was
    not told of, whose data a later setuptools may leave out of the wheel."""
    assert "warning" not in (build.stdout + build.stderr).lower(), build.stderr


def test_the_wheel_has_both_commands(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/entry_points.txt"))
        entry_points = configparser.ConfigParser()
        entry_points.read_string(archive.read(name).decode())
    # main.py: it turns garbage collection off before anything is imported (faster start).
    assert dict(entry_points["console_scripts"]) == {"callgate": "main:run"}
    assert dict(entry_points["gui_scripts"]) == {"callgate-console": "main:run"}


def test_the_wheel_has_the_artwork_the_ring_and_the_translations(wheel: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        catalogue = archive.read("wording/i18n/callgate_ja.qm")
    assert {"desktop/artwork/callgate.svg", "desktop/artwork/ring.wav", "main.py",
            "server/openapi.json", "desktop/__init__.py", "gui/history/__init__.py"} <= names
    assert catalogue.startswith(bytes.fromhex("3cb86418caef9c95")), "a compiled Qt catalogue"


def test_installed_the_callgate_command_runs(wheel: Path, tmp_path: Path) -> None:
    """Into a fresh environment that borrows only the dependencies (callgate's own modules
    come from the wheel)."""
    environment = tmp_path / "env"
    venv.create(environment, with_pip=False)
    scripts = Path(sysconfig.get_path("scripts", vars={"base": str(environment)}))
    python = scripts / Path(sys.executable).name
    purelib = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_path("
                              "'purelib'))"], capture_output=True, text=True, check=True)
    (Path(purelib.stdout.strip()) / "dependencies.pth").write_text(
        sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q",
                    "--no-deps", "--no-index", str(wheel)], check=True, timeout=TIMEOUT,
                   capture_output=True)

    where = subprocess.run([str(python), "-c", "import cli; print(cli.__file__)"],
                           capture_output=True, text=True, check=True, cwd=tmp_path)
    assert Path(where.stdout.strip()).is_relative_to(environment), "callgate from the wheel"
    data = tmp_path / "office"
    url = subprocess.run([str(scripts / "callgate"), "--data-dir", str(data), "url"],
                         capture_output=True, text=True, timeout=60, check=True, cwd=tmp_path)
    assert "/hooks/commubo/" in url.stdout
    usage = subprocess.run([str(scripts / "callgate"), "--help"], capture_output=True,
                           text=True, timeout=60, check=True, cwd=tmp_path)
    assert usage.stdout.startswith("usage: callgate ")
    assert (scripts / "callgate-console").is_file()
