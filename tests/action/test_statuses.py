"""Every status the code can end with is documented, in action.yml, the README and the status comment."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

from bot.action.result import ACTION_ONLY_STATUSES, ACTION_STATUSES, Result
from bot.action.status import RESULT
from bot.outcome import Status

ROOT = Path(__file__).resolve().parents[2]


def test_action_yml_lists_exactly_the_statuses_the_code_emits() -> None:
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    description = action["outputs"]["status"]["description"]
    listed = re.search(r"one of: (.*?)\.", description)
    assert listed, description
    assert [s.strip() for s in listed.group(1).split(",")] == list(ACTION_STATUSES)


def test_the_readme_table_has_every_pipeline_status_with_its_exit_code() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = dict(re.findall(r"^\| `([a-z-]+)` \| [^|]+ \| (\d) \|", readme, flags=re.M))
    assert rows == {s.value: str(s.exit_code) for s in Status}
    for name in ACTION_ONLY_STATUSES:
        assert f"`{name}`" in readme, name


def test_the_status_comment_has_a_line_for_every_status() -> None:
    assert set(RESULT) == set(Status)


def test_an_undocumented_status_cannot_be_emitted() -> None:
    with pytest.raises(ValueError, match="tests-failed"):
        Result("tests-failed")


def test_every_status_literal_in_the_action_code_is_documented() -> None:
    """Result("x") and Skip("x") anywhere in bot/action: a literal nobody runs in a test still counts."""
    literals = []
    for path in (ROOT / "bot" / "action").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", None) in ("Result", "Skip")
                and node.args
            ):
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    literals.append(first.value)
    assert literals and set(literals) <= set(ACTION_STATUSES), literals
