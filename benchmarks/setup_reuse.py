"""What running the setup once saves: a run's three test runs (baseline and two tries) with the setup
inside each run (as before #17 item 5) against one setup whose state the three runs start from.

The project is a small real-shaped package installed editable, offline (`pip install
--no-build-isolation --no-deps -e .`), so the figure is the sandbox's own cost plus the install; a
setup that downloads dependencies saves that download on every run as well. The local sandbox
needs setuptools and wheel in the `python3` on PATH (its venv sees the user's packages).
Usage: python benchmarks/setup_reuse.py [--sandbox docker|local] [--runs 3] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.ports import SetupSandbox
from bot.sandbox import Limits, RunRequest, make_sandbox
from tests.pipeline.helpers import CALC_PYPROJECT, EDITABLE_INSTALL

TEST = "import importlib.metadata\n\nfrom calc import add\n\n\ndef test_add():\n    assert add(2, 3) == 5\n"
# the test imports the installed package's metadata: it passes only where the setup's state is
TEST += "\n\ndef test_installed():\n    assert importlib.metadata.version('calcpkg')\n"
COMMAND = "python3 -m pytest -q -p no:cacheprovider"


def project(root: Path) -> Path:
    root.mkdir(parents=True)
    (root / "calc.py").write_text("def add(a, b):\n    return a + b\n")
    (root / "pyproject.toml").write_text(CALC_PYPROJECT)
    (root / "test_calc.py").write_text(TEST)
    return root


def each_run(sandbox: SetupSandbox, request: RunRequest, runs: int) -> float:
    start = time.perf_counter()
    for _ in range(runs):
        result = sandbox.run(request)
        assert result.passed, result.output
    return time.perf_counter() - start


def once(sandbox: SetupSandbox, request: RunRequest, runs: int) -> float:
    start = time.perf_counter()
    state = sandbox.prepare(request)
    try:
        assert state.run.passed, state.run.output
        for _ in range(runs):
            result = sandbox.run(replace(request, prepared=state))
            assert result.passed, result.output
    finally:
        sandbox.release(state)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sandbox", default="docker", choices=["docker", "local"])
    parser.add_argument("--runs", type=int, default=3, help="test runs in one pipeline run")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sandbox = make_sandbox(args.sandbox)
    assert isinstance(sandbox, SetupSandbox)
    with tempfile.TemporaryDirectory(prefix="setup-reuse-") as scratch:
        request = RunRequest(
            project(Path(scratch) / "p"), COMMAND, Limits(setup_network=False), EDITABLE_INSTALL
        )
        each_run(sandbox, request, 1)  # warm: the image is resolved, page cache filled
        before = [each_run(sandbox, request, args.runs) for _ in range(args.repeat)]
        after = [once(sandbox, request, args.runs) for _ in range(args.repeat)]
    print(f"sandbox {args.sandbox}, {args.runs} test runs (baseline + tries), median of {args.repeat}:")
    print(f"  setup in every run : {statistics.median(before):6.2f} s")
    print(f"  setup once, reused : {statistics.median(after):6.2f} s")


if __name__ == "__main__":
    main()
