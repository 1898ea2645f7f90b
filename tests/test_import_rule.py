"""The import rule of ARCHITECTURE.md: data flows one way between packages."""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "storyline"

# package → the storyline modules it may import (besides itself)
ALLOWED = {
    "pipeline": {"models", "settings", "errors"},
    "store": {"models"},
    "render": {"models"},
    "run": {"pipeline", "store", "models", "settings", "errors"},
    "models": set(),
    "errors": set(),
    "settings": set(),
}
ON_TOP = {"cli", "serve", "__main__"}
TOP_EDGES = {("cli", "serve")}  # `storyline serve` starts the web server


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "storyline" and len(parts) > 1:
                found.add(parts[1])
            elif parts[0] == "storyline":
                found.add("__init__")
    return found


def _package_of(path: Path) -> str:
    rel = path.relative_to(SRC)
    return rel.parts[0].removesuffix(".py")


def test_packages_import_only_what_the_rule_allows():
    violations = []
    for path in SRC.rglob("*.py"):
        package = _package_of(path)
        if package not in ALLOWED:
            continue
        for imported in _imports(path) - {package}:
            if imported not in ALLOWED[package]:
                violations.append(f"{path.relative_to(SRC)} imports storyline.{imported}")
    assert violations == []


def test_nothing_imports_the_top_layers():
    violations = []
    for path in SRC.rglob("*.py"):
        package = _package_of(path)
        if package == "__main__":  # `python -m storyline` is the CLI's own entry point
            continue
        for imported in _imports(path) & ON_TOP:
            if imported != package and (package, imported) not in TOP_EDGES:
                violations.append(f"{path.relative_to(SRC)} imports storyline.{imported}")
    assert violations == []
