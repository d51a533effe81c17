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

EXAMPLE_REPO = "Codertocat/Hello-World"  # most examples; others name their own


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
    which: int | None = None,
) -> dict[str, Any]:
    """The ``which``-th example of ``event``/``action``, adjusted; KeyError when there is none.

    By default the first example that GitHub's current webhook schema accepts (some examples are
    older than the schema: the first ``issue_comment``/``created`` lacks
    ``comment.performed_via_github_app``), else the first one.
    """
    matching = [e for e in _examples().get(event, []) if e.get("action") == action]
    if which is None:
        which = next((i for i, e in enumerate(matching) if _valid(e, schema_name(event, action))), 0)
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


def on_pull_request(payload: dict[str, Any]) -> dict[str, Any]:
    """An ``issue_comment`` payload turned into a comment on a pull request (``issue.pull_request``
    set, as GitHub sends it); GitHub's examples have none. Check it with ``check_payload``."""
    changed = copy.deepcopy(payload)
    issue = changed["issue"]
    pulls_url = issue["repository_url"] + f"/pulls/{issue['number']}"
    html = issue["html_url"].replace("/issues/", "/pull/")
    issue["pull_request"] = {
        "url": pulls_url,
        "html_url": html,
        "diff_url": f"{html}.diff",
        "patch_url": f"{html}.patch",
        "merged_at": None,
    }
    issue["html_url"] = html
    return changed


def _rename_repo(payload: dict[str, Any], full_name: str) -> dict[str, Any]:
    owner, name = full_name.split("/")
    old_full = payload.get("repository", {}).get("full_name", EXAMPLE_REPO)
    old_owner = old_full.split("/")[0]
    text = json.dumps(payload).replace(old_full, full_name)
    renamed: dict[str, Any] = json.loads(text)
    repository = renamed["repository"]
    repository["name"] = name
    if repository["owner"]["login"] == old_owner:
        repository["owner"]["login"] = owner
    return renamed


@functools.cache
def _webhook_document() -> dict[str, Any]:
    return dict(json.loads(webhook_schema().read_text()))


def schema_name(event: str, action: str | None) -> str:
    """GitHub's schema name for an event: ``webhook-issue-comment-created``, ``webhook-workflow-dispatch``."""
    return "-".join(["webhook", event.replace("_", "-"), *([action] if action else [])])


@functools.cache
def _validator(name: str) -> Any:
    import jsonschema

    schema = {"$ref": f"#/components/schemas/{name}", "components": _webhook_document()["components"]}
    return jsonschema.Draft202012Validator(schema)


def _valid(payload: dict[str, Any], name: str) -> bool:
    return name in _webhook_document()["components"]["schemas"] and bool(_validator(name).is_valid(payload))


def check_payload(payload: dict[str, Any], name: str) -> None:
    """Validate against ``components.schemas[name]`` (e.g. ``webhook-issue-comment-created``)."""
    _validator(name).validate(payload)
