"""The nine scenarios of the action, end to end: the workflow users copy (.github/workflows/
architect.yml, with `uses: ./` turned into `uses: acme/architect-bot@v1` as its header says) runs
under act, `action.yml` installs and runs the bot, every REST call goes through Prism (GitHub's own
description), the models are the scripted LLM server (the workflow's own openai/o3 and
anthropic/claude-sonnet-4-5, pointed at it by OPENAI_BASE_URL / ANTHROPIC_BASE_URL) and the tests
run in the Docker sandbox on the host engine.

The repository under test is the demo (examples/demo/repo) plus a settings file naming the local
sandbox image; issue #1 is the demo's bug. The model answers are the demo's recordings
(examples/demo/transcripts), played in the order the pipeline asks: the architect's plan, the
editor's first answer (one SEARCH block misses), its corrected answer, its answer after the first
test run failed.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.e2e.harness import BOT_LOGIN, E2E, MAINTAINER
from tests.e2e.payloads import check_payload
from tests.servers.llm import LLMServer, Reply

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "demo"
USER_WORKFLOW = ROOT / ".github" / "workflows" / "architect.yml"
REPO = "acme/widgets"
STAND_INS = Path(__file__).parent / "fixtures" / "stand-ins"
SECRETS = {
    "ANTHROPIC_API_KEY": "sk-ant-e2e-3f9c1d7a5b2e",
    "OPENAI_API_KEY": "sk-openai-e2e-8d4b6a0c2f1e",
}
SETTINGS = "image: architect-bot/sandbox:bookworm\ntest-command: python3 -m pytest -q -p no:cacheprovider\n"
STATUS_MARKER = "architect-bot:status:"


# -- the pieces every scenario shares ------------------------------------------------------------
def _recorded(name: str) -> list[dict[str, Any]]:
    return list(yaml.safe_load((DEMO / "transcripts" / f"{name}.yml").read_text())["entries"])


def _reply(entry: dict[str, Any], **changes: Any) -> Reply:
    completion = entry["completion"]
    fields: dict[str, Any] = {"answer": completion["answer"], "reasoning": completion.get("reasoning", "")}
    return Reply(**(fields | changes))


PLAN = _reply(_recorded("architect")[0], shape="none")  # o3 keeps its reasoning to itself
EDITS = [_reply(entry) for entry in _recorded("editor")]  # miss, corrected, after the failing run


@pytest.fixture
def llm() -> Iterator[LLMServer]:
    with LLMServer() as server:
        yield server


@pytest.fixture
def workflow(tmp_path: Path) -> Path:
    """The workflow users copy, with the one change its header asks for."""
    text = USER_WORKFLOW.read_text()
    line = next(x for x in text.splitlines() if x.strip().startswith("uses: ./"))
    target = tmp_path / "workflow" / "architect.yml"
    target.parent.mkdir()
    target.write_text(text.replace(line, line.split("uses:")[0] + "uses: acme/architect-bot@v1"))
    return target


def local_actions(workflow: Path) -> dict[str, Path]:
    """The action under test from this checkout; each pinned remote action from its offline stand-in."""
    found = {"acme/architect-bot@v1": ROOT}
    for line in workflow.read_text().splitlines():
        uses = line.strip().removeprefix("- ").removeprefix("uses:").strip().split(" #")[0]
        if uses.startswith("actions/") and "@" in uses:
            found[uses] = STAND_INS / uses.split("/")[1].split("@")[0]
    return found


def seed(e2e: E2E, tmp_path: Path) -> int:
    source = tmp_path / "demo-repo"
    shutil.copytree(DEMO / "repo", source)
    (source / ".github").mkdir()
    (source / ".github" / "architect-bot.yml").write_text(SETTINGS)
    e2e.seed_repo(REPO, source)
    title, _, body = (DEMO / "issue.md").read_text().partition("\n")
    return e2e.github.add_issue(REPO, title.lstrip("# "), body.strip(), author=MAINTAINER)


def run(
    e2e: E2E,
    llm: LLMServer,
    workflow: Path,
    event: str,
    payload: dict[str, Any] | None,
    label: str,
    **kw: Any,
) -> Any:
    env = {"ANTHROPIC_BASE_URL": llm.base_url, "OPENAI_BASE_URL": llm.openai_base_url}
    result = e2e.act(
        event, payload, workflow=workflow, local_actions=local_actions(workflow), secrets=SECRETS, env=env,
        label=label, **kw,
    )  # fmt: skip
    print(f"\n[e2e] {label}: {result.seconds:.1f} s")
    return result


def pulls(e2e: E2E) -> list[Any]:
    return [i for i in e2e.github.repo(REPO).issues.values() if i.pull is not None]


def status_comments(e2e: E2E, number: int = 1) -> list[str]:
    return [
        c.body
        for c in e2e.github.repo(REPO).issues[number].comments
        if c.user == BOT_LOGIN and f"{STATUS_MARKER}{number}" in c.body
    ]


def bot_branches(e2e: E2E) -> list[str]:
    listed = e2e.github.repo(REPO).git("branch", "--list", "--format=%(refname:short)")
    return [b for b in listed.split() if b.startswith("architect/")]


def label_payload(e2e: E2E, number: int) -> dict[str, Any]:
    return e2e.payload("issues", "labeled", number=number, label="architect", sender=MAINTAINER)


def comment_payload(e2e: E2E, number: int, body: str, sender: str = MAINTAINER) -> dict[str, Any]:
    comment = e2e.github.add_comment(REPO, number, body, author=sender)
    payload = e2e.payload("issue_comment", "created", number=number, sender=sender, comment_body=body)
    payload["comment"]["id"] = comment
    check_payload(payload, "webhook-issue-comment-created")
    return payload


@pytest.fixture(autouse=True)
def _wall_time(request: pytest.FixtureRequest) -> Iterator[None]:
    started = time.monotonic()
    yield
    print(f"\n[e2e] {request.node.name}: {time.monotonic() - started:.1f} s wall")


# -- 1 ---------------------------------------------------------------------------------------
def test_1_label_opens_one_tested_pr(e2e: E2E, llm: LLMServer, workflow: Path, tmp_path: Path) -> None:
    number = seed(e2e, tmp_path)
    llm.script(PLAN, *EDITS)

    result = run(e2e, llm, workflow, "issues", label_payload(e2e, number), "1 label -> PR")

    assert result.ok, result.log
    outputs = result.outputs("architect")
    assert outputs["status"] == "fixed", result.log
    [pr] = pulls(e2e)
    assert outputs["pr-url"] == f"{e2e.github.web_url}/{REPO}/pull/{pr.number}"
    assert outputs["branch"] == f"architect/issue-{number}" and not pr.pull.draft
    assert f"Fixes #{number}" in (pr.body or "")
    assert "The discount is subtracted as an amount" in (pr.body or "")  # the plan is the body
    [status] = status_comments(e2e, number)
    assert "✅ Fixed" in status
    assert "✅ passed" in result.summary
    assert "ROUND_HALF_UP" in e2e.github.repo(REPO).git("show", f"architect/issue-{number}:invoice/totals.py")
    assert [r.body["model"] for r in llm.requests] == ["o3"] + ["claude-sonnet-4-5"] * 3
    assert llm.pending == 0
