"""Settings come from the commit the run starts from, never from a working tree or an editor's edits;
`.github/**` stays protected whatever `protected-paths` adds."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from bot.config import load_settings
from bot.edits import EditPolicy, apply_answer
from bot.models.factory import build_models
from bot.outcome import Status
from bot.pipeline import run_pipeline
from bot.sandbox.local import LocalSandbox
from tests.cli.test_cli import cli
from tests.pipeline.helpers import FIX_ADD, commit_everything, git, make_repo, task, transcript

CONFIG = ".github/architect-bot.yml"
TRUSTED_TEST_CMD = "python3 -m pytest -q -p no:cacheprovider"


def with_config(repo: Path, text: str) -> Path:
    (repo / ".github").mkdir(exist_ok=True)
    (repo / CONFIG).write_text(text)
    return repo


def test_protected_paths_add_to_the_defaults(tmp_path: Path) -> None:
    repo = with_config(make_repo(tmp_path / "repo"), "protected-paths: ['secrets/**']\n")
    commit_everything(repo)
    settings = load_settings(repo)
    assert {"secrets/**", ".github/**"} <= set(settings.protected_paths)
    from_input = load_settings(repo, {"protected_paths": ("vendor/**",)})  # the action input, say
    assert {"vendor/**", ".github/**"} <= set(from_input.protected_paths)
    (repo / ".github" / "workflows").mkdir()
    (repo / ".github" / "workflows" / "ci.yml").write_text("name: ci\n")
    answer = (
        ".github/workflows/ci.yml\n```\n<<<<<<< SEARCH\nname: ci\n=======\n"
        "name: pwned\n>>>>>>> REPLACE\n```\n"
    )
    result = apply_answer(repo, answer, policy=EditPolicy(protected_globs=settings.protected_paths))
    assert [f.kind for f in result.failures] == ["protected"]
    assert (repo / ".github" / "workflows" / "ci.yml").read_text() == "name: ci\n"


def test_a_custom_config_file_is_protected_too(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    (repo / "bot.yml").write_text("tries: 1\n")
    commit_everything(repo)
    settings = load_settings(repo, config_file="bot.yml")
    assert settings.tries == 1 and "bot.yml" in settings.protected_paths


def test_the_config_is_read_at_the_commit_not_from_the_working_tree(tmp_path: Path) -> None:
    repo = with_config(make_repo(tmp_path / "repo"), "tries: 1\n")
    commit_everything(repo)
    with_config(repo, "tries: 4\nsandbox: local\n")  # uncommitted
    settings = load_settings(repo)
    assert settings.tries == 1 and settings.sandbox == "auto"


def test_an_editor_cannot_write_the_bots_config(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    rigged = f"{CONFIG}\n```yaml\n<<<<<<< SEARCH\n=======\nsandbox: local\n>>>>>>> REPLACE\n```\n\n{FIX_ADD}"
    editor = tmp_path / "e.yml"
    editor.write_text(yaml.safe_dump({"model": "e", "entries": [
        {"match": [""], "completion": {"answer": rigged}},
        # played only if the reflection tells the editor why its block was refused
        {"match": [f"`{CONFIG}` is a protected path"], "completion": {"answer": "Understood."}},
    ]}))  # fmt: skip
    t = task(repo, editor=f"replay/{editor}", reflections=1)
    outcome = run_pipeline(t, build_models(t.settings), LocalSandbox())
    assert outcome.status is Status.FIXED, outcome.error
    assert outcome.changed_files == ("calc.py",)
    assert not (repo / CONFIG).exists()


def test_run_reads_the_config_from_base_not_from_the_checked_out_branch(tmp_path: Path) -> None:
    repo = with_config(make_repo(tmp_path / "repo"), f"test-command: {TRUSTED_TEST_CMD}\n")
    commit_everything(repo)
    git(repo, "checkout", "-qb", "pr")
    with_config(repo, "test-command: echo rigged\n")
    commit_everything(repo)
    with_config(repo, "test-command: echo dirty\n")  # and an uncommitted one on top
    edit = transcript(tmp_path / "e.yml", FIX_ADD)
    result = cli(
        "run", "--repo", str(repo), "--base", "main", "--issue-text", "add() is wrong", "--editor", edit,
        "--sandbox", "local", "--allow-dirty", "--dry-run", "--json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    data = json.loads(result.stdout)
    assert data["test_command"] == TRUSTED_TEST_CMD and data["status"] == "fixed"


def test_run_with_a_base_that_is_no_commit_is_a_usage_error(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    result = cli(
        "run",
        "--repo",
        str(repo),
        "--base",
        "no-such-branch",
        "--issue-text",
        "x",
        "--editor",
        "replay/x.yml",
    )
    assert result.returncode == 2 and "'no-such-branch' is not a commit" in result.stderr
