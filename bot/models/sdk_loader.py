"""The provider SDKs load in the background from the moment a model is built.

Importing ``anthropic`` costs about 1.5 s (its types), ``openai`` about 0.3 s. A run builds its
models first and calls them only after the context and the baseline, so the import starts in a
thread at once and the first call waits only for what is left of it. Python's per-module import
locks make the two threads safe: the caller's import waits for the background one to finish and
gets the same module; an import that failed in the background is raised again, where it is used.
"""

from __future__ import annotations

import importlib
import sys
import threading
from types import ModuleType

_started: set[str] = set()
_lock = threading.Lock()


def preload(name: str) -> None:
    """Starts importing ``name`` in the background, once per process."""
    with _lock:
        if name in sys.modules or name in _started:
            return
        _started.add(name)
    threading.Thread(target=_import_quietly, args=(name,), name=f"import-{name}", daemon=True).start()


def load(name: str) -> ModuleType:
    """The module, waiting for its background import if one is still running."""
    return importlib.import_module(name)


def _import_quietly(name: str) -> None:
    try:
        importlib.import_module(name)
    except Exception:
        return
