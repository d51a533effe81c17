"""The corpus: each case is a repo snapshot, an editor answer, and the expected files or failure kind."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from bot.edits import EditPolicy, apply_answer

CASES = Path(__file__).parent / "cases"
CASE_DIRS = sorted(p for p in CASES.iterdir() if (p / "case.yml").is_file())


def snapshot(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def policy_from(meta: dict[str, object]) -> EditPolicy:
    raw = dict(meta.get("policy") or {})  # type: ignore[call-overload]
    if "editable" in raw:
        raw["editable"] = frozenset(raw["editable"])
    for key in ("readonly_globs", "protected_globs"):
        if key in raw:
            raw[key] = tuple(raw[key])
    return EditPolicy(**raw)


def test_corpus_is_big_enough() -> None:
    assert len(CASE_DIRS) >= 60
    for fmt in ("diff", "whole", "udiff"):
        assert any(yaml.safe_load((d / "case.yml").read_text())["format"] == fmt for d in CASE_DIRS)


@pytest.mark.parametrize("case", CASE_DIRS, ids=[p.name for p in CASE_DIRS])
def test_case(case: Path, tmp_path: Path) -> None:
    meta = yaml.safe_load((case / "case.yml").read_text())
    repo = tmp_path / "repo"
    shutil.copytree(case / "repo", repo, symlinks=True)
    before = snapshot(repo)
    answer = (case / "answer.md").read_bytes().decode("utf-8")
    result = apply_answer(repo, answer, meta["format"], partial=meta["partial"], policy=policy_from(meta))

    expected = dict(before)
    if (case / "expect").is_dir():
        expected.update(snapshot(case / "expect"))
    error = meta.get("error")
    if error is None:
        assert result.well_formed, result.reflection
        assert result.reflection is None
        assert result.blocks_failed == 0
        assert result.written == (expected != before)
    else:
        assert not result.well_formed
        assert error in {f.kind for f in result.failures}, result.failures
        assert result.reflection is not None
        for text in meta.get("reflection_contains", []):
            assert text in result.reflection, result.reflection
        if not meta["partial"]:
            expected = before
            assert not result.written
    assert snapshot(repo) == expected
    if "strategy" in meta:
        assert [a.strategy for a in result.applied] == [meta["strategy"]]
    for rel in result.changed_files:
        assert f"b/{rel}" in result.diff
