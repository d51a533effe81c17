"""The engine's promises beyond the corpus: modes, dry runs, prompts that parse, messages that help."""

from __future__ import annotations

import json
import logging
import os
import stat
from pathlib import Path

import pytest

from bot.edits import (
    FORMATS,
    AnswerNotText,
    EditPolicy,
    RepoNotFound,
    UnknownFormat,
    apply_answer,
    format_prompt,
)
from bot.errors import EditError

CALC = "def add(a, b):\n    return a - b\n\n\ndef sub(a, b):\n    return a - b\n"


def block(path: str, search: str, replace: str) -> str:
    return f"{path}\n```python\n<<<<<<< SEARCH\n{search}=======\n{replace}>>>>>>> REPLACE\n```\n"


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / "calc.py").write_text(CALC)
    return tmp_path


def test_file_mode_is_kept(repo: Path) -> None:
    script = repo / "run.sh"
    script.write_text("#!/bin/sh\necho hi\n")
    script.chmod(0o751)
    result = apply_answer(repo, block("run.sh", "echo hi\n", "echo hello\n"))
    assert result.written
    assert stat.S_IMODE(script.stat().st_mode) == 0o751
    assert script.read_text() == "#!/bin/sh\necho hello\n"


def test_new_files_follow_the_umask(repo: Path) -> None:
    old = os.umask(0o027)
    try:
        apply_answer(repo, block("new.py", "", "x = 1\n"))
    finally:
        os.umask(old)
    assert stat.S_IMODE((repo / "new.py").stat().st_mode) == 0o640


def test_dry_run_writes_nothing_but_shows_the_diff(repo: Path) -> None:
    result = apply_answer(
        repo,
        block("calc.py", "def add(a, b):\n    return a - b\n", "def add(a, b):\n    return a + b\n"),
        dry_run=True,
    )
    assert result.well_formed and not result.written
    assert result.changed_files == ("calc.py",)
    assert "-    return a - b\n+    return a + b\n" in result.diff
    assert result.diff.startswith("--- a/calc.py\n+++ b/calc.py\n")
    assert (repo / "calc.py").read_text() == CALC


def test_diff_of_a_new_file_comes_from_dev_null(repo: Path) -> None:
    result = apply_answer(repo, block("pkg/new.py", "", "x = 1\n"))
    assert result.diff.startswith("--- /dev/null\n+++ b/pkg/new.py\n")


def test_result_serialises_to_json(repo: Path) -> None:
    result = apply_answer(repo, block("calc.py", "nothing like it\n", "x\n"))
    data = json.loads(json.dumps(result.to_dict()))
    assert data["well_formed"] is False
    assert data["failures"][0]["kind"] == "no_match"
    assert data["reflection"] == result.reflection


def test_caller_mistakes_raise_edit_errors(repo: Path) -> None:
    with pytest.raises(UnknownFormat):
        apply_answer(repo, "", "patch")
    with pytest.raises(RepoNotFound):
        apply_answer(repo / "missing", "", "diff")
    assert issubclass(UnknownFormat, EditError) and issubclass(RepoNotFound, EditError)
    with pytest.raises(UnknownFormat):
        format_prompt("json")
    with pytest.raises(AnswerNotText):
        apply_answer(repo, b"calc.py", "diff")  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_prompt_example_applies_with_its_own_parser(tmp_path: Path, fmt: str) -> None:
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "greet.py").write_text('def greet(name):\n    return "Hello " + name\n')
    prompt = format_prompt(fmt)
    assert prompt.system and prompt.example
    result = apply_answer(tmp_path, prompt.example, fmt)
    assert result.well_formed, result.reflection
    assert result.format_used == fmt
    assert 'f"Hello, {name}!"' in (tmp_path / "src" / "greet.py").read_text()


def test_no_match_reflection_shows_the_closest_lines_with_numbers(repo: Path) -> None:
    result = apply_answer(
        repo, block("calc.py", "def sub(x, y):\n    return x - y\n", "def sub(x, y):\n    return 0\n")
    )
    assert result.reflection is not None
    assert "5 | def sub(a, b):" in result.reflection
    assert "6 |     return a - b" in result.reflection
    assert "no file was changed" in result.reflection


def test_ambiguous_reflection_names_the_lines(repo: Path) -> None:
    result = apply_answer(repo, block("calc.py", "    return a - b\n", "    return b - a\n"))
    assert result.failures[0].kind == "ambiguous"
    assert "lines 2, 6" in (result.reflection or "")


def test_partial_reflection_lists_only_failed_blocks(repo: Path) -> None:
    answer = block("calc.py", "def add(a, b):\n", "def add(a: int, b: int):\n") + block(
        "calc.py", "def mul():\n", "x\n"
    )
    result = apply_answer(repo, answer, partial=True)
    assert result.written and result.blocks_applied == 1 and result.blocks_failed == 1
    assert result.reflection is not None
    assert "must NOT be sent again" in result.reflection
    assert "block 2" in result.reflection and "block 1" not in result.reflection
    assert (repo / "calc.py").read_text().startswith("def add(a: int, b: int):\n")


