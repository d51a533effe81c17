"""The repo map: every file's definitions, ranked by relevance, rendered as an outline in a budget.

Ranking is a personalized PageRank over a file graph: an edge ``a -> b`` means ``a`` uses names
that ``b`` defines, weighted by how often and how specific those names are. The walk restarts at
files the issue names or that define names the issue mentions, so relevance flows from the issue
outwards along real references.
"""

from __future__ import annotations

import hashlib
import logging
import math
import os
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.context.cache import TagCache, content_key
from bot.context.files import list_source_files, read_text
from bot.context.grammars import language_for, load_grammar
from bot.context.graph import MAX_DEFINERS, Edges, build_edges, decode_edges, encode_edges
from bot.context.outline import MapEntry, render_entries
from bot.context.pagerank import pagerank
from bot.context.parsing import parse_all
from bot.context.tags import FileTags
from bot.tokens import estimate_tokens

log = logging.getLogger(__name__)

MENTIONED_NAME_WEIGHT = 10.0
CODE_NAME_WEIGHT = 30.0
PRIVATE_NAME_WEIGHT = 0.1
NAMED_PATH_BOOST = 100.0
DEFINES_MENTIONED_BOOST = 20.0
QUALIFIER_BOOST = 10.0  # the file lives in a package or module the issue writes as ``json.``
UNQUALIFIED_SHARE = 0.1
USER_EDGE_WEIGHT = 0.3
UNIFORM_RESTART = 0.05
# Module-level assignments (``log = ...``) say less about a file than its classes and functions.
CONSTANT_WEIGHT = 0.2
# A rendered map line costs at least this many tokens; bounds how many entries could ever fit.
MIN_TOKENS_PER_LINE = 3


@dataclass(frozen=True)
class Ranking:
    files: tuple[str, ...]  # best first
    scores: dict[str, float]
    mentioned: frozenset[str]  # names the issue mentions that some file defines
    code: frozenset[str]  # the code-looking subset of ``mentioned``
    named: frozenset[str] = frozenset()  # the paths the issue names


