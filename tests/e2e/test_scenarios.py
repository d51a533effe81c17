"""The eleven scenarios of the action, end to end: the workflow users copy (.github/workflows/
architect.yml, with `uses: ./` turned into `uses: acme/architect-bot@v1` as its header says) runs
under act, `action.yml` installs and runs the bot, every REST call goes through Prism (GitHub's own
description), the models are the scripted LLM server (the workflow's own anthropic/claude-opus-5-5
and anthropic/claude-sonnet-5-5, pointed at it by ANTHROPIC_BASE_URL; the server refuses what the
API refuses for these adaptive-thinking models) and the tests run in the Docker sandbox on the host
engine.

The repository under test is the demo (examples/demo/repo) plus a settings file naming the local
sandbox image; issue #1 is the demo's bug. The model answers are the demo's recordings
(examples/demo/transcripts), played in the order the pipeline asks: the architect's plan, the
editor's first answer (one SEARCH block misses), its corrected answer, its answer after the first
test run failed.

CI runs scenarios 1, 2, 3, 9 and 10 (the core path, a draft, an outsider, secrets, the CI
follow-up); 4 to 8 and 11 are marked ``full`` (their behaviour is also covered without act in
tests/action) and run with `make test-full`.
"""

from __future__ import annotations

import copy
import json
import re
import shutil
import subprocess
import textwrap
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.action.harness import REVISE_EDIT
from tests.e2e.harness import BOT_LOGIN, E2E, MAINTAINER
from tests.e2e.payloads import check_payload
from tests.servers.github_model import WorkflowJob, WorkflowRunInfo
from tests.servers.llm import ADAPTIVE_MODELS, LLMServer, Reply

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


PLAN = _reply(_recorded("architect")[0])  # its reasoning streams back as summarized thinking
# miss, corrected, after the failing run; not the demo's reproduction test: under `reproduce: auto`
# the failing discount and rounding tests at the base already show the issue
EDITS = [_reply(entry) for entry in _recorded("editor") if "Behaviour to reproduce" not in entry["match"]]


@pytest.fixture
def llm() -> Iterator[LLMServer]:
    with LLMServer(adaptive=ADAPTIVE_MODELS) as server:
        yield server


@dataclass(frozen=True)
class UserWorkflow:
    """The workflow under test and where act takes each action it uses from."""

    path: Path
    actions: dict[str, Path]


@pytest.fixture
def workflow(tmp_path: Path, action_release: Path) -> UserWorkflow:
    """The workflow users copy, with the one change its header asks for."""
    text = USER_WORKFLOW.read_text()
    line = next(x for x in text.splitlines() if x.strip().startswith("uses: ./"))
    target = tmp_path / "workflow" / "architect.yml"
    target.parent.mkdir()
    target.write_text(text.replace(line, line.split("uses:")[0] + "uses: acme/architect-bot@v1"))
    return UserWorkflow(target, local_actions(target, action_release))


def project_files() -> list[Path]:
    """This checkout's files as a clone of it would have them: tracked and new, not ignored."""
    listed = subprocess.run(
        ["git", "-C", str(ROOT), "ls-files", "-co", "--exclude-standard", "-z"],
        capture_output=True, text=True, check=True,
    ).stdout.split("\0")  # fmt: skip
    return [Path(name) for name in listed if name and (ROOT / name).is_file()]


