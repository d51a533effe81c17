"""Event payloads from GitHub's own examples (npm ``@octokit/webhooks-examples``), not hand-made.

An example is adjusted only where a scenario needs it: repository name, issue/PR number, label
name, comment body and who sent it. ``check_payload`` validates a payload against GitHub's
webhook schemas (npm ``@octokit/openapi-webhooks``), for payloads derived further by hand.
"""

from __future__ import annotations

import copy
import functools
import json
from typing import Any

from tests.e2e.tools import webhook_examples, webhook_schema

EXAMPLE_REPO = "Codertocat/Hello-World"


@functools.cache
def _examples() -> dict[str, list[dict[str, Any]]]:
    events = json.loads(webhook_examples().read_text())
    return {event["name"]: event["examples"] for event in events}


def example_payload(
    event: str,
    action: str | None = None,
    *,
    repo: str | None = None,
    number: int | None = None,
    label: str | None = None,
    sender: str | None = None,
    comment_body: str | None = None,
    which: int = 0,
) -> dict[str, Any]:
    """The ``which``-th example of ``event``/``action``, adjusted; KeyError when there is none."""
    matching = [e for e in _examples().get(event, []) if e.get("action") == action]
    if len(matching) <= which:
        raise KeyError(f"no example #{which} of {event}/{action} in @octokit/webhooks-examples")
    payload: dict[str, Any] = copy.deepcopy(matching[which])
    if repo is not None:
        payload = _rename_repo(payload, repo)
    item = payload.get("issue") or payload.get("pull_request")
    if number is not None and item is not None:
        old = item["number"]
        item["number"] = number
        for key in ("url", "html_url", "comments_url", "events_url", "labels_url", "issue_url"):
            if isinstance(item.get(key), str):
                item[key] = item[key].replace(f"/{old}", f"/{number}", 1)
    if label is not None and isinstance(payload.get("label"), dict):
        old_name = payload["label"]["name"]
        payload["label"]["name"] = label
        for entry in (item or {}).get("labels") or []:
            if entry.get("name") == old_name:
                entry["name"] = label
    if comment_body is not None and isinstance(payload.get("comment"), dict):
        payload["comment"]["body"] = comment_body
    if sender is not None:
        payload["sender"]["login"] = sender
        if isinstance(payload.get("comment"), dict):
            payload["comment"]["user"]["login"] = sender
    return payload


def _rename_repo(payload: dict[str, Any], full_name: str) -> dict[str, Any]:
    owner, name = full_name.split("/")
    old_owner, old_name = EXAMPLE_REPO.split("/")
    text = json.dumps(payload).replace(f"{old_owner}/{old_name}", full_name)
    renamed: dict[str, Any] = json.loads(text)
    repository = renamed["repository"]
    repository["name"] = name
    if repository["owner"]["login"] == old_owner:
        repository["owner"]["login"] = owner
    return renamed


@functools.cache
def _webhook_document() -> dict[str, Any]:
    return dict(json.loads(webhook_schema().read_text()))


def check_payload(payload: dict[str, Any], schema_name: str) -> None:
    """Validate against ``components.schemas[schema_name]`` (e.g. ``webhook-issue-comment-created``)."""
    import jsonschema

    document = _webhook_document()
    schema = {"$ref": f"#/components/schemas/{schema_name}", "components": document["components"]}
    jsonschema.Draft202012Validator(schema).validate(payload)
