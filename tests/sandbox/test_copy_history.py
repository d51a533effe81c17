"""The copy a sandbox runs in: its own git history (for setuptools-scm and `git describe`), no way
back into the user's repository (13.3, 17.4). Real git, the real local sandbox and real Docker."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest

from bot.ports import Sandbox
from bot.sandbox import Limits, RunRequest
from bot.sandbox.docker import DockerSandbox
from bot.sandbox.local import LocalSandbox
from tests.pipeline.helpers import git, make_repo

# Prints what a project's build would see, and everything that could lead outside the copy.
PROBE = (
    "git describe --tags && git rev-parse HEAD && git status --porcelain | wc -l && "
    "test -d .git && echo GITDIR-IS-A-DIRECTORY; "
    "cat .git/objects/info/alternates 2>/dev/null; git config --get core.worktree; "
    'grep -rl "$HOST_PATH" .git 2>/dev/null | head -3; true'
)


@pytest.fixture(params=["local", "docker"])
def sandbox(request: pytest.FixtureRequest) -> Sandbox:
    if request.param == "local":
        return LocalSandbox()
    client: Any = request.getfixturevalue("docker_client")
    return DockerSandbox(request.getfixturevalue("sandbox_image"), client=client)


def tagged_worktree(tmp_path: Path) -> tuple[Path, Path]:
    """A repository tagged v1.4.0, and a linked worktree of it (as the pipeline makes) with an edit."""
    repo = make_repo(tmp_path / "repo")
    git(repo, "tag", "v1.4.0")
    work = tmp_path / "work"
    git(repo, "worktree", "add", "--detach", "-q", str(work), "HEAD")
    (work / "calc.py").write_text((work / "calc.py").read_text().replace("a - b", "a + b"))
    return repo, work


def test_the_copy_has_a_history_of_its_own_with_the_nearest_tag(tmp_path: Path, sandbox: Sandbox) -> None:
    repo, work = tagged_worktree(tmp_path)
    probe = PROBE.replace("$HOST_PATH", str(repo))
    result = sandbox.run(RunRequest(work, probe, Limits(timeout_s=60)))
    lines = result.output.splitlines()
    assert result.passed, result.output
    assert lines[0] == "v1.4.0", result.output  # git describe works, as setuptools-scm needs
    assert len(lines[1]) == 40 and lines[1] != git(repo, "rev-parse", "HEAD").strip()
    assert lines[2] == "0", result.output  # the edit is committed in the copy: a clean tree, no ".dirty"
    assert lines[3:] == ["GITDIR-IS-A-DIRECTORY"], (
        result.output
    )  # no alternates, no core.worktree, no host path


def test_a_test_run_cannot_reach_the_users_repository(tmp_path: Path) -> None:
    """The local sandbox's copy once kept the worktree's `.git` pointer: a conftest followed it to plant a
    hook in the user's repository and a file in the worktree the bot then committed."""
    repo, work = tagged_worktree(tmp_path)
    attack = (
        "import pathlib, subprocess\n"
        "root = pathlib.Path(__file__).parent\n"
        "common = subprocess.run(['git', 'rev-parse', '--path-format=absolute', '--git-common-dir'],\n"
        "                        cwd=root, capture_output=True, text=True).stdout.strip()\n"
        "top = subprocess.run(['git', 'worktree', 'list', '--porcelain'], cwd=root, capture_output=True,\n"
        "                     text=True).stdout\n"
        "if common:\n"
        "    hooks = pathlib.Path(common) / 'hooks'\n"
        "    hooks.mkdir(exist_ok=True)\n"
        "    (hooks / 'post-checkout').write_text('#!/bin/sh\\necho pwned\\n')\n"
        "for line in top.splitlines():\n"
        "    if line.startswith('worktree '):\n"
        "        (pathlib.Path(line[9:]) / 'planted.txt').write_text('planted')\n"
    )
    (work / "conftest.py").write_text(attack)
    before = subprocess.run(["ls", str(repo / ".git" / "hooks")], capture_output=True, text=True).stdout
    result = LocalSandbox().run(
        RunRequest(work, "python3 -m pytest -q -p no:cacheprovider", Limits(timeout_s=60))
    )
    assert result.passed, result.output
    assert not (repo / ".git" / "hooks" / "post-checkout").exists()
    assert (
        subprocess.run(["ls", str(repo / ".git" / "hooks")], capture_output=True, text=True).stdout == before
    )
    assert not (work / "planted.txt").exists() and not (repo / "planted.txt").exists()
