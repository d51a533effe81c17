"""Case dates against the models' training cutoffs: could a pair have seen a case's fix in training?

A case from the cutoff month or earlier is "possibly seen" (the month may be in the data); a case
after the cutoff of every model of the pair is "after cutoff". Without a date or a known cutoff
nothing can be said.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.bench.results import CaseResult, split_pair
from bot.models.catalog import load_catalog

AFTER_CUTOFF = "after cutoff"
POSSIBLY_SEEN = "possibly seen"
UNKNOWN = "unknown"


def pair_cutoffs(pair: str) -> dict[str, str | None]:
    """Each model of the pair and the training cutoff the catalog states (None when unknown)."""
    specs = load_catalog().specs
    architect, editor = split_pair(pair)
    names = [architect] if editor is None else [architect, editor]
    return {name: specs[name].training_cutoff if name in specs else None for name in names}


def contamination(case_date: str, cutoffs: dict[str, str | None]) -> str:
    month = case_date[:7]
    if not month:
        return UNKNOWN
    known = [c for c in cutoffs.values() if c]
    if any(month <= c for c in known):
        return POSSIBLY_SEEN
    # every model must be known to be older than the case, else one might have seen it
    return AFTER_CUTOFF if known and len(known) == len(cutoffs) else UNKNOWN


def dated_cases(results: Sequence[CaseResult]) -> list[dict[str, Any]]:
    """One row per case that carries its own date (mined or SWE cases), in pair and case order."""
    rows = []
    cutoffs: dict[str, dict[str, str | None]] = {}
    for r in sorted(results, key=lambda r: r.key):
        if not r.case_date or r.skipped:
            continue
        models = cutoffs.setdefault(r.pair, pair_cutoffs(r.pair))
        rows.append(
            {
                "pair": r.pair,
                "case": r.exercise,
                "date": r.case_date[:10],
                "statement": r.statement,
                "resolved": r.solved,
                "training_cutoffs": {m: c or "unknown" for m, c in models.items()},
                "contamination": contamination(r.case_date, models),
            }
        )
    return rows


def cases_markdown(rows: Sequence[dict[str, Any]]) -> list[str]:
    """The per-case table; commit-message cases apart, as their statement may give the fix away."""
    if not rows:
        return []
    lines: list[str] = []
    for statement, heading in (("issue", "from issues"), ("commit-message", "from commit messages")):
        part = [r for r in rows if (r["statement"] or "issue") == statement]
        if not part:
            continue
        lines += [
            f"### Cases {heading}: date vs training cutoff",
            "",
            "| Pair | Case | Date | Resolved | Training cutoffs | Contamination |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        for r in part:
            cutoffs = ", ".join(f"{m} {c}" for m, c in r["training_cutoffs"].items())
            resolved = "yes" if r["resolved"] else "no"
            cells = [f"`{r['pair']}`", r["case"], r["date"], resolved, cutoffs, r["contamination"]]
            lines.append("| " + " | ".join(cells) + " |")
        lines.append("")
    return lines
