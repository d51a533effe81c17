"""`fixed` only with evidence: the baseline at the base commit, compared test by test with each try.

Real git, real edits, the real Docker sandbox; the editor (and architect) are the scripted LLM
server, so the test reads the very prompts the models received.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest

from bot.forge.local import local_publisher
from bot.models.factory import build_models
from bot.outcome import Outcome, Status
from bot.pipeline import run_pipeline
from bot.ports import Sandbox
from bot.sandbox import RunRequest, TestRun
from bot.sandbox.docker import DockerSandbox
from bot.sandbox.local import LocalSandbox
from bot.task import Task
from tests.pipeline.helpers import BREAK_MUL, CALC, CALC_TEST, FIX_ADD, FIX_MUL, PLAN, git, make_repo, task
from tests.servers.llm import LLMServer

EDITOR = {"editor": "anthropic/claude-sonnet-5-5"}
PAIR = {"architect": "anthropic/claude-opus-5-5", **EDITOR}
MUL_ONLY_TEST = "from calc import mul\n\n\ndef test_mul():\n    assert mul(2, 3) == 6\n"
UNRELATED = """import shutil


def test_tool():
    assert shutil.which("a-tool-this-image-lacks"), "the tool is missing"
"""
COSMETIC = """calc.py
```python
<<<<<<< SEARCH
def add(a, b):
=======
def add(a, b):  # adds two numbers
>>>>>>> REPLACE
```
"""


@dataclass
class Counted:
    """The real sandbox, counting its runs (to see a baseline taken from the cache)."""

    inner: Sandbox
    runs: int = 0

    @property
    def name(self) -> str:
        return self.inner.name

    @property
    def image(self) -> str | None:
        return getattr(self.inner, "image", None)

    def run(self, request: RunRequest) -> TestRun:
        self.runs += 1
        return self.inner.run(request)


@pytest.fixture
def models(llm_server: LLMServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[LLMServer]:
    monkeypatch.setenv("ANTHROPIC_API_KEY", "sk-ant-local-verify")
    monkeypatch.setenv("ANTHROPIC_BASE_URL", llm_server.base_url)
    yield llm_server


@pytest.fixture
def docker(docker_client: Any, sandbox_image: str, no_leftover_containers: None) -> Counted:
    return Counted(DockerSandbox(sandbox_image, client=docker_client))


def run(t: Task, sandbox: Sandbox, cache_dir: Path | None = None) -> Outcome:
    return run_pipeline(t, build_models(t.settings), sandbox, publish=local_publisher(t), cache_dir=cache_dir)


def prompts(server: LLMServer) -> list[str]:
    return [json.dumps(r.body) for r in server.requests]


def test_a_cosmetic_change_on_a_bug_no_test_covers_is_unverified(
    tmp_path: Path, models: LLMServer, docker: Counted
) -> None:
    repo = make_repo(tmp_path / "repo", {"calc.py": CALC, "test_calc.py": MUL_ONLY_TEST})
    models.script(COSMETIC)
    outcome = run(task(repo, **EDITOR), docker)
    assert outcome.status is Status.UNVERIFIED and outcome.status.exit_code == 1, outcome
    assert outcome.evidence is not None and not outcome.evidence.fixed
    assert "none of them shows the issue fixed" in outcome.evidence.reason
    assert outcome.branch and outcome.pr_path  # published, for a person to judge
    assert "## Evidence" in Path(outcome.pr_path).read_text()
    assert docker.runs == 2, "one baseline, one try: a passing try is not retried"


def test_a_second_run_on_the_same_base_takes_the_baseline_from_the_cache(
    tmp_path: Path, models: LLMServer, docker: Counted
) -> None:
    repo = make_repo(tmp_path / "repo")
    cache = tmp_path / "cache"
    models.script(FIX_ADD, FIX_ADD)
    first = run(task(repo, **EDITOR), docker, cache)
    assert first.status is Status.FIXED and first.evidence and not first.evidence.baseline_cached
    assert docker.runs == 2
    second = run(task(repo, **EDITOR), docker, cache)
    assert second.status is Status.FIXED, second
    assert second.evidence and second.evidence.baseline_cached
    assert docker.runs == 3, "the second run paid only for its try"
    assert second.timings["baseline"] < 0.5
    assert second.evidence.baseline_run_seconds == first.evidence.baseline_run_seconds


def test_a_fix_next_to_an_unrelated_failure_is_fixed_and_the_editor_never_hears_of_it(
    tmp_path: Path, models: LLMServer, docker: Counted
) -> None:
    files = {"calc.py": CALC, "test_calc.py": CALC_TEST, "test_env.py": UNRELATED}
    repo = make_repo(tmp_path / "repo", files)
    # try 1 fixes add but breaks mul (a regression), try 2 mends mul
    models.script(FIX_ADD + "\n" + BREAK_MUL, FIX_MUL)
    outcome = run(task(repo, **EDITOR), docker)
    assert outcome.status is Status.FIXED, outcome
    e = outcome.evidence
    assert e is not None and e.per_test
    assert [i.rsplit("::", 1)[-1] for i in e.fixed] == ["test_add"]
    assert [i.rsplit("::", 1)[-1] for i in e.pre_existing] == ["test_tool"]
    assert not e.regressions
    first, second = prompts(models)
    assert "test_mul" in second and "regression" in second, "the regression went back to the editor"
    assert "test_tool" not in first + second and "a-tool-this-image-lacks" not in first + second


def test_a_regression_is_named_as_one(tmp_path: Path, models: LLMServer, docker: Counted) -> None:
    repo = make_repo(tmp_path / "repo")
    models.script(FIX_ADD + "\n" + BREAK_MUL)
    outcome = run(task(repo, tries=1, **EDITOR), docker)
    assert outcome.status is Status.TESTS_FAILING
    assert outcome.evidence and [i.rsplit("::", 1)[-1] for i in outcome.evidence.regressions] == ["test_mul"]
    assert outcome.pr_path and "Regressions: `" in Path(outcome.pr_path).read_text()


def test_retry_with_architect_sends_the_failure_to_the_architect_for_a_new_plan(
    tmp_path: Path, models: LLMServer
) -> None:
    repo = make_repo(tmp_path / "repo")
    new_plan = "`mul` now raises to a power: make it multiply again.\n\nFiles to change:\n- calc.py\n"
    models.script(PLAN, FIX_ADD + "\n" + BREAK_MUL, new_plan, FIX_MUL)
    outcome = run(task(repo, retry_with="architect", **PAIR), LocalSandbox())
    assert outcome.status is Status.FIXED, outcome
    assert len(outcome.tries) == 2
    _, _, replan, second_edit = prompts(models)
    assert "test_mul" in replan, "the architect saw why try 1 failed"
    assert "make it multiply again" in second_edit, "the editor got the new plan"
    assert outcome.plan.startswith("`mul` now raises"), "the outcome carries the plan that was applied"


def test_a_custom_test_script_is_judged_by_its_exit_status_and_the_pr_says_so(
    tmp_path: Path, models: LLMServer
) -> None:
    check = "import sys\nfrom calc import add\n\nsys.exit(0 if add(2, 3) == 5 else 1)\n"
    repo = make_repo(tmp_path / "repo", {"calc.py": CALC, "check.py": check})
    models.script(FIX_ADD)
    outcome = run(task(repo, test_command="python3 check.py", **EDITOR), LocalSandbox())
    assert outcome.status is Status.FIXED, outcome
    assert outcome.evidence and not outcome.evidence.per_test
    assert "custom command" in outcome.evidence.reason
    assert outcome.pr_path
    pr = Path(outcome.pr_path).read_text()
    assert "only the test command's exit status was compared" in pr and "is not proved" in pr


def test_a_revision_is_compared_with_the_pull_requests_base_not_its_branch(
    tmp_path: Path, models: LLMServer
) -> None:
    repo = make_repo(tmp_path / "repo")
    git(repo, "switch", "-q", "-c", "architect/issue-12")
    (repo / "calc.py").write_text(CALC.replace("a - b", "a + b"))
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "the fix")
    git(repo, "switch", "-q", "main")
    models.script(COSMETIC, COSMETIC)
    on_branch = replace(task(repo, **EDITOR), base_ref="architect/issue-12")
    alone = run_pipeline(on_branch, build_models(on_branch.settings), LocalSandbox())
    assert alone.status is Status.UNVERIFIED, "against its own branch a comment shows nothing"
    revised = replace(on_branch, baseline_ref="main")
    outcome = run_pipeline(revised, build_models(revised.settings), LocalSandbox())
    assert outcome.status is Status.FIXED, outcome
    assert outcome.evidence and outcome.evidence.fixed == ("test_calc.py::test_add",)
    assert git(repo, "worktree", "list").count("\n") == 1, "the baseline's worktree is gone"
