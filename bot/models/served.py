"""Which catalog models each hosted provider still serves: `architect-bot models --check`.

Each provider is asked through its own SDK's model list (Anthropic's ``GET /v1/models``, paginated;
OpenAI's and the OpenAI-compatible ``GET /models``) with the key in its environment variable;
a provider without a key is skipped, and said. Self-hosted servers (Ollama, vLLM, llama.cpp) serve
what their owner pulled, so a missing model there says nothing about the catalog: they are left out.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field

from bot.models.catalog import Catalog
from bot.models.providers import PROVIDERS, Provider
from bot.models.sdk_loader import load

HOSTED = ("anthropic", "openai", "openrouter", "deepseek")


@dataclass(frozen=True)
class ProviderCheck:
    provider: str
    skipped: str | None = None  # why the provider was not asked
    error: str | None = None  # why asking failed
    stale: tuple[str, ...] = ()  # catalog names the provider no longer serves
    served: int = 0  # how many catalog names it does serve


@dataclass(frozen=True)
class CatalogCheck:
    providers: tuple[ProviderCheck, ...] = field(default_factory=tuple)

    @property
    def stale(self) -> tuple[str, ...]:
        return tuple(name for p in self.providers for name in p.stale)

    def lines(self) -> list[str]:
        out = []
        for p in self.providers:
            if p.skipped:
                out.append(f"{p.provider}: not checked ({p.skipped})")
            elif p.error:
                out.append(f"{p.provider}: could not be asked ({p.error})")
            elif p.stale:
                out.append(f"{p.provider}: no longer serves {', '.join(p.stale)}")
            else:
                out.append(f"{p.provider}: serves all {p.served} catalog models")
        return out


def check_catalog(catalog: Catalog, providers: Iterable[str] = HOSTED) -> CatalogCheck:
    return CatalogCheck(tuple(_check(PROVIDERS[name], catalog) for name in providers))


def _check(provider: Provider, catalog: Catalog) -> ProviderCheck:
    names = {s.api_model: name for name, s in catalog.specs.items() if s.provider == provider.name}
    key = os.environ.get(provider.key_env or "")
    if not names:
        return ProviderCheck(provider.name, skipped="no catalog models")
    if not key:
        return ProviderCheck(provider.name, skipped=f"{provider.key_env} is not set")
    base_url = os.environ.get(provider.base_url_env or "") or provider.default_base_url
    try:
        served = _served_ids(provider, key, base_url)
    except Exception as err:
        return ProviderCheck(provider.name, error=f"{type(err).__name__}: {err}"[:300])
    stale = tuple(sorted(name for api_model, name in names.items() if api_model not in served))
    return ProviderCheck(provider.name, stale=stale, served=len(names) - len(stale))


def _served_ids(provider: Provider, key: str, base_url: str | None) -> set[str]:
    if provider.api == "anthropic":
        client = load("anthropic").Anthropic(api_key=key, base_url=base_url, max_retries=2, timeout=30)
    else:
        client = load("openai").OpenAI(api_key=key, base_url=base_url, max_retries=2, timeout=30)
    return {model.id for model in client.models.list()}  # the SDKs page through the whole list
