"""Large files as slices: a ~170 KB module (shaped like more-itertools' more.py) seen through the
file budget by the architect, by its NEED FILE requests and by the editor, and edited from a slice."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from bot.context import build_context, render_within
from bot.context.budget import PER_FILE_SHARE
from bot.editor import render_files
from bot.edits import apply_answer
from bot.tokens import estimate_tokens
from tests.context.conftest import RepoFactory

FILE_TOKENS = 24_000


def _function(n: int) -> str:
    # every function shares its first and last lines, as real utility modules do: a block made
    # of those alone is ambiguous
    return (
        f"def helper_{n}(iterable, n={n}):\n"
        f'    """Yield every item of *iterable* shifted by {n}, the {n}th helper of the module.\n\n'
        f"        >>> list(helper_{n}([1, 2, 3]))\n"
        f"        [{1 + n}, {2 + n}, {3 + n}]\n"
        '    """\n'
        "    result = []\n"
        "    for item in iterable:\n"
        f"        result.append(item + {n})\n"
        f"    if len(result) > {n * 7 + 3}:\n"
        f"        raise ValueError('helper_{n}: too many items for this helper to handle')\n"
        "    return result\n\n\n"
    )


PEEKABLE = '''class peekable:
    """Wrap an iterator to allow lookahead and prepending elements."""

    def __init__(self, iterable):
        self._it = iter(iterable)
        self._cache = []

    def peek(self, default=None):
        if not self._cache:
            try:
                self._cache.append(next(self._it))
            except StopIteration:
                return default
        return self._cache[0]

    def prepend(self, *items):
        self._cache.extend(items)


'''


@pytest.fixture
def big_repo(make_repo: RepoFactory) -> Path:
    functions = [_function(n) for n in range(430)]
    module = (
        '"""More routines for operating on iterables."""\n\nimport itertools\n\n\n'
        + "".join(functions[:200])
        + PEEKABLE
        + "".join(functions[200:])
    )
    assert 160_000 < len(module) < 190_000
    return make_repo(
        {
            "more_itertools/__init__.py": "from .more import *  # noqa\n",
            "more_itertools/more.py": module,
            "more_itertools/recipes.py": "def take(n, iterable):\n    return list(islice(iterable, n))\n",
            "tests/test_more.py": "from more_itertools import more\n\n\ndef test_prepend():\n    pass\n",
        }
    )


def _lines(repo: Path) -> list[str]:
    return (repo / "more_itertools/more.py").read_text().splitlines()


def test_a_large_file_is_shown_as_slices_of_what_the_issue_names(big_repo: Path, tmp_path: Path) -> None:
    issue = "`peekable.prepend` loses items, and helper_300 raises for long inputs."

    context = build_context(big_repo, issue, file_tokens=FILE_TOKENS, cache_dir=tmp_path / "c")

    more = next(f for f in context.files if f.path == "more_itertools/more.py")
    assert more.sliced and more.spans, "the 170 KB file must be sliced, not dropped nor shown whole"
    rendered = more.render()
    assert estimate_tokens(rendered) <= FILE_TOKENS * PER_FILE_SHARE
    lines = _lines(big_repo)
    # each slice is the real text of the lines its anchor names
    for match in re.finditer(r"Lines (\d+)-(\d+):\n```python\n(.*?)```", rendered, re.S):
        start, end = int(match.group(1)), int(match.group(2))
        assert match.group(3) == "\n".join(lines[start - 1 : end]) + "\n"
    assert "    def prepend(self, *items):\n        self._cache.extend(items)\n" in rendered
    assert "class peekable:\n" in rendered  # the enclosing class header comes with its method
    assert "        raise ValueError('helper_300: too many" in rendered
    # the rest is an outline with line numbers, not text
    assert re.search(r"^\d+: def helper_5\(iterable, n=5\):$", rendered, re.M)
    assert "result.append(item + 5)\n" not in rendered
    assert estimate_tokens(context.render()) < 25_000


def test_a_traceback_line_is_shown_with_its_surroundings(big_repo: Path, tmp_path: Path) -> None:
    lines = _lines(big_repo)
    line = next(i for i, text in enumerate(lines, 1) if "raise ValueError('helper_123:" in text)
    frame = f'  File "/site/more_itertools/more.py", line {line}, in helper_123'
    issue = f"Traceback (most recent call last):\n{frame}\nValueError: too many"

    context = build_context(big_repo, issue, file_tokens=FILE_TOKENS, cache_dir=tmp_path / "c")

    more = next(f for f in context.files if f.path == "more_itertools/more.py")
    assert any(start <= line <= end for start, end in more.spans)
    assert "def helper_123(iterable, n=123):" in more.render()


