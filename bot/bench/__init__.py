"""Benchmark harness: the exercise suite, its loader and the per-language test table."""

from bot.bench.languages import LANGUAGES, Language, language
from bot.bench.suite import Exercise, Skipped, SuiteListing, load_suite, parse_shard, shard

__all__ = [
    "LANGUAGES",
    "Exercise",
    "Language",
    "Skipped",
    "SuiteListing",
    "language",
    "load_suite",
    "parse_shard",
    "shard",
]
