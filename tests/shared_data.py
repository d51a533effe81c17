"""The project's shared test data (``../shared/data`` beside the checkout), for tests and benchmarks."""

from __future__ import annotations

import subprocess
from pathlib import Path

CACHETOOLS = Path("shared") / "data" / "cachetools.bundle"


def find_bundle(start: Path = Path(__file__)) -> Path | None:
    """``shared/data/cachetools.bundle`` beside the checkout, or beside a folder above it (a worktree)."""
    for folder in start.resolve().parents:
        if (folder / CACHETOOLS).is_file():
            return folder / CACHETOOLS
    return None


def clone_bundle(bundle: Path, dest: Path) -> Path:
    """A clone of ``bundle`` at ``dest`` (the bundle itself is never copied into the package)."""
    subprocess.run(["git", "clone", "-q", str(bundle), str(dest)], check=True, capture_output=True)
    return dest
