"""GitHub's REST description, made fit for Prism's validator without changing what it allows.

Prism compiles each schema with Ajv and, when compiling throws, skips the check without a word
(``O.tryCatch`` in prism-http's validator). Ajv throws on ``nullable`` without a sibling ``type``,
which GitHub's description has in 145 places, among them the ``issue`` schema: so ``GET
/repos/{owner}/{repo}/issues/{issue_number}`` and the ``PATCH`` of an issue went unchecked.
Each such ``{"nullable": true, ...rest}`` becomes ``{"anyOf": [rest, {"type": "null"}]}`` (the
same set of values); ``nullable: false`` without a type is dropped. Nothing else changes.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

PATCH_VERSION = "2"  # bump when _fit changes, so cached copies are rebuilt


def _fit(node: Any) -> Any:
    if isinstance(node, list):
        return [_fit(item) for item in node]
    if not isinstance(node, dict):
        return node
    fitted = {key: value if _is_data(key) else _fit(value) for key, value in node.items()}
    if "nullable" in fitted and "type" not in fitted:
        nullable = fitted.pop("nullable")
        keep = {k: fitted.pop(k) for k in ("description", "readOnly", "deprecated") if k in fitted}
        if nullable is True and fitted:
            return {**keep, "anyOf": [fitted, {"type": "null"}]}
        return {**keep, **fitted}
    return fitted


def _is_data(key: str) -> bool:
    """Examples and vendor extensions hold data, not schemas: left alone."""
    return key.startswith("x-") or key in ("example", "examples", "default", "enum", "const")


def count_untyped_nullables(node: Any) -> int:
    if isinstance(node, list):
        return sum(count_untyped_nullables(item) for item in node)
    if not isinstance(node, dict):
        return 0
    here = 1 if "nullable" in node and "type" not in node else 0
    return here + sum(count_untyped_nullables(v) for k, v in node.items() if not _is_data(k))


def prism_ready(source: Path, cache_dir: Path) -> Path:
    """A copy of ``source`` Prism can check every operation against (cached next to the tools)."""
    target = cache_dir / f"{source.stem}.prism-v{PATCH_VERSION}.json"
    if target.exists() and target.stat().st_mtime >= source.stat().st_mtime:
        return target
    document = _fit(json.loads(source.read_text()))
    cache_dir.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".tmp")
    partial.write_text(json.dumps(document))
    partial.replace(target)
    return target
