"""SWE-bench instances: both encodings of the test lists, unknown keys kept, bad lines named; case
selection by date, training cutoff and shard."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.bench.swe.instance import SweInstance, read_instances
from bot.bench.swe.layout import is_test_path
from bot.bench.swe.run import newest_cutoff, select_instances
from bot.errors import UsageError

BASE = {"repo": "o/r", "base_commit": "abc", "patch": "p", "test_patch": "t", "problem_statement": "s"}


def _write(path: Path, *rows: dict[str, object]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    return path


def test_test_lists_as_json_strings_or_lists(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "c.jsonl",
        {**BASE, "instance_id": "a", "FAIL_TO_PASS": '["t::a"]', "PASS_TO_PASS": "[]", "extra_key": 1},
        {**BASE, "instance_id": "b", "FAIL_TO_PASS": ["t::b"], "PASS_TO_PASS": ["t::c"]},
    )
    a, b = read_instances(path)
    assert a.FAIL_TO_PASS == ("t::a",) and a.PASS_TO_PASS == () and a.extra == {"extra_key": 1}
    assert b.FAIL_TO_PASS == ("t::b",) and b.PASS_TO_PASS == ("t::c",)
    again = SweInstance.from_mapping(json.loads(a.to_json()))
    assert again == a  # written back with the unknown key


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            {**BASE, "instance_id": "x", "FAIL_TO_PASS": "not json"},
            "FAIL_TO_PASS is a string but not a JSON list",
        ),
        ({**BASE, "instance_id": "x", "FAIL_TO_PASS": [1]}, "FAIL_TO_PASS must be a list of test ids"),
        ({k: v for k, v in BASE.items() if k != "patch"} | {"instance_id": "x"}, "needs patch"),
    ],
)
def test_a_bad_line_is_named(tmp_path: Path, row: dict[str, object], message: str) -> None:
    path = _write(tmp_path / "c.jsonl", {**BASE, "instance_id": "ok"}, row)
    with pytest.raises(UsageError, match=message) as err:
        list(read_instances(path))
    assert "line 2" in str(err.value)


def test_select_by_date_and_shard(tmp_path: Path) -> None:
    rows = [
        {**BASE, "instance_id": f"i{n}", "created_at": f"2026-0{n}-15T10:00:00+00:00"} for n in range(1, 8)
    ]
    path = _write(tmp_path / "c.jsonl", *rows)
    assert [i.instance_id for i in select_instances(path, after="2026-05-01", shard=None)] == [
        "i5",
        "i6",
        "i7",
    ]
    assert [i.instance_id for i in select_instances(path, after=None, shard=(2, 3))] == ["i2", "i5"]


def test_after_the_newest_training_cutoff_of_the_pairs() -> None:
    # Sonnet 5 (2026-01) and Opus 5.5 (2026-06): only cases from July 2026 on are unseen by both
    assert newest_cutoff(("anthropic/claude-opus-5-5+anthropic/claude-sonnet-5",)) == "2026-07-00"
    assert newest_cutoff(("anthropic/claude-sonnet-5", "oracle")) == "2026-02-00"
    with pytest.raises(UsageError, match="no training cutoff of openai/o3"):
        newest_cutoff(("openai/o3+anthropic/claude-sonnet-5-5",))


@pytest.mark.parametrize(
    ("path", "is_test"),
    [
        ("tests/test_x.py", True),
        ("src/pkg/test_util.py", True),
        ("pkg/x_test.go", True),
        ("web/src/app.spec.ts", True),
        ("src/__tests__/a.js", True),
        ("tests/__init__.py", True),
        ("src/pkg/testing_helpers.py", False),
        ("src/cachetools/__init__.py", False),
        ("contest.py", False),
    ],
)
def test_test_paths(path: str, is_test: bool) -> None:
    assert is_test_path(path) is is_test
