"""Small throw-away repositories for sandbox tests."""

from __future__ import annotations

from pathlib import Path

PASSING = "def test_sum():\n    assert 1 + 1 == 2\n"
FAILING = "def test_sum():\n    assert 1 + 1 == 3\n"


def make_repo(root: Path, test_body: str = PASSING, **files: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "tests").mkdir(exist_ok=True)
    (root / "tests" / "test_sum.py").write_text(test_body)
    for name, text in files.items():
        (root / name).write_text(text)
    return root


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}
