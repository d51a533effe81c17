from __future__ import annotations

from pathlib import Path

import pytest

from bot.bench import SuiteListing, load_suite

SUITE_ROOT = Path(__file__).resolve().parents[2] / "benchmarks" / "suite"


@pytest.fixture(scope="session")
def builtin_suite() -> SuiteListing:
    return load_suite(SUITE_ROOT)
