"""Per-test results: what each test did in one run, read from the runner's own report.

Pure data and parsing; the sandbox only fetches report files (``TestRun.reports``) and the pipeline
compares a baseline run with a run after the change (``bot.testresults.compare``).
"""

from __future__ import annotations

from bot.testresults.types import TestOutcome, TestResult, TestResults

__all__ = ["TestOutcome", "TestResult", "TestResults"]
