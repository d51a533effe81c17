"""Spotting a change that makes the tests pass by rigging them instead of fixing the code.

Pure: it reads each changed file's text at the base and after the edits (``FileChange``), plus the
ids of tests that ran at the base and are missing after (when per-test results exist). Python tests
are compared as syntax trees, test by test; other languages fall back to line markers.
"""

from __future__ import annotations

import ast
import configparser
import difflib
import re
import tomllib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

_TEST_PATH = re.compile(
    r"(^|/)(tests?|spec|__tests__)/|(^|/)test_[^/]+\.py$|_test\.(py|go)$|\.(test|spec)\.[jt]sx?$|Test\.java$"
)
# Files that configure a test runner or plug into it: any change to them can change what "passed" means.
_TEST_CONFIG = re.compile(
    r"(^|/)(conftest\.py|pytest\.ini|tox\.ini|noxfile\.py"
    r"|(jest|vitest|vitest\.workspace)\.config\.[cm]?[jt]s|jest\.config\.json|vitest\.workspace\.[cm]?[jt]s)$"
)
# pytest options that drop or filter tests, or load a plugin that may rewrite their results.
_FILTERING_OPTION = re.compile(r"(^|[\s\"'\[,=])(--deselect|-k|-p|--ignore(-glob)?)(?=[\s\"'=,\]]|$)")
_RESULT_HOOKS = ("pytest_runtest_makereport", "pytest_collection_modifyitems", "pytest_runtest_logreport")
# Markers that switch a test off, per ecosystem (for files that are not Python).
_SKIP = re.compile(
    r"@pytest\.mark\.(skip|xfail)|pytest\.skip\(|unittest\.skip|@skip\b|\bt\.Skip\(|#\[ignore\]|@Disabled|@Ignore\b"
    r"|\b(it|describe|test)\.(skip|todo)\(|\bx(it|describe)\(|\.only\("
)
_ASSERT = re.compile(r"\bassert|\bexpect\(|\bAssert\.|\bassert_eq!|\bt\.(Error|Fatal)")


@dataclass(frozen=True)
class FileChange:
    path: str
    before: str | None  # None: the file is new
    after: str | None  # None: the file was deleted (or moved away)


@dataclass(frozen=True)
class Finding:
    path: str  # a file, or a test id for a test missing from the results
    kind: str
    detail: str

    def describe(self) -> str:
        return f"`{self.path}`: {self.detail}"


def is_test_path(path: str) -> bool:
    return bool(_TEST_PATH.search(path))


def find_tampering(changes: Sequence[FileChange], missing_tests: Sequence[str] = ()) -> list[Finding]:
    """Every change that may make failing tests look green, each named for the reviewer."""
    found: list[Finding] = []
    for change in changes:
        found += _config_findings(change)
        if is_test_path(change.path) and not _TEST_CONFIG.search(change.path):
            found += _test_file_findings(change)
    found += [
        Finding(test, "test-missing", "ran at the base but is missing from the results after the change")
        for test in missing_tests
    ]
    return found


# -- test configuration and plugins ---------------------------------------------------------
def _config_findings(change: FileChange) -> list[Finding]:
    path, name = change.path, change.path.rsplit("/", 1)[-1]
    if _TEST_CONFIG.search(path):
        found = [Finding(path, "test-config", _what_happened(change, "test configuration or plugin"))]
    elif name == "setup.cfg" and _ini_section(change.before, "tool:pytest") != _ini_section(
        change.after, "tool:pytest"
    ):
        found = [Finding(path, "test-config", "its `[tool:pytest]` section changed")]
    elif name == "pyproject.toml" and _pytest_table(change.before) != _pytest_table(change.after):
        found = [Finding(path, "test-config", "its `[tool.pytest]` settings changed")]
    else:
        return []
    added = _added_lines(change)
    if any("addopts" in line and _FILTERING_OPTION.search(line.split("addopts", 1)[1]) for line in added):
        found.append(Finding(path, "filtering-addopts", "`addopts` now deselects, filters or loads plugins"))
    hooks = sorted({h for h in _RESULT_HOOKS for line in added if h in line})
    if hooks:
        found.append(Finding(path, "result-hook", f"defines {', '.join(hooks)}, which can rewrite results"))
    return found


def _what_happened(change: FileChange, what: str) -> str:
    if change.before is None:
        return f"{what} added"
    return f"{what} deleted" if change.after is None else f"{what} changed"


def _ini_section(text: str | None, section: str) -> dict[str, str] | None:
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(text or "")
    except configparser.Error:
        return {"(unreadable)": text or ""}  # unreadable counts as changed when the text changed
    return dict(parser[section]) if parser.has_section(section) else None


def _pytest_table(text: str | None) -> Any:
    try:
        return tomllib.loads(text or "").get("tool", {}).get("pytest")
    except tomllib.TOMLDecodeError:
        return {"(unreadable)": text or ""}


def _added_lines(change: FileChange) -> list[str]:
    before = (change.before or "").splitlines()
    after = (change.after or "").splitlines()
    return [line[1:] for line in difflib.ndiff(before, after) if line.startswith("+ ")]


