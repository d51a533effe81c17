"""Each edit format is one module with one record; the settings, the CLI and the catalog name them
through it, and the catalog's format for an editor is the one a run uses unless one is set."""

from __future__ import annotations

import importlib

import pytest

from bot.config import Settings, edit_format_of
from bot.edits.engine import REGISTRY
from bot.edits.types import FORMATS


def test_every_format_is_one_module_with_its_record() -> None:
    assert set(REGISTRY) == set(FORMATS)
    for name in FORMATS:
        module = importlib.import_module(f"bot.edits.fmt_{name}")
        assert module.FORMAT is REGISTRY[name] and module.FORMAT.name == name


@pytest.mark.parametrize(
    ("asked", "entry", "used"),
    [
        (None, {"edit_format": "whole"}, "whole"),
        ("udiff", {"edit_format": "whole"}, "udiff"),
        (None, {}, "diff"),
    ],
)
def test_the_catalogs_format_is_used_unless_one_is_set(
    asked: str | None, entry: dict[str, str], used: str
) -> None:
    settings = Settings(
        editor="ollama/tiny-coder",
        edit_format=asked,  # type: ignore[arg-type]
        models={"ollama/tiny-coder": {"context_window": 8192, "max_output_tokens": 2048, **entry}},
    )
    assert edit_format_of(settings) == used


def test_a_format_no_module_reads_is_refused_in_the_settings() -> None:
    with pytest.raises(ValueError, match="edit_format"):
        Settings(edit_format="patch")  # type: ignore[arg-type]
