"""Event payloads from GitHub's examples, adjusted and still valid against GitHub's webhook schemas."""

from __future__ import annotations

import jsonschema
import pytest

from tests.e2e.harness import E2E
from tests.e2e.payloads import check_payload, example_payload, on_pull_request


def test_labeled_issue_adjusted_to_the_scenario(e2e_tools: object) -> None:
    payload = example_payload(
        "issues", "labeled", repo="acme/widgets", number=7, label="architect", sender="maria"
    )

    check_payload(payload, "webhook-issues-labeled")
    assert payload["repository"]["full_name"] == "acme/widgets"
    assert payload["repository"]["owner"]["login"] == "acme"
    assert (payload["issue"]["number"], payload["label"]["name"]) == (7, "architect")
    assert payload["issue"]["url"].endswith("/repos/acme/widgets/issues/7")
    assert payload["sender"]["login"] == "maria"


def test_comment_on_a_pull_request_is_derived_and_valid(e2e_tools: object) -> None:
    comment = example_payload(
        "issue_comment", "created", repo="acme/widgets", number=3, sender="stranger",
        comment_body="/architect fix",
    )  # fmt: skip
    on_pr = on_pull_request(comment)

    check_payload(on_pr, "webhook-issue-comment-created")
    assert on_pr["issue"]["pull_request"]["url"].endswith("/repos/acme/widgets/pulls/3")
    assert (on_pr["comment"]["body"], on_pr["comment"]["user"]["login"]) == ("/architect fix", "stranger")
    assert "pull_request" not in comment["issue"]


def test_schema_check_catches_a_broken_payload(e2e_tools: object) -> None:
    payload = example_payload("issues", "labeled")
    del payload["issue"]["number"]

    with pytest.raises(jsonschema.ValidationError):
        check_payload(payload, "webhook-issues-labeled")


def test_examples_for_dispatch_and_review_comments(e2e: E2E) -> None:
    e2e.seed_repo("acme/widgets")
    dispatch = e2e.payload("workflow_dispatch")
    check_payload(dispatch, "webhook-workflow-dispatch")
    assert dispatch["repository"]["full_name"] == "acme/widgets"
    review = e2e.payload("pull_request_review_comment", "created", number=2, sender="maria")
    assert (review["pull_request"]["number"], review["comment"]["user"]["login"]) == (2, "maria")
    # None of GitHub's three review-comment examples matches today's schema (they predate
    # comment.start_line and repository.has_discussions): scenario 5 has to add those fields.
    with pytest.raises(jsonschema.ValidationError):
        check_payload(review, "webhook-pull-request-review-comment-created")
