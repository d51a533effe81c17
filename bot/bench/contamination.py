"""The per-case table of a benchmark on a repository's own past fixes: each case's date beside each
pair's training cutoffs (a fix older than a model's cutoff may be in its training data; newer ones are
the honest test), and results on issue statements apart from commit-message ones (a commit message
often states the fix)."""

from __future__ import annotations

from collections.abc import Sequence

from bot.bench.results import CaseResult, split_pair
from bot.models.catalog import Catalog, load_catalog

AFTER, BEFORE, UNKNOWN = "after cutoff", "before cutoff", "cutoff unknown"


def _cutoffs(catalog: Catalog, names: Sequence[str]) -> dict[str, str | None]:
    """Each model's training cutoff from the catalog; None for a model it has none of (or does not know)."""
    return {n: (catalog.specs[n].training_cutoff if n in catalog.specs else None) for n in names}


def pair_cutoff(pair: str, cutoffs: dict[str, str | None]) -> str | None:
    """The newest cutoff among the pair's models ("YYYY-MM"); None when one of them has none."""
    names = [n for n in split_pair(pair) if n]
    known = [cutoffs.get(n) for n in names]
    if not names or any(c is None for c in known):
        return None
    return max(c for c in known if c is not None)


def seen(case_date: str, cutoff: str | None) -> str:
    """Whether a fix dated ``case_date`` (YYYY-MM-DD) is newer than every model's cutoff month."""
    if cutoff is None:
        return UNKNOWN
    return AFTER if case_date[:7] > cutoff else BEFORE


def case_table(cases: Sequence[CaseResult]) -> list[str]:
    catalog = load_catalog()
    pairs = sorted({c.pair for c in cases})
    models = sorted({n for p in pairs for n in split_pair(p) if n})
    cutoffs = _cutoffs(catalog, models)
    by_case: dict[str, dict[str, CaseResult]] = {}
    for case in cases:
        by_case.setdefault(case.exercise, {})[case.pair] = case
    lines = ["### Cases: date against training cutoffs", ""]
    lines.append(
        "Training cutoffs: "
        + ", ".join(f"`{n}` {cutoffs[n] or 'unknown'}" for n in models)
        + ". A case dated before a model's cutoff may be in its training data."
    )
    lines += ["", "| Case | Date | Statement | " + " | ".join(f"`{p}`" for p in pairs) + " |"]
    lines.append("| --- | --- | --- | " + " | ".join("---" for _ in pairs) + " |")
    for name in sorted(by_case, key=lambda n: (next(iter(by_case[n].values())).case_date, n)):
        row = by_case[name]
        first = next(iter(row.values()))
        cells = []
        for pair in pairs:
            ran = row.get(pair)
            if ran is None:
                cells.append("")
                continue
            mark = "✅" if ran.solved else "❌"
            if not any(n in catalog.specs for n in split_pair(pair) if n):  # oracle, null: no model
                cells.append(mark)
                continue
            cells.append(f"{mark} {seen(ran.case_date, pair_cutoff(pair, cutoffs))}")
        head = f"| `{name}` | {first.case_date} | {first.statement or '?'} | "
        lines.append(head + " | ".join(cells) + " |")
    lines += ["", *_by_statement(cases, pairs)]
    return lines


def _by_statement(cases: Sequence[CaseResult], pairs: Sequence[str]) -> list[str]:
    kinds = sorted({c.statement or "?" for c in cases})
    lines = ["Resolved, by where the problem statement came from:", ""]
    for pair in pairs:
        parts = []
        for kind in kinds:
            mine = [c for c in cases if c.pair == pair and (c.statement or "?") == kind]
            if mine:
                parts.append(f"{kind} {sum(c.solved for c in mine)}/{len(mine)}")
        lines.append(f"- `{pair}`: " + ", ".join(parts))
    return lines


def case_rows(cases: Sequence[CaseResult]) -> dict[str, list[dict[str, object]]]:
    """The per-case table as data for results.yml, by pair: date, statement, resolved, cutoff, verdict."""
    catalog = load_catalog()
    rows: dict[str, list[dict[str, object]]] = {}
    for case in sorted(cases, key=lambda c: (c.pair, c.case_date, c.exercise)):
        cutoff = pair_cutoff(case.pair, _cutoffs(catalog, [n for n in split_pair(case.pair) if n]))
        rows.setdefault(case.pair, []).append(
            {
                "case": case.exercise,
                "date": case.case_date,
                "statement": case.statement or "?",
                "resolved": case.solved,
                "training_cutoff": cutoff,
                "contamination": seen(case.case_date, cutoff),
            }
        )
    return rows