def test_a_requested_large_file_goes_through_the_budget(big_repo: Path) -> None:
    issue = "peekable.prepend drops the items it was given"

    text = render_within(big_repo, ["more_itertools/more.py"], issue, FILE_TOKENS, "requested")

    whole = (big_repo / "more_itertools/more.py").read_text()
    assert estimate_tokens(whole) > 40_000  # what used to be appended in full
    assert estimate_tokens(text) <= FILE_TOKENS * PER_FILE_SHARE
    assert "    def prepend(self, *items):\n" in text
    # a file asked for by path is shown even when the issue names nothing in it: as an outline
    outline = render_within(big_repo, ["more_itertools/more.py"], "please look", FILE_TOKENS, "requested")
    assert "def helper_10(iterable, n=10):" in outline
    assert estimate_tokens(outline) <= FILE_TOKENS * PER_FILE_SHARE


def test_the_editor_gets_small_files_whole_and_large_ones_as_slices(big_repo: Path) -> None:
    plan = "In more_itertools/more.py, make peekable.prepend insert the items in front of the cache."

    text = render_files(
        big_repo, ["more_itertools/recipes.py", "more_itertools/more.py"], hint=plan, file_tokens=FILE_TOKENS
    )

    assert (big_repo / "more_itertools/recipes.py").read_text() in text
    assert "    def prepend(self, *items):\n" in text
    assert estimate_tokens(text) < FILE_TOKENS * PER_FILE_SHARE + 200


def _block(search: str, replace: str) -> str:
    edit = f"<<<<<<< SEARCH\n{search}=======\n{replace}>>>>>>> REPLACE\n"
    return f"more_itertools/more.py\n```python\n{edit}```\n"


def test_a_block_written_from_a_slice_applies_to_the_real_file(big_repo: Path) -> None:
    before = (big_repo / "more_itertools/more.py").read_text()

    result = apply_answer(
        big_repo,
        _block(
            "    def prepend(self, *items):\n        self._cache.extend(items)\n",
            "    def prepend(self, *items):\n        self._cache[:0] = items\n",
        ),
    )

    assert result.blocks_applied == 1 and result.blocks_failed == 0
    after = (big_repo / "more_itertools/more.py").read_text()
    assert after == before.replace("        self._cache.extend(items)\n", "        self._cache[:0] = items\n")


def test_an_ambiguous_block_from_a_slice_is_refused(big_repo: Path) -> None:
    before = (big_repo / "more_itertools/more.py").read_text()
    common = "    result = []\n    for item in iterable:\n"  # in every one of the 430 helpers

    result = apply_answer(big_repo, _block(common, "    result = list()\n    for item in iterable:\n"))

    assert result.blocks_applied == 0 and result.blocks_failed == 1
    assert result.reflection is not None and "more_itertools/more.py" in result.reflection
    assert (big_repo / "more_itertools/more.py").read_text() == before


def test_the_pipeline_routes_a_requested_large_file_through_the_budget(
    big_repo: Path, tmp_path: Path
) -> None:
    from bot.forge.local import local_publisher
    from bot.models.factory import build_models
    from bot.outcome import Status
    from bot.pipeline import run_pipeline
    from bot.sandbox.local import LocalSandbox
    from tests.pipeline.helpers import FIX_ADD, PLAN, make_repo, task, transcript

    repo = make_repo(tmp_path / "calc")
    more = (big_repo / "more_itertools/more.py").read_text()
    (repo / "more.py").write_text(more)
    git_env = ["-c", "user.name=t", "-c", "user.email=t@example.com"]
    subprocess.run(["git", "-C", str(repo), *git_env, "add", "-A"], check=True)
    subprocess.run(["git", "-C", str(repo), *git_env, "commit", "-qm", "big module"], check=True)
    arch = tmp_path / "a.yml"
    # the second answer plays only if the prompt holds the requested file as slices
    transcript(arch, "NEED FILE: more.py", PLAN, match="")
    entries = yaml.safe_load(arch.read_text())
    entries["entries"][1]["match"] = ["### more.py (requested; slices)"]
    arch.write_text(yaml.safe_dump(entries))
    t = task(repo, architect=f"replay/{arch}", editor=transcript(tmp_path / "e.yml", FIX_ADD))

    outcome = run_pipeline(t, build_models(t.settings), LocalSandbox(), publish=local_publisher(t))

    assert outcome.status is Status.FIXED, outcome


def test_when_the_budget_is_tight_the_first_names_get_the_slices(big_repo: Path) -> None:
    from bot.context.slices import slice_file
    from bot.context.tags import extract_tags

    text = (big_repo / "more_itertools/more.py").read_text()
    tags = extract_tags("more.py", text)

    # room for about one helper: the name given first (code in the issue) wins over file order
    sliced = slice_file("more.py", text, tags, ["helper_400", "helper_5"], (), budget=250)

    assert "def helper_400(" in sliced.text.split("Outline")[0]
    assert "def helper_5(" not in sliced.text.split("Outline")[0]


def test_a_large_file_named_in_passing_shows_its_outline_not_its_text(big_repo: Path, tmp_path: Path) -> None:
    context = build_context(big_repo, "Something in more.py is slow.", cache_dir=tmp_path / "c")

    more = next(f for f in context.files if f.path == "more_itertools/more.py")
    assert more.sliced and more.reason == "named in issue"
    assert "def helper_7(iterable, n=7):" in more.render()
    assert estimate_tokens(more.render()) <= FILE_TOKENS * PER_FILE_SHARE