def test_a_block_written_against_text_an_earlier_block_changed_is_reflected_not_reverted(repo: Path) -> None:
    # The editor's copy of the file is from before its answer: block 2 still holds block 1's old line
    # and would match the new text by similarity, undoing block 1.
    answer = block(
        "calc.py", "    return a - b\n\n\ndef sub(a, b):\n", "    return a + b\n\n\ndef sub(a, b):\n"
    ) + block("calc.py", "def add(a, b):\n    return a - b\n", "def add(a: int, b: int):\n    return a - b\n")
    result = apply_answer(repo, answer, partial=True)
    assert result.blocks_applied == 1 and result.blocks_failed == 1
    assert "return a + b" in (repo / "calc.py").read_text()  # block 1 stands
    assert result.reflection is not None and "already changed those lines" in result.reflection
    assert "2 |     return a + b" in result.reflection  # the lines as they are now, numbered
    # a whole answer (no partial) fails as one and changes nothing
    (repo / "calc.py").write_text(CALC)
    assert not apply_answer(repo, answer).written and (repo / "calc.py").read_text() == CALC


def test_fuzzy_match_logs_its_similarity(repo: Path, caplog: pytest.LogCaptureFixture) -> None:
    search = "def sub(a, b):\n    return a  - b\n"
    with caplog.at_level(logging.INFO, logger="bot.edits"):
        result = apply_answer(repo, block("calc.py", search, "def sub(a, b):\n    return b - a\n"))
    assert result.applied[0].strategy == "fuzzy"
    assert 0.9 <= result.applied[0].similarity < 1.0
    assert "similarity" in caplog.text


def test_fuzzy_threshold_is_configurable(repo: Path) -> None:
    search = "def sub(a, b):\n    return a  - b\n"
    strict = EditPolicy(fuzzy_threshold=0.99)
    result = apply_answer(repo, block("calc.py", search, "def sub(a, b):\n    return b - a\n"), policy=strict)
    assert result.failures[0].kind == "no_match"


def test_too_large_files_are_refused(repo: Path) -> None:
    small = EditPolicy(max_file_bytes=10)
    result = apply_answer(repo, block("calc.py", "def add(a, b):\n", "def plus(a, b):\n"), policy=small)
    assert result.failures[0].kind == "too_large"


def test_same_file_edited_by_two_formats_of_path(repo: Path) -> None:
    """`./calc.py` and `calc.py` are one file: the second block sees the first one's change."""
    answer = block("./calc.py", "def add(a, b):\n", "def plus(a, b):\n") + block(
        "calc.py", "def plus(a, b):\n", "def p(a, b):\n"
    )
    result = apply_answer(repo, answer)
    assert result.well_formed, result.reflection
    assert result.changed_files == ("calc.py",)
    assert (repo / "calc.py").read_text().startswith("def p(a, b):\n")


def test_udiff_read_strictly_by_unidiff_when_well_formed(repo: Path) -> None:
    answer = "--- a/calc.py\n+++ b/calc.py\n@@ -1,2 +1,2 @@\n"
    answer += " def add(a, b):\n-    return a - b\n+    return a + b\n"
    result = apply_answer(repo, answer, "udiff")
    assert result.well_formed, result.reflection
    assert (repo / "calc.py").read_text().startswith("def add(a, b):\n    return a + b\n")


@pytest.mark.parametrize("partial", [False, True])
def test_a_file_growing_past_the_cap_is_not_written(repo: Path, partial: bool) -> None:
    (repo / "small.py").write_text("a = 1\n")
    answer = block("small.py", "a = 1\n", "a = 2\n") + block(
        "calc.py", "def add(a, b):\n", "def add(a, b):\n" * 40
    )
    result = apply_answer(repo, answer, partial=partial, policy=EditPolicy(max_file_bytes=200))
    assert [f.kind for f in result.failures] == ["too_large"]
    assert (repo / "calc.py").read_text() == CALC
    assert (repo / "small.py").read_text() == ("a = 2\n" if partial else "a = 1\n")
    assert [a.path for a in result.applied] == (["small.py"] if partial else [])


def test_replace_text_found_elsewhere_does_not_stop_a_fuzzy_match(tmp_path: Path) -> None:
    (tmp_path / "m.py").write_text("def a():\n    pass\n\n\ndef b():\n    x = 1\n    return x\n")
    answer = block("m.py", "def b():\n    x = 1\n    return  x\n", "def b():\n    pass\n")
    result = apply_answer(tmp_path, answer)
    assert result.well_formed, result.reflection
    assert result.applied[0].strategy == "fuzzy"
    assert (tmp_path / "m.py").read_text() == "def a():\n    pass\n\n\ndef b():\n    pass\n"
