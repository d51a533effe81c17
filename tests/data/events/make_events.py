"""Regenerates the event payloads in this folder from GitHub's own examples and schemas.

The payloads are GitHub's example webhook deliveries (npm `@octokit/webhooks-examples`), changed
only in repository name, numbers, label names, comment bodies and user logins. An issue comment on a
pull request has no example: it is derived from the issue comment one by setting `issue.pull_request`
(as GitHub does). Review-comment fields GitHub added after the example was recorded (`line`, `side`…)
are filled in so the payload matches today's schema. The schemas the tests validate against
(npm `@octokit/openapi-webhooks`) are vendored, reduced to the events used here, as
`webhook-schemas.json`, so CI needs no npm.

    mkdir -p /tmp/npm-events && cd /tmp/npm-events
    npm install @octokit/webhooks-examples @octokit/openapi-webhooks
    python tests/data/events/make_events.py /tmp/npm-events/node_modules

Story of the fixtures: repository `invoice`, maintainer `Codertocat` (owner), outsider
`outsider-dev`, bot `github-actions[bot]` (or the machine user `invoice-architect`, whose token a
repository may give the bot, so issues can be assigned to it); issue #1 is the bug, PR #2 is the
bot's fix from `architect/issue-1`.
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import sys
from pathlib import Path
from typing import Any

import jsonschema

HERE = Path(__file__).resolve().parent
SCHEMA_FILE = "webhook-schemas.json"
# Event file stem -> the webhook schema it must satisfy (keys of `webhooks` in openapi-webhooks).
SCHEMA_OF = {
    "issues.labeled": "webhook-issues-labeled",
    "issues.assigned": "webhook-issues-assigned",
    "issue_comment.created": "webhook-issue-comment-created",
    "issue_comment.edited": "webhook-issue-comment-edited",
    "issue_comment.deleted": "webhook-issue-comment-deleted",
    "pull_request_review_comment.created": "webhook-pull-request-review-comment-created",
    "workflow_dispatch": "webhook-workflow-dispatch",
    "workflow_run.completed": "webhook-workflow-run-completed",
    "check_suite.completed": "webhook-check-suite-completed",
}
BOT = {"login": "github-actions[bot]", "id": 41898282, "type": "Bot"}
# a machine user whose token the bot runs with, so issues can be assigned to it (Apps cannot be)
BOT_USER = {"login": "invoice-architect", "id": 90000002, "type": "User"}
MAINTAINER = {"login": "Codertocat", "id": 21031067, "type": "User"}
OUTSIDER = {"login": "outsider-dev", "id": 90000001, "type": "User"}


def schema_key(stem: str) -> str:
    """`issue_comment.created.fix` -> `webhook-issue-comment-created`."""
    for prefix, key in SCHEMA_OF.items():
        if stem == prefix or stem.startswith(prefix + "."):
            return key
    raise KeyError(f"no schema known for event file {stem}")


def validator(schemas: dict[str, Any], key: str) -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator({**schemas, "$ref": f"#/components/schemas/{key}"})


def example(
    examples: dict[str, Any], schemas: dict[str, Any], event: str, action: str | None, key: str
) -> Any:
    """The example of the event/action that best fits today's schema (fewest errors, first on ties)."""
    candidates = [item for item in examples[event]["examples"] if item.get("action") == action]
    if not candidates:
        raise SystemExit(f"no {event}.{action} example in the package; it changed")
    check = validator(schemas, key)
    best = min(candidates, key=lambda item: sum(1 for _ in check.iter_errors(item)))
    return copy.deepcopy(best)


def replace_strings(node: Any, pattern: str, new: str) -> Any:
    if isinstance(node, dict):
        return {key: replace_strings(value, pattern, new) for key, value in node.items()}
    if isinstance(node, list):
        return [replace_strings(value, pattern, new) for value in node]
    if isinstance(node, str):
        return re.sub(pattern, new, node)
    return node


def rename_repo(payload: Any, full_name: str, new_name: str) -> Any:
    owner = full_name.split("/")[0]
    payload = replace_strings(payload, rf"\b{re.escape(full_name)}\b", f"{owner}/{new_name}")
    payload["repository"]["name"] = new_name
    return payload


def renumber(node: Any, old: int, new: int) -> Any:
    """Issue/PR URLs `/issues/old`, `/pull/old` and `/pulls/old` -> `new`."""
    return replace_strings(node, rf"/(issues|pull|pulls)/{old}(?=$|[/#?{{])", rf"/\g<1>/{new}")


