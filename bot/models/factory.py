"""`make_model(name)`: the one place that builds real model clients."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from bot.errors import UsageError
from bot.models.catalog import Catalog, load_catalog, split_name
from bot.models.discovery import served_window
from bot.models.errors import ModelAuthError
from bot.models.guards import LoopConfig
from bot.models.lifecycle import check_lifecycle, check_retired
from bot.models.providers import PROVIDERS
from bot.models.redacting import RedactingModel
from bot.models.replay import RecordingModel, ReplayModel
from bot.models.retry import RetryPolicy
from bot.models.types import Models

if TYPE_CHECKING:
    from bot.config import Settings
    from bot.ports import Model

RECORD_ENV = "ARCHITECT_RECORD"
NO_KEY = "not-needed"  # local servers ignore the key, but the SDKs insist on one
SELF_HOSTED = frozenset({"ollama", "vllm", "llamacpp", "compat"})  # servers that can say their window


def make_model(
    name: str,
    *,
    base_url: str | None = None,
    api_key: str | None = None,
    catalog: Catalog | None = None,
    retry: RetryPolicy | None = None,
    loop: LoopConfig | None = None,
    today: date | None = None,
    ask_window: bool = True,
) -> Model:
    """A model by catalog name, e.g. ``anthropic/claude-sonnet-5-5``, ``ollama/qwq``, ``replay/demo.json``.

    ``base_url`` and ``api_key`` override the provider's env vars (see ``bot.models.providers``).
    With ``ARCHITECT_RECORD=<path>`` set, every call is also appended to that replay transcript.
    A provider's model masks known secrets in everything it is sent (``RedactingModel``).
    A retired model raises ``ModelRetired`` here, before any call (``today``: the UTC date, for tests).
    A self-hosted server is asked the window it runs the model with (``bot.models.discovery``) unless
    ``ask_window`` is False (the settings give the window).
    """
    provider_name, rest = split_name(name)
    if provider_name == "replay":
        return ReplayModel(name, Path(rest))
    provider = PROVIDERS[provider_name]
    spec = (catalog or load_catalog()).get(name)
    check_lifecycle(spec, today)
    key = api_key or (os.environ.get(provider.key_env) if provider.key_env else None)
    if not key:
        if provider.key_required:
            raise ModelAuthError(name, "no API key given", env_var=provider.key_env, status=None)
        key = NO_KEY
    url = base_url or (os.environ.get(provider.base_url_env) if provider.base_url_env else None)
    url = url or provider.default_base_url
    if provider_name == "compat" and not url:
        raise UsageError(f"{name}: an OpenAI-compatible model needs --base-url or OPENAI_BASE_URL")
    if ask_window and provider_name in SELF_HOSTED and url:
        served = served_window(provider_name, url, spec.api_model, None if key == NO_KEY else key)
        if served is not None:
            spec = spec.with_window(served.tokens)
    model: Model
    # Each SDK costs up to seconds of imports: load only the one this model speaks.
    if provider.api == "anthropic":
        from bot.models.anthropic_model import AnthropicModel

        model = AnthropicModel(name, spec, api_key=key, base_url=url, retry=retry, loop=loop)
    else:
        from bot.models.openai_model import OpenAIModel

        model = OpenAIModel(
            name, spec, api_key=key, base_url=url, key_env=provider.key_env, retry=retry, loop=loop
        )
    record = os.environ.get(RECORD_ENV)
    return RedactingModel(RecordingModel(model, Path(record)) if record else model)


def build_model(settings: Settings, name: str) -> Model:
    """A model named in ``settings``, with the settings' own model entries added to the catalog."""
    extra: dict[str, object] = dict(settings.models)
    given_window = "context_window" in settings.models.get(name, {})
    return make_model(
        name, base_url=settings.base_url, catalog=load_catalog(extra or None), ask_window=not given_window
    )


def build_models(settings: Settings) -> Models:
    # a retired architect fails before the editor's key is looked for
    check_retired((settings.architect, settings.editor), load_catalog(dict(settings.models) or None))
    editor = build_model(settings, settings.editor)
    if settings.architect is None or settings.solo:
        return Models(editor=editor)
    return Models(editor=editor, architect=build_model(settings, settings.architect))
