"""The Context stage: what the architect sees of the repository for one issue.

Files are chosen in priority order (requested by the architect, named in the issue, defining a
code name the issue mentions), each followed by its tests, until ``file_tokens`` is spent; the
rest of the ranked repository is shown as a map within ``map_tokens``. The prompt puts the map
first (largest, least relevant) and the most relevant files last, next to the question the
caller appends.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from bot.context.files import list_source_files, read_text
from bot.context.grammars import language_for
from bot.context.mentions import Mentions, find_mentions
from bot.context.repomap import Ranking, RepoMap
from bot.context.testfiles import find_tests
from bot.errors import UsageError
from bot.tokens import estimate_tokens
from bot.untrusted import backticks_for

log = logging.getLogger(__name__)

# Enough to hold the code an issue names; more would push the map out of a small budget.
MAX_SYMBOL_FILES = 6


@dataclass(frozen=True)
class ContextFile:
    path: str
    content: str
    reason: str  # "named in issue" | "defines <sym>" | "test of <path>" | "requested"

    def render(self) -> str:
        fence = backticks_for(self.content)
        body = self.content if self.content.endswith("\n") or not self.content else self.content + "\n"
        return f"### {self.path} ({self.reason})\n{fence}{language_for(self.path) or ''}\n{body}{fence}\n"


@dataclass(frozen=True)
class Context:
    repo_map: str  # rendered signatures within map_tokens
    files: tuple[ContextFile, ...]  # full contents within file_tokens, most relevant LAST
    map_only: tuple[str, ...]  # ranked files shown only in the map, best first
    ranked: tuple[str, ...]  # all files by relevance, best first

    def render(self) -> str:
        """Prompt text: the map, then the files (each source followed by its tests)."""
        parts: list[str] = []
        if self.repo_map:
            parts.append(
                "## Repository map\n"
                "Other files of the repository, most relevant first, with their definitions:\n\n"
                + self.repo_map
            )
        if self.files:
            parts.append("## Files\n\n" + "\n".join(file.render() for file in self.files))
        return "\n".join(parts)


def build_context(
    repo: Path,
    issue_text: str,
    *,
    map_tokens: int = 4096,
    file_tokens: int = 24_000,
    extra_files: Sequence[str] = (),
    cache_dir: Path | None = None,
) -> Context:
    """What the architect sees of ``repo`` for ``issue_text``.

    ``extra_files`` are files the architect asked for (repo-relative; anything outside the repo is
    ignored). ``cache_dir`` holds the repo-map cache (default ``~/.cache/architect-bot/repomap``).
    Raises UsageError when ``repo`` is not a directory.
    """
    root = repo.resolve()
    if not root.is_dir():
        raise UsageError(f"{repo} is not a directory: pass the path of the repository checkout.")
    files = list_source_files(root)
    repomap = RepoMap(root, files, cache_dir=cache_dir)
    mentions = find_mentions(issue_text, files)
    ranking = repomap.rank(
        paths=mentions.paths,
        code_names=mentions.code_identifiers,
        words=mentions.words,
        qualifiers=mentions.qualifiers,
    )
    picks = _picks(root, files, ranking, mentions, repomap.definers, extra_files)
    chosen = _fill(root, files, picks, file_tokens, lambda path: repomap.tags[path].references.keys())
    shown = {file.path for group in chosen for file in group}
    repo_map, in_map = repomap.render_with_paths(ranking, map_tokens, exclude=shown)
    ordered = tuple(file for group in reversed(chosen) for file in group)
    log.debug("context: %d files in full, %d in the map, %d ranked", len(ordered), len(in_map), len(files))
    return Context(repo_map=repo_map, files=ordered, map_only=in_map, ranked=ranking.files)


def _picks(
    root: Path,
    files: Sequence[str],
    ranking: Ranking,
    mentions: Mentions,
    definers: dict[str, set[str]],
    extra_files: Sequence[str],
) -> list[tuple[str, str]]:
    """(path, reason) best first: requested, named in the issue, defining a mentioned code name."""
    position = {path: index for index, path in enumerate(ranking.files)}
    picks: list[tuple[str, str]] = []
    for raw in extra_files:
        path = _resolve_request(root, files, raw)
        if path is None:
            log.debug("ignoring requested file %r: not a text file inside the repository", raw)
        else:
            picks.append((path, "requested"))
    named = sorted(mentions.paths, key=lambda p: position.get(p, len(files)))
    picks.extend((path, "named in issue") for path in named)
    symbols: list[tuple[int, str, str]] = []
    for name in ranking.code:
        qualifiers = mentions.qualifiers.get(name, frozenset())
        # ``json.dumps``: a definer under a folder or module called json beats a better-ranked one
        best = min(
            definers[name],
            key=lambda p: (not _is_qualified(p, qualifiers), position.get(p, len(files))),
        )
        symbols.append((position.get(best, len(files)), name, best))
    taken = {path for path, _ in picks}
    added = 0
    for _rank, name, path in sorted(symbols):
        if added >= MAX_SYMBOL_FILES:
            break
        if path not in taken:
            picks.append((path, f"defines {name}"))
            taken.add(path)
            added += 1
    return picks


def _is_qualified(path: str, qualifiers: frozenset[str]) -> bool:
    pure = PurePosixPath(path)
    return any(q in pure.parts[:-1] or q == pure.stem for q in qualifiers)


def _resolve_request(root: Path, files: Sequence[str], raw: str) -> str | None:
    pure = PurePosixPath(raw.replace("\\", "/"))
    if pure.is_absolute() or ".." in pure.parts:
        return None
    path = pure.as_posix()
    if path in files:
        return path
    ends = [f for f in files if f.endswith("/" + path)]
    if len(ends) == 1:
        return ends[0]
    text = read_text(root, path)
    return path if text is not None and "\0" not in text and (root / path).is_file() else None


def _fill(
    root: Path,
    files: Sequence[str],
    picks: Sequence[tuple[str, str]],
    budget: int,
    words_of: Callable[[str], Collection[str]],
) -> list[list[ContextFile]]:
    """Groups of (file, its tests) in priority order, each file added only while it fits."""
    groups: list[list[ContextFile]] = []
    taken: set[str] = set()
    spent = 0

    def add(path: str, reason: str, group: list[ContextFile]) -> bool:
        nonlocal spent
        if path in taken:
            return False
        text = read_text(root, path)
        if text is None:
            return False
        file = ContextFile(path, text, reason)
        cost = estimate_tokens(file.render())
        if spent + cost > budget:
            log.debug("context: %s (%d tokens) does not fit the file budget", path, cost)
            return False
        spent += cost
        taken.add(path)
        group.append(file)
        return True

    for path, reason in picks:
        group: list[ContextFile] = []
        if add(path, reason, group):
            for test in find_tests(path, files, lambda p: read_text(root, p), words_of):
                add(test, f"test of {path}", group)
            groups.append(group)
    return groups
