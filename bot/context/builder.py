"""The Context stage: what the architect sees of the repository for one issue.

Files are chosen by evidence, strongest first (requested by the architect, named in the issue or
a traceback, defining a code name the issue mentions or named after it; then the code a named
file imports and the files using a mentioned name), each followed by its tests, until
``file_tokens`` is spent; a file too large for its share comes as slices (see ``budget.py``). An
issue that names nothing gets the best-ranked files. The rest of the ranked repository is shown as
a map within ``map_tokens``. The prompt puts the map
first (largest, least relevant) and the most relevant files last, next to the question the
caller appends.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from bot.context.budget import PER_FILE_SHARE, WEAK, ContextFile, FileBudget
from bot.context.files import list_source_files, read_text
from bot.context.grammars import language_for
from bot.context.imports import imported_files
from bot.context.mentions import Mentions, find_mentions
from bot.context.repomap import Ranking, RepoMap
from bot.context.slices import definition_spans
from bot.context.tags import IDENTIFIER, FileTags
from bot.context.testfiles import find_tests, is_test_file
from bot.errors import UsageError

log = logging.getLogger(__name__)

# Enough to hold the code an issue names; more would push the map out of a small budget.
MAX_SYMBOL_FILES = 6
# Files imported by a named one, or using a mentioned name: weaker evidence, so only a few.
MAX_RELATED_FILES = 3
# Best-ranked files shown whole after the evidence, while the budget lasts.
MAX_RANKED_FILES = 3


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
    cache_dir: Path | None = None,
) -> Context:
    """What the architect sees of ``repo`` for ``issue_text``.

    ``cache_dir`` holds the repo-map cache (default ``~/.cache/architect-bot/repomap``).
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
    references = lambda path: repomap.tags[path].references.keys()  # noqa: E731
    picks = _picks(root, files, ranking, mentions, repomap.definers, repomap.tags, references)
    per_file = int(file_tokens * PER_FILE_SHARE)
    budget = FileBudget(root, repomap.tags, mentions, file_tokens, per_file)
    chosen = _fill(budget, files, picks, ranking, references)
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
    tags: Mapping[str, FileTags],
    references: Callable[[str], Collection[str]],
) -> list[tuple[str, str]]:
    """(path, reason) best first: named in the issue, in a traceback, defining a mentioned code name."""
    position = {path: index for index, path in enumerate(ranking.files)}
    picks: list[tuple[str, str]] = []
    named = sorted(mentions.paths, key=lambda p: position.get(p, len(files)))
    picks.extend((path, "named in issue") for path in named)
    # the innermost frame of a traceback is nearest the fault: last frames first
    in_traceback = [path for path in reversed(list(mentions.lines)) if path not in mentions.paths]
    picks.extend((path, "in the traceback") for path in in_traceback)
    symbols: list[tuple[int, str, str]] = []
    for name in ranking.code:
        qualifiers = mentions.qualifiers.get(name, frozenset())
        # ``json.dumps``: a definer under a folder or module called json beats a better-ranked one
        best = min(
            definers[name],
            key=lambda p: (not _is_qualified(p, qualifiers), position.get(p, len(files))),
        )
        symbols.append((position.get(best, len(files)), name, best))
    # ``@cachedmethod`` is often a thin wrapper whose body lives in a module named after it
    # (``_cachedmethod.py``): the module is evidence too, listed right after the definer.
    by_module: dict[str, list[str]] = {}
    for path in files:
        pure = PurePosixPath(path)
        if pure.suffix and not is_test_file(path):
            by_module.setdefault(pure.stem.lstrip("_"), []).append(path)
    for name in mentions.code_identifiers:
        homes = by_module.get(name.lstrip("_"), [])
        if len(homes) == 1:
            symbols.append((position.get(homes[0], len(files)), name, homes[0]))
    taken = {path for path, _ in picks}
    added = 0
    for _rank, name, path in sorted(symbols):
        if added >= MAX_SYMBOL_FILES:
            break
        if path not in taken:
            reason = f"defines {name}" if path in definers.get(name, ()) else f"module named {name}"
            picks.append((path, reason))
            taken.add(path)
            added += 1
    picks.extend(_related(root, files, picks, ranking, mentions, definers, tags, references))
    return picks


