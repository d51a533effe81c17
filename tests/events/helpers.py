"""Loads the real event payloads in tests/data/events (see make_events.py there)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

EVENTS = Path(__file__).resolve().parents[1] / "data" / "events"
ROOT = Path(__file__).resolve().parents[2]


def event_files() -> list[Path]:
    return sorted(p for p in EVENTS.glob("*.json") if p.name != "webhook-schemas.json")


def load(stem: str) -> dict[str, Any]:
    """A fresh copy of one payload, so a test may change it."""
    data: dict[str, Any] = json.loads((EVENTS / f"{stem}.json").read_text(encoding="utf-8"))
    return data


def event_name(stem: str) -> str:
    """`issue_comment.created.fix` -> `issue_comment`: the GITHUB_EVENT_NAME it is delivered with."""
    return stem.split(".", 1)[0]
