"""The import-layer check of src/carebridge (used by test_layers.py).

Every import counts: module level, inside functions, under TYPE_CHECKING. An app may import its
own modules and the apps of lower layers (carebridge/layers.py); the package root (urls, api,
settings …) is the composition root and may import anything, but no app may import it.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from carebridge.layers import LAYERS, ROOT_MODULES


@dataclass(frozen=True)
class Violation:
    file: str
    line: int
    importer: str
    imported: str
    why: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.importer} imports {self.imported} ({self.why})"


def layer_of(app: str) -> int | None:
    for index, layer in enumerate(LAYERS):
        if app in layer:
            return index
    return None


def _imported_modules(tree: ast.AST, module: str, is_package: bool) -> Iterator[tuple[int, str]]:
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            yield node.lineno, target
            for alias in node.names:  # `from carebridge import clients` imports an app too
                yield node.lineno, f"{target}.{alias.name}"


def _app_of(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "carebridge" or len(parts) < 2:
        return None
    return parts[1]


def import_graph(root: Path) -> Iterator[tuple[Path, int, str, str]]:
    """(file, line, importing module, imported module) for every import of carebridge modules."""
    for path in sorted(root.rglob("*.py")):
        relative = path.relative_to(root.parent).with_suffix("")
        parts = list(relative.parts)
        is_package = parts[-1] == "__init__"
        if is_package:
            parts = parts[:-1]
        module = ".".join(parts)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for line, imported in _imported_modules(tree, module, is_package):
            if imported.split(".")[0] == "carebridge":
                yield path, line, module, imported


def violations(root: Path) -> list[Violation]:
    """Every upward or same-layer import between apps, and every import of an unknown app."""
    found: list[Violation] = []
    for path, line, module, imported in import_graph(root):
        importer_app, imported_app = _app_of(module), _app_of(imported)
        if importer_app is None or imported_app is None or importer_app == imported_app:
            continue
        if importer_app in ROOT_MODULES:
            continue  # the composition root wires everything
        file = str(path.relative_to(root.parent))
        if imported_app in ROOT_MODULES:
            found.append(Violation(file, line, module, imported, "an app imports the composition root"))
            continue
        mine, theirs = layer_of(importer_app), layer_of(imported_app)
        if mine is None or theirs is None:
            unknown = importer_app if mine is None else imported_app
            found.append(Violation(file, line, module, imported, f"app '{unknown}' is not in carebridge/layers.py"))
        elif theirs == mine:
            found.append(Violation(file, line, module, imported, "same-layer import"))
        elif theirs > mine:
            found.append(Violation(file, line, module, imported, "upward import"))
    return found


def app_cycles(root: Path) -> list[list[str]]:
    """Cycles in the graph of apps (nodes: apps and root modules), by depth-first search."""
    edges: dict[str, set[str]] = {}
    for _path, _line, module, imported in import_graph(root):
        a, b = _app_of(module), _app_of(imported)
        if a and b and a != b:
            edges.setdefault(a, set()).add(b)
    cycles: list[list[str]] = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                cycles.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node)
    return cycles
