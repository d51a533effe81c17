"""action.yml executed step by step as the runner does: expressions only in env:, each run: script in
`bash --noprofile --norc -eo pipefail`, outputs through $GITHUB_OUTPUT. The package is a probe whose
`architect-bot action` reports the environment it got, so hostile input values can be checked."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.action.inputs import ACTION_INPUTS, ACTION_OUTPUTS, env_name

pytestmark = pytest.mark.slow

EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}")


def evaluate(text: str, context: dict[str, str]) -> str:
    def value(match: re.Match[str]) -> str:
        expression = match.group(1).strip()
        if expression not in context:
            pytest.fail(f"action.yml uses an expression this test does not know: {expression}")
        return context[expression]

    return EXPRESSION.sub(value, text)


def run_action(action: Path, workspace: Path, given: dict[str, str]) -> tuple[dict[str, str], str]:
    """Runs every step of action.yml; returns the action's outputs and the combined log."""
    meta: dict[str, Any] = yaml.safe_load((action / "action.yml").read_text())
    context = {"github.action_path": str(action), "github.token": "ghs_default_token_from_github"}
    for name, spec in meta["inputs"].items():
        # A given value is a finished string (the caller's expressions are already evaluated);
        # only the action's own defaults are expressions.
        context[f"inputs.{name}"] = (
            given[name] if name in given else evaluate(str(spec.get("default", "")), context)
        )
    log = []
    for index, step in enumerate(meta["runs"]["steps"]):
        output = workspace.parent / f"output-{index}"
        output.write_text("")
        script = workspace.parent / f"step-{index}.sh"
        assert "${{" not in step["run"]
        script.write_text(step["run"])
        env = {**os.environ, "GITHUB_OUTPUT": str(output), "GITHUB_ACTION_PATH": str(action)}
        env.pop("RUNNER_TOOL_CACHE", None)  # the probe venv lives under the action path
        env["ARCHITECT_PYTHON"] = sys.executable  # the interpreter the shared probe venv was made with
        env.update({key: evaluate(str(value), context) for key, value in step.get("env", {}).items()})
        env["PROBE_DUMP"] = str(workspace.parent / "seen.json")
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
            cwd=workspace,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        log.append(done.stdout + done.stderr)
        assert done.returncode == 0, f"step {step.get('name')} failed:\n{done.stdout}\n{done.stderr}"
        for line in output.read_text().splitlines():
            key, _, value = line.partition("=")
            context[f"steps.{step['id']}.outputs.{key}"] = value
    outputs = {name: evaluate(spec["value"], context) for name, spec in meta["outputs"].items()}
    return outputs, "".join(log)


HOSTILE = {
    "test-command": "$(touch PWNED-subshell) `touch PWNED-backtick`; touch PWNED-semicolon",
    "setup-command": '"; touch PWNED-quote; echo "',
    "allowed-users": "alice\nbob' && touch PWNED-newline && echo '",
    "protected-paths": "${{ github.token }}",
}


def test_inputs_arrive_verbatim_through_env_and_outputs_come_back(
    installed_probe: tuple[Path, str], tmp_path: Path
) -> None:
    action, _ = installed_probe
    workspace = tmp_path / "workspace"
    workspace.mkdir()
    given = {name: f"value of {name}" for name in ACTION_INPUTS} | HOSTILE
    given.pop("github-token")  # its default, ${{ github.token }}, applies

    outputs, log = run_action(action, workspace, given)

    seen = json.loads((tmp_path / "seen.json").read_text())
    for name in ACTION_INPUTS:
        expected = "ghs_default_token_from_github" if name == "github-token" else given[name]
        assert seen[env_name(name)] == expected, name
    assert list(workspace.iterdir()) == [], "an input value was executed as shell"
    assert seen["ARCHITECT_BIN"] == str(action / ".venv" / "bin")
    assert outputs == {
        "status": "fixed",
        "pr-url": "https://github.com/o/r/pull/2",
        "pr-number": "2",
        "branch": "architect/issue-1",
        "cost-usd": "0.42",
        "plan": "/tmp/plan.md",
    }
    assert set(outputs) == set(ACTION_OUTPUTS)
    assert "architect-bot: reusing" in log
