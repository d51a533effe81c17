"""On-disk cache of file tags, keyed by the sha256 of each file's content.

Entries are kept in one pack per repository (``<cache>/v<N>/<sha256 of repo path>.marshal``):
loading 2,000 entries from one file takes a tenth of a second, from 2,000 small JSON files it took
two. ``marshal`` stores only plain data (never runs code) and its format is tied to the Python
version, which is therefore part of the header. A pack that is unreadable, of another version, or
malformed is ignored: the run is merely cold. Writes go to a temp file renamed into place, so an
interrupted or concurrent run never leaves a half pack behind. Entries not used by a run are
dropped when the pack is rewritten, so it does not grow without bound.
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import sys
import tempfile
from array import array
from collections.abc import Iterator, KeysView, Mapping
from pathlib import Path
from typing import Any

from bot.context.tags import Definition, FileTags

log = logging.getLogger(__name__)

# Bump whenever tags.py extracts differently (signatures, kinds), or cached maps would go stale.
CACHE_VERSION = 5
_HEADER = f"architect-bot repomap v{CACHE_VERSION} py{sys.version_info[0]}.{sys.version_info[1]}"


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "architect-bot" / "repomap"


def content_key(path_suffix: str, extractor: str, content: bytes) -> str:
    """Same content, same language and same extractor give the same key, wherever the file lives."""
    digest = hashlib.sha256(content)
    digest.update(f"\0{CACHE_VERSION}\0{extractor}\0{path_suffix}".encode())
    return digest.hexdigest()


class TagCache:
    """File tags by content key, plus a few derived values (``extras``) keyed by a digest of the
    whole file set, such as the reference graph, which a warm run then need not rebuild."""

    def __init__(self, cache_dir: Path | None, repo: Path) -> None:
        repo_id = hashlib.sha256(str(repo).encode("utf-8", "surrogateescape")).hexdigest()[:32]
        self.path = (cache_dir or default_cache_dir()) / f"v{CACHE_VERSION}" / f"{repo_id}.marshal"
        self.hits = 0
        self.misses = 0
        self._stored, self._stored_extras = self._load()
        self._used: dict[str, Any] = {}
        self._extras: dict[str, tuple[str, Any]] = {}
        self._dirty = False

    def get(self, key: str) -> FileTags | None:
        raw = self._stored.get(key)
        if raw is not None:
            try:
                tags = _decode(raw)
            except (ValueError, TypeError, IndexError) as err:
                log.debug("ignoring malformed repo-map cache entry %s: %s", key, err)
            else:
                self.hits += 1
                self._used[key] = raw
                return tags
        self.misses += 1
        return None

    def put(self, key: str, tags: FileTags) -> None:
        self._used[key] = _encode(tags)
        self._dirty = True

    def get_extra(self, name: str, digest: str) -> Any | None:
        stored = self._stored_extras.get(name)
        if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == digest:
            self._extras[name] = stored
            return stored[1]
        return None

    def put_extra(self, name: str, digest: str, value: Any) -> None:
        self._extras[name] = (digest, value)
        self._dirty = True

    def save(self) -> None:
        """Write the pack when something new was computed or some stored entry went unused."""
        if not self._dirty and len(self._used) == len(self._stored):
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            handle, temp = tempfile.mkstemp(dir=self.path.parent, suffix=".tmp")
            with os.fdopen(handle, "wb") as out:
                marshal.dump((_HEADER, self._used, self._extras), out)
            os.replace(temp, self.path)
            self._stored, self._stored_extras, self._dirty = dict(self._used), dict(self._extras), False
        except (OSError, ValueError) as err:  # a read-only or full disk costs speed, not correctness
            log.debug("could not write the repo-map cache %s: %s", self.path, err)

    def _load(self) -> tuple[dict[str, Any], dict[str, Any]]:
        try:
            with self.path.open("rb") as handle:
                header, entries, extras = marshal.load(handle)
        except FileNotFoundError:
            return {}, {}
        except (OSError, EOFError, ValueError, TypeError) as err:
            log.debug("ignoring corrupted repo-map cache %s: %s", self.path, err)
            return {}, {}
        if header != _HEADER or not isinstance(entries, dict) or not isinstance(extras, dict):
            log.debug("ignoring repo-map cache %s: written by another version", self.path)
            return {}, {}
        return entries, extras


def _encode(tags: FileTags) -> tuple[Any, ...]:
    """Columns instead of rows: a few long strings and int arrays load ten times faster than
    ~1,000 small objects per file (marshal took two seconds on the standard library's entries)."""
    defs = tags.definitions
    return (
        tags.language,
        tags.parser,
        "\n".join(d.name for d in defs),
        "\n".join(d.kind for d in defs),
        "\n".join(d.signature for d in defs),
        array("I", (d.line for d in defs)).tobytes(),
        array("I", (d.depth for d in defs)).tobytes(),
        " ".join(tags.references),
        array("I", tags.references.values()).tobytes(),
    )


def _decode(raw: Any) -> FileTags:
    language, parser, names, kinds, signatures, lines, depths, ref_names, ref_counts = raw
    if language is not None and not isinstance(language, str):
        raise TypeError("language is not a string")
    definitions: tuple[Definition, ...] = ()
    if names:
        columns = (names.split("\n"), kinds.split("\n"), _ints(lines), signatures.split("\n"), _ints(depths))
        if len({len(column) for column in columns}) != 1:
            raise ValueError("definition columns differ in length")
        definitions = tuple(map(Definition._make, zip(*columns, strict=True)))
    if not isinstance(ref_names, str) or not isinstance(ref_counts, bytes) or len(ref_counts) % 4:
        raise TypeError("references are not shaped like names and counts")
    references = PackedCounts(ref_names, ref_counts)
    return FileTags(language=language, parser=str(parser), definitions=definitions, references=references)


class PackedCounts(Mapping[str, int]):
    """Reference counts kept packed until first read: a warm run whose reference graph is cached
    never reads them, and unpacking 700,000 of them was a third of its time."""

    __slots__ = ("_counts", "_names", "_unpacked")

    def __init__(self, names: str, counts: bytes) -> None:
        self._names = names
        self._counts = counts
        self._unpacked: dict[str, int] | None = None

    def _dict(self) -> dict[str, int]:
        if self._unpacked is None:
            names = self._names.split(" ") if self._names else []
            counts = _ints(self._counts)
            # A damaged entry degrades to no references rather than failing a run half-way.
            self._unpacked = dict(zip(names, counts, strict=True)) if len(names) == len(counts) else {}
        return self._unpacked

    def __getitem__(self, name: str) -> int:
        return self._dict()[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._dict())

    def __len__(self) -> int:
        return len(self._dict())

    def keys(self) -> KeysView[str]:
        return self._dict().keys()

    def __repr__(self) -> str:
        return f"PackedCounts({self._dict()!r})"


def _ints(raw: bytes) -> array[int]:
    values = array("I")
    values.frombytes(raw)
    return values
