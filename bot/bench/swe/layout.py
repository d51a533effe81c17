"""Which paths of a repository are tests: the split of a fix into ``patch`` and ``test_patch``."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

_TEST_DIRS = {"test", "tests", "testing", "__tests__", "spec", "specs", "t"}
_TEST_FILE = re.compile(
    r"""^(
        test_.+\.py | .+_test\.py | conftest\.py        # Python
      | .+_test\.go                                       # Go
      | .+\.(test|spec)\.[cm]?[jt]sx?                     # JavaScript / TypeScript
      | .+_spec\.rb | .+_test\.rb                         # Ruby
      | .+Tests?\.(java|kt|cs)                            # JVM, .NET
    )$""",
    re.VERBOSE,
)


def is_test_path(path: str) -> bool:
    """A file in a test folder, or named as a test by its language's convention."""
    parts = PurePosixPath(path).parts
    if any(part.lower() in _TEST_DIRS for part in parts[:-1]):
        return True
    return bool(parts) and bool(_TEST_FILE.match(parts[-1]))