def set_user(user: dict[str, Any], login: str, user_id: int, user_type: str) -> dict[str, Any]:
    old = user["login"]
    renamed = replace_strings(user, rf"(/users/|github\.com/){re.escape(old)}\b", rf"\g<1>{login}")
    renamed.update(login=login, id=user_id, type=user_type)
    if user_type == "Bot":
        renamed["html_url"] = "https://github.com/apps/" + login.removesuffix("[bot]")
    return dict(renamed)


def _user(who: dict[str, Any]) -> dict[str, Any]:
    return {"login": who["login"], "user_id": who["id"], "user_type": who["type"]}


def comment_by(payload: dict[str, Any], who: dict[str, Any], association: str) -> None:
    """The comment's author is also the sender, as GitHub delivers it."""
    payload["comment"]["user"] = set_user(payload["comment"]["user"], who["login"], who["id"], who["type"])
    payload["sender"] = set_user(payload["sender"], who["login"], who["id"], who["type"])
    payload["comment"]["author_association"] = association


def build(examples: dict[str, Any], schemas: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    repo = "Codertocat/Hello-World"

    def pick(event: str, action: str | None, stem: str) -> Any:
        return example(examples, schemas, event, action, schema_key(stem))

    labeled = rename_repo(
        pick("issues", "labeled", "issues.labeled"),
        repo,
        "invoice",
    )
    labeled = replace_strings(labeled, r"/labels/bug\b", "/labels/architect")
    labeled["label"].update(
        name="architect", color="5319e7", default=False, description="Let architect-bot fix this"
    )
    labeled["issue"]["labels"] = [copy.deepcopy(labeled["label"])]
    out["issues.labeled"] = labeled

    assigned = rename_repo(pick("issues", "assigned", "issues.assigned"), repo, "invoice")
    assigned = renumber(assigned, assigned["issue"]["number"], 1)
    assigned["issue"]["number"] = 1
    assigned["issue"]["state"] = "open"
    assigned["sender"] = set_user(assigned["sender"], **_user(MAINTAINER))
    for name, who in (("to-bot", BOT_USER), ("to-other", OUTSIDER)):
        item = copy.deepcopy(assigned)
        item["assignee"] = set_user(item["assignee"], **_user(who))
        item["issue"]["assignee"] = copy.deepcopy(item["assignee"])
        item["issue"]["assignees"] = [copy.deepcopy(item["assignee"])]
        out[f"issues.assigned.{name}"] = item
    by_outsider = copy.deepcopy(out["issues.assigned.to-bot"])
    by_outsider["sender"] = set_user(by_outsider["sender"], **_user(OUTSIDER))
    out["issues.assigned.by-outsider"] = by_outsider

    base_comment = rename_repo(
        pick("issue_comment", "created", "issue_comment.created"),
        repo,
        "invoice",
    )
    bodies = {
        "fix": "/architect fix keep the public API of `invoice.totals` unchanged",
        "plan": "Could you show me first what you would change?\n\n/architect plan",
        "go": "/architect go",
        "no-command": base_comment["comment"]["body"],
    }
    for name, body in bodies.items():
        item = copy.deepcopy(base_comment)
        item["comment"]["body"] = body
        out[f"issue_comment.created.{name}"] = item

    outsider = copy.deepcopy(base_comment)
    outsider["comment"]["body"] = "/architect fix"
    comment_by(outsider, OUTSIDER, "NONE")
    out["issue_comment.created.outsider-fix"] = outsider

    by_bot = copy.deepcopy(base_comment)
    by_bot["comment"]["body"] = "<!-- architect-bot:status -->\n/architect fix is running: planning…"
    comment_by(by_bot, BOT, "NONE")
    out["issue_comment.created.by-bot"] = by_bot

    for action in ("edited", "deleted"):
        item = rename_repo(
            pick("issue_comment", action, f"issue_comment.{action}"),
            repo,
            "invoice",
        )
        item["comment"]["body"] = "/architect fix"
        out[f"issue_comment.{action}"] = item

    # An issue comment on a pull request: the same event, with `issue` describing the PR (#2, the bot's).
    on_pr = renumber(copy.deepcopy(base_comment), 1, 2)
    issue = on_pr["issue"]
    issue.update(
        number=2, title="Fix #1: Spelling error in the README file", labels=[], assignee=None, assignees=[]
    )
    issue["id"] += 1
    issue["user"] = set_user(issue["user"], BOT["login"], BOT["id"], BOT["type"])
    api = on_pr["repository"]["url"]
    html = on_pr["repository"]["html_url"]
    issue["pull_request"] = {
        "url": f"{api}/pulls/2",
        "html_url": f"{html}/pull/2",
        "diff_url": f"{html}/pull/2.diff",
        "patch_url": f"{html}/pull/2.patch",
        "merged_at": None,
    }
    old_id = on_pr["comment"]["id"]
    on_pr["comment"]["id"] += 100
    on_pr["comment"]["issue_url"] = issue["url"]
    # On github.com a PR's pages live under /pull/, also when reached through the issue API.
    issue["html_url"] = f"{html}/pull/2"
    on_pr["comment"]["html_url"] = f"{html}/pull/2#issuecomment-{on_pr['comment']['id']}"
    on_pr = replace_strings(on_pr, rf"\b{old_id}\b(?=$)", str(on_pr["comment"]["id"]))
    pr_bodies = {
        "pr-revise": "/architect revise round half up, not half even;\n"
        "the tests in tests/test_totals.py show why",
        "pr-retry": "/architect retry",
        "pr-explain": "/ARCHITECT explain",
    }
    for name, body in pr_bodies.items():
        item = copy.deepcopy(on_pr)
        item["comment"]["body"] = body
        out[f"issue_comment.created.{name}"] = item

    review = rename_repo(
        pick("pull_request_review_comment", "created", "pull_request_review_comment.created"),
        repo,
        "invoice",
    )
    review["comment"].update(
        body="/architect revise use Decimal here, floats lose cents",
        path="invoice/totals.py",
        diff_hunk="@@ -10,3 +10,3 @@ def total(lines):\n"
        "-    return sum(lines)\n+    return round(sum(lines), 2)",
        line=12,
        original_line=12,
        side="RIGHT",
        original_side="RIGHT",
        start_line=None,
        original_start_line=None,
        start_side=None,
        subject_type="line",
    )
    for side in ("head", "base"):
        # Added to GitHub's repository object after the example was recorded; required by the schema.
        review["pull_request"][side]["repo"].setdefault("has_discussions", False)
    foreign = copy.deepcopy(review)
    pr = review["pull_request"]
    pr["head"]["ref"] = "architect/issue-1"
    pr["head"]["label"] = f"{pr['head']['user']['login']}:architect/issue-1"
    pr["title"] = "Fix #1: Spelling error in the README file"
    pr["user"] = set_user(pr["user"], BOT["login"], BOT["id"], BOT["type"])
    out["pull_request_review_comment.created.revise"] = review
    foreign["comment"]["body"] = "/architect revise please"
    out["pull_request_review_comment.created.foreign"] = foreign

    out.update(ci_runs(pick("workflow_run", "completed", "workflow_run.completed"), repo))
    out.update(check_suites(pick("check_suite", "completed", "check_suite.completed"), repo))

    dispatch = rename_repo(
        pick("workflow_dispatch", None, "workflow_dispatch"),
        "octo-org/octo-repo",
        "invoice",
    )
    dispatch["inputs"] = {
        "issue-number": "1",
        "architect-model": "deepseek/deepseek-reasoner",
        "editor-model": "anthropic/claude-sonnet-4-5",
    }
    dispatch["workflow"] = ".github/workflows/architect.yml"
    out["workflow_dispatch"] = dispatch
    return out


def ci_runs(example: dict[str, Any], repo: str) -> dict[str, Any]:
    """The repository's CI (workflow `CI`, on pull_request) completed on the bot's PR #2 from
    `architect/issue-1`: failed, succeeded, and failed on a fork's branch of the same name."""
    run = rename_repo(example, repo, "invoice")
    wr = run["workflow_run"]
    head_sha = "9f2c7e1d3b5a4c6e8f0a1b2c3d4e5f60718293a4"
    base = wr["repository"]
    wr.update(
        name="CI",
        event="pull_request",
        status="completed",
        conclusion="failure",
        head_branch="architect/issue-1",
        head_sha=head_sha,
        path=".github/workflows/ci.yml",
    )
    wr["head_repository"] = copy.deepcopy(base)
    wr["head_commit"] = {**(wr.get("head_commit") or {}), "id": head_sha, "tree_id": head_sha}
    wr["pull_requests"] = [
        {
            "id": 1002,
            "number": 2,
            "url": f"{base['url']}/pulls/2",
            "head": {"ref": "architect/issue-1", "sha": head_sha, "repo": _short_repo(base)},
            "base": {"ref": "main", "sha": wr["head_sha"], "repo": _short_repo(base)},
        }
    ]
    run["workflow"].update(name="CI", path=".github/workflows/ci.yml")
    out = {"workflow_run.completed.failure": run}
    passed = copy.deepcopy(run)
    passed["workflow_run"]["conclusion"] = "success"
    out["workflow_run.completed.success"] = passed
    fork = copy.deepcopy(run)
    fork["workflow_run"]["head_repository"]["full_name"] = "outsider-dev/invoice"
    fork["workflow_run"]["pull_requests"] = []  # GitHub lists no pull requests for a fork's run
    out["workflow_run.completed.fork"] = fork
    return out


def check_suites(example: dict[str, Any], repo: str) -> dict[str, Any]:
    """Another CI App's checks (the example's `octocoders-linter`) failed on the bot's PR #2 from
    `architect/issue-1`, and on a fork's pull request from a branch of the same name."""
    suite_event = rename_repo(example, repo, "invoice")
    suite = suite_event["check_suite"]
    head_sha = "9f2c7e1d3b5a4c6e8f0a1b2c3d4e5f60718293a4"
    suite.update(head_branch="architect/issue-1", head_sha=head_sha, conclusion="failure", after=head_sha)
    suite["head_commit"] = {**suite["head_commit"], "id": head_sha, "tree_id": head_sha}
    pull = suite["pull_requests"][0]
    pull["head"].update(ref="architect/issue-1", sha=head_sha)
    pull["base"]["ref"] = "main"
    for side in ("head", "base"):
        pull[side]["repo"]["name"] = "invoice"
    out = {"check_suite.completed.failure": suite_event}
    fork = copy.deepcopy(suite_event)
    fork["check_suite"]["pull_requests"][0]["head"]["repo"].update(
        id=90000003, name="invoice", url="https://api.github.com/repos/outsider-dev/invoice"
    )
    out["check_suite.completed.fork"] = fork
    return out


def _short_repo(repo: dict[str, Any]) -> dict[str, Any]:
    return {"id": repo["id"], "url": repo["url"], "name": repo["name"]}


def _refs(node: Any, found: set[str]) -> None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                found.add(value.rsplit("/", 1)[-1])
            else:
                _refs(value, found)
    elif isinstance(node, list):
        for value in node:
            _refs(value, found)


def compact_schemas(openapi: dict[str, Any]) -> dict[str, Any]:
    """The webhook schemas used here plus every component they reference, as one JSON Schema document."""
    everything = openapi["components"]["schemas"]
    wanted = set(SCHEMA_OF.values())
    keep: set[str] = set()
    todo = list(wanted)
    while todo:
        name = todo.pop()
        if name in keep:
            continue
        keep.add(name)
        found: set[str] = set()
        _refs(everything[name], found)
        todo.extend(found - keep)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$comment": f"from @octokit/openapi-webhooks (API {openapi['info'].get('version', '?')}), "
        "reduced by make_events.py",
        "components": {"schemas": {name: everything[name] for name in sorted(keep)}},
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "node_modules",
        type=Path,
        help="folder holding @octokit/webhooks-examples and @octokit/openapi-webhooks",
    )
    parser.add_argument("--out", type=Path, default=HERE)
    args = parser.parse_args(argv)
    examples_file = args.node_modules / "@octokit/webhooks-examples/api.github.com/index.json"
    schema_file = args.node_modules / "@octokit/openapi-webhooks/generated/api.github.com.json"
    for needed in (examples_file, schema_file):
        if not needed.is_file():
            parser.error(
                f"{needed} not found: run "
                "`npm install @octokit/webhooks-examples @octokit/openapi-webhooks` there"
            )
    examples = {event["name"]: event for event in json.loads(examples_file.read_text(encoding="utf-8"))}
    schemas = compact_schemas(json.loads(schema_file.read_text(encoding="utf-8")))
    for stem, payload in build(examples, schemas).items():
        problems = [
            f"{list(e.path)}: {e.message}" for e in validator(schemas, schema_key(stem)).iter_errors(payload)
        ]
        if problems:
            raise SystemExit(f"{stem} does not match the webhook schema: " + "; ".join(problems[:5]))
        (args.out / f"{stem}.json").write_text(
            json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        print(f"wrote {stem}.json")
    (args.out / SCHEMA_FILE).write_text(json.dumps(schemas, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {SCHEMA_FILE} ({len(schemas['components']['schemas'])} schemas)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
