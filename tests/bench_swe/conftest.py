from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent


def _bundle() -> Path | None:
    """../shared/data/cachetools.bundle beside the checkout (or beside a folder above it)."""
    for folder in HERE.parents:
        candidate = folder / "shared" / "data" / "cachetools.bundle"
        if candidate.is_file():
            return candidate
    return None


@pytest.fixture(scope="session")
def cachetools_repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clone of the bundled cachetools history (never copied into the package)."""
    bundle = _bundle()
    if bundle is None:
        if os.environ.get("ARCHITECT_REQUIRE_DOCKER"):
            pytest.fail("../shared/data/cachetools.bundle is missing: CI lays shared/ beside the checkout")
        pytest.skip("no ../shared/data/cachetools.bundle beside this checkout")
    repo = tmp_path_factory.mktemp("cachetools") / "cachetools"
    subprocess.run(["git", "clone", "-q", str(bundle), str(repo)], check=True)
    return repo
