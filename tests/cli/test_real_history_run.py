"""#17's done-when on real code: `architect-bot run` on the bundled cachetools history, checked out
before a real upstream fix with only the fix's new test added, ends `fixed` with no setting found by
hand (no test or setup command, no image, no version override): the test command, the src layout
and the sandbox are the bot's own choices. The editor answers with upstream's own change."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from unidiff import PatchSet

from tests.cli.test_cli import cli
from tests.pipeline.helpers import git, transcript

pytestmark = pytest.mark.usefixtures("docker_client", "sandbox_image")

FIX = "57d2e4813d"  # "Fix #387: Handle obj=None case for inspection in _DescriptorBase."


def _search_replace(diff: str) -> str:
    """Upstream's source change as the editor's SEARCH/REPLACE blocks, one per hunk."""
    blocks = []
    for patched in PatchSet(diff):
        for hunk in patched:
            before = "".join(line.value for line in hunk if not line.is_added)
            after = "".join(line.value for line in hunk if not line.is_removed)
            body = f"<<<<<<< SEARCH\n{before}=======\n{after}>>>>>>> REPLACE\n"
            blocks.append(f"{patched.path}\n```python\n{body}```\n")
    return "\n".join(blocks)


def test_a_real_fix_of_the_bundled_history_needs_no_hand_found_setting(
    cachetools_history: Path, tmp_path: Path
) -> None:
    repo = tmp_path / "cachetools"
    subprocess.run(["git", "clone", "-q", str(cachetools_history), str(repo)], check=True)
    git(repo, "checkout", "-q", "-b", "before-fix", f"{FIX}^")
    git(repo, "checkout", FIX, "--", "tests")  # only the fix's new test
    git(repo, "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qm", "the fix's test")
    message = git(repo, "log", "-1", "--format=%B", FIX)
    source_change = git(repo, "show", "--format=", FIX, "--", "src")

    plan = (
        "In `src/cachetools/_cachedmethod.py`, `_DescriptorBase.__get__` replaces the descriptor even "
        "when accessed through the class (`obj is None`): return the wrapper unchanged in that case.\n"
    )
    result = cli(
        "run", "--repo", str(repo), "--issue-text", message, "--issue-number", "387",
        "--architect", transcript(tmp_path / "architect.yml", plan),
        "--editor", transcript(tmp_path / "editor.yml", _search_replace(source_change)),
        "--sandbox", "docker", "--json",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    data = json.loads(result.stdout)
    assert data["status"] == "fixed", data
    fixed = data["evidence"]["fixed"]
    assert fixed and all(test_id.startswith("tests/test_cachedmethod.py::") for test_id in fixed)
    assert data["evidence"]["regressions"] == []
    assert data["evidence"]["still_passing"] > 100  # the whole suite ran, not only the new test
    assert git(repo, "diff", f"before-fix..{data['branch']}", "--", "src").strip() != ""
