"""Known secrets are masked where text leaves the bot, whichever stage wrote it: commits, the local
PR.md, the runner's log and files, a run's outcome. What a model is sent and what GitHub is sent are
tested beside their adapters (tests/models/test_redacting.py, tests/forge/test_github_secrets.py)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from bot.action.workflow import Workflow
from bot.forge.local import LocalForge
from bot.gitutil import git
from bot.outcome import Outcome, Status, TryRecord
from bot.secrets import MASK
from tests.pipeline.helpers import make_repo
from tests.robust.secret import SECRET


@pytest.fixture(autouse=True)
def secret_in_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEPLOY_TOKEN", SECRET)


def test_commits_and_the_local_pr_file_are_masked(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    git(repo, "switch", "-q", "-c", "work")
    (repo / "calc.py").write_text("x = 1\n")
    done = LocalForge(repo).publish(repo, "architect/issue-1", f"Fix: {SECRET}\n", f"# PR\n{SECRET}")
    assert SECRET not in git(repo, "log", "-1", "--format=%B", "architect/issue-1")
    assert SECRET not in done.pr_path.read_text() and MASK in done.pr_path.read_text()


def test_the_runners_log_outputs_summary_and_files_are_masked(tmp_path: Path) -> None:
    env = {
        "GITHUB_OUTPUT": str(tmp_path / "out"),
        "GITHUB_STEP_SUMMARY": str(tmp_path / "sum"),
        "RUNNER_TEMP": str(tmp_path),
    }
    log = io.StringIO()
    wf = Workflow(env, out=log)
    wf.error(f"failed with {SECRET}")
    wf.notice(f"note {SECRET}")
    wf.set_outputs({"plan": f"plan {SECRET}"})
    wf.summary(f"summary {SECRET}")
    plan = wf.temp_file("plan.md", f"plan {SECRET}")
    for text in (
        log.getvalue(),
        (tmp_path / "out").read_text(),
        (tmp_path / "sum").read_text(),
        plan.read_text(),
    ):
        assert SECRET not in text and MASK in text


def test_a_runs_outcome_is_masked_in_every_text_a_model_or_a_test_wrote() -> None:
    tries = (TryRecord(1, False, "failed", f"E  token {SECRET}", 0.5, 1.0, True, 0, ("a.py",)),)
    outcome = Outcome(
        Status.TESTS_FAILING,
        plan=f"plan {SECRET}",
        diff=f"+{SECRET}",
        error=f"err {SECRET}",
        notes=(f"note {SECRET}",),
        tries=tries,
    ).redacted()
    assert SECRET not in json.dumps(outcome.to_dict())
    assert outcome.plan == f"plan {MASK}" and outcome.tries[0].output_tail == f"E  token {MASK}"
