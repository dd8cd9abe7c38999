"""No product module hides an import inside a function (DESIGN.md: imports point one way, at the top).

An import inside a function can dodge a cycle that the layers forbid, and it hides a dependency
from the reader and from `make lint`. The one place allowed to defer imports is bot/cli, which keeps
`copydesk --help` instant by importing each command's heavy dependencies when the command runs.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCT = ("bot", "handlers")
DEFERRING_ALLOWED = ("bot/cli/",)


def function_level_imports(source: str) -> list[tuple[int, str]]:
    """(line, module) of every import statement inside a function or method body."""
    found: list[tuple[int, str]] = []

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            inside = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
            if in_function and isinstance(child, ast.Import):
                found.extend((child.lineno, alias.name) for alias in child.names)
            elif in_function and isinstance(child, ast.ImportFrom):
                found.append((child.lineno, "." * child.level + (child.module or "")))
            visit(child, inside)

    visit(ast.parse(source), False)
    return found


def test_the_check_finds_an_import_inside_a_function_and_ignores_the_top_of_a_module():
    source = "import os\nif True:\n    import re\n\nclass A:\n    def f(self):\n        from bot import fetch\n"
    assert function_level_imports(source) == [(7, "bot")]


def test_no_product_module_outside_the_cli_imports_inside_a_function():
    hidden = []
    for package in PRODUCT:
        for path in sorted((ROOT / package).rglob("*.py")):
            name = path.relative_to(ROOT).as_posix()
            if name.startswith(DEFERRING_ALLOWED):
                continue
            hidden += [f"{name}:{line} imports {module}" for line, module in function_level_imports(path.read_text())]
    assert hidden == []
