"""The context on real fixes of the bundled cachetools history: each commit's message as the issue,
the context built at its parent, and the file the real fix changed must be among those shown."""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from bot.context import Context, build_context


def _message(repo: Path, commit: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), "log", "-1", "--format=%B", commit],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@pytest.fixture
def context_before(cachetools_history: Path, tmp_path: Path) -> Iterator[Callable[[str], Context]]:
    def build(commit: str) -> Context:
        work = tmp_path / commit
        subprocess.run(
            [
                "git",
                "-C",
                str(cachetools_history),
                "worktree",
                "add",
                "-q",
                "--detach",
                str(work),
                f"{commit}^",
            ],
            check=True,
            capture_output=True,
        )
        return build_context(work, _message(cachetools_history, commit), cache_dir=tmp_path / "cache")

    yield build
    subprocess.run(["git", "-C", str(cachetools_history), "worktree", "prune"], check=False)


@pytest.mark.parametrize(
    ("commit", "fixed_file", "reason"),
    [
        # "Fix #387: Handle obj=None case for inspection in _DescriptorBase." (a private class)
        ("57d2e4813d", "src/cachetools/_cachedmethod.py", "defines _DescriptorBase"),
        # "Fix #218: Fix and properly document @cachedmethod.cache_key handling." (a decorator)
        ("18e5930ced", "src/cachetools/_cachedmethod.py", "defines cache_key"),
        # "Fix #334: Drop MRUCache." changed the class and func.py, which uses it
        ("143e78d528", "src/cachetools/func.py", "uses MRUCache"),
        # "Add optional "condition" parameter to @cached.": ``cached`` wraps a private module's function
        ("e0b98aa418", "src/cachetools/_decorators.py", "used by cached"),
    ],
)
def test_the_file_a_real_fix_changed_is_shown(
    context_before: Callable[[str], Context], commit: str, fixed_file: str, reason: str
) -> None:
    context = context_before(commit)

    reasons = {file.path: file.reason for file in context.files}
    assert reasons.get(fixed_file) == reason
    # tests are matched by what they are named after and import, not all to the package
    labels = [r for r in reasons.values() if r.startswith("test of")]
    assert len(labels) <= 3
    # documentation pages, CI workflows and the changelog say nothing in a map
    assert not [p for p in context.map_only if p.endswith((".rst", ".md", ".yml", ".yaml", ".txt"))]


def test_a_test_named_after_the_mentioned_class_comes_with_it(
    context_before: Callable[[str], Context],
) -> None:
    context = context_before("143e78d528")  # "Fix #334: Drop MRUCache."

    reasons = {file.path: file.reason for file in context.files}
    assert reasons["src/cachetools/__init__.py"] == "defines MRUCache"
    assert reasons["tests/test_mru.py"] == "test of src/cachetools/__init__.py"
