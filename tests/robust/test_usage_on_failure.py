"""Usage survives a failed later call: the calls that completed still count, in tokens and in cost."""

from __future__ import annotations

from pathlib import Path

from bot.models import RetryPolicy, make_model
from bot.models.types import Models
from bot.outcome import Status
from bot.pipeline import run_pipeline
from bot.sandbox.local import LocalSandbox
from tests.pipeline.helpers import PLAN as PLAN_TEXT
from tests.pipeline.helpers import make_repo, task
from tests.servers.llm import LLMServer, Reply

NO_WAIT = RetryPolicy(max_attempts=2, initial_wait_s=0.0, max_wait_s=0.0, sleep=lambda _s: None)


def test_a_failed_second_architect_call_keeps_the_first_calls_usage(
    llm_server: LLMServer, tmp_path: Path
) -> None:
    repo = make_repo(tmp_path / "repo")
    llm_server.script(
        Reply(answer="NEED FILE: calc.py", reasoning="which file?", input_tokens=15_000, output_tokens=700),
        Reply.error(500, "upstream broke"),
        Reply.error(500, "upstream broke"),
    )
    name = "deepseek/deepseek-flash"  # priced in the catalog: the cost must count too
    architect = make_model(name, base_url=llm_server.openai_base_url, api_key="k", retry=NO_WAIT)
    editor = make_model(name, base_url=llm_server.openai_base_url, api_key="k", retry=NO_WAIT)
    t = task(repo, architect=name, editor=name)

    outcome = run_pipeline(t, Models(editor=editor, architect=architect), LocalSandbox())

    assert outcome.status is Status.MODEL_ERROR and outcome.stopped_at == "plan"
    assert len(llm_server.requests) == 3
    [usage] = outcome.usage
    assert (usage.role, usage.calls, usage.input_tokens) == ("architect", 1, 15_000)
    assert usage.reasoning_tokens + usage.answer_tokens == 700
    assert usage.cost_usd is not None and abs(usage.cost_usd - (15_000 * 0.3 + 700 * 1.2) / 1e6) < 1e-9


def test_a_stream_cut_off_midway_counts_what_it_streamed(llm_server: LLMServer, tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    cut = Reply(answer=PLAN_TEXT, reasoning="think " * 200, drop_after_chunks=40)
    llm_server.script(cut, cut)  # both attempts break
    name = "deepseek/deepseek-flash"
    architect = make_model(name, base_url=llm_server.openai_base_url, api_key="k", retry=NO_WAIT)
    t = task(repo, architect=name, editor=name)

    outcome = run_pipeline(t, Models(editor=architect, architect=architect), LocalSandbox())

    assert outcome.status is Status.MODEL_ERROR and "connection" in str(outcome.error)
    [usage] = outcome.usage
    assert usage.role == "architect" and usage.reasoning_tokens > 0 and usage.input_tokens > 0
