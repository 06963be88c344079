"""The import direction of ARCHITECTURE.md, checked by parsing every source file.

`gui → server.protocol`; `cli → application, server`; `cli, gui → desktop` (which imports
nothing of ours); `server → application → {storage, screening}`; `storage → screening`;
`wording → screening.messages`; `tables → screening` (application and gui both write tables
with it): the screening core stays pure (no Qt, no aiohttp, no SQL, nothing of ours), storage
knows nothing of the use cases, the listener or the console, the application layer (the use
cases) is synchronous and needs neither Qt nor aiohttp, the command line writes no SQL, the
listener never pulls in Qt, and the console knows callgate only through the console protocol.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parent.parent
QT = ("PySide6", "shiboken6", "qasync")

SQL = ("sqlite_utils", "sqlite3")
FORBIDDEN: dict[str, tuple[str, ...]] = {
    "screening": ("storage", "tables", "application", "server", "cli", "gui", "wording", "main",
                  "aiohttp", *QT, *SQL),
    "storage": ("tables", "application", "server", "cli", "gui", "wording", "main", "aiohttp",
                *QT),
    "tables": ("storage", "application", "server", "cli", "gui", "wording", "main", "aiohttp",
               *QT, *SQL),
    "application": ("server", "cli", "gui", "wording", "main", "aiohttp", *QT),
    "server": ("cli", "gui", "main", *QT),
    "cli": ("storage", "main", *QT, *SQL),
    # The console is a client of callgate's listener: it knows only the console protocol.
    "gui": ("storage", "application", "server", "cli", "main", "aiohttp", *SQL),
    "wording": ("storage", "application", "server", "cli", "gui", "main", "aiohttp", *QT, *SQL),
    # The computer callgate runs on (libraries, its menu entry, starting at login): for the
    # command line and the console alike, before any window and without the office's data.
    "desktop": ("screening", "storage", "tables", "application", "server", "cli", "gui",
                "wording", "main", "aiohttp", *QT, *SQL),
}
#: Of callgate's own modules, the only ones a layer may import (besides itself).
ONLY: dict[str, tuple[str, ...]] = {
    "wording": ("screening.messages", "screening.setting_values"),
    "tables": ("screening",),
}
#: Within a layer it may not import, the part it may: of server/, the console's only the
#: protocol (messages, the link), which a console on another desk also speaks.
ALLOWED: dict[str, tuple[str, ...]] = {
    "gui": ("server.protocol",),
}
#: Files that still break their layer's contract, each until the work named beside it lands.
#: The list only shrinks.
EXCEPTIONS: dict[str, str] = {}
OWN = ("screening", "storage", "tables", "application", "server", "cli", "gui", "wording", "main",
       "desktop")


@dataclass(frozen=True)
class Violation:
    path: str
    line: int
    imported: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line} imports {self.imported}"


def _absolute(module: str | None, level: int, package: str) -> str:
    """The absolute name of `from <dots><module> import ...` written inside `package`."""
    if level == 0:
        return module or ""
    parts = package.split(".")
    base = parts[: len(parts) - (level - 1)] if level - 1 <= len(parts) else []
    return ".".join([*base, module] if module else base)


def imports_of(source: str, package: str) -> list[tuple[int, str]]:
    """Every module a file imports, with its line: plain, from-, relative and dynamic imports.

    Imports under `if TYPE_CHECKING:` and inside functions count too: a layer that needs another
    layer's names, even for typing, depends on it.
    """
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node.module, node.level, package)
            found.append((node.lineno, base))
            found.extend(
                (node.lineno, f"{base}.{alias.name}" if base else alias.name)
                for alias in node.names
            )
        elif (
            isinstance(node, ast.Call)
            and _is_dynamic_import(node.func)
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append((node.lineno, node.args[0].value))
    return found


def _is_dynamic_import(func: ast.expr) -> bool:
    if isinstance(func, ast.Name):
        return func.id in {"__import__", "import_module"}
    return isinstance(func, ast.Attribute) and func.attr == "import_module"


def is_within(module: str, root: str) -> bool:
    """`storage.rules` is within `storage`; `storage_tools` is not."""
    return module == root or module.startswith(root + ".")


def violations_in(
    source: str, path: str, package: str, forbidden: tuple[str, ...]
) -> list[Violation]:
    return [
        Violation(path, line, module)
        for line, module in imports_of(source, package)
        if any(is_within(module, root) for root in forbidden)
    ]


def package_of(file: Path, root: Path) -> str:
    """The package a file's relative imports start from (`screening/call.py` → `screening`)."""
    relative = file.relative_to(root).with_suffix("")
    parts = relative.parts if relative.name == "__init__" else relative.parts[:-1]
    return ".".join(part for part in parts if part != "__init__")


