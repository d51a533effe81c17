"""`max-cost-usd-per-day`: spend recorded in the status comments, summed across the repository per
UTC day, runs skipped once it is reached and narrowed to what is left. The real `architect-bot
action` against the local GitHub, with replayed (priced) models."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.action.ledger import Spend, parse_ledger
from bot.action.preflight import day_budget
from bot.forge.github import GitHubForge
from tests.action.harness import TOKEN, Site
from tests.pipeline.helpers import commit_everything
from tests.servers.github import GitHubServer

BOT = "github-actions[bot]"


def _today() -> str:
    return datetime.now(UTC).date().isoformat()


def _yesterday() -> str:
    return (datetime.now(UTC) - timedelta(days=1)).date().isoformat()


def _status_body(number: int, ledger: str) -> str:
    """A status comment as an earlier run left it, ledger written by hand (not by the code under test)."""
    head = f"<!-- architect-bot:status:{number} -->\n### architect-bot\n\n✅ Fixed."
    return f"{head}\n\n<!-- architect-bot:spend {ledger} -->"


def _seed_status(site: Site, number: int, ledger: dict[str, object], **times: str) -> int:
    while number not in site.repo.issues:
        site.server.add_issue(site.name, f"Issue {len(site.repo.issues) + 1}", "b", author="Codertocat")
    return site.server.add_comment(
        site.name, number, _status_body(number, json.dumps(ledger)), author=BOT, user_type="Bot", **times
    )


def _second_issue(site: Site) -> int:
    first = site.repo.issues[1]
    return site.server.add_issue(site.name, first.title, first.body, author="Codertocat")


def _status_of(site: Site, number: int) -> str:
    [status] = [
        c.body for c in site.repo.issues[number].comments if f"architect-bot:status:{number} -->" in c.body
    ]
    return status


def _fix_comment(site: Site, number: int) -> Path:
    comment = site.server.add_comment(site.name, number, "/architect fix", author="Codertocat")
    return site.event("issue_comment.created.fix", comment__id=comment, issue__number=number)


def _run_id(n: int) -> dict[str, str]:
    return {"GITHUB_RUN_ID": str(n), "GITHUB_RUN_ATTEMPT": "1"}


NO_MODEL = "replay//nonexistent/transcript.yml"  # building this model fails: a skip must never get there


@pytest.mark.usefixtures("docker_client", "sandbox_image")
def test_runs_on_two_issues_add_up_and_yesterday_does_not_count(site: Site) -> None:
    # issue #1 already has a status comment from yesterday's run: carried forward, never counted
    _seed_status(site, 1, {"6000.1": {"day": _yesterday(), "usd": 5.0}})
    second = _second_issue(site)
    # a status comment last edited yesterday is not even read (the list asks for today's only)
    stale = (datetime.now(UTC) - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M:%SZ")
    _seed_status(site, 3, {"6001.1": {"day": _today(), "usd": 5.0}}, created_at=stale)

    first_run = site.run(
        "issues", site.event("issues.labeled"), env_extra=_run_id(7001), max_cost_usd_per_day="1"
    )
    assert first_run.returncode == 0 and first_run.outputs["status"] == "fixed", first_run.stderr[-3000:]
    first_cost = float(first_run.outputs["cost-usd"])
    assert first_cost > 0
    assert parse_ledger(_status_of(site, 1)) == {
        "6000.1": Spend(_yesterday(), 5.0),
        "7001.1": Spend(_today(), first_cost),
    }

    second_run = site.run(
        "issues",
        site.event("issues.labeled", issue__number=second),
        env_extra=_run_id(7002),
        max_cost_usd_per_day="1",
    )
    assert second_run.returncode == 0 and second_run.outputs["status"] == "fixed", second_run.stderr[-3000:]
    second_cost = float(second_run.outputs["cost-usd"])
    assert parse_ledger(_status_of(site, second)) == {"7002.1": Spend(_today(), second_cost)}

    total = round(first_cost + second_cost, 6)
    third = site.run(
        "issue_comment",
        _fix_comment(site, second),
        env_extra=_run_id(7003),
        max_cost_usd_per_day=f"{total:.6f}",
        editor_model=NO_MODEL,
        architect_model=NO_MODEL,
    )
    assert third.returncode == 0 and third.outputs["status"] == "skipped", third.stderr[-3000:]
    said = site.repo.issues[second].comments[-1]
    assert said.user == BOT
    assert (
        f"spent ${total:.4f}" in said.body
        and "00:00 UTC" in said.body
        and "max-cost-usd-per-day" in said.body
    )
    assert parse_ledger(_status_of(site, second)) == {"7002.1": Spend(_today(), second_cost)}  # untouched


def test_a_spent_budget_skips_before_any_model(site: Site) -> None:
    _seed_status(
        site, 2, {"6100.1": {"day": _today(), "usd": 0.75}, "6099.1": {"day": _yesterday(), "usd": 9}}
    )
    _seed_status(site, 3, {"6101.1": {"day": _today(), "usd": 0.25}})
    # another account quoting the marker and a ledger is nobody's spend
    site.server.add_comment(
        site.name, 3, _status_body(3, f'{{"x.1":{{"day":"{_today()}","usd":50}}}}'), author="mallory"
    )

    run = site.run(
        "issues",
        site.event("issues.labeled"),
        max_cost_usd_per_day="1",
        editor_model=NO_MODEL,
        architect_model=NO_MODEL,
    )

    assert run.returncode == 0 and run.outputs["status"] == "skipped", run.stderr[-3000:]
    [said] = [c.body for c in site.repo.issues[1].comments if c.user == BOT]
    assert "spent $1.00 on model calls in this repository today" in said
    assert "daily budget of $1.00" in said and "resets at 00:00 UTC" in said
    assert [r.content for r in site.repo.issues[1].reactions] == ["eyes", "confused"]
    assert not [c for c in site.repo.issues[1].comments if "architect-bot:status:1" in c.body]
    assert run.outputs["cost-usd"] == ""


def test_a_hand_edited_ledger_is_ignored_with_a_log_line(site: Site) -> None:
    _seed_status(site, 2, {"6200.1": {"day": _today(), "usd": 0.5}})
    broken = _status_body(3, '{"6201.1": {"day": "today", "usd": 0.4}')
    site.server.add_issue(site.name, "Issue 3", "b", author="Codertocat")
    assert 3 in site.repo.issues
    site.server.add_comment(site.name, 3, broken, author=BOT, user_type="Bot")

    run = site.run(
        "issues",
        site.event("issues.labeled"),
        max_cost_usd_per_day="0.5",
        editor_model=NO_MODEL,
        architect_model=NO_MODEL,
    )

    assert run.returncode == 0 and run.outputs["status"] == "skipped", run.stderr[-3000:]
    assert "spent $0.5000" in site.repo.issues[1].comments[-1].body  # the broken 0.4 is not counted
    assert "spend ledger" in run.stderr and "is ignored" in run.stderr


def test_a_run_may_spend_only_what_is_left_of_the_day(site: Site) -> None:
    # $0.995 of $1 spent: $0.005 left, less than max-cost-usd and less than the demo's editor call
    _seed_status(site, 2, {"6300.1": {"day": _today(), "usd": 0.995}})

    run = site.run(
        "issues",
        site.event("issues.labeled"),
        env_extra=_run_id(7301),
        max_cost_usd_per_day="1",
        max_cost_usd="2",
    )

    assert run.outputs["status"] == "model-error", run.stderr[-3000:]
    status = _status_of(site, 1)
    assert "cost budget spent" in status and "of $0.0050" in status
    assert "This run could spend at most $0.0050: $0.0050 was left of today's $1.00 budget" in status
    spent = float(run.outputs["cost-usd"])
    assert spent > 0.005  # the call that crossed the line is recorded too
    assert parse_ledger(status) == {"7301.1": Spend(_today(), spent)}
    assert not [i for i in site.repo.issues.values() if i.pull is not None]


def test_day_budget_reads_the_repository_through_the_forge(
    github_server: GitHubServer, tmp_path: Path
) -> None:
    site = Site(github_server, tmp_path)
    _seed_status(site, 2, {"1.1": {"day": _today(), "usd": 0.125}})
    for n in range(40):  # more than one page of today's comments
        github_server.add_comment(site.name, 1, f"chatter {n}", author="Codertocat")
    _seed_status(site, 3, {"2.1": {"day": _today(), "usd": 0.25}, "0.1": {"day": _yesterday(), "usd": 3}})
    today = f'{{"3.1":{{"day":"{_today()}","usd":0.5}}}}'
    # an App's status comment counts (its token cannot read its login); a person's never does
    github_server.add_comment(site.name, 3, _status_body(3, today), author="fixer[bot]", user_type="Bot")
    github_server.add_comment(site.name, 3, _status_body(3, today), author="mallory")
    forge = GitHubForge(
        site.name, TOKEN, api_url=github_server.api_url, seconds_between_requests=0, seconds_between_writes=0
    )

    budget = day_budget(forge, 1.0, datetime.now(UTC))

    assert (budget.spent_usd, budget.remaining_usd, budget.day) == (0.875, 0.125, _today())
    assert 0 < budget.minutes_left <= 24 * 60


def test_plan_is_skipped_too_once_the_day_is_spent(site: Site) -> None:
    _seed_status(site, 2, {"6500.1": {"day": _today(), "usd": 2.5}})
    ask = site.server.add_comment(site.name, 1, "/architect plan", author="Codertocat")
    event = site.event("issue_comment.created.plan", comment__id=ask, comment__body="/architect plan")

    run = site.run("issue_comment", event, max_cost_usd_per_day="2", architect_model=NO_MODEL)

    assert run.returncode == 0 and run.outputs["status"] == "skipped", run.stderr[-3000:]
    assert not [c for c in site.repo.issues[1].comments if "architect-bot:plan:1" in c.body]
    assert "spent $2.50" in site.repo.issues[1].comments[-1].body


def test_the_cap_comes_from_the_input_or_the_config_file(tmp_path: Path) -> None:
    from bot.action.inputs import settings_overrides
    from bot.config import load_settings
    from bot.errors import ConfigError

    (tmp_path / ".github").mkdir()
    (tmp_path / ".github" / "architect-bot.yml").write_text("max-cost-usd-per-day: 3.5\n")
    commit_everything(tmp_path)
    assert load_settings(tmp_path).max_cost_usd_per_day == 3.5
    given = settings_overrides({"max-cost-usd-per-day": "1.25"}, None)
    assert load_settings(tmp_path, given).max_cost_usd_per_day == 1.25
    assert load_settings(None, settings_overrides({}, None)).max_cost_usd_per_day is None  # empty: no cap
    with pytest.raises(ConfigError, match="max-cost-usd-per-day"):
        settings_overrides({"max-cost-usd-per-day": "a lot"}, None)
    with pytest.raises(ConfigError, match="max_cost_usd_per_day"):
        load_settings(None, {"max_cost_usd_per_day": 0})
