"""One table: how each suite language is tested, in which image, and how to tell it can run there."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from bot.errors import UsageError

SANDBOX_IMAGE = "architect-bot/sandbox:bookworm"


@dataclass(frozen=True)
class Language:
    """How the exercises of one language are tested.

    ``probe_binary`` is the program whose absence from ``image`` makes the language
    *skipped* (reported, never counted as failed).
    """

    name: str
    test_command: str
    image: str
    probe_binary: str


_TABLE = (
    Language("python", "python3 -m pytest -q", SANDBOX_IMAGE, "python3"),
    Language("go", "go test ./...", "golang:1.23-bookworm", "go"),
    Language("rust", "cargo test -- --include-ignored", "rust:1.83-bookworm", "cargo"),
    Language("javascript", "npm install --silent && npm test", "node:22-bookworm", "npm"),
    Language("java", "gradle test --offline", "gradle:8.10-jdk21", "gradle"),
    # The sandbox image has no cmake by default: C++ is then skipped rather than failed.
    Language("cpp", "mkdir -p build && cd build && cmake .. && make && ctest", SANDBOX_IMAGE, "cmake"),
)

LANGUAGES: Mapping[str, Language] = MappingProxyType({lang.name: lang for lang in _TABLE})


def language(name: str) -> Language:
    """The table row for ``name``; a clear error listing the known languages otherwise."""
    try:
        return LANGUAGES[name]
    except KeyError:
        known = ", ".join(sorted(LANGUAGES))
        raise UsageError(f"unknown suite language {name!r}: use one of {known}") from None
