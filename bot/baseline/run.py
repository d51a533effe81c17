"""The baseline: the tests run once at the base commit, before any edit, with the same sandbox,
image, setup and instrumentation as every try, so each try is compared with it test by test."""

from __future__ import annotations

import time
from dataclasses import replace

from bot.baseline.cache import BaselineCache
from bot.baseline.types import Baseline, BaselineKey
from bot.ports import Sandbox
from bot.sandbox import Limits, RunRequest, TestRun
from bot.testresults.instrument import Instrumentation, read_results, readable_output

TAIL_CHARS = 6000


def from_run(run: TestRun, instr: Instrumentation) -> Baseline:
    return Baseline(
        passed=run.passed,
        exit_code=run.exit_code,
        duration_s=run.duration_s,
        output_tail=readable_output(instr, run)[-TAIL_CHARS:],
        results=read_results(instr, run),
        timed_out=run.timed_out,
    )


def take_baseline(
    sandbox: Sandbox,
    request: RunRequest,
    instr: Instrumentation,
    key: BaselineKey,
    cache: BaselineCache | None,
) -> Baseline:
    """The baseline from the cache when an entry matches ``key``, else from one run (then cached).
    ``request`` runs in a worktree at the base commit; a timed-out run is not cached."""
    start = time.monotonic()
    if cache is not None and (hit := cache.load(key)) is not None:
        return _paid(hit, cached=True, start=start)
    baseline = from_run(sandbox.run(request), instr)
    if cache is not None and not baseline.timed_out:
        cache.store(key, baseline)
    return _paid(baseline, cached=False, start=start)


def baseline_key(
    base: str, instr: Instrumentation, setup: str | None, sandbox: Sandbox, limits: Limits
) -> BaselineKey:
    # The image's id, not only its name: a rebuilt image must not reuse a baseline of the old one.
    resolved = getattr(sandbox, "resolved_image", None)  # the Docker sandbox's; others have no image
    image = "{}@{}".format(*resolved()) if resolved is not None else None
    return BaselineKey(
        base_commit=base,
        test_command=instr.command,
        test_env=tuple(instr.env),
        setup_command=setup,
        sandbox=f"{sandbox.name}:{image or 'default'}",
        timeout_s=limits.timeout_s,
    )


def _paid(baseline: Baseline, *, cached: bool, start: float) -> Baseline:
    return replace(baseline, cached=cached, seconds=round(time.monotonic() - start, 3))
