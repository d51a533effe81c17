"""Per-pair metrics, named and computed as on the public aider-style leaderboards.

Definitions (N = ``test_cases`` = the pair's cases that were not skipped):

- ``test_cases``: cases run, errors included (an errored case is a failed case). Cases with
  status ``skipped`` (the language's toolchain is missing) are counted in ``skipped_cases`` only.
- ``pass_num_k``: cases whose tests passed on one of the first k tries (``any(tests_outcomes[:k])``).
- ``pass_rate_k`` = round(100 * pass_num_k / N, 1), a percentage with one decimal.
- ``num_malformed_responses``: editor answers that could not be parsed/applied, summed over cases;
  ``num_with_malformed_responses``: cases with at least one.
- ``percent_cases_well_formed`` = round(100 * (1 - num_with_malformed_responses / N), 1).
- ``syntax_errors``, ``indentation_errors``, ``exhausted_context_windows``, ``test_timeouts``,
  ``prompt_tokens``, ``completion_tokens``, ``reasoning_tokens``: sums over the N cases.
- ``seconds_per_case`` = round(sum(duration_seconds) / N, 1); ``thinking_seconds_per_case`` likewise
  from ``thinking_seconds``.
- ``total_cost``: sum of the known case costs, rounded to 6 decimals; None when no case has a
  known cost. ``unknown_cost_cases`` counts cases whose cost is unknown (a partial total).
- ``claimed_fixed_num``: cases the bot itself called ``fixed``; ``claimed_fixed_solved_num``: those
  the hidden tests passed too; ``fixed_precision`` = round(100 * claimed_fixed_solved_num /
  claimed_fixed_num, 1): how far a ``fixed`` can be
  trusted; None when no case was called fixed. ``verdict_disagreements``: cases whose verdict
  (fixed or not) the hidden tests contradict, either way.
- ``guard_stops``: runaway-thinking guard stops per kind, summed (every kind listed, 0 if none).
- Descriptive fields (``model``, ``editor_model``, formats, ``reasoning_effort``, ``thinking_tokens``)
  take the most common value among the pair's cases; ``date`` is the newest case's day
  (YYYY-MM-DD); ``versions`` and ``commit_hash`` list the distinct values, comma-separated;
  ``command`` is the most common case command with per-shard flags (``--shard``, ``--resume``,
  ``--out``, ``--workers``) removed, so shards of one run agree.

With N = 0 (everything skipped) every rate and per-case figure is 0.0.
Everything is computed from the case records (never from partial summaries), in key order, so
merging shards gives exactly the numbers of one run.
"""

from __future__ import annotations

import math
import shlex
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, TypeVar

from bot.bench.results import ERROR, GUARD_KINDS, CaseResult, pair_slug

T = TypeVar("T")

# Flags that differ between shards of one run and say nothing about how the pair was run.
_SHARD_FLAGS_WITH_VALUE = ("--shard", "--out", "--workers")
_SHARD_FLAGS = ("--resume",)


@dataclass(frozen=True)
class LanguageSummary:
    """One pair's figures on one language (for the per-language breakdown)."""

    lang: str
    test_cases: int
    pass_num_1: int
    pass_num_2: int
    pass_rate_1: float
    pass_rate_2: float
    skipped_cases: int


@dataclass(frozen=True)
class PairSummary:
    """One leaderboard row. Field names match the public leaderboards' YAML keys."""

    pair: str
    dirname: str
    test_cases: int
    pass_rate_1: float
    pass_rate_2: float
    pass_num_1: int
    pass_num_2: int
    percent_cases_well_formed: float
    num_malformed_responses: int
    num_with_malformed_responses: int
    syntax_errors: int
    indentation_errors: int
    exhausted_context_windows: int
    test_timeouts: int
    prompt_tokens: int
    completion_tokens: int
    reasoning_tokens: int
    thinking_seconds_per_case: float
    seconds_per_case: float
    total_cost: float | None
    model: str
    editor_model: str | None
    edit_format: str | None
    editor_edit_format: str | None
    reasoning_effort: str | None
    thinking_tokens: int | None
    date: str
    versions: str
    commit_hash: str
    command: str
    guard_stops: Mapping[str, int] = field(default_factory=dict)
    skipped_cases: int = 0
    error_cases: int = 0
    unknown_cost_cases: int = 0
    languages: tuple[LanguageSummary, ...] = ()
    claimed_fixed_num: int = 0
    claimed_fixed_solved_num: int = 0
    fixed_precision: float | None = None
    verdict_disagreements: int = 0
    # what a maintainer weighs a pair by: dollars per case it solved, and a typical case's wait
    cost_per_solved: float | None = None
    median_seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["guard_stops"] = dict(self.guard_stops)
        data["languages"] = [asdict(lang) for lang in self.languages]
        return data

    def to_row(self) -> dict[str, Any]:
        """The leaderboard-style YAML row: public keys first, then ours; no per-language detail."""
        data = self.to_dict()
        del data["languages"]
        row = {"dirname": data.pop("dirname")}
        row.update(data)
        return row


def percent(part: int, whole: int) -> float:
    """100 * part / whole with one decimal; 0.0 when whole is 0."""
    return round(100 * part / whole, 1) if whole else 0.0


def summarize(results: Iterable[CaseResult]) -> list[PairSummary]:
    """One summary per pair, best first: pass_rate_2, then pass_rate_1 (both descending), then name."""
    by_pair: dict[str, list[CaseResult]] = defaultdict(list)
    for result in sorted(results, key=lambda r: r.key):
        by_pair[result.pair].append(result)
    summaries = [summarize_pair(pair, cases) for pair, cases in by_pair.items()]
    return sorted(summaries, key=lambda s: (-s.pass_rate_2, -s.pass_rate_1, s.pair))


