"""What the bot says in comments, in one place."""

from __future__ import annotations

from bot.slash_commands import help_lines


def help_text(prefix: str, label: str, note: str | None = None) -> str:
    head = f"{note}\n\n" if note else ""
    return (
        f"{head}**architect-bot** commands (a comment whose line starts with `{prefix}`):\n\n"
        f"{help_lines(prefix)}\n\n"
        f"Adding the `{label}` label to an issue also starts a fix."
    )


def unknown_issue(pr_number: int, prefix: str) -> str:
    return (
        f"architect-bot cannot tell which issue pull request #{pr_number} fixes: its branch is not "
        "`architect/issue-<number>` and its description has no `Fixes #<number>`. Add that line to the "
        f"description and comment again, or comment `{prefix} fix` on the issue."
    )


def no_plan(prefix: str) -> str:
    return f"There is no plan on this issue yet: comment `{prefix} plan` first, then `{prefix} go`."


def refused(actor: str, min_permission: str, prefix: str, label: str) -> str:
    return (
        f"Thanks @{actor}! architect-bot only runs for people with **{min_permission}** access to this "
        f"repository (or listed in its `allowed-users`), so nothing was started. A maintainer can start it "
        f"by adding the `{label}` label or commenting `{prefix} fix`."
    )


def existing_pr(url: str, prefix: str) -> str:
    return (
        f"There is already an open architect-bot pull request for this issue: {url}. "
        f"Comment `{prefix} revise <feedback>` there, "
        f"or `{prefix} fix` here to start over on the same branch."
    )


def closed_issue(state: str) -> str:
    return f"This issue is {state}, so architect-bot did not start. Reopen it to try again."


def plan_comment(plan: str, prefix: str, figures: str, quote: str = "") -> str:
    return (
        "### Plan proposed by the architect\n\n"
        f"{plan}\n\n---\n"
        f"<sub>{figures} · Edit this comment if you want to change the plan, then reply `{prefix} go` "
        "to have the editor carry it out." + (f" {quote}" if quote else "") + "</sub>"
    )


PLAN_HEADER = "### Plan proposed by the architect"
PLAN_FOOTER = "\n---\n<sub>"


def plan_from_comment(body: str) -> str:
    """The (possibly edited) plan inside a plan comment, without the bot's header, footer and marker."""
    text = body.split(PLAN_FOOTER)[0]
    text = text.replace(PLAN_HEADER, "", 1)
    lines = [line for line in text.splitlines() if not line.strip().startswith("<!--")]
    return "\n".join(lines).strip()


def usd(amount: float) -> str:
    """Dollars to the cent, or to a hundredth of a cent below one dollar (model calls are cheap)."""
    return f"${amount:.2f}" if amount >= 1 else f"${amount:.4f}"


def day_budget_spent(spent: float, cap: float, minutes_left: int, prefix: str) -> str:
    hours, minutes = divmod(max(1, minutes_left), 60)
    wait = f"{hours} h {minutes} min" if hours else f"{minutes} min"
    return (
        f"architect-bot has spent {usd(spent)} on model calls in this repository today, which reaches "
        f"its daily budget of {usd(cap)} (`max-cost-usd-per-day`), so nothing was started. "
        f"The budget resets at 00:00 UTC (in {wait}): comment `{prefix} fix` after that to try again."
    )


def day_budget_note(run_cap: float, remaining: float, cap: float) -> str:
    return (
        f"This run could spend at most {usd(run_cap)}: {usd(remaining)} was left of today's "
        f"{usd(cap)} budget (`max-cost-usd-per-day`)."
    )


def no_checks(minutes: float) -> str:
    return (
        f"⚠️ No check ran on this pull request within {minutes:g} min, although workflows of this "
        "repository run on pull requests or pushes. GitHub starts no workflow for a pull request the "
        "workflow's own `GITHUB_TOKEN` opened: give the action a GitHub App token (`github-token`, "
        "made with `actions/create-github-app-token`; docs/action.md, \"CI on the bot's pull "
        'requests"), or close and reopen the pull request to start the checks once.'
    )
