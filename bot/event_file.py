"""Reads the event a workflow run was started by: GITHUB_EVENT_NAME and the JSON at GITHUB_EVENT_PATH."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.errors import UsageError


@dataclass(frozen=True)
class Event:
    name: str
    payload: Mapping[str, Any]


def read_event(environ: Mapping[str, str]) -> Event:
    """The run's event. A missing name or file is a usage error: outside Actions, set both by hand."""
    name = environ.get("GITHUB_EVENT_NAME", "").strip()
    if not name:
        raise UsageError(
            "GITHUB_EVENT_NAME is not set: `architect-bot action` runs inside GitHub Actions; "
            "to try it by hand, set GITHUB_EVENT_NAME and GITHUB_EVENT_PATH (see tests/data/events)"
        )
    path_text = environ.get("GITHUB_EVENT_PATH", "").strip()
    if not path_text:
        raise UsageError(
            f"GITHUB_EVENT_PATH is not set for the {name} event: point it at the event's JSON file"
        )
    path = Path(path_text)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise UsageError(f"cannot read the event file {path}: {err.strerror or err}") from err
    try:
        payload = json.loads(text) if text.strip() else {}
    except json.JSONDecodeError as err:
        raise UsageError(f"the event file {path} is not JSON ({err.msg} at line {err.lineno})") from err
    if not isinstance(payload, dict):
        raise UsageError(f"the event file {path} holds a {type(payload).__name__}, not a JSON object")
    return Event(name=name, payload=payload)
