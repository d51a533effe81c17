"""The quote of `go` (bot/quote.py): its measured parts and what it says when a part is unknown."""

from __future__ import annotations

from pathlib import Path

from bot.baseline import BaselineCache
from bot.baseline.types import Baseline, BaselineKey
from bot.config import Settings
from bot.quote import quote_go
from tests.pipeline.helpers import PLAN, make_repo


def key(commit: str, command: str) -> BaselineKey:
    return BaselineKey(commit, command, (), None, "local", 600.0)


def test_the_test_time_is_the_newest_baseline_at_that_commit(tmp_path: Path) -> None:
    cache = BaselineCache(tmp_path / "cache")
    assert cache.test_seconds_at("abc") is None
    cache.store(key("abc", "pytest -x"), Baseline(True, 0, 7.5, "", None))
    cache.store(key("def", "pytest"), Baseline(True, 0, 99.0, "", None))
    assert cache.test_seconds_at("abc") == 7.5
    (tmp_path / "cache" / "baseline" / "broken.json").write_text("{not json")
    assert cache.test_seconds_at("abc") == 7.5  # a broken entry is passed over


def test_an_editor_without_a_price_is_said_and_the_day_budget_shown(tmp_path: Path) -> None:
    repo = make_repo(tmp_path / "repo")
    settings = Settings(editor="openrouter/acme/unknown-coder", max_cost_usd_per_day=5.0)
    quote = quote_go(PLAN, ("calc.py",), repo, settings, test_seconds=4.2, day_left_usd=1.25)
    assert quote.cost_one_try is None
    text = quote.text()
    assert "price unknown for `openrouter/acme/unknown-coder`" in text
    assert "Tests: ~4 s per try" in text and "Left of today's budget: $1.25 of $5.00." in text
