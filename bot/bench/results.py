"""One benchmark case's record, written when the case ends, and the loader that reads them back.

Layout: ``<out>/<pair-slug>/<lang>/<exercise>/result.json`` (``<lang>/<exercise>`` is the suite's
exercise key, so the same exercise name in two languages never collides). Loading scans folders
recursively, so shard artifacts downloaded into one folder merge as they are.

Reading is forgiving because a run may be killed mid-write or come from another bot version:
unknown keys are ignored, missing keys take their defaults, and a file that cannot be read is
skipped with a warning; it never stops a report.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import re
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.errors import UsageError
from bot.models.types import GuardKind

log = logging.getLogger(__name__)

RESULT_FILE = "result.json"

# Statuses the metrics treat specially; any other string (e.g. the pipeline's Status values
# "fixed", "tests-failing", "edit-failed", "guard-stopped") is kept as is for the reader.
SKIPPED = "skipped"  # the language's toolchain is missing: not a test case at all
ERROR = "error"  # the harness or a model failed on this case: counted as a failed test case
FIXED = "fixed"
TESTS_FAILING = "tests-failing"

GUARD_KINDS = tuple(kind.value for kind in GuardKind)


class ResultFormatError(ValueError):
    """A result.json that cannot be turned into a CaseResult (internal: the loader skips it)."""


@dataclass(frozen=True)
class CaseResult:
    """What one pair did on one exercise, summed over its tries.

    ``tests_outcomes[i]`` is whether the tests passed after try ``i + 1``; a case stops at its
    first pass, so ``[False, True]`` means "fixed on try 2". Counters are totals over all tries
    and both models. ``cost`` is None when a model has no known price. ``date`` is ISO 8601
    (UTC) of when the case ended; it decides which record wins when a case appears twice.
    """

    pair: str
    lang: str
    exercise: str
    model: str = ""
    editor_model: str | None = None
    edit_format: str | None = None
    editor_edit_format: str | None = None
    reasoning_effort: str | None = None
    thinking_tokens: int | None = None
    tests_outcomes: Sequence[bool] = ()
    status: str = TESTS_FAILING
    error: str | None = None
    num_malformed_responses: int = 0
    syntax_errors: int = 0
    indentation_errors: int = 0
    exhausted_context_windows: int = 0
    test_timeouts: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    reasoning_tokens: int = 0
    thinking_seconds: float = 0.0
    duration_seconds: float = 0.0
    cost: float | None = None
    guard_stops: Mapping[str, int] = field(default_factory=dict)
    # Whether the bot's own verdict (status ``fixed`` or not) agreed with the exercise's hidden tests
    # (``solved``); None in records written before it was kept.
    verdict_agreed: bool | None = None
    date: str = ""
    versions: str = ""
    commit_hash: str = ""
    command: str = ""
    # Cases mined from a repository's history (SWE-bench style): the fix's own date (YYYY-MM-DD), for
    # the contamination column, and where the problem statement came from ("issue" or
    # "commit-message": a commit message often states the fix, so those are reported apart).
    case_date: str = ""
    statement: str = ""

    def __post_init__(self) -> None:
        # Accept lists and plain dicts from callers; store immutable copies.
        object.__setattr__(self, "tests_outcomes", tuple(bool(x) for x in self.tests_outcomes))
        # str(): GuardKind members become their plain names, as they are written to JSON.
        object.__setattr__(self, "guard_stops", {str(k): int(v) for k, v in self.guard_stops.items()})
        architect, editor = split_pair(self.pair)
        if not self.model:
            object.__setattr__(self, "model", architect)
        if self.editor_model is None and editor is not None:
            object.__setattr__(self, "editor_model", editor)

    @property
    def key(self) -> tuple[str, str, str]:
        """(pair, lang, exercise): one record per key survives loading."""
        return (self.pair, self.lang, self.exercise)

    @property
    def skipped(self) -> bool:
        return self.status == SKIPPED

    @property
    def claimed_fixed(self) -> bool:
        """The bot said ``fixed``: a test failed at the base and passes now, and nothing broke."""
        return self.status == FIXED

    @property
    def solved(self) -> bool:
        """The exercise's hidden tests passed on the change (on any try: a case stops at its first pass)."""
        return any(self.tests_outcomes)

    def passed_within(self, tries: int) -> bool:
        """True when the tests passed on one of the first ``tries`` tries."""
        return any(self.tests_outcomes[:tries])

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["tests_outcomes"] = list(self.tests_outcomes)
        data["guard_stops"] = dict(self.guard_stops)
        return data

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, sort_keys=False) + "\n"

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CaseResult:
        """Build from a parsed record; raises ResultFormatError when a value has the wrong type."""
        if not isinstance(data, Mapping):
            raise ResultFormatError("a result must be a JSON object")
        values: dict[str, Any] = {}
        for f in dataclasses.fields(cls):
            if f.name not in data:
                if f.name in ("pair", "lang", "exercise"):
                    raise ResultFormatError(f"missing required key {f.name!r}")
                continue
            convert = _CONVERTERS[f.name]
            try:
                values[f.name] = convert(data[f.name])
            except (TypeError, ValueError) as err:
                raise ResultFormatError(f"key {f.name!r}: {err}") from None
        return cls(**values)

    @classmethod
    def from_json(cls, text: str) -> CaseResult:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as err:
            raise ResultFormatError(f"not valid JSON ({err})") from None
        return cls.from_dict(data)

    def path_in(self, out_dir: Path) -> Path:
        return result_path(out_dir, self.pair, self.lang, self.exercise)

    def write(self, out_dir: Path) -> Path:
        """Write atomically to ``path_in(out_dir)``: a reader never sees half a file."""
        path = self.path_in(out_dir)
        write_atomic(path, self.to_json())
        return path


