"""The values of a baseline: the run at the base commit and the key it is cached under."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from bot.testresults.types import TestResults

FORMAT = 2  # bump when a cache entry's shape changes: older entries then no longer match


@dataclass(frozen=True)
class Baseline:
    passed: bool  # the test command's exit status at the base
    exit_code: int | None
    duration_s: float  # what the run took when it was made (cached or not)
    output_tail: str
    results: TestResults | None  # None: per-test results could not be read
    timed_out: bool = False
    cached: bool = False
    seconds: float = 0.0  # wall time this run paid for it: the run, or reading the cache


@dataclass(frozen=True)
class BaselineKey:
    """Everything a baseline depends on: a change in any field runs the tests at the base again."""

    base_commit: str
    test_command: str
    test_env: tuple[tuple[str, str], ...]
    setup_command: str | None
    sandbox: str  # kind and image
    timeout_s: float

    def as_json(self) -> dict[str, Any]:
        return {"format": FORMAT, **asdict(self), "test_env": [list(p) for p in self.test_env]}
