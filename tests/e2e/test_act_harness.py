"""The harness itself under act: a local composite action, a real webhook payload, Docker reachable."""

from __future__ import annotations

from pathlib import Path

from tests.e2e.harness import E2E
from tests.e2e.payloads import check_payload

FIXTURES = Path(__file__).parent / "fixtures"
HELLO_WORKFLOW = FIXTURES / "workflows" / "hello.yml"
HELLO_ACTION = {"acme/hello-action@v1": FIXTURES / "hello-action"}
REPO = "acme/widgets"


def _seed(e2e: E2E) -> int:
    e2e.seed_repo(REPO)
    return e2e.github.add_issue(REPO, "The answer is off by one", "It says 41.", author="maria")


def test_composite_action_outputs_summary_and_api_calls_through_prism(e2e: E2E) -> None:
    number = _seed(e2e)
    payload = e2e.payload("issues", "labeled", number=number, label="architect", sender="maria")

    result = e2e.act("issues", payload, workflow=HELLO_WORKFLOW, local_actions=HELLO_ACTION, label="hello")

    assert result.ok, result.log
    outputs = result.outputs("hello")
    assert outputs["greeting"] == "Hi from the hello action"
    assert outputs["issue-title"] == "The answer is off by one"
    assert outputs["comment-url"].startswith(f"{e2e.github.web_url}/{REPO}/issues/{number}#issuecomment-")
    assert "### Hello" in result.summary and f"Commented on #{number}" in result.summary
    assert "hello: commented on acme/widgets" in result.printed()
    # Both calls went through Prism (it forwarded them) and reached the fake.
    through = {(f.method, f.path, f.status) for f in e2e.gateway.forwarded}
    assert ("GET", f"/repos/{REPO}/issues/{number}", 200) in through
    assert ("POST", f"/repos/{REPO}/issues/{number}/comments", 201) in through
    comments = e2e.github.repo(REPO).issues[number].comments
    assert [(c.user, c.body) for c in comments] == [("github-actions[bot]", "Hi from the hello action")]
    # The token given to the job shows up nowhere; the search does find what was written.
    assert e2e.secret_hits(e2e.token) == []
    assert e2e.secret_hits("Hi from the hello") == [
        f"{REPO}#{number} comment {comments[0].id}",
        f"request POST /api/v3/repos/{REPO}/issues/{number}/comments",
        "act run 0 log",
    ]


def test_job_reaches_the_host_docker_engine_through_the_mounted_socket(
    e2e: E2E, docker_client: object
) -> None:
    number = _seed(e2e)
    payload = e2e.payload("issues", "labeled", number=number, label="architect", sender="maria")

    result = e2e.act("issues", payload, workflow=HELLO_WORKFLOW, local_actions=HELLO_ACTION, label="docker")

    assert result.ok, result.log
    engine = docker_client.version()["Version"]  # type: ignore[attr-defined]
    assert result.outputs("hello")["docker-version"] == engine


def test_real_labeled_payload_reaches_the_steps(e2e: E2E) -> None:
    number = _seed(e2e)
    payload = e2e.payload("issues", "labeled", number=number, label="architect-go", sender="maria")
    check_payload(payload, "webhook-issues-labeled")

    result = e2e.act("issues", payload, workflow=HELLO_WORKFLOW, local_actions=HELLO_ACTION, label="label")

    assert result.ok, result.log
    assert result.outputs("label") == {"name": "architect-go"}
    assert result.set_outputs("label") == {"name": "architect-go"}
    assert result.steps["hello"]["outcome"] == "success"
    assert result.job_steps["hello"] == result.steps
    assert result.job_results == {"hello": "success"}


def test_job_makes_a_venv_from_pypi(e2e: E2E) -> None:
    """What the composite action does first: the runner's python3 (>= 3.11), a venv, pip over TLS."""
    e2e.seed_repo(REPO)

    result = e2e.act(
        "workflow_dispatch", e2e.payload("workflow_dispatch"), workflow=FIXTURES / "workflows" / "pypi.yml",
        label="venv from PyPI",
    )  # fmt: skip

    assert result.ok, result.log
    outputs = result.outputs("venv")
    assert outputs["six"] == "1.16.0"
    assert tuple(int(part) for part in outputs["python"].split(".")) >= (3, 11)
    assert outputs["tool-cache"] == "/opt/hostedtoolcache"
