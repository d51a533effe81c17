"""GitHub's REST description in the path: a contract violation on either side fails loudly."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

import pytest

from bot.errors import ForgeError
from tests.e2e.harness import E2E

REPO = "acme/widgets"
TOKEN = "ghp_contractTestToken"


def _call(e2e: E2E, method: str, path: str, body: Any = None) -> tuple[int, Any]:
    request = urllib.request.Request(
        e2e.api_url + path,
        data=None if body is None else json.dumps(body).encode(),
        method=method,
        headers={"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, json.load(answer)
    except urllib.error.HTTPError as err:
        return err.code, json.load(err)


@pytest.fixture
def issue(e2e: E2E) -> int:
    e2e.seed_repo(REPO)
    e2e.github.add_token(TOKEN, "maria")
    return e2e.github.add_issue(REPO, "Broken", "It breaks.", author="maria")


def test_request_missing_a_required_field_is_refused_before_the_fake(e2e: E2E, issue: int) -> None:
    status, answer = _call(e2e, "POST", f"/repos/{REPO}/issues/{issue}/comments", {})

    assert status == 422
    assert answer["type"].endswith("#UNPROCESSABLE_ENTITY")
    assert [v["message"] for v in answer["validation"]] == ["Request body must have required property 'body'"]
    assert not [r for r in e2e.github.requests if r.method == "POST"], "Prism let the bad request through"


def test_answer_missing_a_required_field_becomes_a_500(e2e: E2E, issue: int) -> None:
    e2e.github.break_next_response(drop_field="html_url")

    status, answer = _call(e2e, "GET", f"/repos/{REPO}/issues/{issue}")

    assert status == 500
    assert answer["type"].endswith("#VIOLATIONS")
    assert {"location": ["response", "body"], "code": "required"}.items() <= answer["validation"][0].items()
    assert "html_url" in answer["validation"][0]["message"]
    assert e2e.gateway.forwarded[-1].status == 200  # the fake answered; Prism refused what it said
    assert _call(e2e, "GET", f"/repos/{REPO}/issues/{issue}")[0] == 200  # one broken answer only


def test_a_contract_violation_fails_the_bot(e2e: E2E, issue: int) -> None:
    forge = e2e.forge(REPO)
    e2e.github.break_next_response(drop_field="html_url", n=10)  # more than the retries

    with pytest.raises(ForgeError):
        forge.get_issue(issue)


def test_a_path_github_does_not_have_is_404(e2e: E2E, issue: int) -> None:
    status, answer = _call(e2e, "GET", f"/repos/{REPO}/issues/{issue}/not-an-endpoint")

    assert status == 404
    assert answer["type"].endswith("#NO_PATH_MATCHED_ERROR")


def test_server_errors_and_rate_limits_pass_through_unchanged(e2e: E2E, issue: int) -> None:
    """Scenario 7 relies on this: Prism warns about undocumented statuses but does not rewrite them."""
    e2e.github.fail_next(1, status=502)
    assert _call(e2e, "GET", f"/repos/{REPO}/issues/{issue}")[0] == 502
    e2e.github.rate_limit_next(1, kind="secondary", retry_after=7)
    request = urllib.request.Request(
        f"{e2e.api_url}/repos/{REPO}/issues/{issue}", headers={"Authorization": f"Bearer {TOKEN}"}
    )
    with pytest.raises(urllib.error.HTTPError) as limited:
        urllib.request.urlopen(request, timeout=30)
    assert limited.value.code == 403
    assert limited.value.headers["retry-after"] == "7"
    assert "secondary rate limit" in json.load(limited.value)["message"]


def test_the_repository_wide_comment_list_keeps_the_contract(e2e: E2E, issue: int) -> None:
    """The daily cost cap reads every comment updated today: `since`, `sort` and pages as GitHub has them."""
    from datetime import UTC, datetime, timedelta

    made = [e2e.github.add_comment(REPO, issue, f"comment {n}", author="maria") for n in range(35)]
    e2e.github.add_comment(REPO, issue, "last week", author="maria", created_at="2026-01-05T10:00:00Z")

    found = e2e.forge(REPO).comments_since(datetime.now(UTC) - timedelta(hours=1))

    assert [c.id for c in found] == made  # two pages (30 + 5), each answer checked by Prism
    status, answer = _call(
        e2e, "GET", f"/repos/{REPO}/issues/comments?since=2026-01-01T00:00:00Z&sort=updated"
    )
    assert status == 200 and len(answer) == 30
    assert _call(e2e, "GET", f"/repos/{REPO}/issues/comments?since=yesterday")[0] == 422
