"""The benchmark runner: every pair on every selected exercise, in parallel, resumable, then the report.

Each case ends in ``<out>/<pair>/<lang>/<exercise>/result.json``, written the moment it ends, so an
interrupted run loses at most the cases in flight and ``resume`` finishes it. Exercises the loader
rejected, and languages whose toolchain the sandbox lacks, are recorded as ``skipped`` (with the
reason in ``error``), never as failed. One run per ``out`` folder at a time (see ``lock``).
"""

from __future__ import annotations

import logging
import subprocess
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypeVar

from bot import __version__
from bot.bench.case import RunInfo, failed_case, run_case
from bot.bench.languages import LANGUAGES, Language
from bot.bench.lock import OutDirLock
from bot.bench.oracle import NULL, ORACLE, ORACLE_EDIT_FORMAT, NullModel, OracleModel
from bot.bench.report import ReportFiles, write_report
from bot.bench.results import SKIPPED, CaseResult, load_results, now_iso, read_result, result_path, split_pair
from bot.bench.suite import Exercise, Skipped, load_suite, shard
from bot.config import Settings
from bot.errors import BotError, UsageError
from bot.models import make_model
from bot.models.catalog import load_catalog
from bot.models.lifecycle import check_retired
from bot.models.types import Models
from bot.ports import Model, Sandbox
from bot.sandbox import Limits, RunRequest
from bot.sandbox.docker import DockerSandbox, connect
from bot.sandbox.local import LocalSandbox

log = logging.getLogger(__name__)

REPORT_DIR = "report"
PROBE_LIMITS = Limits(timeout_s=60, setup_network=False)

ModelFactory = Callable[[str, Exercise, Settings], Model]
"""Builds the model called ``name`` for one case (a fresh one per case: the oracle knows its case)."""
SandboxFactory = Callable[[Language], Sandbox]
"""The sandbox a language's cases run in."""


@dataclass(frozen=True)
class BenchConfig:
    """Everything `architect-bot bench` is told; ``pairs`` are ``ARCHITECT+EDITOR`` or a bare model."""

    suite: Path
    pairs: tuple[str, ...]
    out: Path
    lang: str | None = None
    exercises: str | None = None
    edit_format: str | None = None
    tries: int = 2
    reflections: int | None = None
    workers: int = 1
    sandbox: str = "auto"
    image: str | None = None
    shard: tuple[int, int] | None = None
    resume: bool = False
    show_tests: bool = False
    timeout_s: float = 180.0
    base_url: str | None = None
    command: str = ""
    report: bool = True  # write <out>/report at the end


class BenchProgress(Protocol):
    def start(self, total: int, done: Sequence[CaseResult]) -> None: ...

    def case_done(self, result: CaseResult) -> None: ...


@dataclass(frozen=True)
class BenchRun:
    """What a run did: the records it wrote (``ran``), those it found (``resumed``), and the report."""

    ran: tuple[CaseResult, ...]
    resumed: tuple[CaseResult, ...]
    report: ReportFiles | None
    write_failures: tuple[str, ...] = field(default_factory=tuple)


# -- models and sandboxes --------------------------------------------------------------------------


def default_model_factory(name: str, exercise: Exercise, settings: Settings) -> Model:
    if name == ORACLE:
        return OracleModel(exercise)
    if name == NULL:
        return NullModel()
    return real_model(name, settings)


def real_model(name: str, settings: Settings) -> Model:
    """A catalog model (not a benchmark-only one), with the run's base URL and model overrides."""
    return make_model(name, base_url=settings.base_url, catalog=load_catalog(dict(settings.models) or None))


def default_sandbox_factory(kind: str, image: str | None) -> SandboxFactory:
    """``docker``, ``local`` or ``auto`` (= Docker); one Docker client for all. Cases run models' code,
    so ``auto`` without an engine stops rather than fall back to the unisolated local sandbox."""
    if kind not in ("docker", "local", "auto"):
        raise UsageError(f"unknown sandbox {kind!r}: use docker, local or auto")
    if kind == "local":
        return lambda lang: LocalSandbox()
    client = connect(timeout_s=5 if kind == "auto" else 30)
    # one sandbox per image for the whole benchmark: its image is resolved (and its pull tried) once
    sandboxes: dict[str, DockerSandbox] = {}

    def factory(lang: Language) -> Sandbox:
        name = image or lang.image
        return sandboxes.setdefault(name, DockerSandbox(name, client=client))

    return factory


def parse_pair(pair: str) -> tuple[str | None, str]:
    """``"a+b"`` -> (architect a, editor b); a bare model -> (None, model): it works alone."""
    architect, editor = split_pair(pair)
    if not architect or pair.endswith("+") or pair.count("+") > 1:
        raise UsageError(f"--pair {pair!r} is not ARCHITECT+EDITOR or a single model name")
    return (architect, editor) if editor is not None else (None, architect)


def edit_format_for(editor: str, asked: str | None) -> str:
    """The oracle writes whole files; else the asked format, the catalog's, or ``diff``."""
    if editor == ORACLE:
        return ORACLE_EDIT_FORMAT
    if asked:
        return asked
    if editor == NULL:
        return "diff"
    return load_catalog().edit_format(editor)


