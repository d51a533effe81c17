"""Markdown and commit text rendered from an Outcome; secrets are masked on the way out."""

from __future__ import annotations

from importlib import resources

import jinja2

from bot.architect import without_files_list
from bot.evidence_text import environment_line, evidence_lines
from bot.outcome import Outcome, Status
from bot.task import Issue
from bot.untrusted import code_block

_ENV = jinja2.Environment(
    loader=jinja2.FunctionLoader(lambda name: resources.files("bot.templates").joinpath(name).read_text()),
    autoescape=False,  # markdown, not HTML
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=jinja2.StrictUndefined,
)
# Every code block in a template goes through this filter: a fixed ``` fence is closed by any
# output that prints three backticks, and what follows would be read as the PR's own text.
_ENV.filters["fenced"] = code_block


def pr_title(issue: Issue) -> str:
    prefix = f"Fix #{issue.number}: " if issue.number is not None else "Fix: "
    return prefix + issue.title


def pr_body(outcome: Outcome, issue: Issue) -> str:
    text = _ENV.get_template("pr.md.j2").render(
        plan=without_files_list(outcome.plan) if outcome.plan.strip() else outcome.plan,
        issue_number=issue.number,
        tries=outcome.tries,
        test_command=outcome.test_command,
        environment=environment_line(outcome.environment) if outcome.environment else "",
        notes=outcome.notes,
        plan_scope=outcome.plan_scope.lines() if outcome.plan_scope else [],
        evidence=evidence_lines(outcome.evidence) if outcome.evidence else [],
        usage=outcome.usage,
        status=outcome.status.value,
        wall_seconds=outcome.timings.get("total", 0.0),
        cost=outcome.cost_usd,
    )
    return text


def pr_markdown(outcome: Outcome, issue: Issue) -> str:
    # PR.md has no draft switch of its own: say it where a reviewer starts reading
    draft = (
        "> **Draft**: a person should look at this change before it is merged.\n\n" if outcome.draft else ""
    )
    return f"# {pr_title(issue)}\n\n{draft}{pr_body(outcome, issue)}"


def commit_message(outcome: Outcome, issue: Issue) -> str:
    subject = _subject(pr_title(issue))
    summary = _first_paragraph(outcome.plan) or "Change made by the editor model without a plan."
    state = {
        Status.FIXED: "A test that failed before passes now; no test regressed.",
        Status.UNVERIFIED: "Tests pass, but none shows the issue fixed.",
        Status.TESTS_FAILING: "Tests still fail.",
    }.get(outcome.status, "Tests were not run.")
    trailer = f"\n\nFixes #{issue.number}" if issue.number is not None else ""
    return f"{subject}\n\n{summary}\n\n{state}{trailer}\n"


SUBJECT_CHARS = 72


def _subject(title: str) -> str:
    """``title`` within 72 characters: cut after the last whole word, with every code span closed."""
    if len(title) <= SUBJECT_CHARS:
        return title
    cut = title[: SUBJECT_CHARS - 1]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    cut = cut.rstrip(" :,;-")
    if cut.count("`") % 2:  # an open code span: drop the word that opened it
        cut = cut[: cut.rindex("`")].rstrip(" :,;-")
    return cut + "…"


def _first_paragraph(text: str, limit: int = 600) -> str:
    for block in text.strip().split("\n\n"):
        block = block.strip()
        if block and not block.startswith("#"):
            return block[:limit]
    return ""
