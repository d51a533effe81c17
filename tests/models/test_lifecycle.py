"""Retired models fail before any call with the date and the replacement; retiring ones warn."""

from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

import pytest
import yaml

from bot.bench.runner import BenchConfig, run_bench
from bot.cli import main
from bot.config import DEFAULT_EDITOR, Settings, load_settings
from bot.errors import ConfigError
from bot.models import CallSettings, Message, load_catalog, make_model
from bot.models.catalog import guess_spec
from bot.models.factory import build_models
from bot.models.lifecycle import WARN_DAYS, ModelRetired, check_lifecycle
from tests.action.harness import run_local_action
from tests.models.conftest import KEY
from tests.pipeline.helpers import commit_everything
from tests.servers.llm import LLMServer, Reply

CHECKED = date(2026, 11, 23)  # the day the catalog's lifecycle dates were checked
PROMPT = [Message("user", "q")]


def test_a_retired_model_fails_before_any_call(llm_server: LLMServer) -> None:
    with pytest.raises(ModelRetired) as info:
        make_model("anthropic/claude-opus-4-1", base_url=llm_server.base_url, api_key=KEY, today=CHECKED)
    err = info.value
    assert isinstance(err, ConfigError) and err.exit_code == 2
    assert "2026-08-05" in str(err) and "Use anthropic/claude-opus-5-5 instead" in str(err)
    assert (err.retired_on, err.replacement) == (date(2026, 8, 5), "anthropic/claude-opus-5-5")
    assert llm_server.requests == []


def test_retirement_day_itself_counts_as_retired() -> None:
    spec = load_catalog().get("openai/o3")
    with pytest.raises(ModelRetired, match=r"2026-12-11.*Use openai/gpt-6.1-sol instead"):
        check_lifecycle(spec, date(2026, 12, 11))
    check_lifecycle(spec, date(2026, 11, 1))  # 40 days before: silent


# the SDK warns about the same model on its own; expected here
@pytest.mark.filterwarnings("ignore:The model .* is deprecated:DeprecationWarning")
def test_a_model_retiring_soon_warns_and_still_works(
    llm_server: LLMServer, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    llm_server.script(Reply(answer="still served"))
    model = make_model(
        "anthropic/claude-sonnet-4-5", base_url=llm_server.base_url, api_key=KEY, today=CHECKED
    )
    assert model.complete(PROMPT, CallSettings()).answer == "still served"
    assert "claude-sonnet-4-5 retires on 2026-11-30 (in 7 days)" in caplog.text
    assert "move to anthropic/claude-sonnet-5-5" in caplog.text


def test_no_warning_further_out(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.WARNING)
    spec = load_catalog().get("openai/gpt-4.1")  # 2027-01-14
    check_lifecycle(spec, date(2026, 12, 14))  # 31 days before
    assert caplog.text == ""
    check_lifecycle(spec, date(2026, 12, 15))  # 30 days before
    assert f"in {WARN_DAYS} days" in caplog.text


def test_replay_keeps_working_under_a_retired_name(tmp_path: Path) -> None:
    transcript = tmp_path / "t.yml"
    entry = {"match": ["q"], "completion": {"answer": "recorded", "reasoning": "r"}}
    transcript.write_text(yaml.safe_dump({"model": "deepseek/deepseek-reasoner", "entries": [entry]}))
    c = make_model(f"replay/{transcript}").complete(PROMPT, CallSettings())
    assert (c.model, c.answer) == ("deepseek/deepseek-reasoner", "recorded")


def test_the_config_can_clear_a_date_for_a_gateway_that_still_serves_the_id(llm_server: LLMServer) -> None:
    catalog = load_catalog({"openai/o1": {"retires": None}})
    llm_server.script(Reply(answer="gateway", shape="none"))
    model = make_model("openai/o1", base_url=llm_server.openai_base_url, api_key=KEY, catalog=catalog)
    assert model.complete(PROMPT, CallSettings()).answer == "gateway"


def test_a_retired_architect_or_editor_in_the_config_file_fails_before_the_run(tmp_path: Path) -> None:
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github" / "architect-bot.yml").write_text("architect: deepseek/deepseek-reasoner\n")
    commit_everything(tmp_path)
    with pytest.raises(ModelRetired, match=r"deepseek/deepseek-reasoner was retired .* on 2026-07-24"):
        build_models(load_settings(tmp_path))
    with pytest.raises(ModelRetired, match="openai/o4-mini"):
        build_models(Settings(editor="openai/o4-mini"))


def test_a_retired_model_on_the_command_line_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "--model", "anthropic/claude-opus-4-1", "hi"]) == 2
    err = capsys.readouterr().err
    assert "retired" in err and "2026-08-05" in err and "anthropic/claude-opus-5-5" in err


