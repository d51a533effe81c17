"""What an issue mentions: repository paths and identifiers.

Identifiers that look like code (in backticks, called, dotted, snake_case or camelCase) are told
apart from plain words, because only code-like names should pull whole files into the prompt;
plain words still nudge the ranking a little.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

_PATH_TOKEN = re.compile(r"[\w./\\-]+")
_BACKTICKED = re.compile(r"`([^`\n]{1,200})`")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_CALLED = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)\s*\(")
_DOTTED = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)+")
_CAMEL = re.compile(r"^[A-Za-z][a-z0-9]+[A-Z]|^[A-Z]{2,}[a-z]")
# ``@cachedmethod``: a decorator, written as it is applied
_DECORATOR = re.compile(r"(?<![\w.])@([A-Za-z_][A-Za-z0-9_]*)")
# Traceback frames: Python's ``File "pkg/mod.py", line 12`` and pytest's ``pkg/mod.py:12:``
_FRAME = re.compile(r"""File "([^"\n]+)", line (\d+)|^\s*([\w./\\-]+\.\w+):(\d+):""", re.M)
MIN_IDENTIFIER = 3
_CODE_SUFFIXES = "py pyi js mjs cjs jsx ts tsx go rs java kt c h cc cpp hpp rb php cs"
_TEXT_SUFFIXES = "md rst txt json yaml yml toml cfg ini html css sh lock"
_FILE_SUFFIXES = frozenset(_CODE_SUFFIXES.split() + _TEXT_SUFFIXES.split())


@dataclass(frozen=True)
class Mentions:
    paths: frozenset[str]  # repo files the issue names (exact path, unique suffix or unique basename)
    code_identifiers: frozenset[str]  # names that look like code
    words: frozenset[str]  # every identifier-shaped word, code-like or not
    # name -> the lower-case qualifiers written before it (``json.dumps``: dumps -> {json}),
    # which tell the ``dumps`` of the json package from pickle's
    qualifiers: dict[str, frozenset[str]] = field(default_factory=dict)
    # repo file -> the line numbers a traceback in the issue points at
    lines: dict[str, frozenset[int]] = field(default_factory=dict)


def find_mentions(issue_text: str, files: Sequence[str]) -> Mentions:
    qualifiers = _qualifiers(issue_text)
    return Mentions(
        paths=frozenset(_mentioned_paths(issue_text, files)),
        code_identifiers=frozenset(_code_identifiers(issue_text, qualifiers)),
        words=frozenset(w for w in _WORD.findall(issue_text) if len(w) >= MIN_IDENTIFIER),
        qualifiers={name: frozenset(found) for name, found in qualifiers.items()},
        lines=_traceback_lines(issue_text, files),
    )


def _qualifiers(text: str) -> dict[str, set[str]]:
    """For ``a.b.c``: c -> {a, b}. Only lower-case qualifiers: ``Cart.total`` names a class."""
    found: dict[str, set[str]] = {}
    for dotted in _DOTTED.findall(text):
        *heads, name = dotted.split(".")
        if name.lower() not in _FILE_SUFFIXES:  # ``encoder.py`` is a file name, not a qualified name
            found.setdefault(name, set()).update(head for head in heads if head[:1].islower())
    return {name: heads for name, heads in found.items() if heads}


def _code_identifiers(text: str, qualifiers: dict[str, set[str]]) -> set[str]:
    found: set[str] = set()
    for span in _BACKTICKED.findall(text):
        found.update(_WORD.findall(span))
    found.update(_CALLED.findall(text))
    for dotted in _DOTTED.findall(text):
        *heads, name = dotted.split(".")
        found.add(name)
        found.update(head for head in heads if head[:1].isupper())
    found.update(_DECORATOR.findall(text))
    for word in _WORD.findall(text):
        # a private ``_DescriptorBase`` is as much code as a public ``descriptor_base``
        private = word[0] == "_" and word[1:2].isalpha()
        if "_" in word.strip("_") or _CAMEL.match(word.lstrip("_")) or private:
            found.add(word)
    # A module or variable written only as a qualifier (``json`` in ``json.dumps``) is not itself
    # the code in question; left in, it pulls in whatever else happens to define that name.
    used_as_qualifier = set().union(*qualifiers.values()) if qualifiers else set()
    return {word for word in found - used_as_qualifier if len(word) >= MIN_IDENTIFIER}


def _mentioned_paths(text: str, files: Sequence[str]) -> set[str]:
    # one dict lookup per token keeps a 1 MB issue against a 10,000-file repo fast
    by_suffix = _by_suffix(files)
    exact = set(files)
    found: set[str] = set()
    for raw in set(_PATH_TOKEN.findall(text)):
        token = raw.replace("\\", "/").strip("./-")
        if not token:
            continue
        if token in exact:
            found.add(token)
            continue
        hits = by_suffix.get(token, [])
        if len(hits) == 1 and ("/" in token or "." in token):
            found.add(hits[0])
            continue
        if "/" in token or "." not in token:
            continue
        # a dotted module name such as ``pkg.sub.mod`` names ``pkg/sub/mod.py``
        module = token.replace(".", "/")
        module_hits = by_suffix.get(f"{module}.py", []) + by_suffix.get(f"{module}/__init__.py", [])
        if len(module_hits) == 1:
            found.add(module_hits[0])
    return found


def _traceback_lines(text: str, files: Sequence[str]) -> dict[str, frozenset[int]]:
    """Repo files a traceback's frames name (by their longest matching suffix) and the lines."""
    by_suffix = _by_suffix(files)
    found: dict[str, set[int]] = {}
    for match in _FRAME.finditer(text):
        raw = (match.group(1) or match.group(3)).replace("\\", "/")
        line = int(match.group(2) or match.group(4))
        parts = [p for p in raw.split("/") if p not in ("", ".")]
        for index in range(len(parts)):
            hits = by_suffix.get("/".join(parts[index:]), [])
            if len(hits) == 1:
                found.setdefault(hits[0], set()).add(line)
                break
            if hits:  # the suffix is shared: a longer one was needed and did not match
                break
    return {path: frozenset(lines) for path, lines in found.items()}


def _by_suffix(files: Sequence[str]) -> dict[str, list[str]]:
    """Every trailing run of path components (``c.py``, ``b/c.py``, ``a/b/c.py``) -> the files ending so."""
    by_suffix: dict[str, list[str]] = {}
    for path in files:
        parts = path.split("/")
        for index in range(len(parts)):
            by_suffix.setdefault("/".join(parts[index:]), []).append(path)
    return by_suffix