def summarize_pair(pair: str, cases: Sequence[CaseResult]) -> PairSummary:
    """The metrics of one pair from its case records (see the module docstring for formulas)."""
    run = [c for c in cases if not c.skipped]
    n = len(run)
    pass_num_1 = sum(c.passed_within(1) for c in run)
    pass_num_2 = sum(c.passed_within(2) for c in run)
    with_malformed = sum(c.num_malformed_responses > 0 for c in run)
    known_costs = [c.cost for c in run if c.cost is not None]
    guard_stops = dict.fromkeys(GUARD_KINDS, 0)
    for case in run:
        for kind, count in case.guard_stops.items():
            guard_stops[kind] = guard_stops.get(kind, 0) + count
    described = run or list(cases)  # an all-skipped pair still says what it was
    claimed = [c for c in run if c.claimed_fixed]
    truly = sum(c.solved for c in claimed)
    return PairSummary(
        pair=pair,
        dirname=pair_slug(pair),
        test_cases=n,
        pass_rate_1=percent(pass_num_1, n),
        pass_rate_2=percent(pass_num_2, n),
        pass_num_1=pass_num_1,
        pass_num_2=pass_num_2,
        percent_cases_well_formed=percent(n - with_malformed, n),
        num_malformed_responses=sum(c.num_malformed_responses for c in run),
        num_with_malformed_responses=with_malformed,
        syntax_errors=sum(c.syntax_errors for c in run),
        indentation_errors=sum(c.indentation_errors for c in run),
        exhausted_context_windows=sum(c.exhausted_context_windows for c in run),
        test_timeouts=sum(c.test_timeouts for c in run),
        prompt_tokens=sum(c.prompt_tokens for c in run),
        completion_tokens=sum(c.completion_tokens for c in run),
        reasoning_tokens=sum(c.reasoning_tokens for c in run),
        thinking_seconds_per_case=_per_case(math.fsum(c.thinking_seconds for c in run), n),
        seconds_per_case=_per_case(math.fsum(c.duration_seconds for c in run), n),
        total_cost=round(math.fsum(known_costs), 6) if known_costs else None,
        model=_most_common([c.model for c in described]) or pair,
        editor_model=_most_common([c.editor_model for c in described]),
        edit_format=_most_common([c.edit_format for c in described]),
        editor_edit_format=_most_common([c.editor_edit_format for c in described]),
        reasoning_effort=_most_common([c.reasoning_effort for c in described]),
        thinking_tokens=_most_common([c.thinking_tokens for c in described]),
        date=max((c.date[:10] for c in cases if c.date), default=""),
        versions=_distinct(c.versions for c in cases),
        commit_hash=_distinct(c.commit_hash for c in cases),
        command=_most_common([canonical_command(c.command) for c in described if c.command]) or "",
        guard_stops=guard_stops,
        skipped_cases=len(cases) - n,
        error_cases=sum(c.status == ERROR for c in run),
        unknown_cost_cases=n - len(known_costs),
        languages=_languages(cases),
        claimed_fixed_num=len(claimed),
        claimed_fixed_solved_num=truly,
        fixed_precision=percent(truly, len(claimed)) if claimed else None,
        verdict_disagreements=sum(c.claimed_fixed != c.solved for c in run),
        cost_per_solved=_cost_per_solved(known_costs, pass_num_2, n),
        median_seconds=round(statistics.median(c.duration_seconds for c in run), 1) if run else 0.0,
    )


def _cost_per_solved(known_costs: Sequence[float], solved: int, n: int) -> float | None:
    """All the pair spent over the cases it solved; None when a price is unknown or nothing was solved."""
    if not solved or len(known_costs) < n:
        return None
    return round(math.fsum(known_costs) / solved, 6)


def canonical_command(command: str) -> str:
    """The command without the flags that differ between shards of one run."""
    try:
        words = shlex.split(command)
    except ValueError:
        return command
    kept: list[str] = []
    skip_next = False
    for word in words:
        if skip_next:
            skip_next = False
            continue
        if word in _SHARD_FLAGS_WITH_VALUE:
            skip_next = True
            continue
        if word in _SHARD_FLAGS or word.startswith(tuple(f"{f}=" for f in _SHARD_FLAGS_WITH_VALUE)):
            continue
        kept.append(word)
    return shlex.join(kept)


def _languages(cases: Sequence[CaseResult]) -> tuple[LanguageSummary, ...]:
    by_lang: dict[str, list[CaseResult]] = defaultdict(list)
    for case in cases:
        by_lang[case.lang].append(case)
    rows = []
    for lang in sorted(by_lang):
        run = [c for c in by_lang[lang] if not c.skipped]
        p1 = sum(c.passed_within(1) for c in run)
        p2 = sum(c.passed_within(2) for c in run)
        rows.append(
            LanguageSummary(
                lang=lang,
                test_cases=len(run),
                pass_num_1=p1,
                pass_num_2=p2,
                pass_rate_1=percent(p1, len(run)),
                pass_rate_2=percent(p2, len(run)),
                skipped_cases=len(by_lang[lang]) - len(run),
            )
        )
    return tuple(rows)


def _per_case(total: float, n: int) -> float:
    return round(total / n, 1) if n else 0.0


def _most_common(values: Sequence[T | None]) -> T | None:
    """The most frequent non-None value; ties go to the smallest (as text), for stable output."""
    counts = Counter(v for v in values if v is not None)
    if not counts:
        return None
    return min(counts, key=lambda v: (-counts[v], str(v)))


def _distinct(values: Iterable[str]) -> str:
    return ", ".join(sorted({v for v in values if v}))
