"""Repo-map build time and memory on this interpreter's standard library (``Lib/``, ~2,000 files).

Each phase runs in its own process, as a real CLI run would, so imports, the OS file cache aside,
and peak memory are those of one run:

- cold: a fresh cache directory, every file parsed;
- warm: the same cache again, nothing parsed (the cache is keyed by content hash).

Goals (issue 5): cold < 30 s, warm < 2 s, peak RSS < 500 MB.

    python benchmarks/repomap.py            # cold + warm
    python benchmarks/repomap.py --pool 2   # also a cold run with a 2-process parse pool
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import sysconfig
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ISSUE = "urllib.request.urlopen ignores the `timeout` argument when a proxy is configured (urllib/request.py)"


def stdlib_dir() -> Path:
    return Path(sysconfig.get_paths()["stdlib"])


def run_phase(cache_dir: Path, workers: int, map_tokens: int) -> dict[str, object]:
    sys.path.insert(0, str(ROOT))
    from bot.context import tags
    from bot.context.files import list_source_files
    from bot.context.mentions import find_mentions
    from bot.context.repomap import RepoMap

    started = time.perf_counter()
    repo = stdlib_dir()
    files = list_source_files(repo)
    listed = time.perf_counter()
    repomap = RepoMap(repo, files, cache_dir=cache_dir, workers=workers)
    built = time.perf_counter()
    mentions = find_mentions(ISSUE, files)
    ranking = repomap.rank(paths=mentions.paths, code_names=mentions.code_identifiers, words=mentions.words)
    text = repomap.render(ranking, map_tokens)
    done = time.perf_counter()
    # ru_maxrss is in kilobytes on Linux. The parse pool's workers are children of the forkserver,
    # not of this process, so their CPU and memory are not counted here (the table marks them).
    usage = resource.getrusage(resource.RUSAGE_SELF)
    pool = resource.getrusage(resource.RUSAGE_CHILDREN)
    own, children = usage.ru_maxrss / 1024, pool.ru_maxrss / 1024
    # CPU seconds show the work done whatever else the machine runs; wall seconds include waiting.
    cpu = usage.ru_utime + usage.ru_stime + pool.ru_utime + pool.ru_stime
    return {
        "files": len(files),
        "parsed": repomap.parsed,
        "parse_count": tags.PARSE_COUNT,
        "list_s": round(listed - started, 2),
        "tags_s": round(built - listed, 2),
        "rank_render_s": round(done - built, 2),
        "total_s": round(done - started, 2),
        "cpu_s": round(cpu, 2),
        "peak_rss_mb": round(own, 1),
        "pool_peak_rss_mb": round(children, 1),
        "top_files": list(ranking.files[:3]),
        "map_lines": text.count("\n"),
    }


def spawn(cache_dir: Path, workers: int, map_tokens: int) -> dict[str, object]:
    command = [sys.executable, __file__, "--phase", str(cache_dir), "--workers", str(workers)]
    done = subprocess.run(
        [*command, "--map-tokens", str(map_tokens)], capture_output=True, text=True, check=True
    )
    result: dict[str, object] = json.loads(done.stdout)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pool", type=int, default=0, help="also time a cold run with N parse workers")
    parser.add_argument("--map-tokens", type=int, default=4096)
    parser.add_argument("--phase", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--workers", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        print(json.dumps(run_phase(args.phase, args.workers, args.map_tokens)))
        return 0

    print(f"standard library: {stdlib_dir()}  (python {sys.version.split()[0]}, {os.cpu_count()} CPUs,")
    print(f"load average {os.getloadavg()[0]:.1f} at start)")
    rows: list[tuple[str, dict[str, object]]] = []
    with tempfile.TemporaryDirectory(prefix="repomap-bench-") as temp:
        cache = Path(temp) / "cache"
        rows.append(("cold", spawn(cache, 1, args.map_tokens)))
        rows.append(("warm", spawn(cache, 1, args.map_tokens)))
        if args.pool > 1:
            rows.append(
                (f"cold, pool of {args.pool}", spawn(Path(temp) / "pool-cache", args.pool, args.map_tokens))
            )
    header = f"{'run':<18}{'files':>7}{'parsed':>8}" + "".join(
        f"{title:>9}" for title in ("list s", "tags s", "rank s", "total s", "CPU s", "RSS MB")
    )
    print(header)
    print("-" * len(header))
    for name, row in rows:
        rss = float(str(row["peak_rss_mb"])) + float(str(row["pool_peak_rss_mb"]))
        mark = "*" if "pool" in name else ""
        cpu, memory = f"{row['cpu_s']}{mark}", f"{rss:.0f}{mark}"
        print(
            f"{name:<18}{row['files']:>7}{row['parsed']:>8}{row['list_s']:>9}{row['tags_s']:>9}"
            f"{row['rank_render_s']:>9}{row['total_s']:>9}{cpu:>9}{memory:>9}"
        )
    if args.pool > 1:
        print("* this process only: the pool's workers (forkserver children) are not counted")
    cold, warm = rows[0][1], rows[1][1]
    top = ", ".join(map(str, warm["top_files"]))
    print(f"map of {args.map_tokens} tokens: {warm['map_lines']} lines; top files: {top}")
    goals = (
        ("cold < 30 s", float(str(cold["total_s"])) < 30),
        ("warm < 2 s", float(str(warm["total_s"])) < 2),
        ("peak RSS < 500 MB", max(float(str(r["peak_rss_mb"])) for _, r in rows[:2]) < 500),
    )
    print("goals (wall clock): " + ", ".join(f"{name} {'met' if ok else 'MISSED'}" for name, ok in goals))
    print(
        f"load average {os.getloadavg()[0]:.1f} at the end: wall seconds above CPU seconds were spent waiting"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
