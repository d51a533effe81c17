"""action.yml: the inputs as the issue lists them, each passed through env:, no expression in run:."""

from __future__ import annotations

import re
from typing import Any

import pytest
import yaml

from bot.action_inputs import ACTION_INPUTS, ACTION_OUTPUTS, SECRET_INPUTS, env_name, read_inputs
from bot.config import CONFIG_PATH
from bot.events import TriggerSettings
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


def test_defaults_agree_with_the_code(action: dict[str, Any]) -> None:
    inputs = action["inputs"]
    defaults = TriggerSettings()
    assert inputs["trigger-label"]["default"] == defaults.trigger_label
    assert inputs["command-prefix"]["default"] == defaults.command_prefix
    assert inputs["config-file"]["default"] == CONFIG_PATH
    assert inputs["min-permission"]["default"] == "write"
    assert inputs["draft-on-failure"]["default"] == "true"
    assert inputs["github-token"]["default"] == "${{ github.token }}"
    for name in SECRET_INPUTS - {"github-token"}:
        assert inputs[name]["default"] == "", "secrets have no default"
    for name, spec in inputs.items():
        assert spec.get("description"), name
        assert spec.get("required", False) is False, f"{name}: every input is optional"


def test_read_inputs_uses_the_same_names() -> None:
    environ = {
        "INPUT_ARCHITECT_MODEL": " openai/o3 ",
        "INPUT_TRIES": "",
        "INPUT_GITHUB_TOKEN": "ghs_x",
        "OTHER": "1",
    }
    assert read_inputs(environ) == {"github-token": "ghs_x", "architect-model": "openai/o3"}