def pair_settings(config: BenchConfig, pair: str, lang: Language) -> Settings:
    architect, editor = parse_pair(pair)
    values: dict[str, object] = {
        "architect": architect,
        "editor": editor,
        "edit_format": edit_format_for(editor, config.edit_format),
        "base_url": config.base_url,
        "test_command": lang.test_command,
        "sandbox": config.sandbox,
        "image": config.image or lang.image,
        "tries": config.tries,
        "test_timeout_s": config.timeout_s,
        # The exercise's hidden tests fail at the base and are the tests; the editor may
        # only edit the solution files, so a reproduction test could not be written anyway.
        "reproduce": "never",
    }
    if config.reflections is not None:
        values["reflections"] = config.reflections
    try:
        return Settings.model_validate(values)
    except ValueError as err:
        raise UsageError(f"invalid benchmark options for {pair}: {err}") from err


# -- selecting cases ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Plan:
    exercises: tuple[Exercise, ...]
    rejected: tuple[Skipped, ...]


def _select(config: BenchConfig) -> _Plan:
    listing = load_suite(config.suite, config.lang, config.exercises)
    if not listing.exercises and not listing.skipped:
        what = f" matching {config.exercises!r}" if config.exercises else ""
        lang = f" in {config.lang}" if config.lang else ""
        raise UsageError(
            f"no exercise{what}{lang} under {config.suite}: check --suite, --lang and --exercises"
        )
    exercises, rejected = listing.exercises, listing.skipped
    if config.shard is not None:
        index, total = config.shard
        exercises = shard(exercises, index, total)
        rejected = tuple(sorted(rejected, key=_rejected_key)[index - 1 :: total])
    return _Plan(exercises, rejected)


def _rejected_key(item: Skipped) -> str:
    lang, name = _rejected_names(item)
    return f"{lang}/{name}"


def _rejected_names(item: Skipped) -> tuple[str, str]:
    # <root>/<lang>/exercises/practice/<name>
    return item.path.parents[2].name, item.path.name


# -- the run -----------------------------------------------------------------------------------------


def bot_commit() -> str:
    """The commit of the bot's own checkout, when it runs from one (never an enclosing repo's)."""
    here = Path(__file__).resolve().parents[2]
    if not (here / ".git").exists():  # an installed package: no checkout of ours
        return ""
    proc = subprocess.run(
        ["git", "-C", str(here), "rev-parse", "--short", "HEAD"], capture_output=True, text=True, check=False
    )
    return proc.stdout.strip() if proc.returncode == 0 else ""


def run_bench(
    config: BenchConfig,
    *,
    models: ModelFactory = default_model_factory,
    sandboxes: SandboxFactory | None = None,
    progress: BenchProgress | None = None,
) -> BenchRun:
    if not config.pairs:
        raise UsageError("no --pair given: name at least one model or ARCHITECT+EDITOR pair")
    if config.workers < 1:
        raise UsageError("--workers must be at least 1")
    for pair in config.pairs:
        settings = pair_settings(config, pair, LANGUAGES["python"])  # bad flags fail here, not once per case
        check_retired((settings.architect, settings.editor), load_catalog(dict(settings.models) or None))
    plan = _select(config)
    info = RunInfo(versions=__version__, commit_hash=bot_commit(), command=config.command)
    with OutDirLock(config.out):
        todo, resumed = _pending(config, plan)
        if progress is not None:
            progress.start(len(todo) + len(resumed), resumed)
        ran: list[CaseResult] = []
        failures: list[str] = []

        def write(result: CaseResult) -> CaseResult:
            try:
                result.write(config.out)
            except OSError as err:  # e.g. disk full: --resume redoes the case later
                failures.append(f"{result.pair} {result.lang}/{result.exercise}: {err}")
                log.error("could not write the result of %s/%s: %s", result.lang, result.exercise, err)
            return result

        def done(result: CaseResult) -> None:
            ran.append(result)
            if progress is not None:
                progress.case_done(result)

        for result in _rejected_results(plan, todo, info):
            done(write(result))
        runnable = [(pair, ex) for pair, ex in todo if isinstance(ex, Exercise)]
        if runnable:
            factory = sandboxes or default_sandbox_factory(config.sandbox, config.image)
            skips = _toolchain_skips(config, runnable, factory)
            jobs = []
            for pair, ex in runnable:
                if ex.lang in skips:
                    done(write(_skipped(pair, ex.lang, ex.name, skips[ex.lang], info)))
                else:
                    jobs.append((pair, ex))
            _run_jobs(config, jobs, models, factory, info, write, done)
        report = write_report(load_results([config.out]), config.out / REPORT_DIR) if config.report else None
    return BenchRun(tuple(ran), tuple(resumed), report, tuple(failures))


_Case = tuple[str, Exercise | Skipped]
T = TypeVar("T")


