"""Spotting a fix that deletes, skips or weakens tests instead of fixing the code."""

from __future__ import annotations

import re
from dataclasses import dataclass

from unidiff.errors import UnidiffParseError
from unidiff.patch import PatchSet

_TEST_PATH = re.compile(
    r"(^|/)(tests?|spec|__tests__)/|(^|/)test_[^/]+\.py$|_test\.(py|go)$|\.(test|spec)\.[jt]sx?$|Test\.java$"
)
# Markers that switch a test off, per ecosystem.
_SKIP = re.compile(
    r"@pytest\.mark\.(skip|xfail)|pytest\.skip\(|unittest\.skip|@skip\b|\bt\.Skip\(|#\[ignore\]|@Disabled|@Ignore\b"
    r"|\b(it|describe|test)\.(skip|todo)\(|\bx(it|describe)\(|\.only\("
)
_ASSERT = re.compile(r"\bassert|\bexpect\(|\bAssert\.|\bassert_eq!|\bt\.(Error|Fatal)")


@dataclass(frozen=True)
class Tampering:
    path: str
    kind: str  # deleted-test-file | skip-added | assertions-removed
    detail: str

    def describe(self) -> str:
        return f"`{self.path}`: {self.detail}"


def is_test_path(path: str) -> bool:
    return bool(_TEST_PATH.search(path))


def find_tampering(diff: str) -> list[Tampering]:
    """Test files deleted, skip markers added, or assertions removed without as many added."""
    try:
        patch = PatchSet(diff)
    except UnidiffParseError:
        return []
    found: list[Tampering] = []
    for f in patch:
        path = f.path
        if not is_test_path(path):
            continue
        if f.is_removed_file:
            found.append(Tampering(path, "deleted-test-file", "test file deleted"))
            continue
        added = [line.value for h in f for line in h if line.is_added]
        removed = [line.value for h in f for line in h if line.is_removed]
        skips = [a.strip() for a in added if _SKIP.search(a)]
        if skips:
            found.append(Tampering(path, "skip-added", f"test switched off: `{skips[0][:80]}`"))
        lost = sum(1 for r in removed if _ASSERT.search(r)) - sum(1 for a in added if _ASSERT.search(a))
        if lost > 0:
            found.append(Tampering(path, "assertions-removed", f"{lost} assertion(s) removed"))
    return found
