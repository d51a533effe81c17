"""Keeps the local GitHub honest: every JSON exchange of a full session is checked against GitHub's
own REST description (a subset of @octokit/openapi, see scripts/extract-github-schemas.py)."""

from __future__ import annotations

import json
import re
import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest
from github import Auth, Github

from bot.forge.github import GitHubForge
from bot.forge.retry import ForgeRetryPolicy
from bot.forge.types import ReactionTarget
from tests.servers.github import GitHubServer
from tests.servers.github_model import CheckRecord, WorkflowJob, WorkflowRunInfo

SUBSET = json.loads((Path(__file__).parents[1] / "data" / "github" / "rest-subset.json").read_text())
REPO = "acme/widgets"


def _operation(method: str, path: str) -> str | None:
    names: list[str] = list(SUBSET["operations"])
    for name in names:
        verb, template = name.split(" ", 1)
        pattern = re.sub(r"\{(ref)\}", r"(.+)", template)
        pattern = re.sub(r"\{\w+_(number|id)\}", r"[0-9]+", pattern)
        pattern = re.sub(r"\{\w+\}", r"[^/]+", pattern)
        if verb == method and re.fullmatch(f"/api/v3{pattern}", path):
            return name
    return None


def _check(schema: dict[str, Any], instance: Any, where: str) -> None:
    validator = jsonschema.Draft7Validator({**schema, "components": SUBSET["components"]})
    problems = [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}" for e in validator.iter_errors(instance)
    ]
    assert not problems, f"{where}:\n" + "\n".join(problems[:10])


def _session(server: GitHubServer, tmp_path: Path) -> None:
    """Touch every endpoint the adapter (and PyGithub for the rest) uses."""
    source = tmp_path / "source"
    source.mkdir()
    (source / "app.py").write_text("x = 1\n")
    server.add_token("ghs_actions", "github-actions[bot]")
    server.add_token("ghp_person", "maria")
    server.create_repo(REPO, source)
    server.add_collaborator(REPO, "walt", "write")
    number = server.add_issue(REPO, "Bug", "It breaks", author="walt", labels=("bug",))
    comment = server.add_comment(REPO, number, "/architect fix", author="walt")

    policy = ForgeRetryPolicy(attempts=2, backoff=0.0, sleep=lambda _: None)
    forge = GitHubForge(
        REPO,
        "ghs_actions",
        api_url=server.api_url,
        retry=policy,
        seconds_between_requests=0,
        seconds_between_writes=0,
    )
    forge.get_issue(number)
    forge.permission_of("walt")
    for _ in range(2):  # as a retried POST can leave them
        server.add_comment(
            REPO, number, "<!-- status -->\nold", author="github-actions[bot]", user_type="Bot"
        )
    forge.upsert_status_comment(number, "status", "one")
    forge.post_comment(number, "a plain comment")
    forge.upsert_status_comment(number, "status", "two")
    forge.add_reaction(ReactionTarget.issue(number), "eyes")
    forge.add_reaction(ReactionTarget.comment(number, comment), "rocket")
    work = tmp_path / "work"
    subprocess.run(["git", "clone", "-q", str(server.repo(REPO).bare), str(work)], check=True)
    (work / "app.py").write_text("x = 2\n")
    subprocess.run(
        [
            "git",
            "-C",
            str(work),
            "-c",
            "user.name=b",
            "-c",
            "user.email=b@x.invalid",
            "commit",
            "-qam",
            "fix",
        ],
        check=True,
    )
    pushed = forge.push_branch(work, "architect/issue-1", force_with_lease=True)
    server.repo(REPO).checks_on_push = ["test", "lint"]
    assert forge.check_runs(pushed) == 2
    server.repo(REPO).runs[7] = [WorkflowJob(70, "test", "failure", failed_step="Run pytest", log="E boom\n")]
    assert [job.log_tail for job in forge.failed_jobs(7)] == ["E boom"]
    server.repo(REPO).run_info[7] = WorkflowRunInfo(55, "CI", "main", pushed, "failure", event="push")
    latest = forge.latest_run(55, "main")
    server.repo(REPO).check_records.append(
        CheckRecord(
            80, 8, 9, pushed, "style", "failure", title="2 problems", summary="E1",
            annotations=[("x.py", 1, "E1 unused import")],
        )
    )  # fmt: skip
    [failed] = forge.failed_checks(8)
    assert failed.name == "style" and "x.py:1: failure: E1 unused import" in failed.log_tail
    assert forge.failing_checks(pushed, 9) == ("style",)
    assert latest is not None and (latest.id, latest.conclusion) == (7, "failure")
    pr = forge.open_or_update_pr(
        "architect/issue-1", "main", "Fix #1", "plan", draft=True, labels=["architect-bot"]
    )
    forge.open_or_update_pr("architect/issue-1", "main", "Fix #1: Bug", "plan 2", draft=True)
    forge.open_or_update_pr(
        "architect/issue-1", "main", "Fix #1: Bug", "plan 2", draft=True, stale_labels=["architect-bot"]
    )
    forge.request_review(pr.number, "walt")
    review = server.add_review_comment(REPO, pr.number, "nit", author="walt", path="app.py", line=1)
    forge.review_comments(pr.number)
    forge.reply_to_review_comment(pr.number, review, "done")
    forge.add_reaction(ReactionTarget.review_comment(pr.number, review), "+1")

    gh = Github(
        base_url=server.api_url,
        auth=Auth.Token("ghp_person"),
        retry=None,
        seconds_between_requests=None,
        seconds_between_writes=None,
    )
    assert gh.get_user().login == "maria"
    repo = gh.get_repo(REPO)
    repo.create_label("architect", "ededed", "Ask the bot")
    list(repo.get_labels())
    issue = repo.get_issue(number)
    issue.get_comment(comment)
    list(repo.get_issues_comments(since=datetime.now(UTC) - timedelta(hours=1)))
    list(repo.get_issues_comments(sort="updated", direction="desc"))
    list(issue.get_labels())
    list(issue.get_reactions())
    issue.edit(title="Bug (renamed)")
    pull = repo.get_pull(pr.number)
    pull.get_review_comment(review)
    users, _teams = pull.get_review_requests()
    list(users)
    sha = pull.head.sha
    ref = repo.create_git_ref("refs/heads/copy", sha)
    repo.get_git_ref("heads/copy")
    ref.edit(sha, force=True)
    ref.delete()


