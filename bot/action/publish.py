"""Publishing to GitHub: push the fix, open or update the one pull request, flag test tampering."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, replace
from pathlib import Path

from bot.ci_followup import rounds_since, section, with_section
from bot.edits.types import DEFAULT_PROTECTED
from bot.forge.base import Forge
from bot.gitutil import commit_tested
from bot.outcome import Outcome, Status
from bot.pipeline import Publisher
from bot.render import commit_message, pr_body, pr_title
from bot.review_flags import review_flags
from bot.task import Issue

log = logging.getLogger(__name__)

TEMPLATE_PATHS = (
    ".github/PULL_REQUEST_TEMPLATE.md",
    ".github/pull_request_template.md",
    "PULL_REQUEST_TEMPLATE.md",
    "docs/PULL_REQUEST_TEMPLATE.md",
)


@dataclass(frozen=True)
class PublishOptions:
    base: str  # branch the PR merges into
    branch: str
    fresh: bool = True  # a fresh fix replaces the branch (lease); a revision adds a commit on top
    draft_on_failure: bool = True  # False: no PR at all unless the tests pass
    allow_tampering: bool = False
    reviewer: str | None = None
    protected_paths: tuple[str, ...] = DEFAULT_PROTECTED  # a change there (under allow-protected) is a draft
    # the default branch's commit: review flags cover the whole PR, not only a revision's newest commit
    base_commit: str | None = None
    trailers: tuple[str, ...] = ()  # "Key: value" lines closing the commit message (the CI rounds)


def status_label(status: Status) -> str:
    return f"architect:{status.value}"


def read_template(repo: Path) -> str | None:
    for rel in TEMPLATE_PATHS:
        path = repo / rel
        if path.is_file():
            return path.read_text(encoding="utf-8", errors="replace")
    return None


def fill_template(template: str | None, body: str) -> str:
    """Puts the bot's body under the template's first heading, keeping the rest of the template."""
    if not template:
        return body
    heading = re.search(r"^#{1,3} .*$", template, re.M)
    if heading is None:
        return f"{body}\n\n---\n\n{template.strip()}\n"
    end = heading.end()
    return f"{template[:end]}\n\n{body}\n{template[end:]}"


def github_publisher(forge: Forge, issue: Issue, options: PublishOptions) -> Publisher:
    def publish(workdir: Path, outcome: Outcome) -> Outcome:
        flags = review_flags(
            workdir,
            options.protected_paths,
            since=options.base_commit or "HEAD",
            missing_tests=outcome.missing_tests,
            plan=outcome.plan_scope,
        )
        named = replace(outcome, branch=options.branch, notes=(*outcome.notes, *flags.notes))
        message = commit_message(named, issue)
        if options.trailers:
            message = message.rstrip("\n") + "\n\n" + "\n".join(options.trailers) + "\n"
        commit_tested(workdir, message, outcome.tree)
        sha = forge.push_branch(workdir, options.branch, force_with_lease=options.fresh)
        named = replace(named, commit=sha)
        passed = outcome.status is Status.FIXED
        if not passed and not options.draft_on_failure:
            log.info("tests did not pass and draft-on-failure is off: branch pushed, no pull request")
            return named
        draft = not passed or flags.draft(options.allow_tampering)
        body = fill_template(read_template(workdir), pr_body(named, issue))
        if options.base_commit:  # every CI round on the branch, whichever command pushed last
            body = with_section(body, section(rounds_since(workdir, options.base_commit)))
        labels = ("architect-bot", status_label(outcome.status))
        stale = [status_label(s) for s in Status if s is not outcome.status]
        pr = forge.open_or_update_pr(
            options.branch, options.base, pr_title(issue), body, draft, labels, stale
        )
        if options.reviewer:
            forge.request_review(pr.number, options.reviewer)
        return replace(named, pr_url=pr.url, pr_number=pr.number, draft=pr.draft)

    return publish
