"""Parsing many files: in this process, or in a process pool when asked and worth it."""

from __future__ import annotations

import logging
import multiprocessing
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from bot.context import tags as tags_module
from bot.context.tags import FileTags, extract_tags

log = logging.getLogger(__name__)

# Below this many files to parse, starting worker processes costs more than it saves.
POOL_THRESHOLD = 200


def parse_all(
    jobs: Sequence[tuple[str, str, str]], use_tree_sitter: bool, workers: int | None
) -> tuple[list[FileTags], bool]:
    """Parse (path, key, text) jobs, in a process pool of ``workers`` when there are many;
    answers the tags and whether the pool did the work.

    Serial by default: on the standard library (2,268 files, 2 shared cores) two workers were
    no faster than one (see benchmarks/repomap.py --pool), and a pool costs memory and start-up.
    """
    count = workers or 1
    if count <= 1 or len(jobs) < POOL_THRESHOLD:
        return [extract_tags(path, text, use_tree_sitter=use_tree_sitter) for path, _key, text in jobs], False
    chunk = max(1, len(jobs) // (count * 8))
    # forkserver, not fork: the caller may run threads (a live progress display), and forking a
    # threaded process can deadlock; unlike spawn, workers start from one clean, small server.
    context = multiprocessing.get_context("forkserver")
    try:
        with ProcessPoolExecutor(max_workers=count, mp_context=context) as pool:
            jobs_only = [(path, text, use_tree_sitter) for path, _key, text in jobs]
            results = list(pool.map(_parse_job, jobs_only, chunksize=chunk))
    except (BrokenProcessPool, OSError, RuntimeError) as err:
        # Workers re-import the main module; from an interactive or stdin script they cannot.
        log.debug("parse pool failed (%s); parsing in this process", err)
        return [extract_tags(path, text, use_tree_sitter=use_tree_sitter) for path, _key, text in jobs], False
    tags_module.PARSE_COUNT += len(results)  # counted in the workers, which are gone now
    return results, True


def _parse_job(job: tuple[str, str, bool]) -> FileTags:
    path, text, use_tree_sitter = job
    return extract_tags(path, text, use_tree_sitter=use_tree_sitter)
