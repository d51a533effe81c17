"""Which test files cover a source file: by name first, then by what they import."""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Sequence
from pathlib import PurePosixPath

_TEST_DIRS = frozenset({"test", "tests", "__tests__", "spec", "testing"})
_TEST_NAME = re.compile(r"^(test_.+|.+_test|.+\.test|.+\.spec|.+Test|.+Tests|test)$")
MAX_TESTS_PER_FILE = 3
# Stems too common to say which module a test imports.
_GENERIC_STEMS = frozenset({"index", "main", "utils", "util", "common", "types", "base", "conftest", "setup"})


def is_test_file(path: str) -> bool:
    pure = PurePosixPath(path)
    if _TEST_NAME.match(pure.stem):  # ``a.test.js`` has the stem ``a.test``
        return True
    return any(part in _TEST_DIRS for part in pure.parts[:-1])


def find_tests(
    path: str,
    files: Sequence[str],
    read: Callable[[str], str | None],
    words_of: Callable[[str], Collection[str]] | None = None,
    names: Collection[str] = (),
) -> list[str]:
    """Test files of ``path`` among ``files``, best first, at most MAX_TESTS_PER_FILE.

    ``words_of(test)`` (the identifiers a file contains, from the repo map) lets the import scan
    skip, without reading them, the test files that never mention the module. ``names`` (the
    code the issue names) put first the importers named after it: ``test_mru.py`` for ``MRUCache``.
    """
    if is_test_file(path):
        return []
    stem = _subject(path)
    if not stem:
        return []
    pure = PurePosixPath(path)
    module = pure.parent.name if pure.stem == "__init__" else pure.stem  # as imports spell it
    own_names = {
        f"test_{stem}",
        f"{stem}_test",
        f"{stem}.test",
        f"{stem}.spec",
        f"{stem}Test",
        f"{stem}Tests",
        f"Test{stem[:1].upper()}{stem[1:]}",
    }
    tests = [t for t in files if t != path and is_test_file(t) and _test_name(t) in own_names]
    # Prefer the test nearest to the source (same folder, then a sibling tests/ folder).
    tests.sort(key=lambda t: (_distance(pure.parent, PurePosixPath(t).parent), t))
    if len(tests) < MAX_TESTS_PER_FILE and module not in _GENERIC_STEMS:
        # ``test_keys.py`` tests ``keys.py`` even when it imports the package that re-exports it
        others = {_subject(f) for f in files if f != path and not is_test_file(f)} - {stem}
        candidates = [
            t
            for t in files
            if t not in tests and t != path and is_test_file(t) and _subject_of_test(t) not in others
        ]
        if words_of is not None:
            candidates = [t for t in candidates if module in words_of(t)]
        lowered = [name.lower() for name in names]
        # importers named after a name the issue mentions first, the rest in path order
        candidates.sort(key=lambda t: not any(n.startswith(_subject_of_test(t).lower()) for n in lowered))
        tests.extend(_importers(module, candidates, read))
    return tests[:MAX_TESTS_PER_FILE]


def _subject(path: str) -> str:
    """What a source file is called in its tests' names: ``pkg/__init__.py`` -> pkg, ``_x.py`` -> x."""
    pure = PurePosixPath(path)
    return (pure.parent.name if pure.stem == "__init__" else pure.stem).lstrip("_")


def _subject_of_test(path: str) -> str:
    """``tests/test_keys.py`` -> keys (the module its name says it tests)."""
    name = _test_name(path)
    if name.startswith("test_"):
        return name[5:]
    for suffix in ("_test", ".test", ".spec", "Tests", "Test"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def _test_name(path: str) -> str:
    """``tests/test_cart.py`` -> test_cart; a test package ``test/test_json/__init__.py`` -> test_json."""
    pure = PurePosixPath(path)
    return pure.parent.name if pure.stem == "__init__" else pure.stem


def _importers(stem: str, candidates: Sequence[str], read: Callable[[str], str | None]) -> list[str]:
    escaped = re.escape(stem)
    python = re.compile(
        rf"^\s*(?:from\s+[\w.]*\b{escaped}\b[\w.]*\s+import|import\s+[\w.]*\b{escaped}\b)", re.M
    )
    from_import = re.compile(rf"^\s*from\s+[\w.]+\s+import\s+[^\n]*\b{escaped}\b", re.M)
    script = re.compile(rf"""(?:require\(|from\s+|import\s+)["'][^"']*\b{escaped}(?:\.[cm]?[jt]sx?)?["']""")
    found: list[str] = []
    for candidate in candidates:
        text = read(candidate)
        if text is None or stem not in text:
            continue
        suffix = PurePosixPath(candidate).suffix
        if suffix in {".py", ".pyi"}:
            hit = python.search(text) or from_import.search(text)
        else:
            hit = script.search(text)
        if hit:
            found.append(candidate)
            if len(found) >= MAX_TESTS_PER_FILE:
                break
    return found


def _distance(source_dir: PurePosixPath, test_dir: PurePosixPath) -> int:
    common = 0
    for a, b in zip(source_dir.parts, test_dir.parts, strict=False):
        if a != b:
            break
        common += 1
    return (len(source_dir.parts) - common) + (len(test_dir.parts) - common)