def split_pair(pair: str) -> tuple[str, str | None]:
    """``"architect+editor"`` -> (architect, editor); a bare model -> (model, None)."""
    architect, plus, editor = pair.partition("+")
    return architect, (editor if plus and editor else None)


def pair_slug(pair: str) -> str:
    """A folder name for a pair: ``/`` becomes ``--``, other unsafe characters ``_``.

    Safe as a GitHub artifact name too (no ``/ \\ : * ? " < > |``).
    """
    slug = re.sub(r"[^A-Za-z0-9._+-]", "_", pair.replace("/", "--")).strip(".")
    return slug or "_"


def result_path(out_dir: Path, pair: str, lang: str, exercise: str) -> Path:
    return out_dir / pair_slug(pair) / lang / exercise / RESULT_FILE


def now_iso() -> str:
    """The current UTC time as CaseResult.date expects it."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def write_atomic(path: Path, text: str) -> None:
    """Write via a temporary file in the same folder and os.replace (atomic on POSIX)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o644)  # mkstemp makes it private; a result is meant to be read and uploaded
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_result(path: Path) -> CaseResult | None:
    """The record at ``path``, or None (with a warning) when it is unreadable or malformed."""
    try:
        return CaseResult.from_json(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ResultFormatError) as err:
        log.warning("skipping %s: %s (re-run that case to replace it)", path, err)
        return None


def load_results(dirs: Sequence[Path]) -> list[CaseResult]:
    """Every readable result.json under ``dirs`` (searched recursively), one per case key.

    When shards overlap, the same (pair, lang, exercise) can appear twice: the record with the
    newest ``date`` wins (ties: the later folder/path), and the dropped one is logged.
    Sorted by key, so summaries never depend on folder order.
    """
    found: dict[tuple[str, str, str], tuple[CaseResult, Path]] = {}
    for directory in dirs:
        if not directory.is_dir():
            raise UsageError(
                f"results folder {directory} does not exist: pass the --out folder of a bench run "
                "or the folder the shard artifacts were downloaded to"
            )
        for path in sorted(directory.rglob(RESULT_FILE)):
            result = read_result(path)
            if result is None:
                continue
            earlier = found.get(result.key)
            if earlier is None:
                found[result.key] = (result, path)
                continue
            kept, dropped = (result, path), earlier
            if _date_key(result.date) < _date_key(earlier[0].date):
                kept, dropped = earlier, (result, path)
            log.warning(
                "duplicate result for %s %s/%s: kept %s (%s), dropped %s (%s)",
                result.pair,
                result.lang,
                result.exercise,
                kept[1],
                kept[0].date or "no date",
                dropped[1],
                dropped[0].date or "no date",
            )
            found[result.key] = kept
    return [found[key][0] for key in sorted(found)]


_EPOCH = datetime.min.replace(tzinfo=UTC)


def _date_key(date: str) -> datetime:
    """Parse an ISO date; undated or unparseable records lose against dated ones."""
    try:
        parsed = datetime.fromisoformat(date)
    except ValueError:
        return _EPOCH
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


# Per-field converters: strict about types (a string where a count belongs is a corrupt file),
# lenient about harmless differences (an int where a float belongs).


def _int(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float) or value != int(value):
        raise TypeError(f"expected an integer, got {value!r}")
    return int(value)


def _float(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"expected a number, got {value!r}")
    return float(value)


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {value!r}")
    return value


def _optional(convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    return lambda value: None if value is None else convert(value)


def _bool(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {value!r}")
    return value


def _bools(value: Any) -> tuple[bool, ...]:
    if not isinstance(value, list) or not all(isinstance(x, bool) for x in value):
        raise TypeError(f"expected a list of booleans, got {value!r}")
    return tuple(value)


def _counts(value: Any) -> dict[str, int]:
    if not isinstance(value, dict):
        raise TypeError(f"expected an object of counts, got {value!r}")
    return {_str(k): _int(v) for k, v in value.items()}


_CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "pair": _str,
    "lang": _str,
    "exercise": _str,
    "model": _str,
    "editor_model": _optional(_str),
    "edit_format": _optional(_str),
    "editor_edit_format": _optional(_str),
    "reasoning_effort": _optional(_str),
    "thinking_tokens": _optional(_int),
    "tests_outcomes": _bools,
    "status": _str,
    "error": _optional(_str),
    "num_malformed_responses": _int,
    "syntax_errors": _int,
    "indentation_errors": _int,
    "exhausted_context_windows": _int,
    "test_timeouts": _int,
    "prompt_tokens": _int,
    "completion_tokens": _int,
    "reasoning_tokens": _int,
    "thinking_seconds": _float,
    "duration_seconds": _float,
    "cost": _optional(_float),
    "guard_stops": _counts,
    "verdict_agreed": _optional(_bool),
    "date": _str,
    "case_date": _str,
    "statement": _str,
    "versions": _str,
    "commit_hash": _str,
    "command": _str,
}
