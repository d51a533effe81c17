"""The event files match GitHub's webhook schemas (vendored from @octokit/openapi-webhooks)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.data.events.make_events import SCHEMA_OF, schema_key
from tests.events.helpers import EVENTS, event_files, load


def validator(stem: str) -> jsonschema.Draft202012Validator:
    bundle = json.loads((EVENTS / "webhook-schemas.json").read_text(encoding="utf-8"))
    key = schema_key(stem)  # the generator's own table of which schema each file must satisfy
    return jsonschema.Draft202012Validator({**bundle, "$ref": f"#/components/schemas/{key}"})


def errors(stem: str, payload: Any) -> list[str]:
    return [f"{list(e.path)}: {e.message}" for e in validator(stem).iter_errors(payload)]


@pytest.mark.parametrize("path", event_files(), ids=lambda p: p.stem)
def test_every_event_file_matches_its_webhook_schema(path: Path) -> None:
    assert errors(path.stem, load(path.stem)) == []


def test_derived_pr_comment_is_an_issue_comment_with_pull_request_set() -> None:
    payload = load("issue_comment.created.pr-revise")
    assert set(payload["issue"]["pull_request"]) == {"url", "html_url", "diff_url", "patch_url", "merged_at"}
    assert errors("issue_comment.created.pr-revise", payload) == []


@pytest.mark.parametrize(
    ("path", "value"),
    [(("comment", "body"), None), (("issue", "number"), "2"), (("comment", "user", "type"), "Robot")],
)
def test_the_schema_check_catches_a_broken_payload(path: tuple[str, ...], value: Any) -> None:
    payload = load("issue_comment.created.pr-revise")
    node = payload
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    assert errors("issue_comment.created.pr-revise", payload) != []


def test_a_missing_required_key_is_caught() -> None:
    payload = load("issue_comment.created.pr-revise")
    del payload["comment"]["id"]
    assert any("'id' is a required property" in e for e in errors("issue_comment.created.pr-revise", payload))


def test_every_listened_event_has_a_payload_file() -> None:
    stems = {p.stem for p in event_files()}
    for prefix in SCHEMA_OF:
        assert any(s == prefix or s.startswith(prefix + ".") for s in stems), prefix
