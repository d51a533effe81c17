"""Hostile bytes end as errors a user can act on, never a traceback, and leave nothing behind:
a provider answering 200 with a body that is not UTF-8, a committed file whose name is not UTF-8."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from bot.models import CallSettings, Message, ModelAPIError, RetryPolicy, make_model
from bot.models.factory import build_models
from bot.models.types import Models
from bot.outcome import Status
from bot.pipeline import run_pipeline
from bot.ports import OnDelta
from bot.sandbox.local import LocalSandbox
from tests.cli.test_cli import cli
from tests.pipeline.helpers import FIX_ADD, PLAN, git, make_repo, task, transcript
from tests.robust.leftovers import scratch_dirs, worktrees
from tests.servers.llm import LLMServer, Reply

SERVED = date(2026, 6, 1)


@pytest.mark.parametrize("stream", [True, False], ids=["stream", "whole"])
@pytest.mark.parametrize("name", ["anthropic/claude-sonnet-4-5", "deepseek/deepseek-flash"])
def test_a_body_that_is_not_utf8_is_a_model_error(llm_server: LLMServer, name: str, stream: bool) -> None:
    llm_server.script(Reply(answer="hello there, friend", not_utf8=True))
    base = llm_server.base_url if name.startswith("anthropic/") else llm_server.openai_base_url
    model = make_model(name, base_url=base, api_key="k", retry=RetryPolicy(max_attempts=1), today=SERVED)
    with pytest.raises(ModelAPIError, match="not valid UTF-8") as caught:
        model.complete([Message("user", "hi")], CallSettings(stream=stream))
    assert not caught.value.retryable  # whatever re-encodes the answer does it again on a retry


def _run(repo: Path, llm_server: LLMServer, tmp: Path) -> tuple[int, dict[str, object], str]:
    tmp.mkdir(exist_ok=True)
    result = cli(
        "run", "--repo", str(repo), "--issue-text", "add() is wrong",
        "--base-url", llm_server.openai_base_url,
        "--architect", "compat/qwq-32b", "--editor", "compat/qwen2.5-coder-32b",
        "--sandbox", "local", "--json",
        env={"TMPDIR": str(tmp), "OPENAI_API_KEY": "k"},
    )  # fmt: skip
    return result.returncode, json.loads(result.stdout or "{}"), result.stderr


def test_a_provider_answering_bytes_that_are_not_utf8_ends_the_run_cleanly(
    llm_server: LLMServer, tmp_path: Path
) -> None:
    repo = make_repo(tmp_path / "repo")
    llm_server.default = Reply(answer=PLAN, not_utf8=True)  # every attempt garbled

    code, outcome, stderr = _run(repo, llm_server, tmp_path / "tmp")

    assert code == 3 and "Traceback" not in stderr, stderr[-3000:]
    assert outcome["status"] == "model-error" and "not valid UTF-8" in str(outcome["error"])
    assert worktrees(repo) == [] and scratch_dirs(tmp_path / "tmp") == []


def test_a_file_name_that_is_not_utf8_is_left_out_of_the_prompt(
    llm_server: LLMServer, tmp_path: Path
) -> None:
    repo = make_repo(tmp_path / "repo")
    Path(os.fsdecode(bytes(repo) + b"/caf\xe9.py")).write_text("def menu():\n    return 1\n")
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "a Latin-1 file name")
    llm_server.script(Reply(answer=PLAN), Reply(answer=FIX_ADD))

    code, outcome, stderr = _run(repo, llm_server, tmp_path / "tmp")

    assert code == 0 and "Traceback" not in stderr, stderr[-3000:]
    assert outcome["status"] == "fixed"
    assert "not UTF-8" in stderr and "caf" in stderr  # the user learns which file the models never saw
    assert worktrees(repo) == [] and scratch_dirs(tmp_path / "tmp") == []


class _Broken:
    """A model port whose call fails with what no handler expects: a bug, not a BotError."""

    name = "broken"

    def complete(
        self, messages: Sequence[Message], settings: CallSettings, on_delta: OnDelta | None = None
    ) -> Any:
        raise RuntimeError("a bug nobody foresaw")


def test_an_unexpected_error_still_removes_the_scratch_worktree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = make_repo(tmp_path / "repo")
    (tmp_path / "tmp").mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))

    with pytest.raises(RuntimeError, match="nobody foresaw"):
        run_pipeline(task(repo), Models(editor=_Broken()), LocalSandbox())

    assert worktrees(repo) == [] and scratch_dirs(tmp_path / "tmp") == []


def test_a_file_whose_text_is_not_utf8_can_be_fixed(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    (repo / "calc.py").write_bytes(b"# caf\xe9 au lait (Latin-1)\n" + (repo / "calc.py").read_bytes())
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qam", "a Latin-1 comment")
    t = task(repo, editor=transcript(tmp_path / "e.yml", FIX_ADD))

    outcome = run_pipeline(t, build_models(t.settings), LocalSandbox())

    assert outcome.status is Status.FIXED, outcome.error
    assert "+    return a + b" in outcome.diff and "-# caf" not in outcome.diff  # the Latin-1 line kept
