"""Tiny fixture suites in the public layout, and the runner's config for tests."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from bot.bench.metrics import PairSummary, summarize
from bot.bench.results import load_results
from bot.bench.runner import BenchConfig

STUB = "def answer():\n    raise NotImplementedError\n"


@dataclass(frozen=True)
class Spec:
    """One fixture exercise: ``answer()`` must return ``value``; the test may also sleep."""

    name: str
    value: int = 42
    sleep_s: float = 0.0
    lang: str = "python"


def module(name: str) -> str:
    return name.replace("-", "_")


def tests_text(spec: Spec) -> str:
    sleep = f"    import time\n    time.sleep({spec.sleep_s})\n" if spec.sleep_s else ""
    header = f"from {module(spec.name)} import answer\n\n\ndef test_answer():\n"
    return f"{header}{sleep}    assert answer() == {spec.value}\n"


def add_exercise(root: Path, spec: Spec, *, config: bool = True) -> Path:
    ex = root / spec.lang / "exercises" / "practice" / spec.name
    (ex / ".docs").mkdir(parents=True)
    (ex / ".meta").mkdir()
    (ex / ".docs" / "instructions.md").write_text(f"# {spec.name}\n\nMake `answer()` return {spec.value}.\n")
    mod = module(spec.name)
    (ex / f"{mod}.py").write_text(STUB)
    (ex / f"{mod}_test.py").write_text(tests_text(spec))
    (ex / ".meta" / "example.py").write_text(f"def answer():\n    return {spec.value}\n")
    if config:
        files = {"solution": [f"{mod}.py"], "test": [f"{mod}_test.py"], "example": [".meta/example.py"]}
        (ex / ".meta" / "config.json").write_text(json.dumps({"files": files}))
    return ex


def make_suite(root: Path, specs: list[Spec]) -> Path:
    for spec in specs:
        add_exercise(root, spec)
    return root


def bench_config(suite: Path, out: Path, *pairs: str, **options: object) -> BenchConfig:
    values: dict[str, object] = {
        "suite": suite,
        "pairs": pairs or ("oracle",),
        "out": out,
        "sandbox": "local",
    }
    values.update(options)
    return BenchConfig(**values)  # type: ignore[arg-type]


def rows(out: Path) -> dict[str, PairSummary]:
    """The leaderboard rows of the results under ``out``, by pair."""
    return {row.pair: row for row in summarize(load_results([out]))}
