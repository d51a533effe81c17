"""End-to-end tier: every test here is marked ``e2e``; the act run times are printed at the end."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.e2e.harness import TIMINGS, contract_gateway, e2e, e2e_github, e2e_tools

__all__ = ["contract_gateway", "e2e", "e2e_github", "e2e_tools"]

HERE = Path(__file__).parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if HERE in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.e2e)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not TIMINGS:
        return
    terminalreporter.section("end-to-end: act runs")
    for timing in TIMINGS:
        verdict = "ok" if timing.ok else "exit≠0"  # some scenarios expect a failed run
        terminalreporter.write_line(f"{timing.seconds:6.1f} s  {verdict:6}  {timing.test}: {timing.label}")
    total = sum(t.seconds for t in TIMINGS)
    terminalreporter.write_line(f"{total:6.1f} s  in {len(TIMINGS)} act runs")
