"""Tree-sitter grammars and their tag queries, loaded without ever failing the caller.

tree-sitter-language-pack (1.x) bundles the tag queries but downloads grammar binaries on first
use, which fails offline. So a grammar is looked for first in a standalone wheel
(``tree_sitter_python`` and friends, which work offline), then in the pack; when neither loads,
``load_grammar`` answers None and the caller falls back to regular expressions.
"""

from __future__ import annotations

import functools
import importlib
import logging
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

log = logging.getLogger(__name__)

# Extension -> language name as the language pack spells it.
LANGUAGES_BY_SUFFIX: dict[str, str] = {
    ".py": "python",
    ".pyi": "python",
    ".js": "javascript",
    ".mjs": "javascript",
    ".cjs": "javascript",
    ".jsx": "javascript",
    ".ts": "typescript",
    ".mts": "typescript",
    ".cts": "typescript",
    ".tsx": "tsx",
    ".go": "go",
    ".rs": "rust",
    ".java": "java",
    ".c": "c",
    ".h": "c",
    ".cc": "cpp",
    ".cpp": "cpp",
    ".cxx": "cpp",
    ".hpp": "cpp",
    ".hh": "cpp",
    ".rb": "ruby",
    ".php": "php",
    ".cs": "csharp",
    ".kt": "kotlin",
    ".kts": "kotlin",
}

# Standalone grammar wheels: module name and the function returning the language pointer.
_STANDALONE: dict[str, tuple[str, str]] = {
    "python": ("tree_sitter_python", "language"),
    "javascript": ("tree_sitter_javascript", "language"),
    "typescript": ("tree_sitter_typescript", "language_typescript"),
    "tsx": ("tree_sitter_typescript", "language_tsx"),
    "go": ("tree_sitter_go", "language"),
    "rust": ("tree_sitter_rust", "language"),
    "java": ("tree_sitter_java", "language"),
    "c": ("tree_sitter_c", "language"),
    "cpp": ("tree_sitter_cpp", "language"),
    "ruby": ("tree_sitter_ruby", "language"),
    "php": ("tree_sitter_php", "language_php"),
    "csharp": ("tree_sitter_c_sharp", "language"),
    "kotlin": ("tree_sitter_kotlin", "language"),
}


@dataclass(frozen=True)
class Grammar:
    """A parser-ready language with its compiled tags query."""

    name: str
    language: Any  # tree_sitter.Language
    query: Any  # tree_sitter.Query

    def parser(self) -> Any:
        from tree_sitter import Parser

        return Parser(self.language)


def language_for(path: str) -> str | None:
    return LANGUAGES_BY_SUFFIX.get(PurePosixPath(path).suffix.lower())


@functools.cache
def load_grammar(name: str) -> Grammar | None:
    """The grammar for ``name``, or None (logged once at debug level) when it cannot load offline."""
    try:
        from tree_sitter import Language, Query
        from tree_sitter_language_pack import get_tags_query
    except ImportError as err:
        log.debug("tree-sitter unavailable (%s); using regular expressions", err)
        return None
    try:
        source = get_tags_query(name)
    except Exception as err:  # the pack raises its own error types; any of them means "no query"
        log.debug("no tags query for %s: %s", name, err)
        return None
    if not source:
        log.debug("no tags query for %s; using regular expressions", name)
        return None
    language = _standalone_language(name) or _pack_language(name)
    if language is None:
        return None
    try:
        lang = language if isinstance(language, Language) else Language(language)
        query = Query(lang, source)
        _keep_definitions_only(query, source)
        return Grammar(name=name, language=lang, query=query)
    except Exception as err:  # a query/grammar version mismatch must not stop the map
        log.debug("grammar %s did not load with its tags query: %s", name, err)
        return None


def _keep_definitions_only(query: Any, source: str) -> None:
    """Disable the query's reference patterns: the map takes references from a regex over the
    text, and call sites are most of the matches (a fifth of the parse time on the stdlib)."""
    raw = source.encode("utf-8")
    try:
        for index in range(query.pattern_count):
            pattern = raw[query.start_byte_for_pattern(index) : query.end_byte_for_pattern(index)]
            if b"@definition." not in pattern:
                query.disable_pattern(index)
    except (AttributeError, ValueError) as err:  # older bindings: keep every pattern, just slower
        log.debug("could not narrow the tags query: %s", err)


def _standalone_language(name: str) -> Any | None:
    module_name, attribute = _STANDALONE.get(name, (f"tree_sitter_{name}", "language"))
    try:
        module = importlib.import_module(module_name)
        return getattr(module, attribute)()
    except (ImportError, AttributeError) as err:
        log.debug("no standalone grammar wheel for %s: %s", name, err)
        return None


_pack_unreachable = False


def _pack_language(name: str) -> Any | None:
    global _pack_unreachable
    if _pack_unreachable:
        return None
    try:
        from tree_sitter_language_pack import get_language

        return get_language(name)
    except Exception as err:  # offline the pack raises DownloadError; degrade, never crash
        log.debug("tree-sitter-language-pack could not load %s: %s", name, err)
        if "download" in type(err).__name__.lower():
            # One failed download means the release host is out of reach: do not ask per language.
            _pack_unreachable = True
        return None
