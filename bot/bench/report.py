"""The benchmark report: results.json, results.yml, leaderboard.md, chart.svg/png, job summary.

Everything is rendered from case records, so `bench-report` re-renders a stored run and
`bench-merge` renders shards merged; neither needs the models again.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot import __version__
from bot.bench.contamination import case_rows, case_table
from bot.bench.metrics import PairSummary, summarize
from bot.bench.results import CaseResult, write_atomic

TITLE = "Benchmark: architect/editor pairs"


@dataclass(frozen=True)
class ReportFiles:
    """Where a report went; ``step_summary`` is set when the markdown was appended to the job summary."""

    out_dir: Path
    results_json: Path
    results_yml: Path
    leaderboard_md: Path
    chart_svg: Path
    chart_png: Path
    step_summary: Path | None
    summaries: tuple[PairSummary, ...]


def write_report(
    results: Sequence[CaseResult], out_dir: Path, *, env: Mapping[str, str] | None = None
) -> ReportFiles:
    """Summarize ``results`` and write every report file into ``out_dir``.

    ``env`` (default ``os.environ``) is read for ``GITHUB_STEP_SUMMARY``: when set, the markdown
    is appended to that file, as GitHub Actions expects.
    """
    env = os.environ if env is None else env
    summaries = summarize(results)
    out_dir.mkdir(parents=True, exist_ok=True)
    results_json = out_dir / "results.json"
    write_atomic(results_json, json.dumps(results_document(summaries, results), indent=2) + "\n")
    results_yml = out_dir / "results.yml"
    write_atomic(results_yml, results_yaml(summaries, results))
    markdown = leaderboard_markdown(summaries, results)
    leaderboard_md = out_dir / "leaderboard.md"
    write_atomic(leaderboard_md, markdown)
    from bot.bench.chart import write_chart  # matplotlib loads only when a report is drawn

    chart_svg, chart_png = write_chart(summaries, out_dir)
    step_summary = append_step_summary(markdown, env)
    return ReportFiles(
        out_dir=out_dir,
        results_json=results_json,
        results_yml=results_yml,
        leaderboard_md=leaderboard_md,
        chart_svg=chart_svg,
        chart_png=chart_png,
        step_summary=step_summary,
        summaries=tuple(summaries),
    )


def results_document(summaries: Sequence[PairSummary], results: Sequence[CaseResult]) -> dict[str, Any]:
    """results.json: every pair's summary (best first) and every case record (in key order)."""
    return {
        "tool": "architect-bot",
        "version": __version__,
        "pairs": [s.to_dict() for s in summaries],
        "cases": [r.to_dict() for r in sorted(results, key=lambda r: r.key)],
    }


def results_yaml(summaries: Sequence[PairSummary], results: Sequence[CaseResult] = ()) -> str:
    """results.yml: a YAML list, one leaderboard-style mapping per pair, best first.

    A pair that ran dated cases (own history, SWE) lists them under ``cases``: date, statement kind,
    resolved, the pair's training cutoff and whether the case is newer than it.
    """
    dated = case_rows([r for r in results if r.case_date and not r.skipped])
    rows = [s.to_row() | ({"cases": dated[s.pair]} if s.pair in dated else {}) for s in summaries]
    return yaml.safe_dump(rows, sort_keys=False, allow_unicode=True, width=1000)


