"""Cut the REST operations the local GitHub serves out of GitHub's OpenAPI description.

Usage:
    python scripts/extract-github-schemas.py path/to/api.github.com.json \
        > tests/data/github/rest-subset.json

The description comes from the npm package ``@octokit/openapi`` (``generated/api.github.com.json``,
OpenAPI 3.0). The subset keeps, for each operation listed below, the request body schema and the
response schemas, plus the component schemas they reach; OpenAPI's ``nullable`` becomes JSON Schema's
``null`` type so ``jsonschema`` can check the fake's answers (tests/servers/test_github_shapes.py).
"""

from __future__ import annotations

import json
import sys
from typing import Any

OPERATIONS = [
    ("get", "/user"),
    ("get", "/repos/{owner}/{repo}"),
    ("get", "/repos/{owner}/{repo}/issues/{issue_number}"),
    ("patch", "/repos/{owner}/{repo}/issues/{issue_number}"),
    ("get", "/repos/{owner}/{repo}/issues/comments"),
    ("get", "/repos/{owner}/{repo}/issues/{issue_number}/comments"),
    ("post", "/repos/{owner}/{repo}/issues/{issue_number}/comments"),
    ("get", "/repos/{owner}/{repo}/issues/comments/{comment_id}"),
    ("patch", "/repos/{owner}/{repo}/issues/comments/{comment_id}"),
    ("delete", "/repos/{owner}/{repo}/issues/comments/{comment_id}"),
    ("get", "/repos/{owner}/{repo}/issues/{issue_number}/reactions"),
    ("post", "/repos/{owner}/{repo}/issues/{issue_number}/reactions"),
    ("post", "/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions"),
    ("post", "/repos/{owner}/{repo}/pulls/comments/{comment_id}/reactions"),
    ("get", "/repos/{owner}/{repo}/labels"),
    ("post", "/repos/{owner}/{repo}/labels"),
    ("get", "/repos/{owner}/{repo}/issues/{issue_number}/labels"),
    ("post", "/repos/{owner}/{repo}/issues/{issue_number}/labels"),
    ("delete", "/repos/{owner}/{repo}/issues/{issue_number}/labels/{name}"),
    ("get", "/repos/{owner}/{repo}/collaborators/{username}/permission"),
    ("get", "/repos/{owner}/{repo}/pulls"),
    ("get", "/repos/{owner}/{repo}/commits/{ref}/check-runs"),
    ("get", "/repos/{owner}/{repo}/check-suites/{check_suite_id}/check-runs"),
    ("get", "/repos/{owner}/{repo}/check-runs/{check_run_id}/annotations"),
    ("get", "/repos/{owner}/{repo}/actions/runs/{run_id}/jobs"),
    ("get", "/repos/{owner}/{repo}/actions/jobs/{job_id}/logs"),
    ("get", "/repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs"),
    ("post", "/repos/{owner}/{repo}/pulls"),
    ("get", "/repos/{owner}/{repo}/pulls/{pull_number}"),
    ("patch", "/repos/{owner}/{repo}/pulls/{pull_number}"),
    ("get", "/repos/{owner}/{repo}/pulls/{pull_number}/comments"),
    ("get", "/repos/{owner}/{repo}/pulls/comments/{comment_id}"),
    ("post", "/repos/{owner}/{repo}/pulls/{pull_number}/comments/{comment_id}/replies"),
    ("get", "/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers"),
    ("post", "/repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers"),
    ("get", "/repos/{owner}/{repo}/git/ref/{ref}"),
    ("post", "/repos/{owner}/{repo}/git/refs"),
    ("patch", "/repos/{owner}/{repo}/git/refs/{ref}"),
    ("delete", "/repos/{owner}/{repo}/git/refs/{ref}"),
]
DROP = {"example", "examples", "description", "summary", "externalDocs", "x-github", "format"}


def main(path: str) -> None:
    with open(path) as handle:
        spec = json.load(handle)
    schemas = spec["components"]["schemas"]
    needed: set[str] = set()
    operations: dict[str, Any] = {}
    for method, route in OPERATIONS:
        op = spec["paths"][route][method]
        entry: dict[str, Any] = {"responses": {}}
        body = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
        if body is not None:
            entry["request"] = clean(resolve_response(spec, body), needed)
        for status, response in op["responses"].items():
            response = resolve_response(spec, response)
            schema = response.get("content", {}).get("application/json", {}).get("schema")
            if schema is not None and status.startswith("2"):
                entry["responses"][status] = clean(schema, needed)
        operations[f"{method.upper()} {route}"] = entry
    done: dict[str, Any] = {}
    while needed - done.keys():
        name = sorted(needed - done.keys())[0]
        done[name] = clean(schemas[name], needed)
    json.dump(
        {
            "source": "@octokit/openapi generated/api.github.com.json",
            "operations": operations,
            "components": {"schemas": done},
        },
        sys.stdout,
        indent=1,
        sort_keys=True,
    )


def resolve_response(spec: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in node and not node["$ref"].startswith("#/components/schemas/"):
        parts = node["$ref"].removeprefix("#/").split("/")
        target: Any = spec
        for part in parts:
            target = target[part]
        node = target
    return node


def clean(node: Any, needed: set[str]) -> Any:
    if isinstance(node, list):
        return [clean(item, needed) for item in node]
    if not isinstance(node, dict):
        return node
    if "$ref" in node:
        needed.add(node["$ref"].rsplit("/", 1)[1])
    out = {k: clean(v, needed) for k, v in node.items() if k not in DROP and k != "nullable"}
    if "properties" in node:  # property names are data, not keywords: keep every one
        out["properties"] = {k: clean(v, needed) for k, v in node["properties"].items()}
    if node.get("nullable"):
        if isinstance(out.get("type"), str):
            out["type"] = [out["type"], "null"]
            if "enum" in out:
                out["enum"] = [*out["enum"], None]
        else:
            out = {"anyOf": [out, {"type": "null"}]}
    return out


if __name__ == "__main__":
    main(sys.argv[1])
