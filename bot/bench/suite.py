"""Loading an exercise suite laid out like the public polyglot benchmark.

Layout: ``<root>/<lang>/exercises/practice/<name>/`` holding ``.docs/instructions.md``
(optionally ``introduction.md`` and ``instructions.append.md`` beside it), ``.meta/config.json``
(``files.solution``, ``files.test``, ``files.example``), the stub solution and the tests.
A malformed exercise never stops the run: it is listed in ``SuiteListing.skipped`` with a reason.
"""

from __future__ import annotations

import fnmatch
import json
import re
import shutil
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from bot.errors import UsageError

META_DIR = ".meta"
DOCS_DIR = ".docs"
# Read in this order and joined: the public layout splits a task over these three files.
INSTRUCTION_PARTS = ("introduction.md", "instructions.md", "instructions.append.md")
# Never part of a workspace: byproducts of earlier runs, not of the exercise.
_JUNK = ("__pycache__", ".pytest_cache", "*.pyc", ".mypy_cache", "node_modules", "target", "build")


@dataclass(frozen=True)
class Exercise:
    """One exercise. File lists are POSIX paths relative to ``path``, as in ``.meta/config.json``."""

    lang: str
    name: str
    path: Path
    instructions: str
    solution_files: tuple[str, ...]
    test_files: tuple[str, ...]
    example_files: tuple[str, ...]

    @property
    def key(self) -> str:
        """``<lang>/<name>``: unique within a suite, stable across runs (result folders, shards)."""
        return f"{self.lang}/{self.name}"

    def workspace(self, dest: Path) -> Path:
        """Copy everything but ``.meta/`` into ``dest`` (tests included, so they can run there).

        ``dest`` must not exist yet or be an empty directory; returns ``dest``.
        """
        if dest.exists() and any(dest.iterdir()):
            raise UsageError(f"workspace {dest} is not empty: pass a fresh directory")
        ignore = shutil.ignore_patterns(*_JUNK)

        def skip(directory: str, names: list[str]) -> set[str]:
            hidden = set(ignore(directory, names))
            if Path(directory) == self.path:
                hidden.add(META_DIR)
            return hidden

        shutil.copytree(self.path, dest, ignore=skip, dirs_exist_ok=True)
        return dest

    def visible_files(self, *, show_tests: bool = False) -> tuple[str, ...]:
        """The files the model may see and (for solution files only) edit."""
        return self.solution_files + (self.test_files if show_tests else ())

    def reference_solution(self) -> dict[str, str]:
        """Solution path -> text of the matching example file (what a perfect answer writes).

        A single example fills a single solution file; otherwise files pair up by name.
        """
        examples = {PurePosixPath(e).name: e for e in self.example_files}
        if len(self.solution_files) == 1 and len(self.example_files) == 1:
            pairs = {self.solution_files[0]: self.example_files[0]}
        else:
            pairs = {
                s: examples[PurePosixPath(s).name]
                for s in self.solution_files
                if PurePosixPath(s).name in examples
            }
        return {sol: (self.path / ex).read_text(encoding="utf-8") for sol, ex in pairs.items()}


@dataclass(frozen=True)
class Skipped:
    """An exercise that could not be loaded, and why (a sentence a suite author can act on)."""

    path: Path
    reason: str


@dataclass(frozen=True)
class SuiteListing:
    exercises: tuple[Exercise, ...]
    skipped: tuple[Skipped, ...]


class _Invalid(Exception):
    """Internal: one exercise is malformed; the message becomes its skip reason."""


