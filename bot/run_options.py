"""What the Action is told besides the run's Settings: how a run is started, who may start it, and
how it ends. Routing (``bot.events``) reads the first part, the Action's preflight and publisher the
rest; ``bot.action.inputs`` builds it from the workflow's inputs."""

from __future__ import annotations

from dataclasses import dataclass

from bot.config import CONFIG_PATH

ACTIONS_BOT = "github-actions[bot]"  # who the workflow's own token acts as


@dataclass(frozen=True)
class RunOptions:
    trigger_label: str = "architect"
    command_prefix: str = "/architect"
    # The account the token acts as, when told (else the Actions bot); events it causes never start
    # a run. Any login ending in "[bot]" (an App) is recognised anyway: this is for a person's token.
    bot_login: str | None = None
    # Assigning an issue to this login starts a run as the label does (default: ``bot_login``; the
    # workflow's own token acts as an App, which GitHub does not let issues be assigned to).
    assignee: str | None = None
    min_permission: str = "write"
    allowed_users: tuple[str, ...] = ()
    draft_on_failure: bool = True
    timeout_minutes: float | None = None
    config_file: str = CONFIG_PATH
    # How long to wait for the repository's CI to start on the bot's pull request before saying
    # that none did (0: do not wait); only when a workflow runs on pull requests or pushes.
    ci_wait_minutes: float = 1.0

    @property
    def bot_account(self) -> str:
        return self.bot_login or ACTIONS_BOT

    @property
    def trigger_assignee(self) -> str | None:
        return self.assignee or self.bot_login