def layer_violations(root: Path, layer: str, forbidden: tuple[str, ...]) -> list[Violation]:
    found: list[Violation] = []
    for file in sorted((root / layer).rglob("*.py")):
        source = file.read_text(encoding="utf-8")
        path = str(file.relative_to(root))
        found.extend(violations_in(source, path, package_of(file, root), forbidden))
    return found


# ---------------------------------------------------------------------------------------------
# The project itself


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_each_layer_has_source_files_to_check(layer: str) -> None:
    files = list((PROJECT / layer).rglob("*.py"))
    assert (PROJECT / layer / "__init__.py") in files
    assert len(files) >= 2, f"{layer}/ should hold more than its __init__.py"


def allowed(violation: Violation, layer: str) -> bool:
    """A forbidden import the layer may still make: a part it may use."""
    return any(is_within(violation.imported, part) for part in ALLOWED.get(layer, ()))


def contract_violations(root: Path, layer: str) -> list[Violation]:
    """What breaks the layer's contract."""
    return [violation for violation in layer_violations(root, layer, FORBIDDEN[layer])
            if not allowed(violation, layer)]


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_point_one_way(layer: str) -> None:
    found = [violation for violation in contract_violations(PROJECT, layer)
             if violation.path not in EXCEPTIONS]
    assert not found, "\n".join(str(v) for v in found)


def test_every_exception_is_still_needed() -> None:
    """An excused file that keeps its layer's contract by now leaves the list."""
    breaking = {violation.path for layer in FORBIDDEN
                for violation in contract_violations(PROJECT, layer)}
    assert sorted(set(EXCEPTIONS) - breaking) == []


def test_the_console_knows_callgate_only_through_the_protocol() -> None:
    """gui/ imports neither SQLite nor storage nor the use cases, and of server/ only the
    console protocol: the same console then works on another desk (issue 13)."""
    for imported in ("sqlite3", "sqlite_utils", "storage", "application", "server"):
        assert imported in FORBIDDEN["gui"]

    def broken(source: str) -> list[str]:
        return [v.imported for v in violations_in(source, "gui/x.py", "gui", FORBIDDEN["gui"])
                if not allowed(v, "gui")]

    assert broken("from server.protocol.messages import Snapshot\n"
                  "from server.protocol import link\n") == []
    found = broken("from server.listener import Listener\nfrom server import protocol_tools\n")
    assert "server.listener" in found and "server.protocol_tools" in found


@pytest.mark.parametrize("layer", sorted(ONLY))
def test_a_layer_imports_only_the_modules_it_may(layer: str) -> None:
    """wording/ words messages: of callgate it needs the Message type, and which languages
    there are; tables/ writes cells, for the command line and the console alike, knowing
    nothing but screening's types."""
    found = [
        violation
        for violation in layer_violations(PROJECT, layer, OWN)
        if not is_within(violation.imported, layer)
        and not any(is_within(violation.imported, allowed) for allowed in ONLY[layer])
    ]
    assert not found, "\n".join(str(v) for v in found)


def test_the_checker_sees_the_real_imports_of_the_project() -> None:
    """A checker that found nothing at all would pass every layer vacuously."""
    order = (PROJECT / "screening" / "decision_order.py").read_text(encoding="utf-8")
    assert "screening.call.Call" in {module for _, module in imports_of(order, "screening")}
    storage = layer_violations(PROJECT, "storage", ("screening",))
    assert storage, "storage reads the screening types, so this must find something"
    server = layer_violations(PROJECT, "server", ("aiohttp",))
    assert server, "the server is built on aiohttp, so this must find something"
    application = layer_violations(PROJECT, "application", ("storage",))
    assert application, "the use cases run over storage, so this must find something"
    cli = layer_violations(PROJECT, "cli", ("application",))
    assert cli, "the command line calls the application layer, so this must find something"


# ---------------------------------------------------------------------------------------------
# The checker on synthetic code: it must be able to fail


SCREENING = FORBIDDEN["screening"]


