"""The reference graph of a repository: which file uses names which other file defines.

One edge per (user file, defining file, name), as numpy columns, so a ranking only re-weights it;
stored in the repo-map cache so a warm run does not rebuild it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from bot.context.pagerank import FloatArray, IntArray
from bot.context.tags import FileTags

log = logging.getLogger(__name__)

# A name defined in more files than this says nothing about which one is meant (``get``, ``run``).
MAX_DEFINERS = 20


@dataclass(frozen=True)
class Edges:
    sources: IntArray
    targets: IntArray
    name_ids: IntArray
    base: FloatArray  # sqrt(uses) / number of files defining the name
    names: tuple[str, ...]
    users: dict[str, int]  # how many files use each defined name


def build_edges(
    files: Sequence[str], tags_by_file: Mapping[str, FileTags], definers: Mapping[str, set[str]]
) -> Edges:
    """Every (user file, defining file, name) triple.

    A name defined in more than MAX_DEFINERS files tells nothing about which file is meant, and
    would add millions of edges on a large tree: it is left out. The expansion from (file, name)
    uses to one edge per defining file is done with numpy.
    """
    names = tuple(sorted(definers))
    name_index = {name: i for i, name in enumerate(names)}
    file_index = {path: i for i, path in enumerate(files)}
    definer_lists = [[file_index[p] for p in definers[name]] for name in names]
    counts = np.array([len(d) for d in definer_lists], dtype=np.int64)
    starts = np.concatenate(([0], np.cumsum(counts)[:-1])) if len(names) else np.zeros(0, np.int64)
    flat = np.array([i for d in definer_lists for i in d], dtype=np.int64)
    use_file: list[int] = []
    use_name: list[int] = []
    use_count: list[int] = []
    for path, tags in tags_by_file.items():
        used = list(tags.references.keys() & definers.keys())
        use_file.extend([file_index[path]] * len(used))
        use_name.extend(map(name_index.__getitem__, used))
        use_count.extend(map(tags.references.__getitem__, used))
    uses_name = np.array(use_name, dtype=np.int64)
    users = np.bincount(uses_name, minlength=len(names))
    fan = counts[uses_name] if len(uses_name) else np.zeros(0, np.int64)
    fan = np.where(fan > MAX_DEFINERS, 0, fan)
    total = int(fan.sum())
    offsets = np.arange(total) - np.repeat(np.cumsum(fan) - fan, fan)
    targets = flat[np.repeat(starts[uses_name] if len(uses_name) else fan, fan) + offsets]
    sources = np.repeat(np.array(use_file, dtype=np.int64), fan)
    name_ids = np.repeat(uses_name, fan)
    base = np.repeat(np.sqrt(np.array(use_count, dtype=np.float64)) / np.maximum(fan, 1), fan)
    not_self = sources != targets
    return Edges(
        sources=sources[not_self],
        targets=targets[not_self],
        name_ids=name_ids[not_self],
        base=base[not_self],
        names=names,
        users=dict(zip(names, users.tolist(), strict=True)),
    )


def encode_edges(edges: Edges) -> tuple[Any, ...]:
    return (
        edges.sources.astype(np.int32).tobytes(),
        edges.targets.astype(np.int32).tobytes(),
        edges.name_ids.astype(np.int32).tobytes(),
        edges.base.tobytes(),
        "\n".join(edges.names),
        np.array([edges.users[name] for name in edges.names], dtype=np.int32).tobytes(),
    )


def decode_edges(raw: Any) -> Edges | None:
    """The graph stored by a previous run on the same files, or None when absent or malformed."""
    if raw is None:
        return None
    try:
        sources, targets, name_ids, base, names_text, users = raw
        names = tuple(names_text.split("\n")) if names_text else ()
        ints = [
            np.frombuffer(b, dtype=np.int32).astype(np.int64) for b in (sources, targets, name_ids, users)
        ]
        weights = np.frombuffer(base, dtype=np.float64)
        if not len(ints[0]) == len(ints[1]) == len(ints[2]) == len(weights) or len(ints[3]) != len(names):
            raise ValueError("edge columns differ in length")
        return Edges(
            ints[0], ints[1], ints[2], weights, names, dict(zip(names, ints[3].tolist(), strict=True))
        )
    except (ValueError, TypeError, AttributeError) as err:
        log.debug("ignoring cached reference graph: %s", err)
        return None
