"""`architect-bot bench-report`: re-render a benchmark report from stored case results.

Prints the leaderboard table; the files go to ``DIR/report`` unless ``--out`` says otherwise.
"""

from __future__ import annotations

import argparse
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.errors import UsageError

if TYPE_CHECKING:  # the report (matplotlib, jinja2) loads when it is written, not for every command
    from bot.bench.report import ReportFiles

log = logging.getLogger(__name__)


def register(sub: Any) -> None:
    report = sub.add_parser(
        "bench-report",
        help="re-render a benchmark report from stored results",
        description="Reads every result.json under DIR and writes the report files again.",
    )
    report.add_argument("dir", type=Path, metavar="DIR", help="the --out folder of a bench run")
    report.add_argument("--out", type=Path, help="report folder (default: DIR/report)")
    report.set_defaults(handler=handle_report)


def handle_report(args: argparse.Namespace) -> int:
    from bot.bench.report import write_report
    from bot.bench.results import load_results

    results = load_results([args.dir])
    if not results:
        raise UsageError(nothing_found([args.dir]))
    return finish(write_report(results, args.out or args.dir / "report"))


def finish(files: ReportFiles) -> int:
    print(files.leaderboard_md.read_text(encoding="utf-8"), end="")
    log.info(
        "report written to %s (results.json, results.yml, leaderboard.md, chart.svg, chart.png)",
        files.out_dir,
    )
    if files.step_summary:
        log.info("leaderboard appended to the job summary %s", files.step_summary)
    return 0


def nothing_found(dirs: list[Path]) -> str:
    where = ", ".join(str(d) for d in dirs)
    return (
        f"no result.json found under {where}: pass the --out folder of an `architect-bot bench` run "
        "(or the folder its shard artifacts were downloaded to)"
    )