def test_every_answer_matches_githubs_rest_description(github_server: GitHubServer, tmp_path: Path) -> None:
    _session(github_server, tmp_path)
    seen = set()
    for record in github_server.requests:
        operation = _operation(record.method, record.path)
        if operation is None or not 200 <= record.status < 400:  # a redirect is an answer too (job logs)
            continue
        seen.add(operation)
        spec = SUBSET["operations"][operation]
        if record.request is not None and "request" in spec:
            _check(spec["request"], record.request, f"request of {operation}")
        schema = spec["responses"].get(str(record.status))
        assert schema is not None or record.status in (204, 302), f"{operation} answered {record.status}"
        if schema is not None:
            _check(schema, record.response, f"answer of {operation}")
    assert seen == set(SUBSET["operations"])


@pytest.mark.parametrize(
    "path", ["/api/v3/repos/acme/widgets", "/acme/widgets.git/info/refs?service=git-upload-pack"]
)
def test_wrong_token_is_401_on_rest_and_git(github_server: GitHubServer, tmp_path: Path, path: str) -> None:
    import urllib.error
    import urllib.request

    github_server.create_repo(REPO)
    github_server.add_token("ghs_good", "github-actions[bot]")
    request = urllib.request.Request(
        github_server.web_url + path, headers={"Authorization": "Bearer ghs_bad"}
    )
    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(request, timeout=10)
    assert caught.value.code == 401
    good = urllib.request.Request(github_server.web_url + path, headers={"Authorization": "Bearer ghs_good"})
    with urllib.request.urlopen(good, timeout=10) as answer:
        assert answer.status == 200
