"""What a user sees when the CLI's output goes to a file or a pipe, and the default editor named."""

from __future__ import annotations

import os
from pathlib import Path

from tests.cli.test_cli import cli
from tests.pipeline.helpers import make_repo, transcript

LONG = "# " + "why the sum must never subtract: " * 6  # about 200 characters on one diff line
FIX_WITH_A_LONG_LINE = f"""calc.py
```python
<<<<<<< SEARCH
    return a - b
=======
    {LONG.strip()}
    return a + b
>>>>>>> REPLACE
```
"""


def test_piped_output_keeps_whole_diff_lines(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    result = cli(
        "run", "--repo", str(repo), "--issue-text", "add() is wrong", "--issue-number", "5",
        "--editor", transcript(tmp_path / "e.yml", FIX_WITH_A_LONG_LINE), "--sandbox", "local",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert f"+    {LONG.strip()}" in result.stdout  # one line, not cut or wrapped at 80 columns
    rules = [line for line in result.stdout.splitlines() if line.startswith("───")]
    assert rules and all(len(line) <= 100 for line in rules)  # separators stay separators
    assert "editor: " not in result.stderr  # given, so not announced


def test_a_run_without_editor_names_the_default_it_uses(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    env = {k: v for k, v in os.environ.items() if not k.endswith("_API_KEY")}
    result = cli("run", "--repo", str(repo), "--issue-text", "add() is wrong", "--sandbox", "local", env=env)
    assert "editor: anthropic/claude-sonnet-5-5 (the default; choose one with --editor" in result.stderr
