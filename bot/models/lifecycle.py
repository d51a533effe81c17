"""Retired models fail before any call; a model about to retire warns.

A provider answers a retired model id with a bare 404 (or worse, a 400 about the request), far
into a run. The catalog knows the dates (``retires:`` and ``replacement:`` per entry), so the
factory checks them when it builds a model: a retired one is a ``ModelRetired`` naming the date
and what to use instead; one retiring within ``WARN_DAYS`` logs a warning. Replay models never
reach this check: they are offline recordings and keep working under the names they were made with.
A self-hosted gateway that still serves an id can clear the date in the config
(``models: {anthropic/claude-opus-4-1: {retires: null}}``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import UTC, date, datetime

from bot.errors import ConfigError
from bot.models.catalog import Catalog, ModelSpec

log = logging.getLogger(__name__)

WARN_DAYS = 30


class ModelRetired(ConfigError):
    """The chosen model is no longer served by its provider."""

    def __init__(self, model: str, retired_on: date, replacement: str | None) -> None:
        self.model = model
        self.retired_on = retired_on
        self.replacement = replacement
        instead = f"Use {replacement} instead" if replacement else "Choose a current model"
        super().__init__(
            f"model {model} was retired by its provider on {retired_on.isoformat()}: requests to it fail. "
            f"{instead} (--architect/--editor, the action's model inputs or "
            "`architect`/`editor` in .github/architect-bot.yml); `architect-bot models` lists the catalog"
        )


def utc_today() -> date:
    return datetime.now(UTC).date()


def retirement_note(spec: ModelSpec, today: date) -> str:
    """A short status for listings: "" when no date is known."""
    if spec.retires is None:
        return ""
    state = "retired" if spec.retires <= today else "retires"
    note = f"{state} {spec.retires.isoformat()}"
    return f"{note} (use {spec.replacement})" if spec.replacement else note


def check_lifecycle(spec: ModelSpec, today: date | None = None, *, warn: bool = True) -> None:
    """Raises ``ModelRetired`` for a retired model; warns when it retires within ``WARN_DAYS``."""
    if spec.retires is None:
        return
    today = today or utc_today()
    if spec.retires <= today:
        raise ModelRetired(spec.name, spec.retires, spec.replacement)
    left = (spec.retires - today).days
    if warn and left <= WARN_DAYS:
        instead = f"; move to {spec.replacement}" if spec.replacement else "; choose a current model"
        log.warning(
            "model %s retires on %s (in %d day%s): requests to it will fail from then on%s",
            spec.name,
            spec.retires.isoformat(),
            left,
            "" if left == 1 else "s",
            instead,
        )


def check_retired(names: Iterable[str | None], catalog: Catalog, today: date | None = None) -> None:
    """Raises ``ModelRetired`` for the first retired catalog model among ``names`` (replay and
    unknown names pass): run before building any client, so no key is asked for a doomed run."""
    for name in names:
        if name and name in catalog.specs:
            check_lifecycle(catalog.specs[name], today, warn=False)  # make_model warns, once
