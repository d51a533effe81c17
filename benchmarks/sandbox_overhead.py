"""Overhead of the Docker sandbox versus the local one, for `true` and for a small pytest suite.

Prints the median wall time of each adapter over several runs, the difference and the ratio.
Goal: Docker overhead under 1.5 s per run. Usage: python benchmarks/sandbox_overhead.py [RUNS]
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.ports import Sandbox
from bot.sandbox import RunRequest
from bot.sandbox.docker import DockerSandbox, connect
from bot.sandbox.image import FALLBACK_IMAGE, resolve_image
from bot.sandbox.local import LocalSandbox


def small_suite(root: Path) -> Path:
    (root / "tests").mkdir(parents=True)
    for i in range(10):
        body = "".join(
            f"def test_{i}_{j}():\n    assert sum(range({j})) == {j * (j - 1) // 2}\n" for j in range(10)
        )
        (root / "tests" / f"test_mod{i}.py").write_text(body)
    return root


def median_wall(sandbox: Sandbox, request: RunRequest, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        result = sandbox.run(request)
        times.append(time.perf_counter() - start)
        assert result.passed, result.output
    return statistics.median(times)


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    client = connect()
    image = resolve_image(client, FALLBACK_IMAGE)
    docker = DockerSandbox(image, client=client)
    local = LocalSandbox()
    with tempfile.TemporaryDirectory() as tmp:
        repo = small_suite(Path(tmp) / "repo")
        cases = {
            "true": RunRequest(repo, "true"),
            "pytest (100 tests)": RunRequest(repo, "python3 -m pytest -q -p no:cacheprovider"),
        }
        print(f"median of {runs} runs, image {image}")
        print(f"{'command':<22}{'local s':>10}{'docker s':>10}{'overhead s':>12}{'ratio':>8}")
        for label, request in cases.items():
            median_wall(docker, request, 1)  # warm the image cache
            loc = median_wall(local, request, runs)
            dock = median_wall(docker, request, runs)
            print(f"{label:<22}{loc:>10.3f}{dock:>10.3f}{dock - loc:>12.3f}{dock / loc:>8.1f}")
    print("goal: docker overhead < 1.5 s per run")


if __name__ == "__main__":
    main()
