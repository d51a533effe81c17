"""`replay/<file>`: plays recorded completions so demos and tests run offline; and the recorder.

File format (JSON, or YAML for a ``.yml`` / ``.yaml`` path)::

    {"model": "deepseek/deepseek-reasoner",
     "entries": [
        {"fingerprint": "<sha256 of the canonical request>",     # or:
         "match": ["substring", "..."],                          # all in the last user message
         "completion": {"answer": "...", "reasoning": "...", "reasoning_tokens": 900, ...}}]}

The fingerprint covers the roles and contents of the messages (see :func:`fingerprint`). When
several entries match, the first unused one plays. An unmatched request raises ``ReplayMissing``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from bot.errors import ConfigError, ModelError
from bot.models.calllog import log_call
from bot.models.errors import ReplayMissing
from bot.models.types import CallSettings, Completion, GuardKind, Message

if TYPE_CHECKING:
    from bot.ports import Model, OnDelta

COMPLETION_FIELDS = {f.name for f in dataclasses.fields(Completion)} - {"model"}


def fingerprint(messages: Sequence[Message]) -> str:
    canonical = json.dumps([[m.role, m.content] for m in messages], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _last_user(messages: Sequence[Message]) -> str:
    for m in reversed(messages):
        if m.role == "user":
            return m.content
    return messages[-1].content if messages else ""


def read_transcript(path: Path) -> dict[str, Any]:
    if not path.is_file():
        return {"entries": []}
    text = path.read_text(encoding="utf-8")
    data = yaml.safe_load(text) if path.suffix in (".yml", ".yaml") else json.loads(text or "{}")
    if not isinstance(data, dict) or not isinstance(data.get("entries", []), list):
        raise ConfigError(f"replay {path}: expected a mapping with an `entries` list")
    data.setdefault("entries", [])
    return data


def write_transcript(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix in (".yml", ".yaml"):
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    else:
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8")


def completion_from(model: str, raw: dict[str, Any]) -> Completion:
    unknown = set(raw) - COMPLETION_FIELDS
    if unknown:
        raise ConfigError(f"replay entry has unknown completion fields {sorted(unknown)}")
    fields = dict(raw)
    if fields.get("guard") is not None:
        fields["guard"] = GuardKind(fields["guard"])
    fields.setdefault("answer", "")
    if "total_seconds" not in fields:
        fields["total_seconds"] = float(fields.get("thinking_seconds", 0.0)) + float(
            fields.get("answer_seconds", 0.0)
        )
    return Completion(model=model, **fields)


def completion_to(c: Completion) -> dict[str, Any]:
    raw = dataclasses.asdict(c)
    raw.pop("model")
    raw["guard"] = c.guard.value if c.guard else None
    return {k: v for k, v in raw.items() if v not in (None, {}, "")}


class ReplayModel:
    def __init__(self, name: str, path: Path) -> None:
        self.name = name
        self.path = path
        data = read_transcript(path)
        if not path.is_file():
            raise ConfigError(f"replay file {path} does not exist; record one with ARCHITECT_RECORD={path}")
        self.recorded_model = str(data.get("model") or name)
        self.entries: list[dict[str, Any]] = data["entries"]
        self.used = [False] * len(self.entries)

    def _matches(self, entry: dict[str, Any], fp: str, last: str) -> bool:
        if entry.get("fingerprint"):
            return bool(entry["fingerprint"] == fp)
        needles = entry.get("match") or []
        return bool(needles) and all(str(n) in last for n in needles)

    def complete(
        self, messages: Sequence[Message], settings: CallSettings, on_delta: OnDelta | None = None
    ) -> Completion:
        fp, last = fingerprint(messages), _last_user(messages)
        for i, entry in enumerate(self.entries):
            if not self.used[i] and self._matches(entry, fp, last):
                self.used[i] = True
                result = completion_from(self.recorded_model, entry.get("completion") or {})
                if on_delta is not None:
                    if result.reasoning:
                        on_delta("reasoning", result.reasoning)
                    if result.answer:
                        on_delta("answer", result.answer)
                log_call(result)
                return result
        raise ReplayMissing(str(self.path), fp, last)

    def unused(self) -> list[int]:
        """Indexes of entries never played."""
        return [i for i, used in enumerate(self.used) if not used]

    def assert_all_used(self) -> None:
        """Fails loudly when the transcript holds calls the run never made (a demo drifted)."""
        left = self.unused()
        if left:
            raise ModelError(
                f"replay {self.path}: entries {left} were never requested; the prompts changed, re-record"
            )


class RecordingModel:
    """Wraps a real model and appends each call to a transcript in the replay format."""

    _lock = threading.Lock()

    def __init__(self, inner: Model, path: Path) -> None:
        self.inner = inner
        self.name = inner.name
        self.path = path

    def complete(
        self, messages: Sequence[Message], settings: CallSettings, on_delta: OnDelta | None = None
    ) -> Completion:
        result = self.inner.complete(messages, settings, on_delta)
        entry = {
            "fingerprint": fingerprint(messages),
            "last_message_start": _last_user(messages)[:200],
            "completion": completion_to(result),
        }
        with self._lock:
            data = read_transcript(self.path)
            data.setdefault("model", self.inner.name)
            data["entries"].append(entry)
            write_transcript(self.path, data)
        return result
