"""The package's import graph has no cycles, and entry points sit on top of it.

Read statically from the source: every import counts, including those inside functions (a cycle
hidden behind a lazy import is still a dependency that makes a change ripple), except those under
``if TYPE_CHECKING:``, which only name a type for the checker and never run.
"""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import bot

ROOT = Path(bot.__file__).resolve().parent
# The entry points: they may import anything; nothing imports them.
ENTRY = {"bot.cli", "bot.__main__", "bot.commands", "bot.action"}


def _modules() -> dict[str, Path]:
    found = {}
    for file in ROOT.rglob("*.py"):
        parts = file.relative_to(ROOT.parent).with_suffix("").parts
        found[".".join(parts).removesuffix(".__init__")] = file
    return found


def _imports(modules: dict[str, Path]) -> dict[str, set[str]]:
    def known(name: str) -> str:
        while name not in modules:
            name = name.rpartition(".")[0]
        return name

    graph: dict[str, set[str]] = {}
    for name, file in modules.items():
        targets: set[str] = set()
        for node in _runtime_nodes(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("bot"):
                module = node.module or ""
                targets |= {
                    known(f"{module}.{a.name}") if f"{module}.{a.name}" in modules else known(module)
                    for a in node.names
                }
            elif isinstance(node, ast.Import):
                targets |= {known(a.name) for a in node.names if a.name.startswith("bot")}
        graph[name] = targets - {name, "bot"}
    return graph


def _runtime_nodes(tree: ast.AST) -> list[ast.AST]:
    found, todo = [], [tree]
    while todo:
        node = todo.pop()
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            todo.extend(node.orelse)
            continue
        found.append(node)
        todo.extend(ast.iter_child_nodes(node))
    return found


def _package(module: str) -> str:
    parts = module.split(".")
    return ".".join(parts[:2]) if len(parts) > 1 and (ROOT / parts[1]).is_dir() else module


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    try:
        tuple(TopologicalSorter(graph).static_order())
    except CycleError as err:
        return list(err.args[1])
    return None


def test_no_module_imports_itself_back() -> None:
    assert _cycle(_imports(_modules())) is None


def test_no_package_imports_itself_back() -> None:
    packages: dict[str, set[str]] = {}
    for module, targets in _imports(_modules()).items():
        source = _package(module)
        packages.setdefault(source, set()).update(_package(t) for t in targets if _package(t) != source)
    assert _cycle(packages) is None


def test_only_entry_points_import_entry_points() -> None:
    importers = {
        (module, target)
        for module, targets in _imports(_modules()).items()
        for target in targets
        if _package(target) in ENTRY and _package(module) not in ENTRY
    }
    assert importers == set()


def test_the_action_does_not_reach_into_the_cli() -> None:
    action_imports = {
        target
        for module, targets in _imports(_modules()).items()
        if module.startswith("bot.action")
        for target in targets
    }
    assert not {t for t in action_imports if t.startswith(("bot.commands", "bot.cli"))}
