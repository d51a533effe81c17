"""action.yml: the inputs as the issue lists them, each passed through env:, no expression in run:."""

from __future__ import annotations

import re
from dataclasses import fields
from typing import Any

import pytest
import yaml

from bot.action.inputs import (
    ACTION_INPUTS,
    ACTION_OUTPUTS,
    BY_NAME,
    INPUTS,
    docs_table,
    env_name,
    provider_variables,
    read_inputs,
    run_options,
    settings_overrides,
)
from bot.config import CONFIG_PATH, Settings
from bot.errors import ConfigError
from bot.events import Ignored, Trigger, route
from bot.run_options import RunOptions
from tests.events.helpers import ROOT

EXPRESSION = re.compile(r"\$\{\{")


@pytest.fixture(scope="module")
def action() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    return data


def steps(action: dict[str, Any]) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = action["runs"]["steps"]
    return result


def test_composite_with_the_inputs_the_issue_lists(action: dict[str, Any]) -> None:
    assert action["runs"]["using"] == "composite"
    assert tuple(action["inputs"]) == ACTION_INPUTS


def test_every_input_reaches_the_program_through_env(action: dict[str, Any]) -> None:
    run_step = next(s for s in steps(action) if s.get("id") == "run")
    env = run_step["env"]
    for name in ACTION_INPUTS:
        assert env.get(env_name(name)) == f"${{{{ inputs.{name} }}}}", name
    assert 'architect-bot" action' in run_step["run"]


def test_no_expression_inside_any_run_script(action: dict[str, Any]) -> None:
    """`${{ }}` in run: is pasted into the script before bash sees it: an issue title could inject shell."""
    for step in steps(action):
        if "run" in step:
            assert not EXPRESSION.search(step["run"]), step.get("name")
            assert step.get("shell") == "bash", "composite run steps must name their shell"


def test_no_remote_actions(action: dict[str, Any]) -> None:
    assert [s["uses"] for s in steps(action) if "uses" in s] == []


def test_outputs_map_to_the_run_steps_outputs(action: dict[str, Any]) -> None:
    assert tuple(action["outputs"]) == ACTION_OUTPUTS
    ids = {s.get("id") for s in steps(action)}
    for name, spec in action["outputs"].items():
        match = re.fullmatch(r"\$\{\{ steps\.([\w-]+)\.outputs\.([\w-]+) \}\}", spec["value"])
        assert match, spec["value"]
        assert match.group(1) in ids and match.group(2) == name


def test_setup_step_uses_the_runners_python_and_the_action_path(action: dict[str, Any]) -> None:
    setup = next(s for s in steps(action) if s.get("id") == "setup")
    assert setup["env"]["ARCHITECT_ACTION_PATH"] == "${{ github.action_path }}"
    assert "scripts/action-setup.sh" in setup["run"]
    assert (ROOT / "scripts" / "action-setup.sh").is_file()
    run_step = next(s for s in steps(action) if s.get("id") == "run")
    assert run_step["env"]["ARCHITECT_BIN"] == "${{ steps.setup.outputs.bin }}"


def test_defaults_agree_with_the_table(action: dict[str, Any]) -> None:
    for spec in INPUTS:
        declared = action["inputs"][spec.name]
        assert declared["default"] == spec.default, spec.name
        assert declared.get("description"), spec.name
        assert declared.get("required", False) is False, f"{spec.name}: every input is optional"
        if spec.secret and spec.name != "github-token":
            assert spec.default == "", "secrets have no default"
        if spec.option:  # the program's own default is the one action.yml shows
            own = getattr(RunOptions(), spec.option)
            shown = f"{own:g}" if isinstance(own, float) else str(own or "")
            assert spec.default == (str(own).lower() if isinstance(own, bool) else shown), spec.name
    assert action["inputs"]["config-file"]["default"] == CONFIG_PATH


def test_every_input_sets_something_real() -> None:
    settings, options = set(Settings.model_fields), {f.name for f in fields(RunOptions)}
    for spec in INPUTS:
        assert spec.setting is None or spec.setting in settings, spec.name
        assert spec.option is None or spec.option in options, spec.name
        assert spec.setting or spec.option or spec.secret, f"{spec.name} sets nothing"
    assert set(options) == {spec.option for spec in INPUTS if spec.option}, "every run option is an input"


def test_docs_list_every_input_as_action_yml_describes_it(action: dict[str, Any]) -> None:
    expected = docs_table({name: spec["description"] for name, spec in action["inputs"].items()})
    docs = (ROOT / "docs" / "action.md").read_text(encoding="utf-8")
    assert expected in docs, f"docs/action.md's inputs table differs from bot/action/inputs.py:\n{expected}"


def test_inputs_become_settings_options_and_sdk_variables() -> None:
    given = read_inputs(
        {
            env_name("docker-image"): "python:3.13",
            env_name("disk-mb"): "512",
            env_name("setup-network"): "false",
            env_name("protected-paths"): "a/**, b/*.py",
            env_name("allowed-users"): "@alice bob",
            env_name("bot-login"): "pat-user",
            env_name("min-permission"): "Maintain",
            env_name("anthropic-api-key"): "sk-ant-x",
            env_name("openai-base-url"): "http://127.0.0.1:9/v1",
        }
    )
    assert settings_overrides(given, None) == {
        "image": "python:3.13",
        "disk_mb": 512,
        "setup_network": False,
        "protected_paths": ("a/**", "b/*.py"),
        "base_url": "http://127.0.0.1:9/v1",
    }
    options = run_options(given)
    assert (options.allowed_users, options.bot_login, options.min_permission) == (
        ("alice", "bob"),
        "pat-user",
        "maintain",
    )
    assert options.trigger_label == "architect"  # not given: the default
    assert provider_variables(given) == {
        "ANTHROPIC_API_KEY": "sk-ant-x",
        "OPENAI_BASE_URL": "http://127.0.0.1:9/v1",
    }


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("disk-mb", "lots", "not a whole number"),
        ("min-permission", "writer", "not one of"),
        ("draft-on-failure", "maybe", "not true or false"),
    ],
)
def test_a_bad_input_names_itself(name: str, value: str, message: str) -> None:
    with pytest.raises(ConfigError, match=f"input {name}: .*{message}"):
        run_options({name: value}) if BY_NAME[name].option else settings_overrides({name: value}, None)


def test_a_label_added_by_the_configured_bot_login_starts_nothing() -> None:
    payload = {
        "action": "labeled",
        "label": {"name": "architect"},
        "sender": {"login": "pat-user", "type": "User"},
        "issue": {"number": 3, "state": "open", "title": "t", "body": ""},
    }
    assert isinstance(route("issues", payload, RunOptions()), Trigger)
    assert isinstance(route("issues", payload, RunOptions(bot_login="pat-user")), Ignored)


def test_read_inputs_uses_the_same_names() -> None:
    environ = {
        "INPUT_ARCHITECT_MODEL": " openai/o3 ",
        "INPUT_TRIES": "",
        "INPUT_GITHUB_TOKEN": "ghs_x",
        "OTHER": "1",
    }
    assert read_inputs(environ) == {"github-token": "ghs_x", "architect-model": "openai/o3"}