@pytest.fixture(scope="module")
def action_release(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The action as a runner downloads it: the project's files without ignored ones. act copies a
    local action folder into every job container as it is, so pointing it at the checkout would
    copy a developer's or CI's .venv and caches (600 MB in CI: 68 s per run instead of 22 s)."""
    release = tmp_path_factory.mktemp("action-release")
    for relative in project_files():
        (release / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / relative, release / relative)
    return release


def local_actions(workflow: Path, action: Path) -> dict[str, Path]:
    """The action under test from ``action``; each pinned remote action from its offline stand-in."""
    found = {"acme/architect-bot@v1": action}
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
    workflow: UserWorkflow,
    event: str,
    payload: dict[str, Any] | None,
    label: str,
    **kw: Any,
) -> Any:
    env = {
        "ANTHROPIC_BASE_URL": llm.base_url,
        "OPENAI_BASE_URL": llm.openai_base_url,
        # GitHub asks integrations to space out writes (about 1 s); the local GitHub does not need it.
        "ARCHITECT_GITHUB_WRITE_INTERVAL": "0",
    }
    result = e2e.act(
        event, payload, workflow=workflow.path, local_actions=workflow.actions, secrets=SECRETS, env=env,
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
def test_1_label_opens_one_tested_pr(
    e2e: E2E, llm: LLMServer, workflow: UserWorkflow, tmp_path: Path
) -> None:
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
    assert [r.body["model"] for r in llm.requests] == ["claude-opus-5-5"] + ["claude-sonnet-5-5"] * 3
    assert llm.requests[0].body["thinking"] == {"type": "adaptive", "display": "summarized"}
    assert llm.pending == 0


# -- 2 ---------------------------------------------------------------------------------------
def test_2_tests_still_failing_give_a_draft_pr_with_evidence(
    e2e: E2E, llm: LLMServer, workflow: UserWorkflow, tmp_path: Path
) -> None:
    number = seed(e2e, tmp_path)
    # The plan and the editor's first two answers as recorded; after the failing test run the
    # editor has nothing useful to say, so the rounding test keeps failing.
    llm.script(PLAN, EDITS[0], EDITS[1])
    llm.default = Reply(answer="I do not know how to fix the remaining failure.")

    result = run(e2e, llm, workflow, "issues", label_payload(e2e, number), "2 tests failing -> draft")

    assert not result.ok  # the job fails, so the run shows red
    outputs = result.outputs("architect")
    assert outputs["status"] == "tests-failing", result.log
    [pr] = pulls(e2e)
    assert pr.pull.draft and outputs["pr-url"].endswith(f"/pull/{pr.number}")
    assert "❌ failed" in (pr.body or "") and "test_cents_round_half_up" in (pr.body or "")
    assert len(status_comments(e2e, number)) == 1
    assert any(
        e.get("command") == "error" and "tests-failing" in str(e.get("msg")) for e in result.entries
    )  # an annotation on the run
    assert "❌ failed" in result.summary


# -- 3 ---------------------------------------------------------------------------------------
def test_3_outsider_fix_is_refused_politely_and_nothing_else(
    e2e: E2E, llm: LLMServer, workflow: UserWorkflow, tmp_path: Path
) -> None:
    number = seed(e2e, tmp_path)
    payload = comment_payload(e2e, number, "/architect fix", sender="stranger")

    result = run(e2e, llm, workflow, "issue_comment", payload, "3 outsider refused")

    assert result.ok, result.log
    assert result.outputs("architect")["status"] == "refused"
    bot_said = [c.body for c in e2e.github.repo(REPO).issues[number].comments if c.user == BOT_LOGIN]
    assert len(bot_said) == 1 and "@stranger" in bot_said[0] and "**write** access" in bot_said[0]
    assert pulls(e2e) == [] and bot_branches(e2e) == [] and llm.requests == []
    writes = [f for f in e2e.gateway.forwarded if f.method != "GET"]
    assert [f.path for f in writes] == [f"/repos/{REPO}/issues/{number}/comments"]


# -- 4 ---------------------------------------------------------------------------------------
@pytest.mark.full
def test_4_plan_then_maintainer_edits_it_then_go(
    e2e: E2E, llm: LLMServer, workflow: UserWorkflow, tmp_path: Path
) -> None:
    number = seed(e2e, tmp_path)
    llm.script(PLAN)
    planned = run(
        e2e, llm, workflow, "issue_comment", comment_payload(e2e, number, "/architect plan"), "4a plan"
    )
    assert planned.ok, planned.log
    assert planned.outputs("architect")["status"] == "planned"
    assert pulls(e2e) == [] and bot_branches(e2e) == []
    [posted] = [
        c for c in e2e.github.repo(REPO).issues[number].comments if f"architect-bot:plan:{number}" in c.body
    ]
    # The maintainer edits the plan comment in the web page (the fake's state is GitHub's state).
    posted.body = posted.body.replace(
        "**`invoice/totals.py`**", "**`invoice/totals.py`**\n\n0. MARIA-EDIT: keep CENT public."
    )
    assert "MARIA-EDIT" in posted.body

    llm.reset()
    llm.script(*EDITS)
    went = run(e2e, llm, workflow, "issue_comment", comment_payload(e2e, number, "/architect go"), "4b go")

    assert went.ok, went.log
    assert went.outputs("architect")["status"] == "fixed"
    editor_calls = [r for r in llm.requests if r.body.get("model") == "claude-sonnet-5-5"]
    assert editor_calls and "MARIA-EDIT: keep CENT public." in json.dumps(editor_calls[0].body)
    assert all(r.body.get("model") != "claude-opus-5-5" for r in llm.requests)  # no new plan was made
    [pr] = pulls(e2e)
    assert "MARIA-EDIT" in (pr.body or "")


# -- 5 ---------------------------------------------------------------------------------------
REVISE_PLAN = "Add a comment to `CENT` in `invoice/totals.py` saying totals are rounded to whole cents."
_BLOCK = re.compile(r"<<<<<<< SEARCH\n(.*?)\n=======\n(.*?)\n>>>>>>> REPLACE", re.DOTALL)


def bot_pr(e2e: E2E, number: int, branch: str) -> Any:
    """The bot's pull request for issue ``number`` as scenario 1 leaves it: the recorded edits on
    ``branch``, pushed and opened with the bot's token through Prism."""
    work = e2e.checkout(REPO).rename(e2e.tmp / "bot-pr-work")  # out of the way of act's clones
    target = work / "invoice" / "totals.py"
    text = target.read_text()
    for edit in EDITS:
        for search, replace in _BLOCK.findall(textwrap.dedent(edit.answer)):
            text = text.replace(search, replace, 1)  # the recorded miss matches nothing, as in the run
    target.write_text(text)
    forge = e2e.forge(REPO)
    git = ["git", "-C", str(work), "-c", "user.name=architect-bot", "-c", "user.email=bot@example.invalid"]
    subprocess.run([*git, "checkout", "-q", "-b", branch], check=True)
    subprocess.run([*git, "commit", "-qam", f"Fix #{number}"], check=True)
    forge.push_branch(work, branch, force_with_lease=False)
    opened = forge.open_or_update_pr(
        branch, "main", f"Fix #{number}", f"{PLAN.answer}\n\nFixes #{number}", False
    )
    [pr] = pulls(e2e)
    assert pr.number == opened.number and "ROUND_HALF_UP" in e2e.github.repo(REPO).git(
        "show", f"{branch}:invoice/totals.py"
    )
    return pr


@pytest.mark.full
def test_5_revise_as_a_review_comment_adds_a_commit_and_replies_in_the_thread(
    e2e: E2E, llm: LLMServer, workflow: UserWorkflow, tmp_path: Path
) -> None:
    number = seed(e2e, tmp_path)
    branch = f"architect/issue-{number}"
    pr = bot_pr(e2e, number, branch)  # what scenario 1 leaves, made directly (saves an act run)
    before = e2e.github.branch_sha(REPO, branch)
    body = "/architect revise explain CENT in a comment"
    review = e2e.github.add_review_comment(
        REPO, pr.number, body, author=MAINTAINER, path="invoice/totals.py", line=5
    )
    payload = e2e.payload(
        "pull_request_review_comment", "created", number=pr.number, sender=MAINTAINER, comment_body=body
    )
    payload["comment"] |= {"id": review, "path": "invoice/totals.py", "line": 5, "original_line": 5}
    payload["pull_request"]["head"]["ref"] = branch
    payload["pull_request"]["head"]["sha"] = before

    llm.reset()
    llm.script(Reply(answer=REVISE_PLAN, shape="none"), Reply(answer=REVISE_EDIT))
    revised = run(e2e, llm, workflow, "pull_request_review_comment", payload, "5b revise")

    assert revised.ok, revised.log
    assert revised.outputs("architect")["status"] == "fixed"
    after = e2e.github.branch_sha(REPO, branch)
    hosted = e2e.github.repo(REPO)
    assert after != before and hosted.git("rev-parse", f"{after}~1").strip() == before  # on top, no force
    assert "rounded to whole cents" in hosted.git("show", f"{branch}:invoice/totals.py")
    assert pulls(e2e) == [pr]
    replies = [c for c in pr.pull.review_comments if c.user == BOT_LOGIN]
    assert replies and replies[-1].body.startswith("Pushed ")
    assert replies[-1].in_reply_to_id == review


# -- 6 ---------------------------------------------------------------------------------------
@pytest.mark.full
def test_6_duplicate_delivery_and_a_killed_run_leave_one_of_everything(
    e2e: E2E, llm: LLMServer, workflow: UserWorkflow, tmp_path: Path
) -> None:
    number = seed(e2e, tmp_path)
    event = label_payload(e2e, number)
    # The editor's first answer streams slowly: the run is killed while it waits for it, after the
    # status comment is up.
    llm.script(PLAN, _reply(_recorded("editor")[0], delay_s=1.0, chunk_chars=4))

    def half_way() -> bool:
        return len(llm.requests) >= 2 and bool(status_comments(e2e, number))

    killed = run(e2e, llm, workflow, "issues", event, "6a killed half-way", stop_when=half_way)
    assert not killed.ok and half_way()
    assert pulls(e2e) == [] and len(status_comments(e2e, number)) == 1

    llm.reset()
    llm.script(PLAN, *EDITS)
    rerun = run(e2e, llm, workflow, "issues", event, "6b re-run")
    assert rerun.ok, rerun.log
    assert rerun.outputs("architect")["status"] == "fixed"
    again = run(e2e, llm, workflow, "issues", event, "6c same delivery again")
    assert again.ok, again.log
    assert again.outputs("architect")["status"] == "skipped"

    assert len(pulls(e2e)) == 1
    assert bot_branches(e2e) == [f"architect/issue-{number}"]
    [status] = status_comments(e2e, number)
    assert "✅ Fixed" in status


# -- 7 ---------------------------------------------------------------------------------------
@pytest.mark.full
def test_7_502s_and_secondary_rate_limits_are_ridden_out(
    e2e: E2E, llm: LLMServer, workflow: UserWorkflow, tmp_path: Path
) -> None:
    number = seed(e2e, tmp_path)
    llm.script(PLAN, *EDITS)
    # A bad minute at GitHub, in the order the calls meet it: three 502s, two slow answers, two
    # secondary rate limits asking to wait 2 s. Each call meets at most four bad answers in a row
    # (the bot tries a call 5 times: five bad answers in a row to one call end the run with an error).
    e2e.github.fail_next(3, status=502)
    e2e.github.slow_next(2, seconds=0.5)
    e2e.github.rate_limit_next(2, kind="secondary", retry_after=2)

    result = run(e2e, llm, workflow, "issues", label_payload(e2e, number), "7 502 + secondary limits")

    assert result.ok, result.log
    assert result.outputs("architect")["status"] == "fixed"
    # GET /user answers 403 to the workflow's token (an integration cannot read it): the bot then
    # learns its login from its first write; that 403 is no rate limit
    statuses = [f.status for f in e2e.gateway.forwarded if f.path != "/user"]
    assert statuses.count(502) == 3 and statuses.count(403) == 2  # through Prism, then retried
    assert len(pulls(e2e)) == 1 and len(status_comments(e2e, number)) == 1
    timeout_minutes = yaml.safe_load(workflow.path.read_text())["jobs"]["architect"]["timeout-minutes"]
    assert result.seconds < timeout_minutes * 60


# -- 8 ---------------------------------------------------------------------------------------
BENCHMARK_WORKFLOW = ROOT / ".github" / "workflows" / "benchmark.yml"
PROJECT = "acme/architect-bot"
SUITE_KEPT = 4  # exercises kept in the seeded copy of the suite: one per default shard


def seed_project(e2e: E2E, tmp_path: Path) -> None:
    """This project as a hosted repository (its tracked and new files), the suite trimmed to a few
    exercises so the scheduled run stays short; everything else as it is."""

    copy = tmp_path / "project"
    practice = Path("benchmarks/suite/python/exercises/practice")
    kept = sorted(p.name for p in (ROOT / practice).iterdir())[:SUITE_KEPT]
    for relative in project_files():
        inside = relative.parts[: len(practice.parts) + 1]
        if relative.is_relative_to(practice) and inside[-1] not in kept:
            continue
        (copy / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / relative, copy / relative)
    e2e.seed_repo(PROJECT, copy)


@pytest.mark.full
def test_8_dispatch_with_a_model_override_and_the_scheduled_benchmark(
    e2e: E2E, llm: LLMServer, workflow: UserWorkflow, tmp_path: Path
) -> None:
    number = seed(e2e, tmp_path)
    seed_project(e2e, tmp_path)

    # workflow_dispatch: a maintainer starts a fix for an issue with another planning model.
    payload = e2e.payload("workflow_dispatch", repo=REPO, sender=MAINTAINER)
    payload["inputs"] = {
        "issue-number": str(number),
        "architect-model": "anthropic/claude-opus-5",
        "editor-model": "",
    }
    check_payload(payload, "webhook-workflow-dispatch")
    llm.script(PLAN, *EDITS)
    dispatched = run(e2e, llm, workflow, "workflow_dispatch", payload, "8a dispatch", repo=REPO)
    assert dispatched.ok, dispatched.log
    assert dispatched.outputs("architect")["status"] == "fixed"
    assert [r.body["model"] for r in llm.requests] == ["claude-opus-5"] + ["claude-sonnet-5-5"] * 3
    assert len(pulls(e2e)) == 1

    # schedule: no payload but the cron line (github.event.schedule); the shards and the merge run.
    cron = yaml.safe_load(BENCHMARK_WORKFLOW.read_text())[True]["schedule"][0]["cron"]
    benchmark = tmp_path / "bench-workflow" / "benchmark.yml"
    benchmark.parent.mkdir()
    shutil.copy(BENCHMARK_WORKFLOW, benchmark)
    scheduled = UserWorkflow(benchmark, local_actions(benchmark, workflow.actions["acme/architect-bot@v1"]))
    bench = run(
        e2e, llm, scheduled, "schedule", {"schedule": cron}, "8b schedule: shards + merge", repo=PROJECT
    )

    assert bench.ok, bench.log
    assert set(bench.job_results) >= {"plan", "shard", "merge"}, bench.job_results
    assert all(result == "success" for result in bench.job_results.values()), bench.job_results
    shards = sorted(p.name for p in e2e.artifacts.glob("bench-shard-*"))
    assert shards == [f"bench-shard-{i}" for i in range(1, 5)]
    leaderboard = e2e.artifacts / "leaderboard"
    table = "\n".join(p.read_text() for p in leaderboard.rglob("*.md"))
    assert "`oracle`" in table and "100.0%" in table and "`null`" in table, table
    assert "`oracle`" in bench.summary  # the merge job also writes the table to the job summary
    for secret in SECRETS.values():
        assert not [
            p for p in e2e.artifacts.rglob("*") if p.is_file() and secret in p.read_text(errors="replace")
        ]


# -- 9 ---------------------------------------------------------------------------------------
class SandboxWatch:
    """Records the environment of every sandbox container the bot starts on the host engine
    (docker events -> inspect, while the container lives), to search it for secrets."""

    def __init__(self, client: Any) -> None:
        from bot.sandbox.docker import LABEL

        self.client = client
        self.envs: list[list[str]] = []
        self._events = client.events(
            decode=True, filters={"type": "container", "event": "start", "label": LABEL}
        )
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._thread.start()

    def _watch(self) -> None:
        for event in self._events:
            try:
                self.envs.append(list(self.client.api.inspect_container(event["id"])["Config"]["Env"]))
            except Exception as gone:  # removed before we looked: record that we missed it
                self.envs.append([f"<missed: {gone}>"])

    def close(self) -> None:
        self._events.close()


def leaks(e2e: E2E, llm: LLMServer, secret: str, sandbox_envs: list[list[str]]) -> list[str]:
    """Everywhere a secret could end up: the harness's search (issues, comments, PR bodies, review
    comments, git history and refs, requests the fake got, act's log with the step summary and
    outputs), plus what the models were sent, the artifacts and the sandbox's environment."""
    hits = e2e.secret_hits(secret)
    hits += [f"model request {i}" for i, r in enumerate(llm.requests) if secret in json.dumps(r.body)]
    hits += [
        f"artifact {p}"
        for p in e2e.artifacts.rglob("*")
        if p.is_file() and secret in p.read_text(errors="replace")
    ]
    hits += [f"sandbox env {i}" for i, env in enumerate(sandbox_envs) if any(secret in v for v in env)]
    return hits


def test_9_no_secret_shows_up_anywhere(
    e2e: E2E, llm: LLMServer, workflow: UserWorkflow, tmp_path: Path, docker_client: Any
) -> None:
    number = seed(e2e, tmp_path)
    llm.script(PLAN, *EDITS)
    watch = SandboxWatch(docker_client)
    try:
        result = run(e2e, llm, workflow, "issues", label_payload(e2e, number), "9 secrets")
    finally:
        watch.close()

    assert result.ok, result.log
    assert result.outputs("architect")["status"] == "fixed"
    assert len(watch.envs) >= 2 and not any(v.startswith("<missed") for env in watch.envs for v in env)
    given = {"GITHUB_TOKEN": e2e.token, **SECRETS}
    for name, secret in given.items():
        assert leaks(e2e, llm, secret, watch.envs) == [], name
    # The search would see them: the models got their key (both are Claude), the job its token.
    assert {r.api_key for r in llm.requests} == {SECRETS["ANTHROPIC_API_KEY"]}
    # The search does see what is there: the fix in history, the sandbox's own variables.
    assert {"git history", "model request 3"} <= {
        h.split(" ", 1)[-1] if h.startswith(REPO) else h for h in leaks(e2e, llm, "ROUND_HALF_UP", watch.envs)
    }
    assert all("CI=true" in env for env in watch.envs)


# -- 10 --------------------------------------------------------------------------------------
CI_LOG = (
    "2026-12-05T06:01:00.0000000Z Run python tools/lint.py\n"
    "2026-12-05T06:01:01.1000000Z invoice/totals.py:5: CENT needs a comment saying how totals are rounded\n"
    "2026-12-05T06:01:01.2000000Z ##[error]Process completed with exit code 1.\n"
)


def ci_failed_payload(e2e: E2E, pr: Any, branch: str, sha: str, run_id: int) -> dict[str, Any]:
    """GitHub's workflow_run.completed for a failed CI run on the bot's pull request, with the run,
    its jobs and their logs on the local GitHub, and the base branch's latest run passing."""
    hosted = e2e.github.repo(REPO)
    main = e2e.github.branch_sha(REPO, "main")
    assert main is not None
    payload = e2e.payload("workflow_run", "completed")
    run_ = payload["workflow_run"]
    workflow = run_["workflow_id"]
    hosted.run_info[run_id - 1] = WorkflowRunInfo(workflow, "CI", "main", main, "success", event="push")
    hosted.run_info[run_id] = WorkflowRunInfo(workflow, "CI", branch, sha, "failure")
    hosted.runs[run_id] = [
        WorkflowJob(run_id * 10, "tests", "success", log="all passed\n"),
        WorkflowJob(run_id * 10 + 1, "lint", "failure", failed_step="Run lint", log=CI_LOG),
    ]
    ref = {
        "ref": branch,
        "sha": sha,
        "repo": {"id": 1, "url": f"{e2e.api_url}/repos/{REPO}", "name": "widgets"},
    }
    run_ |= {
        "id": run_id,
        "name": "CI",
        "event": "pull_request",
        "status": "completed",
        "conclusion": "failure",
        "head_branch": branch,
        "head_sha": sha,
        "path": ".github/workflows/ci.yml",
        "pull_requests": [
            {"id": 1, "number": pr.number, "url": "", "head": ref, "base": ref | {"ref": "main"}}
        ],
    }
    run_["head_repository"]["full_name"] = REPO
    check_payload(payload, "webhook-workflow-run-completed")
    return payload


def ci_failed_on_bot_pr(
    e2e: E2E, llm: LLMServer, tmp_path: Path, run_id: int
) -> tuple[Any, str, str, dict[str, Any]]:
    """The bot's pull request as scenario 1 leaves it, and the payload of a failed CI run on it."""
    number = seed(e2e, tmp_path)
    branch = f"architect/issue-{number}"
    pr = bot_pr(e2e, number, branch)
    before = e2e.github.branch_sha(REPO, branch)
    assert before is not None
    llm.reset()
    return pr, branch, before, ci_failed_payload(e2e, pr, branch, before, run_id)


def test_10_a_failed_ci_run_on_the_bots_pr_gets_one_fix_commit(
    e2e: E2E, llm: LLMServer, workflow: UserWorkflow, tmp_path: Path
) -> None:
    pr, branch, before, payload = ci_failed_on_bot_pr(e2e, llm, tmp_path, 700)
    llm.script(Reply(answer=REVISE_EDIT))  # the editor alone: the failure is in the PR's own lines
    result = run(e2e, llm, workflow, "workflow_run", payload, "10 CI follow-up")

    assert result.ok, result.log
    assert result.outputs("architect")["status"] == "fixed"
    after = e2e.github.branch_sha(REPO, branch)
    hosted = e2e.github.repo(REPO)
    assert after != before and hosted.git("rev-parse", f"{after}~1").strip() == before
    assert "rounded to whole cents" in hosted.git("show", f"{branch}:invoice/totals.py")  # lint passes now
    assert "Architect-Bot-CI-Round: 1" in hosted.git("log", "-1", "--format=%B", branch)
    assert len(llm.requests) == 1 and "<ci-log>" in json.dumps(llm.requests[0].body)
    assert "Round 1: CI failed (`lint`)" in (pr.body or "")
    assert any("CI round 1 of 2" in body for body in status_comments(e2e, pr.number))

    # a passed re-run of the fix starts nothing: the job's own `if:` keeps the runner idle
    payload["workflow_run"] |= {"conclusion": "success", "head_sha": after, "id": 701}
    idle = run(e2e, llm, workflow, "workflow_run", payload, "10 CI passed")
    assert idle.ok and e2e.github.branch_sha(REPO, branch) == after and len(llm.requests) == 1
    assert "Run architect-bot" not in idle.log


# -- 11 --------------------------------------------------------------------------------------
@pytest.mark.full
def test_11_ci_follow_up_leaves_pre_existing_failures_and_forks_alone(
    e2e: E2E, llm: LLMServer, workflow: UserWorkflow, tmp_path: Path
) -> None:
    pr, branch, before, payload = ci_failed_on_bot_pr(e2e, llm, tmp_path, 800)
    hosted = e2e.github.repo(REPO)
    base = hosted.run_info[799]
    hosted.run_info[799] = WorkflowRunInfo(base.workflow_id, "CI", "main", base.sha, "failure", event="push")
    hosted.runs[799] = [WorkflowJob(7990, "lint", "failure", failed_step="Run lint", log=CI_LOG)]
    stopped = run(e2e, llm, workflow, "workflow_run", payload, "11 pre-existing")
    assert stopped.ok, stopped.log
    assert stopped.outputs("architect")["status"] == "ci-stopped"
    said = [c.body for c in hosted.issues[pr.number].comments if c.user == BOT_LOGIN]
    assert said and "`lint` fails on the base branch too" in said[-1]

    fork = copy.deepcopy(payload)
    fork["workflow_run"]["head_repository"]["full_name"] = "outsider/widgets"
    fork["workflow_run"]["pull_requests"] = []
    ignored = run(e2e, llm, workflow, "workflow_run", fork, "11 fork")
    assert ignored.ok and ignored.outputs("architect")["status"] == "ignored"
    assert e2e.github.branch_sha(REPO, branch) == before and not llm.requests