def leaderboard_markdown(summaries: Sequence[PairSummary], results: Sequence[CaseResult] = ()) -> str:
    """The table sorted by pass_rate_2, notes on skips/errors/guards/cost, and a per-language table."""
    lines = [f"## {TITLE}", ""]
    if not summaries:
        return "\n".join([*lines, "No results found.", ""])
    lines += [
        "| Pair | Cases | Pass 1 | Pass 2 | `fixed` precision | Well-formed | Cost | Cost/solved "
        "| s/case | Median s | Thinking s/case | Command |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for s in summaries:
        cells = [
            _code(s.pair),
            str(s.test_cases),
            f"{s.pass_rate_1:.1f}%",
            f"{s.pass_rate_2:.1f}%",
            _precision(s),
            f"{s.percent_cases_well_formed:.1f}%",
            _cost(s),
            _money(s.cost_per_solved) if s.cost_per_solved is not None else "–",
            f"{s.seconds_per_case:.1f}",
            f"{s.median_seconds:.1f}",
            f"{s.thinking_seconds_per_case:.1f}",
            _code(s.command) if s.command else "",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    notes = [note for s in summaries for note in _notes(s)]
    if notes:
        lines += ["", *notes]
    lines += ["", *_language_table(summaries), ""]
    if cases := [r for r in results if r.case_date]:
        lines += [*case_table(cases), ""]
    return "\n".join(lines)


def append_step_summary(markdown: str, env: Mapping[str, str]) -> Path | None:
    """Append to ``$GITHUB_STEP_SUMMARY`` when it is set; returns the file or None."""
    target = env.get("GITHUB_STEP_SUMMARY")
    if not target:
        return None
    path = Path(target)
    with path.open("a", encoding="utf-8") as handle:
        handle.write(markdown if markdown.endswith("\n") else markdown + "\n")
    return path


def _notes(s: PairSummary) -> list[str]:
    parts = []
    if s.skipped_cases:
        langs = ", ".join(lang.lang for lang in s.languages if lang.skipped_cases)
        parts.append(f"skipped: {s.skipped_cases} (no toolchain: {langs})")
    if s.error_cases:
        parts.append(f"errors: {s.error_cases} (counted as failed)")
    if s.num_with_malformed_responses:
        parts.append(
            f"malformed answers: {s.num_malformed_responses} in {s.num_with_malformed_responses} cases"
        )
    if s.test_timeouts:
        parts.append(f"test timeouts: {s.test_timeouts}")
    if s.exhausted_context_windows:
        parts.append(f"context windows exhausted: {s.exhausted_context_windows}")
    guards = ", ".join(f"{kind} {count}" for kind, count in s.guard_stops.items() if count)
    if guards:
        parts.append(f"guard stops: {guards}")
    if s.unknown_cost_cases:
        parts.append(f"cost unknown: {s.unknown_cost_cases} of {s.test_cases} cases")
    return [f"- {_code(s.pair)}: " + "; ".join(parts)] if parts else []


def _language_table(summaries: Sequence[PairSummary]) -> list[str]:
    langs = sorted({lang.lang for s in summaries for lang in s.languages})
    lines = [
        "### Per language (pass rate after try 2, passed/cases)",
        "",
        "| Pair | " + " | ".join(langs) + " |",
        "| --- | " + " | ".join("---:" for _ in langs) + " |",
    ]
    for s in summaries:
        found = {lang.lang: lang for lang in s.languages}
        cells = []
        for name in langs:
            lang = found.get(name)
            if lang is None:
                cells.append("")
            elif lang.test_cases == 0:
                cells.append(f"skipped ({lang.skipped_cases})")
            else:
                cells.append(f"{lang.pass_rate_2:.1f}% ({lang.pass_num_2}/{lang.test_cases})")
        lines.append(f"| {_code(s.pair)} | " + " | ".join(cells) + " |")
    return lines


def _precision(s: PairSummary) -> str:
    """Claimed ``fixed`` and truly solved / claimed ``fixed``, with the counts behind it."""
    if s.fixed_precision is None:
        return "–"
    return f"{s.fixed_precision:.1f}% ({s.claimed_fixed_solved_num}/{s.claimed_fixed_num})"


def _cost(s: PairSummary) -> str:
    if s.total_cost is None:
        return "?"
    amount = _money(s.total_cost)
    return f"≥{amount}" if s.unknown_cost_cases else amount


def _money(amount: float) -> str:
    return f"${amount:.2f}" if amount >= 0.1 else f"${amount:.4f}"


def _code(text: str) -> str:
    """A table cell in backticks; pipes escaped so a command cannot break the table."""
    return "`" + text.replace("`", "'").replace("|", "\\|") + "`"
