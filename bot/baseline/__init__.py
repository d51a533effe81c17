"""The baseline: the tests run once at the base commit, cached on disk (see ``cache``)."""

from bot.baseline.cache import BaselineCache
from bot.baseline.run import baseline_key, take_baseline
from bot.baseline.types import Baseline, BaselineKey

__all__ = ["Baseline", "BaselineCache", "BaselineKey", "baseline_key", "take_baseline"]
