"""The baseline cache on disk: one JSON file per key, so re-runs, `/architect retry` and `revise`
on the same base commit do not run the tests at the base again.

An entry is trusted only for what it records, and only when it records exactly the key asked for:
a corrupt, truncated or foreign file (another version, another command) is ignored and replaced.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

from bot.baseline.types import Baseline, BaselineKey
from bot.testresults.types import TestOutcome, TestResult, TestResults

log = logging.getLogger(__name__)


class BaselineCache:
    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: BaselineKey) -> Path:
        digest = hashlib.sha256(json.dumps(key.as_json(), sort_keys=True).encode()).hexdigest()
        return self.root / "baseline" / f"{digest[:32]}.json"

    def load(self, key: BaselineKey) -> Baseline | None:
        path = self._path(key)
        try:
            data = json.loads(path.read_text())
            if data["key"] != key.as_json():
                log.info("baseline cache entry %s is for another key: ignored", path.name)
                return None
            return _baseline(data["value"])
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as err:
            log.info("baseline cache entry %s is unreadable (%s): ignored", path.name, err)
            return None

    def test_seconds_at(self, base_commit: str) -> float | None:
        """How long the tests took at ``base_commit`` in the newest entry for it (any command or
        sandbox): a measured figure for a quote before a run; None when none ran there yet."""
        newest: tuple[float, float] | None = None
        for path in (self.root / "baseline").glob("*.json"):
            try:
                data = json.loads(path.read_text())
                if data["key"]["base_commit"] != base_commit:
                    continue
                seconds, at = float(data["value"]["duration_s"]), path.stat().st_mtime
            except (OSError, ValueError, KeyError, TypeError):
                continue
            if newest is None or at > newest[1]:
                newest = (seconds, at)
        return newest[0] if newest else None

    def store(self, key: BaselineKey, baseline: Baseline) -> None:
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            text = json.dumps({"key": key.as_json(), "value": _record(baseline)})
            # write then rename: a reader never sees half an entry
            fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
            with os.fdopen(fd, "w") as f:
                f.write(text)
            os.replace(tmp, path)
        except OSError as err:  # a cache that cannot be written costs time, never the run
            log.warning("could not write the baseline cache %s: %s", path, err)


def _record(b: Baseline) -> dict[str, Any]:
    return {
        "passed": b.passed,
        "exit_code": b.exit_code,
        "duration_s": b.duration_s,
        "output_tail": b.output_tail,
        "results": b.results.to_dict() if b.results is not None else None,
    }


def _baseline(v: dict[str, Any]) -> Baseline:
    results = None
    if v["results"] is not None:
        r = v["results"]
        tests = tuple(
            TestResult(_str(t["id"]), TestOutcome(t["outcome"]), _str(t["message"]), _file(t["file"]))
            for t in r["tests"]
        )
        results = TestResults(_str(r["runner"]), tests, complete=_bool(r["complete"]))
    exit_code = v["exit_code"]
    if exit_code is not None and not isinstance(exit_code, int):
        raise TypeError("exit_code")
    return Baseline(
        passed=_bool(v["passed"]),
        exit_code=exit_code,
        duration_s=float(v["duration_s"]),
        output_tail=_str(v["output_tail"]),
        results=results,
    )


def _file(x: object) -> str | None:
    return None if x is None else _str(x)


def _str(x: object) -> str:
    if not isinstance(x, str):
        raise TypeError(f"expected text, got {type(x).__name__}")
    return x


def _bool(x: object) -> bool:
    if not isinstance(x, bool):
        raise TypeError(f"expected true/false, got {type(x).__name__}")
    return x
