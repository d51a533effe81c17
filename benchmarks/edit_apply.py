"""Edit-engine figures: apply time of a 20-block answer on a 10,000-line file (exact and all-fuzzy),
and the well-formed rate of the test corpus. Run from the repository root:

    python benchmarks/edit_apply.py [--runs 7]
"""

from __future__ import annotations

import argparse
import logging
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.edits import ApplyResult, EditPolicy, apply_answer

LINES = 10_000
BLOCKS = 20
CORPUS = Path(__file__).resolve().parents[1] / "tests" / "edits" / "cases"


def big_file() -> list[str]:
    """Functions of 8 lines with varied names and literals, like a long hand-written module."""
    rng = random.Random(7)
    words = [
        "user",
        "order",
        "cart",
        "price",
        "stock",
        "label",
        "queue",
        "token",
        "event",
        "audit",
        "batch",
        "quota",
        "route",
        "shard",
        "cache",
        "ledger",
        "refund",
        "coupon",
        "parcel",
        "ticket",
    ]
    out: list[str] = []
    k = 0
    while len(out) < LINES:
        a, b, c = rng.sample(words, 3)
        out += [
            f"def {a}_{b}_{k}(request, retries={rng.randint(1, 9)}):",
            f'    """Look up the {a} of the {b} and store it as {c} #{k}."""',
            f"    payload = request.json().get('{a}_{c}', {{'limit': {rng.randint(10, 999)}}})",
            f"    for attempt in range(retries * {rng.randint(2, 5)}):",
            f"        if payload.get('{b}_ready') and attempt > {rng.randint(0, 3)}:",
            f"            return save_{c}(payload, attempt, '{a}-{k}')",
            f"    raise TimeoutError('{a}/{b} lookup {k} gave up')",
            "",
        ]
        k += 1
    return out[:LINES]


def answer(lines: list[str], fuzzy: bool) -> str:
    parts = []
    step = LINES // BLOCKS
    for b in range(BLOCKS):
        start = b * step + 8 * 3  # inside the file, at a function start
        start -= start % 8
        search = lines[start : start + 7]
        if fuzzy:  # one character wrong in one line: exact, whitespace and indentation passes all miss
            search = [*search[:2], search[2].replace("request.json()", "request.json( )"), *search[3:]]
        replace = [*lines[start : start + 6], f"    raise TimeoutError('handler gave up after block {b}')"]
        parts.append(
            "app/handlers.py\n```python\n<<<<<<< SEARCH\n"
            + "\n".join(search)
            + "\n=======\n"
            + "\n".join(replace)
            + "\n>>>>>>> REPLACE\n```\n"
        )
    return "\n".join(parts)


def time_apply(text: str, runs: int) -> tuple[float, float, ApplyResult]:
    """Median wall and CPU seconds of one apply (CPU time shows the cost when the machine is busy)."""
    lines = big_file()
    walls, cpus = [], []
    result: ApplyResult | None = None
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            repo = Path(tmp)
            (repo / "app").mkdir()
            (repo / "app" / "handlers.py").write_text("\n".join(lines) + "\n")
            w0, c0 = time.perf_counter(), time.process_time()
            result = apply_answer(repo, text, "diff")
            walls.append(time.perf_counter() - w0)
            cpus.append(time.process_time() - c0)
    assert result is not None
    return statistics.median(walls), statistics.median(cpus), result


def policy_of(meta: dict[str, Any]) -> EditPolicy:
    raw = dict(meta.get("policy") or {})
    if "editable" in raw:
        raw["editable"] = frozenset(raw["editable"])
    for key in ("readonly_globs", "protected_globs"):
        if key in raw:
            raw[key] = tuple(raw[key])
    return EditPolicy(**raw)


def corpus_rate() -> tuple[int, int, int, int]:
    """(cases, well-formed answers, cases expected to apply, of those well-formed)."""
    total = well = expected_ok = ok = 0
    for case in sorted(p for p in CORPUS.iterdir() if (p / "case.yml").is_file()):
        meta = yaml.safe_load((case / "case.yml").read_text())
        with tempfile.TemporaryDirectory() as tmp:
            repo = Path(tmp) / "repo"
            shutil.copytree(case / "repo", repo, symlinks=True)
            text = (case / "answer.md").read_bytes().decode("utf-8")
            result = apply_answer(
                repo, text, meta["format"], partial=meta["partial"], policy=policy_of(meta), dry_run=True
            )
        total += 1
        well += result.well_formed
        if "error" not in meta:
            expected_ok += 1
            ok += result.well_formed
    return total, well, expected_ok, ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    logging.getLogger("bot").setLevel(logging.ERROR)  # a fuzzy match logs each similarity at INFO
    lines = big_file()
    for label, fuzzy, goal in (("exact", False, 0.050), ("fuzzy", True, 0.500)):
        wall, cpu, result = time_apply(answer(lines, fuzzy), args.runs)
        strategies = sorted({a.strategy for a in result.applied})
        status = "ok" if cpu < goal else "OVER GOAL"
        print(
            f"{label:>5}: {BLOCKS} blocks on a {LINES}-line file: {wall * 1000:6.1f} ms wall, "
            f"{cpu * 1000:6.1f} ms CPU (median of {args.runs}; goal < {goal * 1000:.0f} ms: {status}); "
            f"applied {result.blocks_applied}/{BLOCKS} by {', '.join(strategies)}"
        )
    total, well, expected_ok, ok = corpus_rate()
    print(
        f"corpus: {well}/{total} answers well-formed ({100 * well / total:.1f}%); "
        f"{ok}/{expected_ok} of the answers meant to apply did ({100 * ok / expected_ok:.1f}%)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