def load_suite(root: Path, lang: str | None = None, pattern: str | None = None) -> SuiteListing:
    """Every exercise under ``root``, sorted by ``lang/name``.

    ``lang`` keeps one language; ``pattern`` is a shell glob (or several, comma-separated) matched
    against the exercise name or ``lang/name``.
    """
    if not root.is_dir():
        raise UsageError(f"suite folder {root} does not exist: pass --suite DIR pointing at a suite checkout")
    patterns = [p.strip() for p in (pattern or "").split(",") if p.strip()]
    exercises: list[Exercise] = []
    skipped: list[Skipped] = []
    for lang_dir in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        if lang is not None and lang_dir.name != lang:
            continue
        practice = lang_dir / "exercises" / "practice"
        if not practice.is_dir():
            continue
        for ex_dir in sorted(p for p in practice.iterdir() if p.is_dir()):
            if patterns and not _matches(f"{lang_dir.name}/{ex_dir.name}", ex_dir.name, patterns):
                continue
            try:
                exercises.append(_load_exercise(lang_dir.name, ex_dir))
            except _Invalid as err:
                skipped.append(Skipped(ex_dir, str(err)))
    return SuiteListing(tuple(exercises), tuple(skipped))


def _matches(key: str, name: str, patterns: Iterable[str]) -> bool:
    return any(fnmatch.fnmatchcase(name, p) or fnmatch.fnmatchcase(key, p) for p in patterns)


def _load_exercise(lang: str, ex_dir: Path) -> Exercise:
    config_path = ex_dir / META_DIR / "config.json"
    if not config_path.is_file():
        raise _Invalid("missing .meta/config.json")
    try:
        config = json.loads(config_path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise _Invalid(f".meta/config.json is not valid JSON: {err}") from None
    files = config.get("files") if isinstance(config, dict) else None
    if not isinstance(files, dict):
        raise _Invalid(".meta/config.json has no 'files' object")
    solution = _file_list(ex_dir, files, "solution")
    tests = _file_list(ex_dir, files, "test")
    example = _file_list(ex_dir, files, "example")
    return Exercise(
        lang=lang,
        name=ex_dir.name,
        path=ex_dir,
        instructions=_instructions(ex_dir),
        solution_files=solution,
        test_files=tests,
        example_files=example,
    )


def _file_list(ex_dir: Path, files: dict[str, Any], kind: str) -> tuple[str, ...]:
    entries = files.get(kind)
    if not isinstance(entries, list) or not entries or not all(isinstance(e, str) for e in entries):
        raise _Invalid(f".meta/config.json 'files.{kind}' must be a non-empty list of paths")
    out: list[str] = []
    for entry in entries:
        rel = PurePosixPath(entry)
        if rel.is_absolute() or ".." in rel.parts:
            raise _Invalid(f"files.{kind} entry {entry!r} leaves the exercise folder")
        if not (ex_dir / rel).is_file():
            raise _Invalid(f"files.{kind} lists {entry}, which does not exist")
        out.append(rel.as_posix())
    return tuple(out)


def _instructions(ex_dir: Path) -> str:
    docs = ex_dir / DOCS_DIR
    if not (docs / "instructions.md").is_file():
        raise _Invalid("missing .docs/instructions.md")
    parts = [
        (docs / n).read_text(encoding="utf-8").strip() for n in INSTRUCTION_PARTS if (docs / n).is_file()
    ]
    return "\n\n".join(p for p in parts if p) + "\n"


_SHARD = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")


def parse_shard(text: str) -> tuple[int, int]:
    """``"2/4"`` -> ``(2, 4)``: the second of four shards, 1-based."""
    match = _SHARD.match(text)
    if not match:
        raise UsageError(f"--shard {text!r} is not I/N: write e.g. --shard 2/4 (the 2nd of 4 shards)")
    index, total = int(match.group(1)), int(match.group(2))
    if total < 1 or not 1 <= index <= total:
        raise UsageError(f"--shard {text!r} is out of range: I must be between 1 and N, and N at least 1")
    return index, total


def shard(exercises: Sequence[Exercise], index: int, total: int) -> tuple[Exercise, ...]:
    """The ``index``-th (1-based) of ``total`` deterministic slices, dealt round-robin by key."""
    if total < 1 or not 1 <= index <= total:
        raise UsageError(f"shard {index}/{total} is out of range: I must be between 1 and N")
    ordered = sorted(exercises, key=lambda e: e.key)
    return tuple(ordered[index - 1 :: total])
