"""Real git repositories and replay transcripts for pipeline tests."""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt

from bot.config import Settings
from bot.task import Task, issue_from_markdown

CALC = """def add(a, b):
    return a - b


def mul(a, b):
    return a * b
"""
CALC_TEST = """from calc import add, mul


def test_add():
    assert add(2, 3) == 5


def test_mul():
    assert mul(2, 3) == 6
"""
FIX_ADD = """calc.py
```python
<<<<<<< SEARCH
    return a - b
=======
    return a + b
>>>>>>> REPLACE
```
"""
BREAK_MUL = """calc.py
```python
<<<<<<< SEARCH
    return a * b
=======
    return a ** b
>>>>>>> REPLACE
```
"""
FIX_MUL = """calc.py
```python
<<<<<<< SEARCH
    return a ** b
=======
    return a * b
>>>>>>> REPLACE
```
"""
NO_MATCH = """calc.py
```python
<<<<<<< SEARCH
    return a / b
=======
    return a + b
>>>>>>> REPLACE
```
"""
# calc.py as an installable project, and its install: offline (the image's setuptools builds it)
CALC_PYPROJECT = """[build-system]
requires = ["setuptools"]
build-backend = "setuptools.build_meta"

[project]
name = "calcpkg"
version = "0.1"

[tool.setuptools]
py-modules = ["calc"]
"""
EDITABLE_INSTALL = "pip install --no-build-isolation --no-deps -e ."
PLAN = "In `calc.py`, `add` subtracts: make it return `a + b`.\n\nFiles to change:\n- calc.py\n"


def git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True, text=True, check=True).stdout


def make_repo(root: Path, files: dict[str, str] | None = None) -> Path:
    root.mkdir(parents=True)
    for name, text in (files if files is not None else {"calc.py": CALC, "test_calc.py": CALC_TEST}).items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    commit_everything(root)
    return root


def commit_everything(repo: Path) -> None:
    """Commits the tree as it is (initialising the repository first if it is not one yet)."""
    if not (repo / ".git").exists():
        git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "change")


def transcript(
    path: Path, *answers: dict[str, Any] | str, match: str = "", matches: Sequence[str] = ()
) -> str:
    """A replay file whose entries play in order; each answer is a completion dict or the answer text.
    An answer plays only for a prompt holding ``match``, or its own entry of ``matches``."""
    entries = []
    for i, a in enumerate(answers):
        completion = {"answer": a} if isinstance(a, str) else a
        needle = matches[i] if matches else match
        entries.append({"match": [needle], "completion": completion})
    path.write_text(yaml.safe_dump({"model": path.stem, "entries": entries}))
    return f"replay/{path}"


def task(repo: Path, issue: str = "# #12 add() is wrong\nadd(2, 3) gives -1.", **settings: Any) -> Task:
    settings.setdefault("test_command", "python3 -m pytest -q -p no:cacheprovider")
    settings.setdefault("sandbox", "local")
    return Task(repo=repo, base_ref="HEAD", issue=issue_from_markdown(issue), settings=Settings(**settings))


def tree(root: Path) -> dict[str, bytes]:
    """The working tree's files, `.git/` excluded."""
    return {
        str(p.relative_to(root)): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and ".git" not in p.relative_to(root).parts
    }


def outside_code(markdown: str) -> str:
    """The text of ``markdown`` that GitHub would render as prose: code blocks and code spans left out."""
    kept: list[str] = []
    for token in MarkdownIt("commonmark").parse(markdown):
        if token.type in ("fence", "code_block"):
            continue
        kept += [child.content for child in token.children or () if child.type != "code_inline"]
        if token.type in ("html_block",):
            kept.append(token.content)
    return "\n".join(kept)
