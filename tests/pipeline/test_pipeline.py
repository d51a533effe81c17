"""The whole loop with replayed models, real edits, real git and the real Docker sandbox."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bot.forge.local import local_publisher
from bot.models.factory import build_models
from bot.outcome import Outcome, Status
from bot.pipeline import run_pipeline
from bot.ports import Sandbox
from bot.progress import QuietProgress
from bot.sandbox.docker import DockerSandbox
from bot.sandbox.local import LocalSandbox
from bot.task import MAX_ISSUE_CHARS, Task
from tests.pipeline.helpers import (
    BREAK_MUL,
    FIX_ADD,
    FIX_MUL,
    NO_MATCH,
    PLAN,
    git,
    make_repo,
    task,
    transcript,
    tree,
)
from tests.servers.llm import LLMServer, Reply


@pytest.fixture
def sandbox(docker_client: Any, sandbox_image: str) -> DockerSandbox:
    return DockerSandbox(sandbox_image, client=docker_client)


def run(t: Task, sandbox: Sandbox, publish: bool = True) -> Outcome:
    return run_pipeline(t, build_models(t.settings), sandbox, publish=local_publisher(t) if publish else None)


def test_fixed_in_one_try_with_branch_commit_and_pr(tmp_path: Path, sandbox: Sandbox) -> None:
    repo = make_repo(tmp_path / "repo")
    before = tree(repo)
    head = git(repo, "rev-parse", "HEAD")
    t = task(
        repo,
        architect=transcript(
            tmp_path / "architect.yml",
            {"answer": PLAN, "reasoning": "add uses minus", "reasoning_tokens": 40, "thinking_seconds": 2.5},
        ),
        editor=transcript(tmp_path / "editor.yml", FIX_ADD),
    )
    outcome = run(t, sandbox)
    assert outcome.status is Status.FIXED, outcome
    assert outcome.plan.startswith("In `calc.py`") and "add uses minus" not in outcome.plan
    assert "+    return a + b" in outcome.diff and outcome.changed_files == ("calc.py",)
    assert [tr.passed for tr in outcome.tries] == [True]
    assert outcome.branch == "architect/issue-12-add-is-wrong"
    assert git(repo, "show", f"{outcome.branch}:calc.py").count("return a + b") == 1
    assert git(repo, "log", "-1", "--format=%an%n%s", outcome.branch).splitlines() == [
        "architect-bot",
        "Fix #12: add() is wrong",
    ]
    pr = Path(outcome.pr_path or "").read_text()
    assert pr.startswith("# Fix #12: add() is wrong") and "Fixes #12" in pr and "✅ passed" in pr
    assert "add uses minus" not in pr
    assert tree(repo) == before and git(repo, "rev-parse", "HEAD") == head  # the user's tree as it was
    assert git(repo, "worktree", "list").count("\n") == 1  # scratch worktree removed
    usage = {u.role: u for u in outcome.usage}
    assert usage["architect"].reasoning_tokens == 40 and usage["architect"].thinking_seconds == 2.5


def test_second_try_gets_the_test_output(tmp_path: Path, sandbox: Sandbox) -> None:
    repo = make_repo(tmp_path / "repo")
    editor_file = tmp_path / "editor.yml"
    t = task(repo, editor=transcript(editor_file, FIX_ADD + "\n" + BREAK_MUL, FIX_MUL))
    outcome = run(t, sandbox)
    assert outcome.status is Status.FIXED
    assert [tr.passed for tr in outcome.tries] == [False, True]
    assert "test_mul" in outcome.tries[0].output_tail


def test_reflection_fixes_a_block_that_did_not_match(tmp_path: Path, sandbox: Sandbox) -> None:
    repo = make_repo(tmp_path / "repo")
    t = task(repo, editor=transcript(tmp_path / "e.yml", NO_MATCH, FIX_ADD))
    outcome = run(t, sandbox)
    assert outcome.status is Status.FIXED
    assert outcome.tries[0].reflections == 1
    assert not outcome.well_formed and outcome.malformed_responses == 1


def test_tests_still_failing_after_all_tries(tmp_path: Path, sandbox: Sandbox) -> None:
    repo = make_repo(tmp_path / "repo")
    t = task(repo, editor=transcript(tmp_path / "e.yml", BREAK_MUL, FIX_MUL.replace("a * b", "a * b + 1")))
    outcome = run(t, sandbox)
    assert outcome.status is Status.TESTS_FAILING
    assert [tr.passed for tr in outcome.tries] == [False, False]
    assert outcome.branch and "❌ failed" in Path(outcome.pr_path or "").read_text()


def test_no_change_when_the_editor_edits_nothing(tmp_path: Path, sandbox: Sandbox) -> None:
    repo = make_repo(tmp_path / "repo")
    fine = "I think the code is fine."
    outcome = run(task(repo, reflections=1, editor=transcript(tmp_path / "e.yml", fine, fine)), sandbox)
    assert outcome.status is Status.NO_CHANGE
    assert outcome.branch is None and not outcome.tries


def test_malformed_answers_are_edit_failed_with_the_parse_error(tmp_path: Path, sandbox: Sandbox) -> None:
    repo = make_repo(tmp_path / "repo")
    broken = FIX_ADD.replace("=======\n", "")  # SEARCH and REPLACE run together: unreadable
    t = task(repo, reflections=1, editor=transcript(tmp_path / "e.yml", broken, broken))
    outcome = run(t, sandbox)
    assert outcome.status is Status.EDIT_FAILED
    assert outcome.error and "no `=======` line" in outcome.error
    assert outcome.branch is None


def test_edit_failed_when_no_block_ever_applies(tmp_path: Path, sandbox: Sandbox) -> None:
    repo = make_repo(tmp_path / "repo")
    outcome = run(
        task(repo, reflections=1, editor=transcript(tmp_path / "e.yml", NO_MATCH, NO_MATCH)), sandbox
    )
    assert outcome.status is Status.EDIT_FAILED
    assert outcome.error and "calc.py" in outcome.error
    assert outcome.branch is None


def test_repo_without_tests_is_never_fixed(tmp_path: Path, sandbox: Sandbox) -> None:
    repo = make_repo(tmp_path / "repo", {"calc.py": "def add(a, b):\n    return a - b\n"})
    t = task(repo, test_command=None, editor=transcript(tmp_path / "e.yml", FIX_ADD))
    outcome = run(t, sandbox)
    assert outcome.status is Status.TESTS_NOT_RUN
    assert any("No tests were found" in n for n in outcome.notes)


def test_model_error_mid_run_leaves_the_repo_untouched(tmp_path: Path, sandbox: Sandbox) -> None:
    repo = make_repo(tmp_path / "repo")
    before = tree(repo)
    # the editor has one answer; the second try needs another and the replay refuses
    t = task(repo, editor=transcript(tmp_path / "e.yml", BREAK_MUL))
    outcome = run(t, sandbox)
    assert outcome.status is Status.MODEL_ERROR
    assert outcome.stopped_at == "edit (try 2)"
    assert outcome.branch is None and tree(repo) == before
    assert git(repo, "branch", "--list").strip() == "* main"


def test_rerun_reuses_the_branch(tmp_path: Path, sandbox: Sandbox) -> None:
    repo = make_repo(tmp_path / "repo")
    for i in range(2):
        outcome = run(task(repo, editor=transcript(tmp_path / f"e{i}.yml", FIX_ADD)), sandbox)
        assert outcome.status is Status.FIXED
    assert git(repo, "branch", "--list", "architect/*").strip() == "architect/issue-12-add-is-wrong"
    assert (
        git(repo, "rev-list", "--count", "architect/issue-12-add-is-wrong").strip() == "2"
    )  # base + one fix


def test_architect_edit_blocks_are_passed_on_as_plan(tmp_path: Path, sandbox: Sandbox) -> None:
    repo = make_repo(tmp_path / "repo")
    t = task(
        repo,
        architect=transcript(tmp_path / "a.yml", "Do this:\n\n" + FIX_ADD),
        editor=transcript(tmp_path / "e.yml", FIX_ADD),
    )
    outcome = run(t, sandbox)
    assert outcome.status is Status.FIXED
    assert "<<<<<<< SEARCH" in outcome.plan


def _served(llm_server: LLMServer, repo: Path, *replies: Reply | str, issue: str | None = None) -> Outcome:
    """A run whose architect and editor are compat models answering from the scripted server, with
    the local sandbox: what each model was sent is in ``llm_server.requests``."""
    llm_server.script(*replies)
    t = task(
        repo,
        **({"issue": issue} if issue else {}),
        architect="compat/qwq-32b",
        editor="compat/qwen2.5-coder-32b",
        base_url=llm_server.openai_base_url,
    )
    return run_pipeline(t, build_models(t.settings), LocalSandbox(), publish=local_publisher(t))


def _sent(llm_server: LLMServer, index: int) -> str:
    return "\n".join(m["content"] for m in llm_server.requests[index].body["messages"])


def test_architect_asking_for_files_gets_them(tmp_path: Path, llm_server: LLMServer) -> None:
    repo = make_repo(
        tmp_path / "repo",
        {
            "calc.py": "from lib.helpers import sub\n\n\ndef add(a, b):\n    return sub(a, b)\n",
            "lib/__init__.py": "",
            "lib/helpers.py": "def sub(a, b):\n    return a - b  # HELPERS-BODY\n",
            "test_calc.py": "from calc import add\n\n\ndef test_add():\n    assert add(2, 3) == 5\n",
        },
    )
    fix = FIX_ADD.replace("return a - b", "return sub(a, b)")
    asks = "NEED FILE: helpers.py\nNEED FILE: ../../etc/passwd\nNEED FILE: .git/config"
    outcome = _served(llm_server, repo, asks, PLAN, fix)
    assert outcome.status is Status.FIXED, outcome.error
    assert "NEED FILE" not in outcome.plan
    assert len(llm_server.requests) == 3  # ask, plan, edit
    answer = _sent(llm_server, 1).split("The files you asked for")[1]
    assert "### lib/helpers.py" in answer and "HELPERS-BODY" in answer  # a bare name finds the file
    assert "These do not exist in the repository: ../../etc/passwd, .git/config" in answer
    everything = json.dumps([r.body for r in llm_server.requests])
    assert "root:x:0:0" not in everything and "[core]" not in everything


def test_plan_naming_files_outside_the_repo_reads_nothing_there(
    tmp_path: Path, llm_server: LLMServer
) -> None:
    (tmp_path / "outside.txt").write_text("TOP-SECRET-CONTENT")
    repo = make_repo(tmp_path / "repo")
    plan = PLAN + "- ../outside.txt\n- .git/config\n"
    outcome = _served(llm_server, repo, plan, FIX_ADD)
    assert outcome.status is Status.FIXED, outcome.error
    editor_prompt = _sent(llm_server, 1)
    assert "def add(a, b):" in editor_prompt  # the file the plan names inside the repository is shown
    assert "TOP-SECRET" not in editor_prompt and "[core]" not in editor_prompt
    assert "TOP-SECRET" not in outcome.diff


def test_huge_issue_is_cut_with_a_note_before_any_model_sees_it(
    tmp_path: Path, llm_server: LLMServer
) -> None:
    repo = make_repo(tmp_path / "repo")
    issue = "# #12 add\n" + "blah " * 200_000 + "THE-END-OF-THE-ISSUE"
    outcome = _served(llm_server, repo, PLAN, FIX_ADD, issue=issue)
    assert outcome.status is Status.FIXED, outcome.error
    for index in range(2):
        sent = _sent(llm_server, index)
        assert len(sent) < MAX_ISSUE_CHARS + 40_000  # the issue's cut plus the rest of the prompt
        assert "THE-END-OF-THE-ISSUE" not in sent
    assert "characters longer; the rest was cut]" in _sent(llm_server, 0)


def test_the_progress_line_and_timings_agree_on_the_test_time(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    t = task(repo, editor=transcript(tmp_path / "e.yml", FIX_ADD))
    progress = QuietProgress()
    outcome = run_pipeline(t, build_models(t.settings), LocalSandbox(), progress=progress)
    [detail] = [d for kind, name, d in progress.events if kind == "done" and name == "test (try 1)"]
    assert detail.endswith(f"(the command {outcome.timings['test']:.1f} s)"), (detail, outcome.timings)