def _pending(config: BenchConfig, plan: _Plan) -> tuple[list[_Case], list[CaseResult]]:
    """The cases still to run and the finished ones found (with ``resume``); refuses to mix runs."""
    items: list[Exercise | Skipped] = [*plan.exercises, *plan.rejected]
    keyed = [
        ((item.lang, item.name) if isinstance(item, Exercise) else _rejected_names(item), item)
        for item in items
    ]
    return pending_cases(config, keyed)


def pending_cases(
    config: BenchConfig, items: Sequence[tuple[tuple[str, str], T]]
) -> tuple[list[tuple[str, T]], list[CaseResult]]:
    """For each pair and each ``((lang, name), item)``: still to run, or its record found in ``out``."""
    todo: list[tuple[str, T]] = []
    found: list[CaseResult] = []
    for pair in config.pairs:
        for (lang, name), item in items:
            path = result_path(config.out, pair, lang, name)
            if not path.exists():
                todo.append((pair, item))
                continue
            if not config.resume:
                raise UsageError(
                    f"{config.out} already holds results of this run's cases (e.g. {path}): pass --resume "
                    "to finish that run, or choose an empty --out folder"
                )
            existing = read_result(path)
            if existing is None:
                todo.append((pair, item))  # unreadable (killed mid-write on an old version): redo
            else:
                found.append(existing)
    return todo, found


def _rejected_results(plan: _Plan, todo: list[_Case], info: RunInfo) -> list[CaseResult]:
    out = []
    for pair, item in todo:
        if isinstance(item, Skipped):
            lang, name = _rejected_names(item)
            out.append(_skipped(pair, lang, name, f"not loaded: {item.reason}", info))
    return out


def _skipped(pair: str, lang: str, name: str, reason: str, info: RunInfo) -> CaseResult:
    architect, editor = parse_pair(pair)
    return CaseResult(
        pair=pair,
        lang=lang,
        exercise=name,
        model=architect or editor,
        editor_model=editor if architect else None,
        status=SKIPPED,
        error=reason,
        date=now_iso(),
        versions=info.versions,
        commit_hash=info.commit_hash,
        command=info.command,
    )


def _toolchain_skips(
    config: BenchConfig, runnable: list[tuple[str, Exercise]], factory: SandboxFactory
) -> dict[str, str]:
    """Language -> why its cases are skipped: unknown, or its toolchain is missing from the sandbox."""
    skips: dict[str, str] = {}
    for name in sorted({ex.lang for _, ex in runnable}):
        row = LANGUAGES.get(name)
        if row is None:
            skips[name] = f"no test command is known for the language {name!r}"
            continue
        with tempfile.TemporaryDirectory(prefix="architect-probe-") as empty:
            try:
                probe = factory(row).run(RunRequest(Path(empty), row.probe_command, PROBE_LIMITS))
            except BotError as err:
                skips[name] = f"the {name} sandbox cannot run: {err}"
                continue
        if not probe.passed:
            where = f"image {config.image or row.image}" if probe.sandbox == "docker" else "this machine"
            skips[name] = f"`{row.probe_binary}` is not in {where}: the {name} toolchain is missing"
    for name, reason in skips.items():
        log.warning("skipping the %s exercises: %s", name, reason)
    return skips


def _run_jobs(
    config: BenchConfig,
    jobs: list[tuple[str, Exercise]],
    models: ModelFactory,
    factory: SandboxFactory,
    info: RunInfo,
    write: Callable[[CaseResult], CaseResult],
    done: Callable[[CaseResult], None],
) -> None:
    """Run ``jobs`` on ``config.workers`` threads; each result is written by its worker as it ends."""
    sandbox_of = {lang: factory(LANGUAGES[lang]) for lang in {ex.lang for _, ex in jobs}}

    def one(pair: str, exercise: Exercise) -> CaseResult:
        started = time.monotonic()
        settings = pair_settings(config, pair, LANGUAGES[exercise.lang])
        try:
            editor = models(settings.editor, exercise, settings)
            architect = None if settings.architect is None else models(settings.architect, exercise, settings)
            with tempfile.TemporaryDirectory(prefix="architect-bench-") as scratch:
                result = run_case(
                    exercise,
                    pair,
                    settings,
                    Models(editor=editor, architect=architect),
                    sandbox_of[exercise.lang],
                    Path(scratch),
                    show_tests=config.show_tests,
                    info=info,
                )
        except Exception as err:  # one broken case must not stop the others
            log.error("%s on %s failed: %s", pair, exercise.key, err)
            result = failed_case(pair, exercise, settings, err, time.monotonic() - started, info)
        return write(result)

    run_pool(config.workers, jobs, one, done)


def run_pool(
    workers: int,
    jobs: Sequence[tuple[str, T]],
    one: Callable[[str, T], CaseResult],
    done: Callable[[CaseResult], None],
) -> None:
    """``one(pair, item)`` for every job on ``workers`` threads; ``done`` as each ends."""
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="bench") as pool:
        futures: list[Future[CaseResult]] = [pool.submit(one, pair, item) for pair, item in jobs]
        try:
            for future in as_completed(futures):
                done(future.result())
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)  # interrupted: --resume finishes the rest
            raise
