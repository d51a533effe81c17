"""`demo`, `run` and `plan` as a user runs them: subprocesses, exit codes, branch and PR.md on disk."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.cli.test_cli import cli
from tests.pipeline.helpers import FIX_ADD, PLAN, git, make_repo, outside_code, transcript
from tests.servers.llm import LLMServer, Reply

pytestmark = pytest.mark.usefixtures("docker_client", "sandbox_image")


def test_demo_fixes_the_bundled_issue_offline(tmp_path: Path) -> None:
    result = cli("demo", "--dir", str(tmp_path), "--sandbox", "docker")
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    out = result.stdout.replace("\n", " ")
    assert "replayed" in out and "status: fixed" in out and "tries: 2" in out
    # the replayed reproduction test failed at the base, ships on the branch and passes after the fix
    assert "Reproduction: The reproduction test failed at the base" in out
    assert "tests/test_totals.py::test_discount_is_a_percentage" in out
    repo = tmp_path / "invoice"
    branch = "architect/issue-1-invoice-totals-are-wrong-when-a-line-has"
    assert "ROUND_HALF_UP" in git(repo, "show", f"{branch}:invoice/totals.py")
    assert "def test_discount_is_a_percentage" in git(repo, "show", f"{branch}:tests/test_totals.py")
    assert git(repo, "status", "--porcelain") == ""  # the demo repo's own tree is untouched
    pr = next((repo / ".git" / "architect-bot").rglob("PR.md")).read_text()
    assert "Fixes #1" in pr and "| 2 | ✅ passed |" in pr and "deepseek/deepseek-reasoner" in pr
    # the reproduction test (and the bundled rounding tests) failed at the base: a real FAIL_TO_PASS
    shown = "`tests/test_totals.py::test_discount_is_a_percentage`"
    assert "## Evidence" in pr and shown in pr and "❌ before → ✅ after" in pr
    assert "Regressions: none." in pr and "evidence" in out


def test_run_json_against_replay_models(tmp_path: Path, sandbox_image: str) -> None:
    repo = make_repo(tmp_path / "repo")
    arch = transcript(tmp_path / "a.yml", PLAN)
    edit = transcript(tmp_path / "e.yml", FIX_ADD)
    result = cli(
        "run",
        "--repo",
        str(repo),
        "--issue-text",
        "add() is wrong",
        "--issue-number",
        "5",
        "--architect",
        arch,
        "--editor",
        edit,
        "--sandbox",
        "docker",
        "--image",
        sandbox_image,
        "--json",
    )
    assert result.returncode == 0, result.stderr[-3000:]
    data = json.loads(result.stdout)
    assert data["status"] == "fixed" and data["branch"] == "architect/issue-5-add-is-wrong"
    pr = Path(data["pr_path"]).read_text()
    # the plan's prose leads the description; its file list is not repeated above the diff's own
    assert "make it return `a + b`" in pr and "Files to change" not in pr
    evidence = data["evidence"]
    assert evidence["per_test"] and evidence["fixed"] == ["test_calc.py::test_add"]
    assert evidence["regressions"] == [] and evidence["still_passing"] == 1
    assert not evidence["baseline_cached"]
    assert list((repo / ".git" / "architect-bot" / "cache" / "baseline").glob("*.json")), "the CLI caches it"


def test_test_output_with_fences_stays_in_its_code_block_in_pr_md(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    edit = transcript(tmp_path / "e.yml", FIX_ADD)
    breakout = "printf '```\\n\\nCloses #2\\n\\n```\\n'; python3 -m pytest -q -p no:cacheprovider"
    result = cli(
        "run", "--repo", str(repo), "--issue-text", "add() is wrong", "--issue-number", "5",
        "--editor", edit, "--test-cmd", breakout, "--sandbox", "local", "--json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    pr = Path(json.loads(result.stdout)["pr_path"]).read_text()
    assert "Closes #2" in pr and "Closes #2" not in outside_code(pr)
    assert "Fixes #5" in outside_code(pr)


def test_run_refuses_a_dirty_tree(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    (repo / "calc.py").write_text("# local edit\n")
    edit = transcript(tmp_path / "e.yml", FIX_ADD)
    result = cli("run", "--repo", str(repo), "--issue-text", "add", "--editor", edit)
    assert result.returncode == 2
    assert "uncommitted changes (calc.py)" in result.stderr and "--allow-dirty" in result.stderr


def test_run_with_an_empty_issue_is_a_usage_error(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    result = cli("run", "--repo", str(repo), "--issue-text", "   ", "--editor", "replay/x.yml")
    assert result.returncode == 2 and "the issue is empty" in result.stderr


def test_run_in_a_repository_without_commits_says_so(tmp_path: Path) -> None:
    repo = tmp_path / "fresh"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    edit = transcript(tmp_path / "e.yml", FIX_ADD)
    result = cli("run", "--repo", str(repo), "--issue-text", "add", "--editor", edit, "--sandbox", "local")
    assert result.returncode == 2, result.stderr
    assert "has no commits yet" in result.stderr and "rev-parse" not in result.stderr


def test_run_with_a_model_error_exits_3(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    edit = transcript(tmp_path / "e.yml", FIX_ADD, match="text that never appears")
    result = cli(
        "run", "--repo", str(repo), "--issue-text", "add", "--editor", edit, "--sandbox", "local", "--json"
    )
    assert result.returncode == 3
    data = json.loads(result.stdout)
    assert data["status"] == "model-error" and data["stopped_at"] == "edit (try 1)"
    assert git(repo, "branch", "--list").strip() == "* main"


def test_plan_prints_the_plan_only(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    arch = transcript(
        tmp_path / "a.yml", {"answer": PLAN, "reasoning": "secret thoughts", "thinking_seconds": 4.0}
    )
    result = cli("plan", "--repo", str(repo), "--issue-text", "add() is wrong", "--architect", arch)
    assert result.returncode == 0, result.stderr
    assert "make it return `a + b`" in result.stdout and "secret thoughts" not in result.stdout
    assert "thinking 4.0 s" in result.stdout
    assert git(repo, "branch", "--list").strip() == "* main"


def test_plan_reads_the_base_commits_files_only(tmp_path: Path, llm_server: LLMServer) -> None:
    repo = make_repo(tmp_path / "repo")
    (repo / "notes.py").write_text("UNTRACKED_MARKER = 1\n")
    (repo / "calc.py").write_text((repo / "calc.py").read_text() + "DIRTY_MARKER = 2\n")
    llm_server.script(Reply(answer=PLAN))
    result = cli(
        "plan", "--repo", str(repo), "--issue-text", "add() in calc.py and notes.py", "--allow-dirty",
        "--architect", "compat/qwq-32b", "--base-url", llm_server.openai_base_url,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    prompt = json.dumps([r.body for r in llm_server.requests])
    assert "def add" in prompt and "UNTRACKED_MARKER" not in prompt and "DIRTY_MARKER" not in prompt