def _related(
    root: Path,
    files: Sequence[str],
    picks: Sequence[tuple[str, str]],
    ranking: Ranking,
    mentions: Mentions,
    definers: Mapping[str, set[str]],
    tags: Mapping[str, FileTags],
    references: Callable[[str], Collection[str]],
) -> list[tuple[str, str]]:
    """Weaker evidence, after the strong: the code that the named files (a failing test, say)
    import, what a named function's body calls in other files, then the other files that use a
    mentioned name (a fix often follows it there)."""
    taken = {path for path, _ in picks}
    found: list[tuple[str, str]] = []
    for path, reason in list(picks):
        if reason not in ("named in issue", "requested", "in the traceback"):
            continue
        for imported in imported_files(path, read_text(root, path) or "", files):
            if imported not in taken and len(found) < MAX_RELATED_FILES:
                found.append((imported, f"imported by {path}"))
                taken.add(imported)
    for path, reason in list(picks):
        if reason.startswith("defines ") and len(found) < MAX_RELATED_FILES:
            for callee, name in _callees(root, path, reason.removeprefix("defines "), tags, definers):
                if callee not in taken and len(found) < MAX_RELATED_FILES:
                    found.append((callee, f"used by {name}"))
                    taken.add(callee)
    users: list[tuple[float, str, str]] = []
    for path in files:
        if path in taken or is_test_file(path) or language_for(path) is None:  # code only, no docs
            continue
        words = references(path)  # a set-like view: no copy per file of a large repository
        # a user of ``codec.dumps`` says ``codec`` too; a definer of its own ``dumps`` is no user
        used = sorted(
            name
            for name in ranking.code
            if name in words
            and path not in definers.get(name, ())
            and (not mentions.qualifiers.get(name) or any(q in words for q in mentions.qualifiers[name]))
        )
        if used:
            users.append((-ranking.scores.get(path, 0.0), path, used[0]))
    for _score, path, name in sorted(users)[: max(0, MAX_RELATED_FILES - len(found))]:
        found.append((path, f"uses {name}"))
    return found


def _callees(
    root: Path, path: str, name: str, tags: Mapping[str, FileTags], definers: Mapping[str, set[str]]
) -> list[tuple[str, str]]:
    """Files defining what the body of ``name`` (in ``path``) calls: a public wrapper's
    implementation often lives in a private module (``cached`` -> ``_decorators._cached_wrapper``)."""
    lines = (read_text(root, path) or "").splitlines()
    wanted = [d for d in tags[path].definitions if d.name == name]
    body = "\n".join("\n".join(lines[a - 1 : b]) for a, b in definition_spans(lines, wanted).values())
    found: list[tuple[str, str]] = []
    for word in dict.fromkeys(IDENTIFIER.findall(body)):
        homes = definers.get(word, set())
        if len(homes) == 1 and path not in homes:  # a name the file defines itself is its own
            home = next(iter(homes))
            if not is_test_file(home):
                found.append((home, name))
    return found


def _is_qualified(path: str, qualifiers: frozenset[str]) -> bool:
    pure = PurePosixPath(path)
    return any(q in pure.parts[:-1] or q == pure.stem for q in qualifiers)


def resolve_request(root: Path, files: Sequence[str], raw: str) -> str | None:
    """The repository file a model means by ``raw`` (``NEED FILE: more.py``): the path itself, else
    the one file ending in it; None for anything outside the repository, absent, ambiguous or binary."""
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
    budget: FileBudget,
    files: Sequence[str],
    picks: Sequence[tuple[str, str]],
    ranking: Ranking,
    words_of: Callable[[str], Collection[str]],
) -> list[list[ContextFile]]:
    """Groups of (file, its tests) in priority order, then the best-ranked source files that fit whole."""
    groups: list[list[ContextFile]] = []

    def add_with_tests(path: str, reason: str, *, slices: bool = True) -> None:
        group: list[ContextFile] = []
        # a large file asked for or named by path shows at least its outline
        always = reason in ("requested", "named in issue")
        if not budget.add(path, reason, group, slices=slices, always=always):
            return
        if not reason.startswith(WEAK):
            read = lambda p: read_text(budget.root, p)  # noqa: E731
            for test in find_tests(path, files, read, words_of, budget.names):
                budget.add(test, f"test of {path}", group, slices=False)
        groups.append(group)

    for path, reason in picks:
        add_with_tests(path, reason)
    if groups or not budget.names:
        return groups
    # An issue that names nothing ("Minor cleanups.") still concerns the code the repository
    # revolves around: the best-ranked source files, whole, while the budget lasts.
    ranked = [p for p in ranking.files if not is_test_file(p) and budget.tags[p].definitions]
    for place, path in enumerate(ranked[:MAX_RANKED_FILES], start=1):
        add_with_tests(path, f"ranked {place} in the repository map", slices=False)
    return groups