class RepoMap:
    """Tags of every file in a repository (from cache when unchanged), ranking and rendering.

    ``files`` must come from ``list_source_files`` (the default): they are read without resolving
    every path, which is safe only for paths that listing vetted.
    """

    def __init__(
        self,
        repo: Path,
        files: Sequence[str] | None = None,
        *,
        cache_dir: Path | None = None,
        use_tree_sitter: bool = True,
        workers: int | None = None,
    ) -> None:
        self.repo = repo.resolve()
        self.files: tuple[str, ...] = tuple(list_source_files(self.repo) if files is None else files)
        self.cache = TagCache(cache_dir, self.repo)
        self.parsed = 0
        self.pooled = False  # whether a process pool parsed the files
        self._files_digest = ""
        self.tags = self._load_tags(use_tree_sitter, workers)
        self.cache.save()
        definers: dict[str, set[str]] = defaultdict(set)
        for path, tags in self.tags.items():
            for definition in tags.definitions:
                definers[definition.name].add(path)
        self.definers: dict[str, set[str]] = dict(definers)
        self._edge_cache: Edges | None = decode_edges(self.cache.get_extra("edges", self._files_digest))
        self.graph_from_cache = self._edge_cache is not None

    def _load_tags(self, use_tree_sitter: bool, workers: int | None) -> dict[str, FileTags]:
        """Tags of every file: from the cache when the content is known, else parsed."""
        found: dict[str, FileTags] = {}
        missing: list[tuple[str, str, str]] = []  # (path, cache key, text)
        digest = hashlib.sha256(f"edges {MAX_DEFINERS}".encode())
        for path in self.files:
            raw = self._read(path)
            if raw is None:
                found[path] = FileTags(language=None, parser="none")
                digest.update(f"\0{path}\0-".encode("utf-8", "surrogateescape"))
                continue
            language = language_for(path)
            has_grammar = use_tree_sitter and language is not None and load_grammar(language) is not None
            key = content_key(os.path.splitext(path)[1].lower(), "ts" if has_grammar else "re", raw)
            digest.update(f"\0{path}\0{key}".encode("utf-8", "surrogateescape"))
            cached = self.cache.get(key)
            if cached is None:
                missing.append((path, key, raw.decode("utf-8", errors="replace")))
            else:
                found[path] = cached
        parsed, self.pooled = parse_all(missing, use_tree_sitter, workers)
        for (path, key, _text), tags in zip(missing, parsed, strict=True):
            self.cache.put(key, tags)
            found[path] = tags
        self.parsed = len(missing)
        self._files_digest = digest.hexdigest()
        return {path: found[path] for path in self.files}

    def _read(self, path: str) -> bytes | None:
        """Read a listed file. Paths from ``list_source_files`` never pass through a symlinked
        folder (git and the walk do not descend into one), so only a symlink at the file itself
        needs the full resolve-and-check; that keeps the warm run from resolving 2,000 paths."""
        full = os.path.join(self.repo, path)
        if ".." in path.split("/") or os.path.islink(full):
            text = read_text(self.repo, path)
            return None if text is None else text.encode("utf-8", errors="replace")
        try:
            with open(full, "rb") as handle:
                return handle.read()
        except OSError:
            return None

    def rank(
        self,
        *,
        paths: Collection[str] = (),
        code_names: Collection[str] = (),
        words: Collection[str] = (),
        qualifiers: Mapping[str, Collection[str]] | None = None,
    ) -> Ranking:
        """Rank files: ``paths`` the issue names, ``code_names``/``words`` the names it mentions,
        ``qualifiers`` the module names it writes before them (``json`` in ``json.dumps``)."""
        code = set(code_names) & self.definers.keys()
        mentioned = (set(words) & self.definers.keys()) | code
        named = set(paths)
        edges = self._edges()
        factors = np.array([_name_weight(name, mentioned, code) for name in edges.names] or [1.0])
        weights = edges.base * factors[edges.name_ids]
        qualified = {name: set(heads) for name, heads in (qualifiers or {}).items() if heads}
        boosts = np.array([self._boost(path, named, mentioned, code, qualified) for path in self.files])
        seeds = None
        if boosts.any():
            # A little uniform restart keeps unrelated files ordered by their overall importance.
            seeds = boosts / boosts.sum() * (1.0 - UNIFORM_RESTART) + UNIFORM_RESTART / len(self.files)
        # Relevance flows to what a file uses, and (weaker) back to the files that use it: the
        # callers of the function an issue names matter too.
        page = pagerank(
            len(self.files),
            np.concatenate((edges.sources, edges.targets)),
            np.concatenate((edges.targets, edges.sources)),
            np.concatenate((weights, weights * USER_EDGE_WEIGHT)),
            seeds,
        )
        scores = {path: float(page[i] * (1.0 + boosts[i])) for i, path in enumerate(self.files)}
        files = tuple(sorted(self.files, key=lambda p: (-scores[p], p)))
        return Ranking(files, scores, frozenset(mentioned), frozenset(code), frozenset(named))

    def _boost(
        self, path: str, paths: set[str], mentioned: set[str], code: set[str], qualified: dict[str, set[str]]
    ) -> float:
        """How strongly the issue points at ``path``: named outright, in a package it writes as a
        qualifier, or defining names it mentions (each name once, shared among its definers)."""
        boost = NAMED_PATH_BOOST if path in paths else 0.0
        parts = path.split("/")
        homes = {*parts[:-1], os.path.splitext(parts[-1])[0]}
        if any(homes & heads for heads in qualified.values()):
            boost += QUALIFIER_BOOST
        for name in {d.name for d in self.tags[path].definitions} & mentioned:
            share = 1.0 / len(self.definers[name])
            if name in qualified and not homes & qualified[name]:
                share *= UNQUALIFIED_SHARE  # ``json.dumps`` was written, and this is not json's
            boost += DEFINES_MENTIONED_BOOST * share * (2.0 if name in code else 0.5)
        return boost

    def _edges(self) -> Edges:
        """The reference graph: from the cache when the file set is unchanged, else built once."""
        if self._edge_cache is None:
            self._edge_cache = build_edges(self.files, self.tags, self.definers)
            self.cache.put_extra("edges", self._files_digest, encode_edges(self._edge_cache))
            self.cache.save()
        return self._edge_cache

    def entries(self, ranking: Ranking, limit: int, exclude: Collection[str] = ()) -> list[MapEntry]:
        """Map entries best first, from enough top files to hold ``limit`` entries.

        Scoring every definition of a 2,000-file tree costs a second, and a budget holds a few
        hundred lines: so only files down the ranking until ``limit`` definitions are gathered
        (plus any defining a mentioned name) are scored.
        """
        skipped = set(exclude)
        users = self._edges().users
        candidates: list[str] = []
        gathered = 0
        for path in ranking.files:
            if path in skipped:
                continue
            definitions = self.tags[path].definitions
            if gathered < limit or any(d.name in ranking.mentioned for d in definitions):
                candidates.append(path)
                gathered += max(1, len(definitions))
        mentioned, code = set(ranking.mentioned), set(ranking.code)
        found: list[MapEntry] = []
        for path in candidates:
            score = ranking.scores[path]
            definitions = self.tags[path].definitions
            # A non-code path (a locale catalogue, a workflow, a doc page) tells the reader nothing
            # but its name: listed only when the issue names it. Code we could not parse stays.
            if not definitions and (path in ranking.named or self.tags[path].language is not None):
                found.append(MapEntry(path, None, score))
            for definition in definitions:
                weight = _name_weight(definition.name, mentioned, code)
                weight *= 1.0 + math.log1p(users.get(definition.name, 0))
                if definition.kind == "constant" and definition.name not in mentioned:
                    weight *= CONSTANT_WEIGHT
                found.append(MapEntry(path, definition, score * weight / (1 + definition.depth)))
        found.sort(key=lambda e: (-e.score, e.path, e.definition.line if e.definition else 0))
        return found

    def render(self, ranking: Ranking, max_tokens: int, *, exclude: Collection[str] = ()) -> str:
        """The outline of the best entries that fit ``max_tokens``."""
        return self.render_with_paths(ranking, max_tokens, exclude=exclude)[0]

    def render_with_paths(
        self, ranking: Ranking, max_tokens: int, *, exclude: Collection[str] = ()
    ) -> tuple[str, tuple[str, ...]]:
        """The outline within ``max_tokens`` and the files it shows, best first.

        The largest number of entries that fits is found by binary search: the token estimate of
        a rendering is not additive (a file's path line is paid once), so it is measured each time.
        """
        if max_tokens <= 0:
            return "", ()
        entries = self.entries(ranking, max_tokens // MIN_TOKENS_PER_LINE + 1, exclude)
        low, high, fits = 1, len(entries), 0
        best = ""
        while low <= high:
            middle = (low + high) // 2
            text = render_entries(self.tags, entries[:middle], ranking.files)
            if estimate_tokens(text) <= max_tokens:
                best, fits = text, middle
                low = middle + 1
            else:
                high = middle - 1
        shown = {entry.path for entry in entries[:fits]}
        return best, tuple(path for path in ranking.files if path in shown)


def _name_weight(name: str, mentioned: set[str], code: set[str]) -> float:
    weight = CODE_NAME_WEIGHT if name in code else MENTIONED_NAME_WEIGHT if name in mentioned else 1.0
    if name.startswith("_"):
        weight *= PRIVATE_NAME_WEIGHT
    return weight
