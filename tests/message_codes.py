"""The message codes written in callgate's source, found by parsing it: every
`Message("code", (...))`, every `Refusal("code", ...)` (and subclasses of Refusal) and every
`words("code", ...)` of the command line (cli/words.py), with how many arguments each gives
when that can be told; and the codes wording/ registers."""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
SOURCE_ROOTS = ("screening", "storage", "server", "application", "cli", "wording", "gui")


@dataclass(frozen=True)
class CodeUse:
    code: str
    path: str
    line: int
    args: int | None  # how many arguments, None when the source does not say (*args)

    def __str__(self) -> str:
        return f"{self.path}:{self.line} {self.code}"


def source_files() -> list[Path]:
    files = [PROJECT / "main.py"]
    for root in SOURCE_ROOTS:
        files.extend(sorted((PROJECT / root).rglob("*.py")))
    return [file for file in files if file.exists()]


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


FAMILY = "*"  # ends a code made at run time from a written start: f"setting.help.{key}"


def _constants(node: ast.expr) -> list[str]:
    """The codes an expression can be: a string, either branch of `a if c else b`, or the
    family an f-string's written start names (`setting.help.*`)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _constants(node.body) + _constants(node.orelse)
    if isinstance(node, ast.JoinedStr) and node.values:
        start = node.values[0]
        if isinstance(start, ast.Constant) and isinstance(start.value, str):
            return [start.value + FAMILY]
    return []


def written(code: str, uses: Iterable[CodeUse]) -> bool:
    """Whether the source writes `code`, itself or as a member of a family."""
    return any(use.code == code or (use.code.endswith(FAMILY)
                                    and code.startswith(use.code[:-1])) for use in uses)


def _refusal_classes(trees: Iterable[ast.Module]) -> set[str]:
    """Refusal and every class that derives from it, however deep."""
    classes = [node for tree in trees for node in ast.walk(tree) if isinstance(node, ast.ClassDef)]
    found = {"Refusal"}
    while True:
        more = {c.name for c in classes if any(_name(base) in found for base in c.bases)}
        if more <= found:
            return found
        found |= more


def _parsed(files: Iterable[Path]) -> list[tuple[str, ast.Module]]:
    return [(str(file.relative_to(PROJECT)), ast.parse(file.read_text(encoding="utf-8")))
            for file in files]


def message_codes(files: Iterable[Path] | None = None) -> list[CodeUse]:
    """Every code written as a Message's or a Refusal's first argument in these files."""
    trees = _parsed(source_files() if files is None else files)
    refusals = _refusal_classes(tree for _, tree in _parsed(source_files()))
    uses: list[CodeUse] = []
    for path, tree in trees:
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            callee = _name(node.func)
            if callee == "Message":
                uses.extend(CodeUse(code, path, node.lineno, _message_args(node))
                            for code in _constants(node.args[0]))
            elif callee in refusals or callee == "words":  # cli.words.words(code, *args)
                rest = node.args[1:]
                count = None if any(isinstance(arg, ast.Starred) for arg in rest) else len(rest)
                uses.extend(CodeUse(code, path, node.lineno, count)
                            for code in _constants(node.args[0]))
    return uses


def _message_args(node: ast.Call) -> int | None:
    args = node.args[1] if len(node.args) > 1 else None
    if args is None:
        args = next((k.value for k in node.keywords if k.arg == "args"), None)
    if args is None:
        return 0
    if isinstance(args, ast.Tuple) and not any(isinstance(e, ast.Starred) for e in args.elts):
        return len(args.elts)
    return None


def registered_codes() -> Iterator[tuple[str, str]]:
    """(code, module) for every template the modules of wording/ register."""
    for path, tree in _parsed(sorted((PROJECT / "wording").glob("*.py"))):
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and _name(node.func) == "register" and node.args
                    and isinstance(node.args[0], ast.Dict)):
                for key in node.args[0].keys:
                    if isinstance(key, ast.Constant) and isinstance(key.value, str):
                        yield key.value, path
