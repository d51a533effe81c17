"""The evidence as a reviewer reads it: a few Markdown lines, shared by the PR body, PR.md, the
status comment and the CLI's summary, so they can never tell different stories."""

from __future__ import annotations

from bot.outcome import Evidence, TestEnvironment
from bot.sandbox.image import short_id

SHOWN = 10  # names listed per line; the rest are counted


def evidence_lines(e: Evidence) -> list[str]:
    lines = [e.reason]
    if e.per_test:
        lines.append("Shows the fix: " + (_names(e.fixed, "❌ before → ✅ after") if e.fixed else "no test."))
        lines.append(
            "Regressions: " + (_names(e.regressions, "✅ before → ❌ after") if e.regressions else "none.")
        )
        if e.new_failing:
            lines.append("New tests that fail: " + _names(e.new_failing, "❌"))
        if e.new_passing:
            lines.append("New tests that pass: " + _names(e.new_passing, "✅"))
        if e.beside_fixed:
            lines.append(
                "Still failing beside the fixed tests: " + _names(e.beside_fixed, "❌ before → ❌ after")
            )
        pre = f"{len(e.pre_existing)}, failing at the base too, not caused by the change: " + _names(
            e.pre_existing, ""
        )
        lines.append("Pre-existing failures: " + (pre if e.pre_existing else "none."))
        if e.missing:
            lines.append("Ran at the base, missing after the change: " + _names(e.missing, ""))
        lines.append(f"Unchanged passing tests: {e.still_passing}.")
    else:
        lines.append(
            "Per-test results could not be read, so only the test command's exit status was compared "
            f"({_exit_story(e)}): which test shows the bug, and that no single test regressed, is not proved."
        )
    lines.append("Baseline: " + baseline_cost(e) + ".")
    return lines


def baseline_cost(e: Evidence) -> str:
    if e.baseline_cached:
        took = f"the run at the base took {e.baseline_run_seconds:.1f} s"
        return f"from the cache in {e.baseline_seconds:.2f} s ({took})"
    return f"one run at the base commit, {e.baseline_seconds:.1f} s"


def _exit_story(e: Evidence) -> str:
    if e.fixed:
        return "it failed at the base and passes after the change"
    if e.regressions:
        return "it passed at the base and fails after the change"
    if e.pre_existing:
        return "it failed at the base and still fails"
    return "it passed at the base and still passes"


def _names(ids: tuple[str, ...], mark: str) -> str:
    shown = ", ".join(f"`{i}`" for i in ids[:SHOWN])
    more = f" and {len(ids) - SHOWN} more" if len(ids) > SHOWN else ""
    return f"{shown}{more}" + (f" {mark}" if mark else "") + "."


def environment_line(env: TestEnvironment) -> str:
    """Where the tests ran, in one sentence: the sandbox, the image and its id, the setup, Python and
    pytest (an old pytest reads other configuration than a project may expect)."""
    where = {"docker": "Docker", "local": "the local sandbox (not isolated)"}.get(env.sandbox, env.sandbox)
    parts = [f"Tests ran in {where}"]
    if env.image:
        ident = short_id(env.image_id)
        parts.append(f"image `{env.image}`" + (f" (`{ident}`)" if ident else ""))
    if env.setup_command:
        times = "once" if env.setup_runs == 1 else f"{env.setup_runs} times"
        how = "inferred" if env.setup_inferred else "configured"
        parts.append(f"setup `{env.setup_command}` ({how}, ran {times}, {env.setup_seconds:.1f} s)")
    else:
        parts.append("no setup command")
    if env.python or env.pytest:  # unknown when no test ran
        parts.append(f"Python {env.python or 'not found'}")
        parts.append(f"pytest {env.pytest}" if env.pytest else "no pytest found")
    return ", ".join(parts) + "."
