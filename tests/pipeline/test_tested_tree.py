"""The published commit holds exactly the diff that was tested and reported (13.3): whatever the
work tree holds after the tests, the branch gets the tree captured when the diff was taken."""

from __future__ import annotations

from pathlib import Path

from bot.forge.local import local_publisher
from bot.models.factory import build_models
from bot.outcome import Status
from bot.pipeline import run_pipeline
from bot.sandbox import RunRequest, TestRun
from bot.sandbox.local import LocalSandbox
from tests.pipeline.helpers import FIX_ADD, git, make_repo, task, transcript


class LeakyLocalSandbox(LocalSandbox):
    """The real local sandbox, then a write into the work tree as a test run that escaped would make."""

    def run(self, request: RunRequest) -> TestRun:
        result = super().run(request)
        calc = request.workdir / "calc.py"
        if "a + b" in calc.read_text():  # after the fix (the baseline run at the base is left alone)
            (request.workdir / "planted.txt").write_text("not tested, not reported\n")
            calc.write_text(calc.read_text() + "\nBACKDOOR = True\n")
        return result


def test_the_branch_holds_the_tested_diff_byte_for_byte(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    base = git(repo, "rev-parse", "HEAD").strip()
    t = task(repo, editor=transcript(tmp_path / "editor.yml", FIX_ADD))
    outcome = run_pipeline(t, build_models(t.settings), LeakyLocalSandbox(), publish=local_publisher(t))
    assert outcome.status is Status.FIXED, outcome
    published = git(repo, "diff", "--no-color", base, outcome.branch or "")
    assert published.strip() == outcome.diff.strip()
    assert git(repo, "ls-tree", "--name-only", outcome.branch or "").split() == ["calc.py", "test_calc.py"]
    assert "BACKDOOR" not in git(repo, "show", f"{outcome.branch}:calc.py")
