"""The status comment says where the tests ran (#17 item 8), the PR body's sentence, word for word."""

from __future__ import annotations

from bot.action.status import StatusComment
from bot.evidence_text import environment_line
from bot.outcome import Outcome, Status, TestEnvironment


def test_the_status_comment_names_sandbox_image_setup_python_and_pytest() -> None:
    written: list[str] = []
    status = StatusComment(written.append, min_interval_s=0)
    env = TestEnvironment(
        sandbox="docker",
        image="architect-bot/sandbox:bookworm",
        image_id="sha256:10035c223acb0123456789",
        setup_command="pip install -e .",
        setup_runs=1,
        setup_seconds=3.25,
        python="3.11.2",
        pytest="7.2.1",
    )
    status.finish(Outcome(status=Status.FIXED, environment=env))
    line = environment_line(env)
    assert line in written[-1]
    assert line == (
        "Tests ran in Docker, image `architect-bot/sandbox:bookworm` (`10035c223acb`), "
        "setup `pip install -e .` (configured, ran once, 3.2 s), Python 3.11.2, pytest 7.2.1."
    )
