"""`architect-bot bench-merge`: merge benchmark shards into one report.

Takes the result folders of several shards (or the folder their artifacts were downloaded to),
keeps one record per case (the newest wins when shards overlap), copies the merged records under
``<out>/cases/`` (so `bench-report <out>` works later) and writes the report.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from bot.commands.bench_report_cmd import finish, nothing_found
from bot.errors import UsageError

CASES_DIR = "cases"


def register(sub: Any) -> None:
    merge = sub.add_parser(
        "bench-merge",
        help="merge benchmark shard results into one report",
        description="Merges the result folders of benchmark shards (one record per case; the newest "
        "wins when shards overlap) and writes results.json, results.yml, leaderboard.md and the chart.",
    )
    merge.add_argument("dirs", nargs="+", type=Path, metavar="DIR", help="a shard's --out folder")
    merge.add_argument(
        "--out", type=Path, default=Path("bench-report"), help="report folder (default: ./bench-report)"
    )
    merge.set_defaults(handler=handle_merge)


def handle_merge(args: argparse.Namespace) -> int:
    from bot.bench.report import write_report
    from bot.bench.results import load_results

    results = load_results(args.dirs)
    if not results:
        raise UsageError(nothing_found(args.dirs))
    cases_dir = args.out / CASES_DIR
    for result in results:
        result.write(cases_dir)
    return finish(write_report(results, args.out))
