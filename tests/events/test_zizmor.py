"""zizmor (GitHub Actions static analysis) finds nothing in action.yml and the workflows, offline."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from tests.events.helpers import ROOT


def test_zizmor_finds_nothing() -> None:
    zizmor = shutil.which("zizmor")
    if zizmor is None:
        if os.environ.get("CI") == "true":
            pytest.fail("zizmor is missing: it is a dev dependency (pip install -e '.[dev]')")
        pytest.skip("zizmor not installed (pip install zizmor)")
    result = subprocess.run(
        [zizmor, "--offline", "--no-progress", "--format", "plain", "action.yml", ".github/workflows"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout + result.stderr