@pytest.mark.parametrize(
    ("source", "imported"),
    [
        ("import sqlite3", "sqlite3"),
        ("import sqlite_utils as su", "sqlite_utils"),
        ("from sqlite_utils import Database", "sqlite_utils"),
        ("from storage.rules import RuleBook", "storage.rules"),
        ("import storage.calls", "storage.calls"),
        ("from storage import calls", "storage"),
        ("import PySide6.QtCore", "PySide6.QtCore"),
        ("from PySide6 import QtWidgets", "PySide6"),
        ("import qasync", "qasync"),
        ("from aiohttp import web", "aiohttp"),
        ("import os, aiohttp", "aiohttp"),
        ("from server.broker import DecisionBroker", "server.broker"),
        ("import gui", "gui"),
        ("from ..storage import rules", "storage"),
        ("from .. import storage", "storage"),
        ("if TYPE_CHECKING:\n    from aiohttp import web", "aiohttp"),
        ("def later() -> None:\n    import sqlite3\n", "sqlite3"),
        ("try:\n    import PySide6\nexcept ImportError:\n    pass\n", "PySide6"),
        ("import importlib\nqt = importlib.import_module('PySide6.QtGui')", "PySide6.QtGui"),
        ("from importlib import import_module\nimport_module('sqlite3')", "sqlite3"),
        ("db = __import__('sqlite_utils')", "sqlite_utils"),
    ],
)
def test_the_checker_catches_a_forbidden_import(source: str, imported: str) -> None:
    found = violations_in(source, "screening/bad.py", "screening", SCREENING)
    assert found, f"missed {imported!r} in {source!r}"
    assert any(v.imported == imported for v in found), found
    assert all(v.path == "screening/bad.py" and v.line >= 1 for v in found)


@pytest.mark.parametrize(
    "source",
    [
        "import phonenumbers",
        "from screening import phone",
        "from screening.rules import Rule",
        "from . import phone",
        "from .rules import Action",
        "import storage_tools",
        "import serverless",
        "from guidance import rules",
        "# import sqlite3",
        "text = 'import aiohttp'",
        '"""from storage import calls"""',
        "from dataclasses import dataclass",
    ],
)
def test_the_checker_lets_allowed_imports_pass(source: str) -> None:
    assert violations_in(source, "screening/ok.py", "screening", SCREENING) == []


def test_relative_imports_resolve_against_their_package() -> None:
    assert _absolute("rules", 1, "storage") == "storage.rules"
    assert _absolute(None, 1, "storage") == "storage"
    assert _absolute("server", 2, "storage") == "server"
    assert _absolute("x", 2, "gui.widgets") == "gui.x"
    found = violations_in("from .listener import Listener", "server/x.py", "server", ("server",))
    assert [v.imported for v in found] == ["server.listener", "server.listener.Listener"]


def test_a_violation_reports_file_and_line() -> None:
    source = "from __future__ import annotations\n\nimport json\nfrom aiohttp import web\n"
    (found, *_) = violations_in(source, "storage/calls.py", "storage", FORBIDDEN["storage"])
    assert str(found) == "storage/calls.py:4 imports aiohttp"


def test_a_layer_with_a_forbidden_import_fails_the_check(tmp_path: Path) -> None:
    """The whole check, on a small copy of the layout with one bad file in a subpackage."""
    for layer in FORBIDDEN:
        (tmp_path / layer).mkdir()
        (tmp_path / layer / "__init__.py").write_text('"""A layer."""\n', encoding="utf-8")
    (tmp_path / "screening" / "schedules").mkdir()
    (tmp_path / "screening" / "schedules" / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "screening" / "schedules" / "week.py").write_text(
        "import json\nfrom storage.settings import SettingsStore\n", encoding="utf-8"
    )
    (tmp_path / "storage" / "calls.py").write_text(
        "from screening.call import Call\n", encoding="utf-8"
    )
    (tmp_path / "server" / "app.py").write_text(
        "from aiohttp import web\nfrom storage.calls import Call\n", encoding="utf-8"
    )

    screening = layer_violations(tmp_path, "screening", FORBIDDEN["screening"])
    assert [str(v) for v in screening] == [
        "screening/schedules/week.py:2 imports storage.settings",
        "screening/schedules/week.py:2 imports storage.settings.SettingsStore",
    ]
    assert layer_violations(tmp_path, "storage", FORBIDDEN["storage"]) == []
    assert layer_violations(tmp_path, "server", FORBIDDEN["server"]) == []

    (tmp_path / "server" / "window.py").write_text(
        "from PySide6.QtCore import QObject\n", encoding="utf-8"
    )
    server = layer_violations(tmp_path, "server", FORBIDDEN["server"])
    assert [str(v) for v in server] == [
        "server/window.py:1 imports PySide6.QtCore",
        "server/window.py:1 imports PySide6.QtCore.QObject",
    ]


def test_package_of_a_file() -> None:
    root = Path("/project")
    assert package_of(root / "screening" / "call.py", root) == "screening"
    assert package_of(root / "screening" / "__init__.py", root) == "screening"
    assert package_of(root / "screening" / "schedules" / "week.py", root) == "screening.schedules"