# -- test files ------------------------------------------------------------------------------
def _test_file_findings(change: FileChange) -> list[Finding]:
    path = change.path
    if change.before is None:
        return []  # a new test file only adds checks
    if change.after is None:
        return [Finding(path, "test-file-deleted", "test file deleted or moved away from the tests")]
    if not path.endswith(".py"):
        return _marker_findings(change)
    try:
        before = _tests(ast.parse(change.before))
    except SyntaxError:
        return _marker_findings(change)  # the base did not parse either: compare lines
    try:
        after = _tests(ast.parse(change.after))
    except SyntaxError:
        return [Finding(path, "unparsable-test", "the test file no longer parses, so no test in it runs")]
    found: list[Finding] = []
    for name, old in before.items():
        new = after.get(name)
        if new is None:
            found.append(
                Finding(path, "test-removed", f"`{name}` is gone (deleted or renamed so it is not collected)")
            )
            continue
        found += [Finding(path, kind, f"`{name}`: {detail}") for kind, detail in _weakened(old, new)]
    return found


def _tests(tree: ast.Module) -> dict[str, ast.FunctionDef | ast.AsyncFunctionDef]:
    """Collected tests by qualified name: `test_*` functions at module level and in `Test*` classes."""
    found: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] = {}
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and node.name.startswith("test"):
            found[node.name] = node
        elif isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)) and item.name.startswith("test"):
                    found[f"{node.name}.{item.name}"] = item
    return found


def _weakened(
    old: ast.FunctionDef | ast.AsyncFunctionDef, new: ast.FunctionDef | ast.AsyncFunctionDef
) -> Iterator[tuple[str, str]]:
    old_asserts, new_asserts = _asserts(old), _asserts(new)
    if len(new_asserts) < len(old_asserts):
        yield (
            "assertions-removed",
            f"{len(old_asserts) - len(new_asserts)} assertion(s) removed or commented out",
        )
    old_dumps = {ast.dump(a) for a in old_asserts}
    if any(_always_true(a.test) for a in new_asserts if ast.dump(a) not in old_dumps):
        yield "assert-always-true", "an assertion that can never fail (`... or True`)"
    if _skips(new) > _skips(old):
        yield "skip-added", "skipped or marked xfail"
    if _early_return(new) and not _early_return(old):
        yield "early-return", "returns before its assertions run"
    changed = _changed_expectations(old_asserts, new_asserts)
    if changed:
        yield "expected-changed", "expected value changed: " + "; ".join(changed)


def _asserts(fn: ast.AST) -> list[ast.Assert]:
    return [n for n in ast.walk(fn) if isinstance(n, ast.Assert)]


def _always_true(test: ast.expr) -> bool:
    if isinstance(test, ast.Constant):
        return bool(test.value)
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.Or):
        return any(_always_true(v) for v in test.values)
    return False


def _skips(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> int:
    """Calls and decorators that switch a test off: pytest.skip/xfail, @pytest.mark.skip, @unittest.skip."""
    nodes = [*fn.decorator_list, *(n for n in ast.walk(fn) if isinstance(n, ast.Call))]
    return sum(1 for n in nodes if re.search(r"\b(skip|skipif|xfail|skipTest)\b", ast.unparse(n)))


def _early_return(fn: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    """A top-level `return` in the test with assertions after it."""
    for k, stmt in enumerate(fn.body):
        if isinstance(stmt, ast.Return):
            return any(_asserts(later) for later in fn.body[k + 1 :])
    return False


def _changed_expectations(old: list[ast.Assert], new: list[ast.Assert]) -> list[str]:
    """`assert x == LITERAL` at the base whose same left side now expects another literal."""
    expected_after: dict[str, set[str]] = {}
    for a in new:
        if (pair := _literal_expectation(a)) is not None:
            expected_after.setdefault(pair[0], set()).add(pair[1])
    changes = []
    for a in old:
        pair = _literal_expectation(a)
        if pair is None or pair[0] not in expected_after or pair[1] in expected_after[pair[0]]:
            continue
        changes.append(f"`{pair[0]} == {pair[1]}` now expects {', '.join(sorted(expected_after[pair[0]]))}")
    return changes


def _literal_expectation(a: ast.Assert) -> tuple[str, str] | None:
    test = a.test
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1 and isinstance(test.ops[0], ast.Eq)):
        return None
    right = test.comparators[0]
    try:
        ast.literal_eval(right)
    except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        return None
    return ast.unparse(test.left), ast.unparse(right)


def _marker_findings(change: FileChange) -> list[Finding]:
    """Other languages: skip markers added, or fewer assertion lines than before."""
    before, after = (change.before or "").splitlines(), _added_lines(change)
    removed = [
        line[2:] for line in difflib.ndiff(before, (change.after or "").splitlines()) if line.startswith("- ")
    ]
    found = []
    skips = [line.strip() for line in after if _SKIP.search(line)]
    if skips:
        found.append(Finding(change.path, "skip-added", f"test switched off: `{skips[0][:80]}`"))
    lost = sum(1 for r in removed if _ASSERT.search(r)) - sum(1 for a in after if _ASSERT.search(a))
    if lost > 0:
        found.append(Finding(change.path, "assertions-removed", f"{lost} assertion(s) removed"))
    return found
