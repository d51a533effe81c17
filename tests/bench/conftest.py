from __future__ import annotations

import pytest

from bot.bench import SuiteListing, default_suite_root, load_suite


@pytest.fixture(scope="session")
def builtin_suite() -> SuiteListing:
    return load_suite(default_suite_root())
