"""What a self-hosted server says about the model it serves: its context window.

A guessed window is often wrong both ways for Ollama, vLLM and llama.cpp servers: too large and the
server cuts the prompt silently (Ollama) or refuses it; too small and a run fails that would fit.
So the bot asks, once per model per run, with a short timeout, and falls back to the catalog
quietly when the server does not say:
- vLLM: ``GET /v1/models`` lists ``max_model_len`` per model (the length it was started with).
- llama.cpp's server: ``GET /props`` gives ``default_generation_settings.n_ctx``, the window it
  runs with; ``GET /v1/models`` gives ``meta.n_ctx_train``, the trained length (the upper bound).
- Ollama: ``POST /api/show`` gives the Modelfile's ``num_ctx`` parameter when one is set (that is
  what a request runs with); otherwise the server's default applies (``OLLAMA_CONTEXT_LENGTH``,
  else a size chosen by the GPU's memory), which only ``GET /api/ps`` reports (``context_length``),
  for a loaded model. The trained length (``model_info``) is not the window: Ollama cuts a longer
  prompt silently.
"""

from __future__ import annotations

import json
import logging
import re
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

TIMEOUT_S = 3.0
LOAD_TIMEOUT_S = 120.0  # loading a model into memory can take a while on a cold server
_cache: dict[tuple[str, str, str], Window | None] = {}


@dataclass(frozen=True)
class Window:
    tokens: int
    source: str  # what said so, for the log and the error a user reads


def served_window(provider: str, base_url: str, model: str, api_key: str | None) -> Window | None:
    """The window the server at ``base_url`` runs ``model`` with, or None when it does not say."""
    key = (provider, base_url, model)
    if key not in _cache:
        ask = _ollama if provider == "ollama" else _openai_compatible
        found: Window | None = None
        try:
            found = ask(base_url.rstrip("/"), model, api_key)
        except (OSError, ValueError, urllib.error.URLError) as err:
            log.debug("%s at %s did not say the window of %s: %s", provider, base_url, model, err)
        if found is not None:
            log.info("%s/%s: a %d-token window (%s)", provider, model, found.tokens, found.source)
        _cache[key] = found
    return _cache[key]


def _openai_compatible(base: str, model: str, api_key: str | None) -> Window | None:
    listed = _get(f"{base}/models", api_key)
    entry = next((m for m in listed.get("data", []) if isinstance(m, dict) and m.get("id") == model), None)
    trained: int | None = None
    if entry is not None:
        if _positive(entry.get("max_model_len")):  # vLLM: what the server was started with
            return Window(entry["max_model_len"], "vLLM's max_model_len")
        meta = entry.get("meta")
        if isinstance(meta, dict) and _positive(meta.get("n_ctx_train")):
            trained = meta["n_ctx_train"]
    try:  # llama.cpp's server: the window it runs with
        props = _get(f"{_root(base)}/props", api_key)
    except (OSError, ValueError, urllib.error.URLError):
        props = {}
    settings = props.get("default_generation_settings")
    n_ctx = settings.get("n_ctx") if isinstance(settings, dict) else props.get("n_ctx")
    if isinstance(n_ctx, int) and _positive(n_ctx):
        return Window(min(n_ctx, trained) if trained else n_ctx, "llama.cpp's n_ctx")
    return Window(trained, "the model's trained length (n_ctx_train)") if trained else None


def _ollama(base: str, model: str, api_key: str | None) -> Window | None:
    root = _root(base)
    shown = _post(f"{root}/api/show", {"model": model}, api_key)
    match = re.search(r"^num_ctx\s+(\d+)", str(shown.get("parameters") or ""), re.MULTILINE)
    if match:
        return Window(int(match.group(1)), "the Modelfile's num_ctx")
    loaded = _loaded_window(root, model, api_key)
    if loaded is None:
        # an empty generate request loads the model (the run's first call would anyway): then the
        # server reports the window it gave it, whatever OLLAMA_CONTEXT_LENGTH says
        _post(f"{root}/api/generate", {"model": model}, api_key, timeout=LOAD_TIMEOUT_S)
        loaded = _loaded_window(root, model, api_key)
    if loaded is not None:
        return Window(loaded, "the loaded model's context_length (api/ps)")
    log.warning(
        "ollama/%s: the server did not say the window it runs the model with (no num_ctx in the "
        "Modelfile, no context_length in api/ps); set `models: {ollama/%s: {context_window: N}}` to "
        "its OLLAMA_CONTEXT_LENGTH, or Ollama may cut long prompts silently",
        model,
        model,
    )
    return None


def _loaded_window(root: str, model: str, api_key: str | None) -> int | None:
    for entry in _get(f"{root}/api/ps", api_key).get("models", []):
        named = isinstance(entry, dict) and model in (entry.get("name"), entry.get("model"))
        if named and _positive(entry.get("context_length")):
            return int(entry["context_length"])
    return None


def _root(base: str) -> str:
    return base[: -len("/v1")] if base.endswith("/v1") else base


def _positive(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _get(url: str, api_key: str | None) -> dict[str, Any]:
    return _send(urllib.request.Request(url, headers=_headers(api_key)), TIMEOUT_S)


def _post(url: str, body: dict[str, Any], api_key: str | None, timeout: float = TIMEOUT_S) -> dict[str, Any]:
    data = json.dumps(body).encode()
    headers = {**_headers(api_key), "Content-Type": "application/json"}
    return _send(urllib.request.Request(url, data=data, headers=headers, method="POST"), timeout)


def _headers(api_key: str | None) -> dict[str, str]:
    return {"Authorization": f"Bearer {api_key}"} if api_key else {}


def _send(request: urllib.request.Request, timeout: float) -> dict[str, Any]:
    with urllib.request.urlopen(request, timeout=timeout) as response:
        data = json.loads(response.read(1_000_000))
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    return data
