"""From the path a model wrote to a file the engine may touch: resolved, inside the repo, allowed."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath

from rapidfuzz import fuzz, process

from bot.edits.types import EditPolicy

_MAX_INDEXED = 200_000
_SKIP_DIRS = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__", ".venv", ".tox", ".mypy_cache"})


class Refused(Exception):
    """A path the engine will not write; ``kind`` names the reason for the failure report."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass(frozen=True)
class RepoIndex:
    root: Path  # resolved
    files: tuple[str, ...]  # repo-relative POSIX paths of regular files (symlinks included), .git excluded

    @classmethod
    def build(cls, root: Path) -> RepoIndex:
        files: list[str] = []
        for here, dirs, names in os.walk(root):
            dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS)
            rel_dir = Path(here).relative_to(root).as_posix()
            for name in sorted(names):
                files.append(name if rel_dir == "." else f"{rel_dir}/{name}")
                if len(files) >= _MAX_INDEXED:
                    return cls(root, tuple(files))
        return cls(root, tuple(files))

    @property
    def file_set(self) -> frozenset[str]:
        return _as_set(self.files)  # cached: the index is immutable

    def closest(self, wanted: str, limit: int = 3) -> list[str]:
        if not self.files:
            return []
        found = process.extract(wanted, self.files, scorer=fuzz.WRatio, limit=limit, score_cutoff=50)
        return [str(match[0]) for match in found]


_SETS: dict[int, tuple[tuple[str, ...], frozenset[str]]] = {}


def _as_set(files: tuple[str, ...]) -> frozenset[str]:
    cached = _SETS.get(id(files))
    if cached is None or cached[0] is not files:
        cached = (files, frozenset(files))
        if len(_SETS) > 16:
            _SETS.clear()
        _SETS[id(files)] = cached
    return cached[1]


def clean(raw: str) -> str:
    """Undo the usual dressing: quotes, backslashes, `./`, doubled slashes."""
    p = raw.strip().strip("`'\"").strip()
    p = p.replace("\\", "/")
    p = re.sub(r"/{2,}", "/", p)
    while p.startswith("./"):
        p = p[2:]
    return p


# Code points HFS+ ignores in names: `.g\u200cit` is `.git` on a Mac, and git (core.protectHFS) refuses it.
_HFS_IGNORED = re.compile("[\u200c-\u200f\u202a-\u202e\u206a-\u206f\ufeff]")
# `.git` or its 8.3 short name, then only dots and spaces up to the end or an NTFS stream (`:`):
# the names NTFS opens as `.git`, which git refuses (core.protectNTFS).
_NTFS_DOTGIT = re.compile(r"(?:\.git|git~1)[. ]*(?::.*)?", re.IGNORECASE)


def reaches_git_dir(part: str) -> bool:
    """Whether a path component names `.git` on some file system git protects (so `git add` refuses it)."""
    return part.casefold() == ".git" or bool(
        _NTFS_DOTGIT.fullmatch(part) or _HFS_IGNORED.sub("", part).casefold() == ".git"
    )


def check_syntax(path: str) -> None:
    """Refuse paths that could leave the repository or reach its git database, or that git would refuse
    to commit (which would sink the whole run after the edits), before any lookup."""
    if not path or "\x00" in path:
        raise Refused("unsafe_path", "the path is empty or contains a NUL character")
    if path.startswith(("/", "~")) or re.match(r"^[A-Za-z]:", path):
        raise Refused("unsafe_path", f"`{path}` is absolute; give the path relative to the repository root")
    parts = path.split("/")
    if ".." in parts:
        raise Refused("unsafe_path", f"`{path}` goes up with `..`; paths must stay inside the repository")
    if "." in parts or "" in parts:  # git refuses such paths at commit time
        raise Refused("unsafe_path", f"`{path}` has an empty or `.` folder; give the plain path")
    if any(reaches_git_dir(part) for part in parts):
        raise Refused("unsafe_path", f"`{path}` names `.git/` (or a disguise of it), which is never edited")


def resolve_existing(index: RepoIndex, path: str, extra: frozenset[str] = frozenset()) -> str | None:
    """The repo file meant by ``path``: exact, relative to a subdirectory, or a unique basename."""
    known = index.file_set | extra
    if path in known:
        return path
    suffix = [f for f in known if f.endswith("/" + path)]
    if len(suffix) == 1:
        return suffix[0]
    if "/" in path:
        # `myrepo/src/app.py`: leading folders the repository does not have (its own name, say)
        parts = path.split("/")
        for k in range(1, len(parts) - 1):
            rest = "/".join(parts[k:])
            if rest in known:
                return rest
        return None
    same_name = [f for f in known if f.rsplit("/", 1)[-1] == path]
    return same_name[0] if len(same_name) == 1 else None


@lru_cache(maxsize=256)
def glob_regex(glob: str) -> re.Pattern[str]:
    out = []
    k = 0
    while k < len(glob):
        if glob.startswith("**/", k):
            out.append("(?:.*/)?")
            k += 3
        elif glob.startswith("**", k):
            out.append(".*")
            k += 2
        elif glob[k] == "*":
            out.append("[^/]*")
            k += 1
        elif glob[k] == "?":
            out.append("[^/]")
            k += 1
        else:
            out.append(re.escape(glob[k]))
            k += 1
    return re.compile("".join(out) + r"\Z", re.IGNORECASE)


def matches_any(path: str, globs: tuple[str, ...]) -> bool:
    return any(glob_regex(g).match(path) or glob_regex(g).match(path + "/") for g in globs)


def real_target(index: RepoIndex, rel: str, policy: EditPolicy) -> tuple[Path, str]:
    """The file to write for ``rel`` after following symlinks, checked against every rule of the policy.

    Returns the real path and its repo-relative form; raises :class:`Refused` otherwise.
    """
    candidate = index.root / rel
    real = Path(os.path.realpath(candidate))
    try:
        real_rel = real.relative_to(index.root).as_posix()
    except ValueError:
        raise Refused("unsafe_path", f"`{rel}` leads outside the repository (through a symlink)") from None
    for name in (rel, real_rel):
        if any(reaches_git_dir(part) for part in PurePosixPath(name).parts):
            raise Refused("unsafe_path", f"`{name}` is inside `.git/`, which is never edited")
        if not policy.allow_protected and matches_any(name, policy.protected_globs):
            raise Refused(
                "protected",
                f"`{name}` is a protected path ({', '.join(policy.protected_globs)}); "
                "this bot may not change it",
            )
        if matches_any(name, policy.readonly_globs):
            raise Refused("readonly", f"`{name}` is read-only here (e.g. a test file); change other files")
    if policy.editable is not None and rel not in policy.editable and real_rel not in policy.editable:
        allowed = ", ".join(sorted(policy.editable)) or "none"
        raise Refused("not_editable", f"`{rel}` may not be changed; only these files may: {allowed}")
    if real.is_dir():
        raise Refused("unknown_file", f"`{rel}` is a directory, not a file")
    parent = real.parent
    while not parent.exists():
        parent = parent.parent
    if not parent.is_dir():
        raise Refused(
            "unknown_file", f"`{rel}` cannot be created: `{parent.relative_to(index.root)}` is a file"
        )
    if real.exists() and not real.is_file():
        raise Refused("unsafe_path", f"`{rel}` is not a regular file")
    return real, real_rel
