"""Local forge: a branch in the user's repository and a PR.md beside it, no GitHub needed.

A fresh fix resets the issue's branch to a new commit on the base (as force-with-lease does on
GitHub), so re-running never stacks duplicates; the PR.md is rewritten in place.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from bot.errors import ForgeError
from bot.gitutil import commit_tested, git, git_dir
from bot.outcome import Outcome, Status
from bot.render import commit_message, pr_markdown
from bot.review_flags import review_flags
from bot.secrets import redact
from bot.task import Task, branch_name


@dataclass(frozen=True)
class Published:
    branch: str
    commit: str | None
    pr_path: Path


class LocalForge:
    name = "local"

    def __init__(self, repo: Path, out_dir: Path | None = None) -> None:
        self.repo = repo
        self.out_dir = out_dir or git_dir(repo) / "architect-bot"

    def pr_path(self, branch: str) -> Path:
        return self.out_dir / branch.replace("/", "__") / "PR.md"

    def publish(
        self, workdir: Path, branch: str, message: str, pr_text: str, tree: str | None = None
    ) -> Published:
        current = git(self.repo, "symbolic-ref", "--quiet", "--short", "HEAD", check=False)
        if current == branch:
            raise ForgeError(
                f"branch {branch} is checked out in {self.repo}; "
                "switch to another branch so the bot can update it"
            )
        commit = commit_tested(workdir, message, tree)
        if commit is not None:
            git(self.repo, "branch", "--force", branch, commit)
        path = self.pr_path(branch)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        text = redact(pr_text)  # the PR.md is what this forge publishes: masked on the way out
        tmp.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
        tmp.replace(path)
        return Published(branch=branch, commit=commit, pr_path=path)


def local_publisher(task: Task) -> Callable[[Path, Outcome], Outcome]:
    """Publishes an outcome as the issue's branch and PR.md; a draft unless fixed and unflagged."""
    forge = LocalForge(task.repo)
    branch = branch_name(task.issue)

    def publish(workdir: Path, outcome: Outcome) -> Outcome:
        flags = review_flags(
            workdir,
            task.settings.protected_paths,
            missing_tests=outcome.missing_tests,
            plan=outcome.plan_scope,
        )
        draft = outcome.status is not Status.FIXED or flags.draft()
        named = replace(outcome, branch=branch, draft=draft, notes=(*outcome.notes, *flags.notes))
        done = forge.publish(
            workdir, branch, commit_message(named, task.issue), pr_markdown(named, task.issue), outcome.tree
        )
        return replace(named, commit=done.commit, pr_path=str(done.pr_path))

    return publish
