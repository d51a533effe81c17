"""Which issue comments a model may read: by default only those of people with write access.

Anyone can comment on a public issue, and whatever reaches the prompt can steer the model; the people
who can trigger the bot are writers anyway. The role comes from the collaborator permission API (the
forge caches it per login for the run), never from a payload's ``author_association``.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from bot.events import actor_allowed
from bot.forge.base import Forge
from bot.forge.types import ForgeIssue
from bot.untrusted import clean

log = logging.getLogger(__name__)
WRITER = "write"


def readable_comments(
    forge: Forge, issue: ForgeIssue, *, prefix: str, comments_from: str, allowed_users: Sequence[str]
) -> tuple[str, ...]:
    """The cleaned text of the human comments a model may read, commands to the bot left out."""

    def trusted(login: str) -> bool:
        return actor_allowed(login, forge.permission_of(login), WRITER, allowed_users)

    human = [c for c in issue.human_comments() if not c.body.lstrip().startswith(prefix)]
    kept = [c for c in human if comments_from == "everyone" or trusted(c.author)]
    if len(kept) < len(human):
        log.info(
            "left %d comment(s) by people without write access out of the prompt (comments-from: %s)",
            len(human) - len(kept),
            comments_from,
        )
    return tuple(clean(c.body) for c in kept)
