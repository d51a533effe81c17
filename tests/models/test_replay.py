"""Replay transcripts (JSON and YAML) and the recorder that writes them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from bot.errors import ModelError
from bot.models import CallSettings, Message, ReplayMissing, make_model
from bot.models.replay import ReplayModel, fingerprint
from tests.models.conftest import KEY, SERVED
from tests.servers.llm import LLMServer, Reply

PROMPT = [Message("system", "sys"), Message("user", "Issue #7: the parser drops the last line.")]


def _write(path: Path, data: dict[str, object]) -> Path:
    path.write_text(yaml.safe_dump(data) if path.suffix == ".yml" else json.dumps(data))
    return path


@pytest.mark.parametrize("suffix", [".json", ".yml"])
def test_replay_by_fingerprint(tmp_path: Path, suffix: str) -> None:
    entry = {
        "fingerprint": fingerprint(PROMPT),
        "completion": {
            "answer": "Plan: read to EOF.",
            "reasoning": "The loop stops early.",
            "reasoning_tokens": 900,
            "answer_tokens": 40,
            "input_tokens": 1200,
            "thinking_seconds": 31.5,
            "answer_seconds": 2.0,
            "cost_usd": 0.01,
        },
    }
    path = _write(tmp_path / f"t{suffix}", {"model": "deepseek/deepseek-reasoner", "entries": [entry]})
    deltas: list[tuple[str, str]] = []
    c = make_model(f"replay/{path}").complete(PROMPT, CallSettings(), lambda k, t: deltas.append((k, t)))
    assert (c.model, c.answer, c.reasoning) == (
        "deepseek/deepseek-reasoner",
        "Plan: read to EOF.",
        "The loop stops early.",
    )
    assert (c.reasoning_tokens, c.thinking_seconds, c.total_seconds, c.cost_usd) == (900, 31.5, 33.5, 0.01)
    assert deltas == [("reasoning", "The loop stops early."), ("answer", "Plan: read to EOF.")]


def test_replay_by_match_plays_entries_in_order(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "t.json",
        {
            "entries": [
                {"match": ["parser", "last line"], "completion": {"answer": "first"}},
                {"match": ["parser"], "completion": {"answer": "second"}},
                {"match": ["something else"], "completion": {"answer": "never"}},
            ]
        },
    )
    model = make_model(f"replay/{path}")
    assert [model.complete(PROMPT, CallSettings()).answer for _ in range(2)] == ["first", "second"]
    assert isinstance(model, ReplayModel) and model.unused() == [2]
    with pytest.raises(ModelError, match=r"entries \[2\] were never requested"):
        model.assert_all_used()
    with pytest.raises(ReplayMissing) as info:
        model.complete(PROMPT, CallSettings())
    assert fingerprint(PROMPT) in str(info.value) and "Issue #7: the parser" in str(info.value)


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(Exception, match="ARCHITECT_RECORD"):
        make_model(f"replay/{tmp_path / 'nope.json'}")


@pytest.mark.parametrize("suffix", [".json", ".yml"])
def test_recorder_writes_a_replayable_transcript(
    llm_server: LLMServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, suffix: str
) -> None:
    record = tmp_path / f"rec{suffix}"
    monkeypatch.setenv("ARCHITECT_RECORD", str(record))
    llm_server.script(Reply(answer="A1", reasoning="R1"), Reply(answer="A2", reasoning="R2"))
    live = make_model(
        "deepseek/deepseek-reasoner", base_url=llm_server.openai_base_url, api_key=KEY, today=SERVED
    )
    second = [*PROMPT, Message("assistant", "A1"), Message("user", "tests fail")]
    live.complete(PROMPT, CallSettings())
    live.complete(second, CallSettings())
    assert KEY not in record.read_text()
    monkeypatch.delenv("ARCHITECT_RECORD")
    replay = make_model(f"replay/{record}")
    assert replay.complete(second, CallSettings()).answer == "A2"
    c = replay.complete(PROMPT, CallSettings())
    assert (c.answer, c.reasoning, c.model) == ("A1", "R1", "deepseek/deepseek-reasoner")
