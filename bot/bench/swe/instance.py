"""One SWE-bench task instance, read and written as a JSON line.

The published dataset stores ``FAIL_TO_PASS`` and ``PASS_TO_PASS`` as JSON-encoded strings; ours
writes lists. Both are read. Fields this project adds (``statement``, ``test_command``,
``setup_command``, ``image``) are optional, so a published instance runs unchanged.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from bot.errors import UsageError

REQUIRED = ("instance_id", "repo", "base_commit", "patch", "test_patch", "problem_statement")
STATEMENT_ISSUE = "issue"
STATEMENT_COMMIT = "commit-message"


@dataclass(frozen=True)
class SweInstance:
    instance_id: str
    repo: str
    base_commit: str
    patch: str
    test_patch: str
    problem_statement: str
    hints_text: str = ""
    created_at: str = ""
    version: str = ""
    environment_setup_commit: str = ""
    FAIL_TO_PASS: tuple[str, ...] = ()
    PASS_TO_PASS: tuple[str, ...] = ()
    # this project's own fields
    statement: str = STATEMENT_ISSUE  # issue | commit-message (a message often states the fix)
    test_command: str | None = None
    setup_command: str | None = None
    image: str | None = None
    extra: Mapping[str, Any] = field(default_factory=dict)  # unknown keys, written back as they came

    def to_json(self) -> str:
        data = asdict(self)
        extra = data.pop("extra")
        data["FAIL_TO_PASS"], data["PASS_TO_PASS"] = list(self.FAIL_TO_PASS), list(self.PASS_TO_PASS)
        return json.dumps({**extra, **data}, ensure_ascii=False, sort_keys=False)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], where: str = "") -> SweInstance:
        missing = [k for k in REQUIRED if not isinstance(data.get(k), str) or not data.get(k)]
        if missing:
            raise UsageError(f"{where}: a case needs {', '.join(missing)} (SWE-bench's fields)")
        known = {f for f in cls.__dataclass_fields__ if f != "extra"}
        values: dict[str, Any] = {k: v for k, v in data.items() if k in known}
        for key in ("FAIL_TO_PASS", "PASS_TO_PASS"):
            values[key] = _test_ids(data.get(key), f"{where}: {key}")
        for key in ("hints_text", "created_at", "version", "environment_setup_commit", "statement"):
            if key in values and not isinstance(values[key], str):
                values[key] = "" if values[key] is None else str(values[key])
        return cls(**values, extra={k: v for k, v in data.items() if k not in known})


def _test_ids(value: Any, where: str) -> tuple[str, ...]:
    if value is None or value == "":
        return ()
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError as err:
            raise UsageError(f"{where} is a string but not a JSON list: {err}") from err
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UsageError(f"{where} must be a list of test ids")
    return tuple(value)


def read_instances(path: Path) -> Iterator[SweInstance]:
    """Each line of a JSONL file (or the items of a JSON list) as an instance; blank lines skipped."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise UsageError(f"cannot read the cases file {path}: {err.strerror}") from err
    if text.lstrip().startswith("["):
        items = json.loads(text)
        for n, item in enumerate(items, 1):
            yield SweInstance.from_mapping(item, f"{path} item {n}")
        return
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as err:
            raise UsageError(f"{path} line {n} is not JSON: {err.msg}") from err
        if not isinstance(data, dict):
            raise UsageError(f"{path} line {n} is not a JSON object")
        yield SweInstance.from_mapping(data, f"{path} line {n}")


def append_line(path: Path, line: str) -> None:
    """Appends one line and syncs it, so a killed run keeps every case it finished."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as fh:
        fh.write(line.rstrip("\n") + "\n")
        fh.flush()
        os.fsync(fh.fileno())
