"""`architect-bot bench --cases cases.jsonl`: pairs on a repository's own SWE cases.

Same record layout, shards, resume, lock and report as the exercise benchmark; a case's record
lives at ``<out>/<pair>/swe-<owner>__<repo>/<instance_id>/result.json``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path

from bot import __version__
from bot.bench.case import RunInfo, case_failed
from bot.bench.languages import LANGUAGES
from bot.bench.lock import OutDirLock
from bot.bench.oracle import NULL, ORACLE, AnswerOracle, NullModel
from bot.bench.report import write_report
from bot.bench.results import CaseResult, load_results
from bot.bench.runner import (
    REPORT_DIR,
    BenchConfig,
    BenchProgress,
    BenchRun,
    bot_commit,
    default_sandbox_factory,
    pair_settings,
    pending_cases,
    real_model,
    run_pool,
)
from bot.bench.swe.instance import SweInstance, read_instances
from bot.bench.swe.score import case_lang, oracle_answer, run_instance
from bot.config import Settings
from bot.errors import UsageError
from bot.models.catalog import load_catalog
from bot.models.lifecycle import check_retired
from bot.models.types import Models
from bot.ports import Model

log = logging.getLogger(__name__)

SweModelFactory = Callable[[str, SweInstance, Settings], Model]


def select_instances(path: Path, *, after: str | None, shard: tuple[int, int] | None) -> list[SweInstance]:
    """The cases of ``path``, newer than ``after`` (ISO date) and in this shard, by instance id."""
    instances = sorted(read_instances(path), key=lambda i: i.instance_id)
    if not instances:
        raise UsageError(f"{path} holds no case: mine some with `architect-bot bench-mine`")
    if after:
        instances = [i for i in instances if i.created_at[:10] > after[:10]]
    if shard is not None:
        index, total = shard
        if total < 1 or not 1 <= index <= total:
            raise UsageError(f"shard {index}/{total} is out of range: I must be between 1 and N")
        instances = instances[index - 1 :: total]
    return instances


def newest_cutoff(pairs: tuple[str, ...]) -> str:
    """The newest training cutoff among the pairs' models: cases after it are unseen by all of them."""
    catalog = load_catalog()
    names = {name for pair in pairs for name in pair.split("+") if name}
    known = {n: catalog.specs[n].training_cutoff for n in names if n in catalog.specs}
    missing = sorted(n for n in names if not known.get(n) and n not in (ORACLE, NULL))
    if missing:
        raise UsageError(
            f"--after cutoff: the catalog knows no training cutoff of {', '.join(missing)}: give a date"
        )
    cutoffs = [c for c in known.values() if c]
    if not cutoffs:
        raise UsageError("--after cutoff: no model of these pairs has a training cutoff: give a date")
    year, month = map(int, max(cutoffs).split("-"))
    # the whole cutoff month may be in the data: the first case that counts is from the next month
    return f"{year + month // 12:04d}-{month % 12 + 1:02d}-00"


def swe_settings(config: BenchConfig, pair: str, instance: SweInstance) -> Settings:
    base = pair_settings(config, pair, LANGUAGES["python"])
    return base.model_copy(
        update={
            "test_command": instance.test_command,  # None: the pipeline detects it, as it would for a user
            "setup_command": instance.setup_command,
            "image": config.image or instance.image or base.image,
        }
    )


def run_swe_bench(
    config: BenchConfig,
    cases: Path,
    repo: Path,
    *,
    after: str | None = None,
    models: SweModelFactory | None = None,
    progress: BenchProgress | None = None,
) -> BenchRun:
    if not config.pairs:
        raise UsageError("no --pair given: name at least one model or ARCHITECT+EDITOR pair")
    if after == "cutoff":
        after = newest_cutoff(config.pairs)
    instances = select_instances(cases, after=after, shard=config.shard)
    for pair in config.pairs:
        settings = pair_settings(config, pair, LANGUAGES["python"])
        check_retired((settings.architect, settings.editor), load_catalog(dict(settings.models) or None))
    factory = models or _model_factory(repo)
    info = RunInfo(versions=__version__, commit_hash=bot_commit(), command=config.command)
    with OutDirLock(config.out):
        todo, resumed = pending_cases(config, [((case_lang(i), i.instance_id), i) for i in instances])
        if progress is not None:
            progress.start(len(todo) + len(resumed), resumed)
        images = {config.image or i.image for i in instances}
        sandboxes = {i: default_sandbox_factory(config.sandbox, i)(LANGUAGES["python"]) for i in images}
        ran: list[CaseResult] = []
        failures: list[str] = []

        def one(pair: str, instance: SweInstance) -> CaseResult:
            started = time.monotonic()
            settings = swe_settings(config, pair, instance)
            try:
                editor = factory(settings.editor, instance, settings)
                architect = (
                    None if settings.architect is None else factory(settings.architect, instance, settings)
                )
                sandbox = sandboxes[config.image or instance.image]
                result = run_instance(
                    instance, repo, pair, settings, Models(editor, architect), sandbox, info
                )
            except Exception as err:  # one broken case must not stop the others
                log.error("%s on %s failed: %s", pair, instance.instance_id, err)
                result = case_failed(
                    pair,
                    case_lang(instance),
                    instance.instance_id,
                    settings,
                    err,
                    time.monotonic() - started,
                    info,
                )
            try:
                result.write(config.out)
            except OSError as err:
                failures.append(f"{pair} {instance.instance_id}: {err}")
            return result

        def done(result: CaseResult) -> None:
            ran.append(result)
            if progress is not None:
                progress.case_done(result)

        run_pool(config.workers, todo, one, done)
        report = write_report(load_results([config.out]), config.out / REPORT_DIR) if config.report else None
    return BenchRun(tuple(ran), tuple(resumed), report, tuple(failures))


def _model_factory(repo: Path) -> SweModelFactory:
    def build(name: str, instance: SweInstance, settings: Settings) -> Model:
        if name == ORACLE:
            return AnswerOracle(oracle_answer(repo, instance))
        if name == NULL:
            return NullModel()
        return real_model(name, settings)

    return build