def test_models_command_shows_the_lifecycle(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["models"]) == 0
    out = capsys.readouterr().out
    assert "retired 2026-08-05 (use anthropic/claude-opus-5-5)" in out
    assert "retired 2026-07-24" in out and "lifecycle" in out


def test_catalog_dates_point_to_current_models() -> None:
    catalog = load_catalog()
    for name, spec in catalog.specs.items():
        if spec.replacement is not None:
            assert catalog.specs[spec.replacement].retires is None, name
        if spec.editor_model is None or (spec.retires is not None and spec.retires <= CHECKED):
            continue
        editor = catalog.specs[spec.editor_model]
        # an architect still served has an editor served at least 30 days longer than the check
        assert editor.retires is None or (editor.retires - CHECKED).days > WARN_DAYS, (name, editor.name)


def test_every_retired_openai_and_deepseek_entry_names_a_current_replacement() -> None:
    catalog = load_catalog()
    retired = [
        s for s in catalog.specs.values() if s.retires is not None and s.provider in ("openai", "deepseek")
    ]
    assert len(retired) == 8  # o1, o3, o3-mini, o4-mini, gpt-4o, gpt-4.1, deepseek-reasoner, deepseek-chat
    for spec in retired:
        assert spec.replacement in catalog.specs, spec.name
        successor = catalog.specs[spec.replacement]
        assert successor.retires is None and successor.provider == spec.provider, spec.name


def test_the_default_editor_is_current() -> None:
    assert load_catalog().get(DEFAULT_EDITOR).retires is None


@pytest.mark.parametrize(
    ("name", "reasoning"),
    [
        ("anthropic/claude-sonnet-6", "anthropic-adaptive"),
        ("anthropic/claude-opus-4-7", "anthropic-adaptive"),
        ("anthropic/claude-haiku-4-5-20251001", "anthropic-thinking"),
        ("anthropic/claude-3-5-sonnet-20241022", "none"),
    ],
)
def test_unknown_claude_ids_guess_their_thinking_style(name: str, reasoning: str) -> None:
    assert guess_spec(name).reasoning == reasoning


def test_a_retired_model_in_a_bench_pair_fails_before_any_case(tmp_path: Path) -> None:
    config = BenchConfig(
        suite=tmp_path, pairs=("anthropic/claude-opus-5-5+openai/o3-mini",), out=tmp_path / "o"
    )
    with pytest.raises(ModelRetired, match="openai/o3-mini"):
        run_bench(config)
    assert not (tmp_path / "o").exists()


def test_a_retired_model_in_the_action_inputs_fails_the_step(tmp_path: Path) -> None:
    proc, outputs = run_local_action(
        tmp_path,
        {
            "INPUT_ARCHITECT_MODEL": "openai/o1",
            "INPUT_EDITOR_MODEL": "replay/examples/demo/transcripts/editor.yml",
        },
        timeout=120,
    )
    assert proc.returncode == 2, proc.stderr[-2000:]
    assert (
        "::error title=" in proc.stdout
        and "openai/o1 was retired by its provider on 2026-10-23" in proc.stdout
    )
    assert outputs["status"] == "error"
