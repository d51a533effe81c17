"""Whether the repository's own CI started on the bot's pull request.

GitHub starts no workflow run for a push or a pull request made with a workflow's `GITHUB_TOKEN`
(so a workflow cannot trigger itself in a loop): with that token, the bot's PR gets no CI at all.
When the repository has workflows that run on pull requests or pushes, the bot waits a little for a
check run to appear on the commit it pushed and, when none does, says so with the fix (a GitHub App
token, docs/action.md) instead of leaving a PR that looks green because nothing ran.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from bot.forge.base import Forge
from bot.gitutil import file_at, git

log = logging.getLogger(__name__)

POLL_S = 10.0
CI_EVENTS = frozenset({"pull_request", "pull_request_target", "push"})


def expects_checks(workspace: Path, commit: str) -> bool:
    """Whether a workflow of ``commit`` (the default branch) runs on pull requests or pushes."""
    listed = git(workspace, "ls-tree", "--name-only", commit, ".github/workflows/", check=False)
    for path in listed.splitlines():
        if not path.endswith((".yml", ".yaml")):
            continue
        try:
            data = yaml.safe_load(file_at(workspace, commit, path) or "")
        except yaml.YAMLError:
            continue
        # YAML 1.1 reads a bare `on:` key as True
        triggers = data.get("on", data.get(True)) if isinstance(data, dict) else None
        names = {triggers} if isinstance(triggers, str) else set(triggers or ())
        if names & CI_EVENTS:
            return True
    return False


def await_checks(
    forge: Forge,
    sha: str,
    minutes: float,
    *,
    sleep: Callable[[float], None] = time.sleep,
    clock: Callable[[], float] = time.monotonic,
) -> int | None:
    """The number of check runs on ``sha`` once there is one, or 0 after ``minutes`` without any;
    None when the token may not read checks."""
    deadline = clock() + minutes * 60
    while True:
        count = forge.check_runs(sha)
        if count is None or count > 0:
            return count
        left = deadline - clock()
        if left <= 0:
            return 0
        sleep(min(POLL_S, left))
