"""The Action runs the same check as the CLI: a rigged conftest gives a draft pull request with a note."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.action.harness import Site
from tests.pipeline.helpers import transcript
from tests.servers.github import GitHubServer
from tests.tamper.test_cli_review_flags import RIG

pytestmark = pytest.mark.usefixtures("docker_client", "sandbox_image")


def test_a_rigged_conftest_gives_a_draft_pull_request(github_server: GitHubServer, tmp_path: Path) -> None:
    site = Site(github_server, tmp_path)
    editor = transcript(tmp_path / "rig.yml", RIG.replace("conftest.py", "tests/conftest.py", 1))
    run = site.run("issues", site.event("issues.labeled"), editor_model=editor, architect_model="")
    assert run.returncode == 0 and run.outputs["status"] == "fixed", run.stderr[-3000:]
    [pr] = [i for i in site.repo.issues.values() if i.pull is not None]
    assert pr.pull.draft
    assert "`tests/conftest.py`" in (pr.body or "") and "pytest_runtest_makereport" in (pr.body or "")


def test_an_honest_revision_does_not_clear_the_flag_of_a_rigged_pr(
    github_server: GitHubServer, tmp_path: Path
) -> None:
    site = Site(github_server, tmp_path)
    editor = transcript(tmp_path / "rig.yml", RIG.replace("conftest.py", "tests/conftest.py", 1))
    assert (
        site.run("issues", site.event("issues.labeled"), editor_model=editor, architect_model="").returncode
        == 0
    )
    [pr] = [i for i in site.repo.issues.values() if i.pull is not None]
    honest = "\n".join(
        [
            "README.md",
            "```",
            "<<<<<<< SEARCH",
            "# invoice",
            "=======",
            "# invoice, in cents",
            ">>>>>>> REPLACE",
            "```",
        ]
    )
    run = site.revise_on_line(pr.number, honest)
    assert run.returncode == 0 and run.outputs["status"] == "fixed", run.stderr[-3000:]
    assert pr.pull.draft  # the rigged conftest is still in the pull request
    assert "`tests/conftest.py`" in (pr.body or "")
